package org.rscale.analysis.spectral;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The convolution of a {@link ConvOperator} applied by its definition, pixel by pixel, with no
 * frequencies: the reference the frequency method is checked against. Images are C order
 * {@code (channels, height, width)}.
 *
 * <p>{@code circular}: {@code y[o, r, c] = sum K[o, i, a, b] x[i, (s r + a) mod h, (s c + b) mod w]} for
 * output rows {@code r < ceil(h / s)}; {@code zero-padded}: PyTorch's {@code conv2d(x, K, stride=s,
 * padding=p)}, {@code y[o, r, c] = sum K[o, i, a, b] x[i, s r + a - p, s c + b - p]} with {@code x = 0}
 * outside the image, output size {@code (h + 2p - kh)/s + 1}.
 */
final class ExplicitConvolution {
    private final ConvOperator op;
    private final boolean circular;
    private final int padding;
    private final int oh;
    private final int ow;

    private ExplicitConvolution(ConvOperator op, boolean circular, int padding) {
        this.op = op;
        this.circular = circular;
        this.padding = padding;
        int s = op.stride();
        if (circular) {
            oh = (op.height() + s - 1) / s;
            ow = (op.width() + s - 1) / s;
        } else {
            oh = (op.height() + 2 * padding - op.kh()) / s + 1;
            ow = (op.width() + 2 * padding - op.kw()) / s + 1;
        }
    }

    static ExplicitConvolution circular(ConvOperator op) {
        return new ExplicitConvolution(op, true, 0);
    }

    static ExplicitConvolution zeroPadded(ConvOperator op, int padding) {
        return new ExplicitConvolution(op, false, padding);
    }

    int inputSize() {
        return op.cIn() * op.height() * op.width();
    }

    int outputSize() {
        return op.cOut() * oh * ow;
    }

    /** The input pixel read for output index r and tap a, or -1 when it is padding. */
    private int source(int r, int a, int size) {
        int at = op.stride() * r + a - (circular ? 0 : padding);
        if (circular) {
            return Math.floorMod(at, size);
        }
        return at < 0 || at >= size ? -1 : at;
    }

    double[] apply(double[] x) {
        double[] y = new double[outputSize()];
        int h = op.height();
        int w = op.width();
        for (int o = 0; o < op.cOut(); o++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double sum = 0;
                    for (int i = 0; i < op.cIn(); i++) {
                        for (int a = 0; a < op.kh(); a++) {
                            int yy = source(r, a, h);
                            if (yy < 0) {
                                continue;
                            }
                            for (int b = 0; b < op.kw(); b++) {
                                int xx = source(c, b, w);
                                if (xx < 0) {
                                    continue;
                                }
                                sum += op.kernel()[((o * op.cIn() + i) * op.kh() + a) * op.kw() + b]
                                        * x[(i * h + yy) * w + xx];
                            }
                        }
                    }
                    y[(o * oh + r) * ow + c] = sum;
                }
            }
        }
        return y;
    }

    double[] applyTranspose(double[] y) {
        double[] x = new double[inputSize()];
        int h = op.height();
        int w = op.width();
        for (int o = 0; o < op.cOut(); o++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double v = y[(o * oh + r) * ow + c];
                    for (int i = 0; i < op.cIn(); i++) {
                        for (int a = 0; a < op.kh(); a++) {
                            int yy = source(r, a, h);
                            if (yy < 0) {
                                continue;
                            }
                            for (int b = 0; b < op.kw(); b++) {
                                int xx = source(c, b, w);
                                if (xx < 0) {
                                    continue;
                                }
                                x[(i * h + yy) * w + xx] += op.kernel()[((o * op.cIn() + i) * op.kh() + a) * op.kw() + b] * v;
                            }
                        }
                    }
                }
            }
        }
        return x;
    }

    /** The dense matrix, column j = apply(e_j). */
    double[][] matrix() {
        int n = inputSize();
        double[][] m = new double[outputSize()][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            double[] col = apply(e);
            e[j] = 0;
            for (int i = 0; i < col.length; i++) {
                m[i][j] = col[i];
            }
        }
        return m;
    }

    /** Every singular value of the dense matrix, descending (Commons Math SVD). */
    double[] singularValues() {
        double[][] m = matrix();
        // Commons Math's SVD wants rows >= cols for the thin form; transpose otherwise (same values)
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(m, false);
        double[] sv = new SingularValueDecomposition(m.length >= m[0].length ? a : a.transpose()).getSingularValues();
        double[] sorted = sv.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length / 2; i++) {
            double t = sorted[i];
            sorted[i] = sorted[sorted.length - 1 - i];
            sorted[sorted.length - 1 - i] = t;
        }
        return sorted;
    }

    /**
     * Power iteration on {@code C^T C} from a seeded random start: the square root of the Rayleigh quotient
     * once it changes by less than {@code 1e-15} relative over 50 iterations (or after {@code maxIterations}).
     */
    double powerIterationNorm(long seed, int maxIterations) {
        Random rng = new Random(seed);
        double[] x = new double[inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        normalise(x);
        double previous = 0;
        double rayleigh = 0;
        for (int it = 1; it <= maxIterations; it++) {
            double[] z = applyTranspose(apply(x));
            rayleigh = dot(x, z);
            x = z;
            normalise(x);
            if (it % 50 == 0) {
                if (Math.abs(rayleigh - previous) <= 1e-15 * rayleigh) {
                    break;
                }
                previous = rayleigh;
            }
        }
        return Math.sqrt(rayleigh);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void normalise(double[] x) {
        double n = Math.sqrt(dot(x, x));
        for (int i = 0; i < x.length; i++) {
            x[i] /= n;
        }
    }

    /** A seeded Gaussian kernel. */
    static double[] gaussianKernel(int cOut, int cIn, int kh, int kw, long seed) {
        Random rng = new Random(seed);
        double[] k = new double[cOut * cIn * kh * kw];
        for (int i = 0; i < k.length; i++) {
            k[i] = rng.nextGaussian();
        }
        return k;
    }
}
