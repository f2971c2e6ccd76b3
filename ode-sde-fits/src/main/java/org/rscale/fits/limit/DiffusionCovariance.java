package org.rscale.fits.limit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The covariance per unit time {@code Sigma(t)} of the joint noise {@code (W^A, W^b)}, piecewise constant
 * on equal windows of [0, 1]: the diffusion coefficient the many-path SDE simulation draws its Brownian
 * increments with ({@link SdeLimit#terminalDistributions}).
 *
 * <p><b>Layout.</b> The joint noise has {@code m = d^2 + d} coordinates: {@code W^A} row-major
 * ({@code W^A_ij} at {@code i d + j}), then {@code W^b} ({@code W^b_i} at {@code d^2 + i}). Window
 * {@code w} covers {@code [w/n_w, (w+1)/n_w)} (the last one includes 1) and its m x m covariance is at
 * {@code covariance[w m^2 ..]}, row-major.
 *
 * <p><b>Estimate from a path</b> ({@link #of}): the realised quadratic (co)variation per unit time,
 * <pre>
 *   Sigma_w = sum_{g in w} dW_g dW_g^T / sum_{g in w} dt_g,
 * </pre>
 * over the grid steps g whose left point lies in window w. For a Brownian motion with covariance
 * {@code Sigma} on n steps its relative error is about {@code sqrt(2 n_w / n)} per entry. It has rank at
 * most the number of steps in the window: the simulation draws with a factor
 * {@code F F^T = Sigma_w} from the eigendecomposition, which needs no positive definiteness.
 *
 * @param dim        the width d
 * @param windows    the number of windows, at least 1
 * @param covariance {@code windows * m * m} values, each window's matrix symmetric positive semi-definite
 */
public record DiffusionCovariance(int dim, int windows, double[] covariance) {

    /**
     * Checks the lengths.
     *
     * @param dim the width d
     * @param windows the number of windows, at least 1
     * @param covariance {@code windows * m * m} values
     */
    public DiffusionCovariance {
        if (dim < 1 || windows < 1) {
            throw new IllegalArgumentException("width and windows must be positive: d=" + dim + ", windows=" + windows);
        }
        int m = dim * dim + dim;
        if (covariance.length != (long) windows * m * m) {
            throw new IllegalArgumentException("covariance of width " + dim + " over " + windows + " window(s) needs "
                    + (long) windows * m * m + " values, got " + covariance.length);
        }
        for (int i = 0; i < covariance.length; i++) {
            if (!Double.isFinite(covariance[i])) {
                throw new IllegalArgumentException("covariance entry " + i + " is not finite: " + covariance[i]);
            }
        }
    }

    /**
     * The realised covariance of a noise path, per unit time, on equal windows.
     *
     * @param noise   the noise paths
     * @param windows the number of windows, at least 1; every window must hold the left point of a step
     * @return the estimate
     * @throws IllegalArgumentException when a window holds no step
     */
    public static DiffusionCovariance of(NoisePaths noise, int windows) {
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be positive, got " + windows);
        }
        int d = noise.dim();
        int m = d * d + d;
        int n = noise.steps();
        double[] t = noise.grid();
        double[] dWA = noise.incrementsA();
        double[] dWb = noise.incrementsB();
        double[] cov = new double[windows * m * m];
        double[] time = new double[windows];
        double[] inc = new double[m];
        for (int g = 0; g < n; g++) {
            int w = windowOf(t[g], windows);
            System.arraycopy(dWA, g * d * d, inc, 0, d * d);
            System.arraycopy(dWb, g * d, inc, d * d, d);
            int off = w * m * m;
            for (int i = 0; i < m; i++) {
                int row = off + i * m;
                for (int j = 0; j < m; j++) {
                    // Sigma_w += dW dW^T
                    cov[row + j] += inc[i] * inc[j];
                }
            }
            time[w] += t[g + 1] - t[g];
        }
        for (int w = 0; w < windows; w++) {
            if (time[w] == 0) {
                throw new IllegalArgumentException("window " + w + " of " + windows + " holds no step of the "
                        + n + "-step noise grid");
            }
            int off = w * m * m;
            for (int i = 0; i < m * m; i++) {
                cov[off + i] /= time[w];
            }
        }
        return new DiffusionCovariance(d, windows, cov);
    }

    /**
     * A constant covariance.
     *
     * @param d     the width
     * @param sigma the m x m covariance per unit time, row-major; copied
     * @return the covariance, one window
     */
    public static DiffusionCovariance constant(int d, double[] sigma) {
        return new DiffusionCovariance(d, 1, sigma.clone());
    }

    /**
     * Independent coordinates of equal variance: {@code Sigma = v I}.
     *
     * @param d        the width
     * @param variance v, per unit time, {@code >= 0}
     * @return the covariance, one window
     */
    public static DiffusionCovariance isotropic(int d, double variance) {
        if (!(variance >= 0)) {
            throw new IllegalArgumentException("variance must be >= 0, got " + variance);
        }
        int m = d * d + d;
        double[] sigma = new double[m * m];
        for (int i = 0; i < m; i++) {
            sigma[i * m + i] = variance;
        }
        return new DiffusionCovariance(d, 1, sigma);
    }

    /** @return the number of joint noise coordinates, {@code d^2 + d} */
    public int m() {
        return dim * dim + dim;
    }

    /**
     * @param c a factor, {@code >= 0}
     * @return {@code c Sigma}
     */
    public DiffusionCovariance scaled(double c) {
        if (!(c >= 0)) {
            throw new IllegalArgumentException("scale must be >= 0, got " + c);
        }
        double[] s = covariance.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= c;
        }
        return new DiffusionCovariance(dim, windows, s);
    }

    /**
     * @param w a window
     * @param i a row, in [0, m)
     * @param j a column, in [0, m)
     * @return {@code Sigma_w[i][j]}
     */
    public double get(int w, int i, int j) {
        int m = m();
        return covariance[w * m * m + i * m + j];
    }

    /**
     * @param t a time in [0, 1]
     * @return the window holding t
     */
    public int window(double t) {
        return windowOf(t, windows);
    }

    /**
     * Factors {@code F_w} with {@code F_w F_w^T = Sigma_w}: {@code F = V diag(sqrt(lambda))} over the
     * eigenvalues {@code lambda > 1e-14 max(lambda)} of the symmetrised matrix (negative round-off
     * eigenvalues are dropped). Each factor is stored m x r row-major, r its rank; r = 0 for a zero window.
     *
     * @return one factor per window, each {@code m * r} values
     */
    double[][] factors() {
        int m = m();
        double[][] out = new double[windows][];
        for (int w = 0; w < windows; w++) {
            int off = w * m * m;
            double[][] s = new double[m][m];
            double max = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    s[i][j] = 0.5 * (covariance[off + i * m + j] + covariance[off + j * m + i]);
                    max = Math.max(max, Math.abs(s[i][j]));
                }
            }
            if (max == 0) {
                out[w] = new double[0];
                continue;
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(s, false));
            double[] lambda = eig.getRealEigenvalues();
            RealMatrix V = eig.getV();
            double top = 0;
            for (int e = 0; e < lambda.length; e++) {
                top = Math.max(top, lambda[e]);
            }
            int r = 0;
            for (int e = 0; e < lambda.length; e++) {
                if (lambda[e] > 1e-14 * top) {
                    r++;
                }
            }
            double[] F = new double[m * r];
            int c = 0;
            for (int e = 0; e < lambda.length; e++) {
                if (lambda[e] > 1e-14 * top) {
                    double root = Math.sqrt(lambda[e]);
                    for (int i = 0; i < m; i++) {
                        F[i * r + c] = V.getEntry(i, e) * root;
                    }
                    c++;
                }
            }
            out[w] = F;
        }
        return out;
    }

    private static int windowOf(double t, int windows) {
        int w = (int) Math.floor(t * windows);
        return Math.max(0, Math.min(windows - 1, w));
    }
}
