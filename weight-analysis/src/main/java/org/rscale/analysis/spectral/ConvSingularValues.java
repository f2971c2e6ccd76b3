package org.rscale.analysis.spectral;

import org.rscale.sweeps.InvalidInputException;

/**
 * The singular values of a convolution ({@link ConvOperator}) by the frequency method of SCIENCE.md 1.3
 * (H. Sedghi, V. Gupta, P. M. Long, "The Singular Values of Convolutional Layers", ICLR 2019,
 * arXiv:1805.10408, Theorem 6): the circular convolution is block-diagonalised by the 2-D DFT, so its
 * singular values are the union over frequencies {@code f} of those of the {@code c_out x c_in} complex
 * matrices
 * <pre>
 *   K^(f)[o, i] = sum_{a &lt; kh, b &lt; kw} K[o, i, a, b] exp(-2 pi i (f_y a / height + f_x b / width))
 * </pre>
 * the DFT of the kernel zero-padded to the input size. With a stride that divides the input size the
 * matrix at output frequency {@code q} is {@code M_q = (1/s) [K^(f_1) | ... | K^(f_{s^2})]} over the
 * {@code s^2} aliases of {@code q} ({@link StrideRule}); a size the stride does not divide is first rounded up
 * to a multiple of it.
 *
 * <p><b>Algorithm.</b> Per frequency: (1) {@code K^(f)} evaluated directly on the kernel's support
 * ({@code kh kw} terms per entry, 9 for 3x3, with phases from tables reduced exactly modulo the size):
 * this is the FFT of the zero-padded kernel (tested against Commons Math's FFT) but works for any input
 * size, not only powers of two (28 x 28 Fashion-MNIST images give 28, 14, 7); (2) the Gram matrix
 * {@code R R^H} of the matrix's shorter side {@code R} ({@code n = min(c_out, s^2 c_in)} rows);
 * (3) its eigenvalues by {@link HermitianEigenvalues}; {@code sigma = sqrt(lambda)}. A real kernel
 * has {@code K^(-f) = conj(K^(f))}, so only one frequency of each conjugate pair is decomposed and its
 * values count twice; a 1x1 kernel has the same matrix at every frequency, decomposed once. The {@code topK}
 * largest values are kept by insertion into a sorted buffer.
 *
 * <p><b>Cost</b> per decomposed frequency: {@code c_out c_in kh kw s^2} complex multiply-adds for the
 * transform, {@code n^2 s^2 c_in}-ish for the Gram matrix, about {@code 8 n^3} for the eigenvalues. The
 * frequency count times {@code c^2} is the same at every stage of a CIFAR ResNet (32^2 64^2 = 4^2 512^2),
 * so the cost per kernel grows like the channel count. Measured figures and the rejected alternatives
 * (Commons Math's SVD or symmetric eigendecomposition of the {@code 2n x 2n} real embedding) are in the
 * README ("Convolutional ResNets") and printed by {@code ConvSpectrumBenchmark}.
 *
 * <p><b>Accuracy.</b> Eigenvalues of the Gram matrix carry an absolute error of a few
 * {@code eps sigma_max^2}, so the largest singular values are accurate to a few {@code eps} relative;
 * values below about {@code sqrt(n eps) sigma_max} are not resolved: eigenvalues within {@code 4 n eps lambda_max}
 * of 0 are set to 0 (so a rank-deficient frequency matrix, e.g. a 1x1 shortcut's, has exact zeros).
 *
 * <p>Not thread-safe (it owns a workspace, reused across kernels and grown for a larger shape): one
 * instance per thread.
 */
public final class ConvSingularValues {
    /** Unit roundoff of binary64, 2^-53. */
    private static final double EPS = 0x1p-53;
    private final HermitianEigenvalues eigen = new HermitianEigenvalues();
    private double[] mRe = new double[0];
    private double[] mIm = new double[0];
    private double[] gRe = new double[0];
    private double[] gIm = new double[0];
    private double[] lambda = new double[0];

    /** An empty workspace; it grows on first use. */
    public ConvSingularValues() {
    }

    /**
     * Computes the largest singular values of a convolution.
     *
     * @param op   the convolution; its kernel must be finite
     * @param topK how many of the largest singular values to keep, at least 1
     * @param rule how a stride enters ({@link StrideRule#SUBSAMPLED}: the strided map when the stride divides
     *             the input size)
     * @return the spectrum
     * @throws InvalidInputException naming the operator when {@code topK < 1} or a weight is not finite
     */
    public ConvSpectrum of(ConvOperator op, int topK, StrideRule rule) {
        if (topK < 1) {
            throw new InvalidInputException("number of singular values to keep must be at least 1, got " + topK);
        }
        if (!op.isFinite()) {
            throw new InvalidInputException("convolution " + op.describe() + ": a weight is not finite");
        }
        int h = op.height();
        int w = op.width();
        int s = op.stride();
        boolean strided = s > 1 && rule == StrideRule.SUBSAMPLED;
        if (!strided) {
            s = 1;
        } else {
            // a size the stride does not divide is rounded up to a multiple of it (StrideRule.SUBSAMPLED)
            h = (h + s - 1) / s * s;
            w = (w + s - 1) / s * s;
        }
        int oh = h / s;
        int ow = w / s;
        int cOut = op.cOut();
        int cIn = op.cIn();
        int cols = s * s * cIn;
        boolean byRows = cOut <= cols; // Gram of M M^H (c_out rows) or of M^H M (s^2 c_in rows)
        int n = byRows ? cOut : cols;
        int len = byRows ? cols : cOut;
        grow(n, len);

        long total = Math.min((long) oh * ow * cOut, (long) h * w * cIn);
        int keep = (int) Math.min(topK, total);
        double[] top = new double[keep];
        int filled = 0;
        int bestY = 0;
        int bestX = 0;
        double best = -1;
        int decomposed = 0;
        PhaseTable py = new PhaseTable(h, op.kh());
        PhaseTable px = new PhaseTable(w, op.kw());
        double[] kernel = op.kernel();
        int kh = op.kh();
        int kw = op.kw();
        int taps = kh * kw;
        double[] phRe = new double[taps];
        double[] phIm = new double[taps];
        double scale = 1.0 / s;
        for (int qy = 0; qy < oh; qy++) {
            for (int qx = 0; qx < ow; qx++) {
                int partnerY = (oh - qy) % oh;
                int partnerX = (ow - qx) % ow;
                int self = qy * ow + qx;
                int partner = partnerY * ow + partnerX;
                if (partner < self) {
                    continue; // the conjugate frequency was decomposed
                }
                int multiplicity = partner == self ? 1 : 2;
                if (taps == 1) {
                    // a 1x1 kernel: every frequency matrix is the same, (1/s) [W | ... | W]; decompose it once
                    if (self > 0) {
                        continue;
                    }
                    multiplicity = oh * ow;
                }
                // M_q, or its conjugate transpose, as n rows of length len
                for (int jy = 0; jy < s; jy++) {
                    for (int jx = 0; jx < s; jx++) {
                        int fy = qy + jy * oh;
                        int fx = qx + jx * ow;
                        // phase of tap (a, b): exp(-2 pi i (fy a / h + fx b / w))
                        for (int a = 0; a < kh; a++) {
                            double yRe = py.re(fy, a);
                            double yIm = py.im(fy, a);
                            for (int b = 0; b < kw; b++) {
                                double xRe = px.re(fx, b);
                                double xIm = px.im(fx, b);
                                phRe[a * kw + b] = scale * (yRe * xRe - yIm * xIm);
                                phIm[a * kw + b] = scale * (yRe * xIm + yIm * xRe);
                            }
                        }
                        int alias = jy * s + jx;
                        for (int o = 0; o < cOut; o++) {
                            for (int i = 0; i < cIn; i++) {
                                int k0 = (o * cIn + i) * taps;
                                double re = 0;
                                double im = 0;
                                for (int t = 0; t < taps; t++) {
                                    double kv = kernel[k0 + t];
                                    re += kv * phRe[t];
                                    im += kv * phIm[t];
                                }
                                int col = alias * cIn + i;
                                if (byRows) {
                                    mRe[o * len + col] = re;
                                    mIm[o * len + col] = im;
                                } else {
                                    mRe[col * len + o] = re;
                                    mIm[col * len + o] = -im; // conjugate transpose
                                }
                            }
                        }
                    }
                }
                gram(n, len);
                eigen.eigenvaluesInPlace(gRe, gIm, n, lambda);
                decomposed++;
                // eigenvalues within rounding of 0 (|lambda| <= 4 n eps lambda_max) are 0: a rank-deficient matrix's
                // zero singular values, which the Gram matrix would give as ~sqrt(eps) sigma_max
                double floor = 4 * n * EPS * Math.abs(lambda[n - 1]);
                for (int r = 0; r < n; r++) {
                    if (lambda[r] <= floor) {
                        lambda[r] = 0;
                    }
                }
                double largest = Math.sqrt(lambda[n - 1]);
                if (largest > best) {
                    best = largest;
                    bestY = qy;
                    bestX = qx;
                }
                for (int r = n - 1; r >= 0; r--) {
                    double sigma = Math.sqrt(lambda[r]);
                    if (filled == keep && sigma <= top[keep - 1]) {
                        break; // the rest are smaller still
                    }
                    for (int c = 0; c < multiplicity && c < keep; c++) {
                        filled = insert(top, filled, sigma);
                    }
                }
            }
        }
        return new ConvSpectrum(top, bestY, bestX, decomposed, strided, oh, ow);
    }

    /** Inserts into the descending buffer top[0..filled), dropping the smallest when full; returns the new fill. */
    private static int insert(double[] top, int filled, double v) {
        int keep = top.length;
        int at = filled < keep ? filled : keep - 1;
        if (filled == keep && v <= top[at]) {
            return filled;
        }
        while (at > 0 && top[at - 1] < v) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = v;
        return Math.min(filled + 1, keep);
    }

    /** The lower triangle of G = R R^H for the n x len complex matrix R in (mRe, mIm). */
    private void gram(int n, int len) {
        for (int p = 0; p < n; p++) {
            int rp = p * len;
            for (int q = p; q < n; q++) {
                int rq = q * len;
                double re = 0;
                double im = 0;
                for (int c = 0; c < len; c++) {
                    // R[p][c] conj(R[q][c])
                    re += mRe[rp + c] * mRe[rq + c] + mIm[rp + c] * mIm[rq + c];
                    im += mIm[rp + c] * mRe[rq + c] - mRe[rp + c] * mIm[rq + c];
                }
                // lower triangle only: HermitianEigenvalues reads nothing else
                gRe[q * n + p] = re;
                gIm[q * n + p] = -im;
            }
        }
    }

    private void grow(int n, int len) {
        if (mRe.length < n * len) {
            mRe = new double[n * len];
            mIm = new double[n * len];
        }
        if (gRe.length < n * n) {
            gRe = new double[n * n];
            gIm = new double[n * n];
            lambda = new double[n];
        }
    }

    /** exp(-2 pi i f a / size) for f in [0, size), a in [0, taps): the angle reduced exactly modulo size. */
    private static final class PhaseTable {
        private final double[] re;
        private final double[] im;
        private final int taps;

        PhaseTable(int size, int taps) {
            this.taps = taps;
            re = new double[size * taps];
            im = new double[size * taps];
            for (int f = 0; f < size; f++) {
                for (int a = 0; a < taps; a++) {
                    double angle = 2 * Math.PI * (((long) f * a) % size) / size;
                    re[f * taps + a] = Math.cos(angle);
                    im[f * taps + a] = -Math.sin(angle);
                }
            }
        }

        double re(int f, int a) {
            return re[f * taps + a];
        }

        double im(int f, int a) {
            return im[f * taps + a];
        }
    }
}
