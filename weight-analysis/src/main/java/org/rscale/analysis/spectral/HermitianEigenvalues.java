package org.rscale.analysis.spectral;

import java.util.Arrays;

/**
 * The eigenvalues of a complex Hermitian matrix (no eigenvectors), with a reusable workspace: the
 * singular values of a convolution's frequency matrices come from the eigenvalues of their Gram matrices
 * ({@link ConvSpectrum}).
 *
 * <p><b>Algorithm.</b> Householder reduction to tridiagonal form, then the implicit QL iteration with
 * Wilkinson shifts on the real tridiagonal matrix (as EISPACK {@code htridi} followed by {@code tql1}):
 * <pre>
 *   for k = 0 .. n-3, with x = A[k+1.., k] (length m = n-k-1), s = ||x||, u = x_0/|x_0| (1 if x_0 = 0):
 *     v = x + u s e_0,  tau = 2/(v^H v) = 1/(s (s + |x_0|))      (H = I - tau v v^H, H x = -u s e_0)
 *     p = tau A22 v,  K = (tau/2) v^H p  (real),  w = p - K v
 *     A22 &lt;- H A22 H = A22 - v w^H - w v^H                       (A22 = A[k+1.., k+1..])
 *     d_k = A[k, k],  e_k = s                                       (|sub-diagonal entry|)
 * </pre>
 * A Hermitian tridiagonal matrix with diagonal {@code d} and off-diagonal {@code c_k} is unitarily
 * similar (by a diagonal of phases) to the real symmetric one with off-diagonal {@code |c_k|}, so only
 * {@code s = |c_k|} is kept. The QL sweeps then run on {@code (d, e)} in {@code O(n^2)}.
 *
 * <p><b>Accuracy.</b> Backward stable: each computed eigenvalue is within a modest multiple of
 * {@code eps ||A||_2} of an exact one (tested against Commons Math's real symmetric decomposition of the
 * {@code 2n x 2n} embedding {@code [[Re, -Im], [Im, Re]]}, whose eigenvalues are those of {@code A},
 * each twice).
 *
 * <p><b>Cost.</b> About {@code 16 n^3 / 3} floating-point operations for the reduction (the lower triangle
 * only: each entry below the diagonal serves the matrix-vector product twice, as {@code A[i][j]} and as
 * {@code conj(A[i][j])}), {@code O(n^2)} for the QL sweeps; the workspace ({@code 6n} doubles) is
 * allocated once and grown only for a larger {@code n}; the
 * matrix's columns are never traversed in the inner loops (the Householder vector is copied out first).
 *
 * <p>Not thread-safe: one instance per thread.
 *
 * <p>References: B. T. Smith et al., "Matrix Eigensystem Routines: EISPACK Guide", LNCS 6, 1976
 * ({@code htridi}, {@code tql1}); G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed., 2013,
 * sections 8.3.1 (Householder tridiagonalisation) and 8.3.5 (implicit symmetric QR/QL step).
 */
public final class HermitianEigenvalues {
    /** QL sweeps allowed per eigenvalue before giving up (convergence is cubic; 30 is never reached in practice). */
    private static final int MAX_SWEEPS = 60;
    /** Unit roundoff of binary64, 2^-53. */
    private static final double EPS = 0x1p-53;

    private double[] vRe = new double[0];
    private double[] vIm = new double[0];
    private double[] pRe = new double[0];
    private double[] pIm = new double[0];
    private double[] d = new double[0];
    private double[] e = new double[0];

    /** An empty workspace; it grows on first use. */
    public HermitianEigenvalues() {
    }

    /**
     * Computes the eigenvalues of a Hermitian matrix, destroying it.
     *
     * <p>Only the lower triangle is read (the diagonal's real part and the entries below it): the upper
     * triangle is taken to be {@code A[j][i] = conj(A[i][j])} and may hold anything.
     *
     * @param re  real parts, row-major {@code n x n}; Modified (the lower triangle is overwritten)
     * @param im  imaginary parts, row-major {@code n x n}; Modified (the lower triangle)
     * @param n   the order, at least 1
     * @param out the eigenvalues in ascending order, {@code out[0..n-1]}; Modified
     * @throws IllegalArgumentException when {@code n < 1} or an array is shorter than needed
     * @throws ArithmeticException      when the QL iteration does not converge (a non-finite input)
     */
    public void eigenvaluesInPlace(double[] re, double[] im, int n, double[] out) {
        if (n < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + n);
        }
        if (re.length < n * n || im.length < n * n || out.length < n) {
            throw new IllegalArgumentException("arrays too short for order " + n + ": re " + re.length + ", im "
                    + im.length + ", out " + out.length);
        }
        grow(n);
        tridiagonalise(re, im, n);
        ql(n);
        System.arraycopy(d, 0, out, 0, n);
        Arrays.sort(out, 0, n);
    }

    private void grow(int n) {
        if (d.length < n) {
            vRe = new double[n];
            vIm = new double[n];
            pRe = new double[n];
            pIm = new double[n];
            d = new double[n];
            e = new double[n];
        }
    }

    /** Householder reduction: fills d[0..n-1] and e[0..n-2] (e[k] couples k and k+1), e[n-1] = 0. */
    private void tridiagonalise(double[] re, double[] im, int n) {
        for (int k = 0; k < n - 2; k++) {
            int m = n - k - 1;
            int base = (k + 1) * n + (k + 1); // A22[0][0]
            // v = x = A[k+1.., k], copied to a contiguous vector
            double norm2 = 0;
            for (int j = 0, at = (k + 1) * n + k; j < m; j++, at += n) {
                vRe[j] = re[at];
                vIm[j] = im[at];
                norm2 += vRe[j] * vRe[j] + vIm[j] * vIm[j];
            }
            d[k] = re[k * n + k];
            double s = Math.sqrt(norm2);
            e[k] = s;
            if (s == 0) {
                continue; // already tridiagonal in this column
            }
            double a0 = Math.hypot(vRe[0], vIm[0]);
            double uRe = a0 == 0 ? 1 : vRe[0] / a0;
            double uIm = a0 == 0 ? 0 : vIm[0] / a0;
            // v_0 = x_0 + u s = u (|x_0| + s)
            vRe[0] = uRe * (a0 + s);
            vIm[0] = uIm * (a0 + s);
            double tau = 1 / (s * (s + a0));
            // p = tau A22 v, from the lower triangle: A22[j][i] = conj(A22[i][j])
            for (int i = 0; i < m; i++) {
                pRe[i] = 0;
                pIm[i] = 0;
            }
            for (int i = 0, row = base; i < m; i++, row += n) {
                double viRe = vRe[i];
                double viIm = vIm[i];
                double sRe = 0;
                double sIm = 0;
                for (int j = 0; j < i; j++) {
                    double aRe = re[row + j];
                    double aIm = im[row + j];
                    // p_i += A22[i][j] v_j
                    sRe += aRe * vRe[j] - aIm * vIm[j];
                    sIm += aRe * vIm[j] + aIm * vRe[j];
                    // p_j += conj(A22[i][j]) v_i
                    pRe[j] += aRe * viRe + aIm * viIm;
                    pIm[j] += aRe * viIm - aIm * viRe;
                }
                double dii = re[row + i];
                pRe[i] += sRe + dii * viRe;
                pIm[i] += sIm + dii * viIm;
            }
            double vhp = 0; // v^H p, real for Hermitian A22
            for (int i = 0; i < m; i++) {
                pRe[i] *= tau;
                pIm[i] *= tau;
                // Re(conj(v_i) p_i)
                vhp += vRe[i] * pRe[i] + vIm[i] * pIm[i];
            }
            double kk = 0.5 * tau * vhp;
            // w = p - K v (stored in p)
            for (int i = 0; i < m; i++) {
                pRe[i] -= kk * vRe[i];
                pIm[i] -= kk * vIm[i];
            }
            // A22 <- A22 - v w^H - w v^H, lower triangle (j <= i)
            for (int i = 0, row = base; i < m; i++, row += n) {
                double viRe = vRe[i];
                double viIm = vIm[i];
                double wiRe = pRe[i];
                double wiIm = pIm[i];
                for (int j = 0; j <= i; j++) {
                    // v_i conj(w_j) + w_i conj(v_j)
                    re[row + j] -= viRe * pRe[j] + viIm * pIm[j] + wiRe * vRe[j] + wiIm * vIm[j];
                    im[row + j] -= viIm * pRe[j] - viRe * pIm[j] + wiIm * vRe[j] - wiRe * vIm[j];
                }
            }
        }
        if (n >= 2) {
            d[n - 2] = re[(n - 2) * n + (n - 2)];
            int sub = (n - 1) * n + (n - 2);
            e[n - 2] = Math.hypot(re[sub], im[sub]);
        }
        d[n - 1] = re[(n - 1) * n + (n - 1)];
        e[n - 1] = 0;
    }

    /** Implicit QL with Wilkinson shifts on (d, e), eigenvalues only; d is overwritten by the eigenvalues. */
    private void ql(int n) {
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= EPS * dd) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break; // d[l] has converged
                }
                if (++sweeps > MAX_SWEEPS) {
                    throw new ArithmeticException("QL iteration did not converge for eigenvalue " + l + " of " + n
                            + " (non-finite matrix entries?)");
                }
                // Wilkinson shift from the leading 2 x 2 block at l
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        // underflow: the matrix splits at i+1; restart the search
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (deflated) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
