package org.rscale.analysis.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class ConvSingularValuesTest {
    /** Gram-matrix eigenvalues: the largest singular values to a few eps relative (plus an eps-sized floor). */
    private static final Tolerance TOP = new Tolerance("top singular values via Gram eigenvalues", 1e-12, 1e-12);
    /** Power iteration stopped when the Rayleigh quotient stalls at 1e-15 relative: about 1e-10 left in the norm. */
    private static final Tolerance POWER = Tolerance.relative("power iteration on the explicit operator", 1e-9);
    /** Small singular values from Gram eigenvalues lose accuracy: absolute error about eps sigma_max^2 / sigma. */
    private static final Tolerance ALL = Tolerance.absolute("every singular value via Gram eigenvalues", 1e-6);
    private static final Tolerance CLOSED = Tolerance.relative("closed form", 1e-13);

    @ParameterizedTest(name = "{0}x{1} kernel {2}x{3}, stride {4}, input {5}x{6}")
    @CsvSource({
        "3, 2, 3, 3, 1, 5, 6",
        "2, 3, 3, 3, 1, 4, 4",
        "4, 4, 3, 3, 1, 8, 8",
        "3, 2, 3, 3, 2, 6, 4",
        "2, 4, 3, 3, 2, 4, 4",
        "5, 2, 3, 3, 2, 4, 6",
        "3, 3, 1, 1, 2, 4, 4",
        "2, 2, 5, 3, 1, 3, 4",
        "2, 2, 3, 3, 1, 1, 1",
        "2, 3, 2, 2, 3, 6, 3",
    })
    void everySingularValueMatchesTheExplicitOperatorsSvd(int cOut, int cIn, int kh, int kw, int stride, int h, int w) {
        ConvOperator op = new ConvOperator(ExplicitConvolution.gaussianKernel(cOut, cIn, kh, kw, 11 * cOut + cIn + h),
                cOut, cIn, kh, kw, stride, h, w);
        double[] expected = ExplicitConvolution.circular(op).singularValues();
        ConvSpectrum s = ConvSpectrum.of(op, Integer.MAX_VALUE, StrideRule.SUBSAMPLED);
        assertEquals(stride > 1, s.strided());
        assertEquals(expected.length, s.singularValues().length, "number of singular values");
        for (int i = 0; i < expected.length; i++) {
            ALL.check(expected[i], s.singularValues()[i], "singular value " + i);
        }
        for (int i = 0; i < Math.min(10, expected.length); i++) {
            TOP.check(expected[i], s.singularValues()[i], "top singular value " + i);
        }
    }

    @ParameterizedTest(name = "{0}x{1}, stride {2}, input {3}")
    @CsvSource({
        "4, 4, 1, 8",
        "6, 3, 1, 7",
        "8, 4, 2, 8",
        "4, 8, 2, 6",
        "8, 8, 1, 4",
    })
    void operatorNormMatchesPowerIterationOnTheExplicitOperator(int cOut, int cIn, int stride, int size) {
        ConvOperator op = new ConvOperator(ExplicitConvolution.gaussianKernel(cOut, cIn, 3, 3, 7 * size + cOut),
                cOut, cIn, 3, 3, stride, size, size);
        double power = ExplicitConvolution.circular(op).powerIterationNorm(3, 200_000);
        POWER.check(power, ConvSpectrum.of(op, 1, StrideRule.SUBSAMPLED).operatorNorm(), "operator norm");
    }

    @Test
    void topValuesAreTheLargestOfEveryValueWithMultiplicity() {
        ConvOperator op = new ConvOperator(ExplicitConvolution.gaussianKernel(3, 3, 3, 3, 5), 3, 3, 3, 3, 1, 6, 6);
        double[] all = ConvSpectrum.of(op, Integer.MAX_VALUE, StrideRule.SUBSAMPLED).singularValues();
        double[] top = ConvSpectrum.of(op, 10, StrideRule.SUBSAMPLED).singularValues();
        assertEquals(10, top.length);
        for (int i = 0; i < 10; i++) {
            assertEquals(all[i], top[i], 0, "value " + i);
        }
        // a real kernel: K^(-f) = conj(K^(f)), so the largest value comes in a conjugate pair unless f = -f
        ConvSpectrum s = ConvSpectrum.of(op, 2, StrideRule.SUBSAMPLED);
        boolean selfConjugate = (2 * s.frequencyY()) % 6 == 0 && (2 * s.frequencyX()) % 6 == 0;
        assertEquals(!selfConjugate, s.singularValues()[0] == s.singularValues()[1]);
    }

    @Test
    void sumOfSquaresIsTheFrobeniusIdentity() {
        // stride 1: ||C||_F^2 = h w ||K||_F^2 (every output pixel sees the whole kernel once)
        int h = 7;
        int w = 5;
        ConvOperator op = new ConvOperator(ExplicitConvolution.gaussianKernel(4, 6, 3, 3, 9), 4, 6, 3, 3, 1, h, w);
        double sum = 0;
        for (double s : ConvSpectrum.of(op, Integer.MAX_VALUE, StrideRule.SUBSAMPLED).singularValues()) {
            sum += s * s;
        }
        Tolerance.relative("sum of squares", 1e-12).check(h * w * op.frobeniusNorm() * op.frobeniusNorm(), sum,
                "sum of sigma^2");
    }

    @Test
    void aDeltaKernelHasTheNormOfItsChannelMatrix() {
        // K[o, i, a, b] = W[o, i] at the centre tap only: every frequency matrix is W (up to a phase)
        double[] wm = ExplicitConvolution.gaussianKernel(5, 3, 1, 1, 21);
        double[] k = new double[5 * 3 * 9];
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 3; i++) {
                k[((o * 3 + i) * 3 + 1) * 3 + 1] = wm[o * 3 + i];
            }
        }
        double[] sv = matrixSingularValues(wm, 5, 3);
        ConvSpectrum s = ConvSpectrum.of(new ConvOperator(k, 5, 3, 3, 3, 1, 8, 8), 64 * 3, StrideRule.SUBSAMPLED);
        // each of W's 3 singular values appears once per frequency: 64 times
        for (int j = 0; j < 3; j++) {
            for (int m = 0; m < 64; m++) {
                CLOSED.check(sv[j], s.singularValues()[j * 64 + m], "value " + j + ", copy " + m);
            }
        }
    }

    @ParameterizedTest(name = "stride {0} on {1}x{1}")
    @CsvSource({"1, 8", "2, 8", "2, 6", "2, 7", "4, 8"})
    void aOneByOneKernelHasTheMatrixNormWhateverTheStride(int stride, int size) {
        double[] wm = ExplicitConvolution.gaussianKernel(6, 4, 1, 1, 33);
        ConvSpectrum s = ConvSpectrum.of(new ConvOperator(wm, 6, 4, 1, 1, stride, size, size), 1, StrideRule.SUBSAMPLED);
        CLOSED.check(matrixSingularValues(wm, 6, 4)[0], s.operatorNorm(), "1x1 kernel norm");
        assertEquals(stride > 1, s.strided());
        assertEquals(1, s.frequencies(), "one decomposition for a 1x1 kernel");
    }

    @Test
    void aSeparableKernelHasTheProductOfItsFactorsNorms() {
        // K[o, i, a, b] = W[o, i] u[a] v[b]: K^(f) = W u^(f_y) v^(f_x), norm ||W||_2 max|u^| max|v^|
        double[] u = {1, 1, 1};   // |u^(f)| largest at f = 0: 3
        double[] v = {1, -1, 0};  // |v^(f)| = |1 - e^{-i theta}| = 2 |sin(theta/2)|, largest at the Nyquist frequency: 2
        double[] wm = ExplicitConvolution.gaussianKernel(3, 4, 1, 1, 41);
        double[] k = new double[3 * 4 * 9];
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4; i++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        k[((o * 4 + i) * 3 + a) * 3 + b] = wm[o * 4 + i] * u[a] * v[b];
                    }
                }
            }
        }
        ConvSpectrum s = ConvSpectrum.of(new ConvOperator(k, 3, 4, 3, 3, 1, 8, 8), 1, StrideRule.SUBSAMPLED);
        CLOSED.check(matrixSingularValues(wm, 3, 4)[0] * 3 * 2, s.operatorNorm(), "separable kernel norm");
        assertEquals(0, s.frequencyY());
        assertEquals(4, s.frequencyX());
        // odd width 7: the largest |v^| = 2 sin(3 pi / 7) at f_x = 3 or 4
        ConvSpectrum odd = ConvSpectrum.of(new ConvOperator(k, 3, 4, 3, 3, 1, 8, 7), 1, StrideRule.SUBSAMPLED);
        CLOSED.check(matrixSingularValues(wm, 3, 4)[0] * 3 * 2 * Math.sin(3 * Math.PI / 7), odd.operatorNorm(),
                "separable kernel norm, odd width");
    }

    @Test
    void frequencyMatricesAreTheFftOfTheZeroPaddedKernel() {
        // SCIENCE.md 1.3 literally: zero-pad the kernel to 8 x 16, 2-D FFT (Commons Math, power-of-two sizes),
        // every singular value of the c_out x c_in complex matrix at every frequency (real embedding, Commons Math SVD)
        int cOut = 3;
        int cIn = 2;
        int h = 8;
        int w = 16;
        double[] k = ExplicitConvolution.gaussianKernel(cOut, cIn, 3, 3, 51);
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        Complex[][][] hat = new Complex[cOut * cIn][][];
        for (int oi = 0; oi < cOut * cIn; oi++) {
            Complex[][] rows = new Complex[h][];
            for (int y = 0; y < h; y++) {
                double[] row = new double[w];
                for (int b = 0; b < 3 && y < 3; b++) {
                    row[b] = k[(oi * 3 + y) * 3 + b];
                }
                rows[y] = fft.transform(row, TransformType.FORWARD);
            }
            Complex[][] out = new Complex[h][w];
            for (int x = 0; x < w; x++) {
                Complex[] col = new Complex[h];
                for (int y = 0; y < h; y++) {
                    col[y] = rows[y][x];
                }
                Complex[] t = fft.transform(col, TransformType.FORWARD);
                for (int y = 0; y < h; y++) {
                    out[y][x] = t[y];
                }
            }
            hat[oi] = out;
        }
        List<Double> all = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[][] emb = new double[2 * cOut][2 * cIn];
                for (int o = 0; o < cOut; o++) {
                    for (int i = 0; i < cIn; i++) {
                        Complex c = hat[o * cIn + i][y][x];
                        emb[o][i] = c.getReal();
                        emb[o][cIn + i] = -c.getImaginary();
                        emb[cOut + o][i] = c.getImaginary();
                        emb[cOut + o][cIn + i] = c.getReal();
                    }
                }
                double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(emb)).getSingularValues();
                // the embedding doubles every singular value: keep every other one
                for (int j = 0; j < sv.length; j += 2) {
                    all.add(sv[j]);
                }
            }
        }
        all.sort((a, b) -> Double.compare(b, a));
        double[] mine = ConvSpectrum.of(new ConvOperator(k, cOut, cIn, 3, 3, 1, h, w), all.size(), StrideRule.SUBSAMPLED)
                .singularValues();
        assertEquals(all.size(), mine.length);
        for (int i = 0; i < mine.length; i++) {
            ALL.check(all.get(i), mine[i], "singular value " + i);
        }
        TOP.check(all.get(0), mine[0], "operator norm");
    }

    @Test
    void theUnstridedRuleIgnoresTheStrideAndBoundsTheStridedNorm() {
        ConvOperator strided = new ConvOperator(ExplicitConvolution.gaussianKernel(4, 2, 3, 3, 61), 4, 2, 3, 3, 2, 8, 8);
        ConvOperator plain = new ConvOperator(strided.kernel(), 4, 2, 3, 3, 1, 8, 8);
        ConvSpectrum unstrided = ConvSpectrum.of(strided, 5, StrideRule.UNSTRIDED);
        assertFalse(unstrided.strided());
        assertEquals(ConvSpectrum.of(plain, 5, StrideRule.SUBSAMPLED), unstrided);
        double sub = ConvSpectrum.of(strided, 1, StrideRule.SUBSAMPLED).operatorNorm();
        assertTrue(sub <= unstrided.operatorNorm() * (1 + 1e-12), sub + " > " + unstrided.operatorNorm());
        assertTrue(sub < 0.99 * unstrided.operatorNorm(), "subsampling a random kernel's output loses energy");
    }

    @ParameterizedTest(name = "{0} x {0} with stride {1}")
    @CsvSource({"7, 2", "5, 2", "7, 3"})
    void aStrideThatDoesNotDivideTheSizeRoundsTheSizeUpAndBoundsTheNetworksConvolution(int n, int stride) {
        double[] k = ExplicitConvolution.gaussianKernel(3, 2, 3, 3, 71 + n);
        ConvOperator op = new ConvOperator(k, 3, 2, 3, 3, stride, n, n);
        ConvSpectrum s = ConvSpectrum.of(op, 4, StrideRule.SUBSAMPLED);
        int m = (n + stride - 1) / stride * stride;
        assertTrue(s.strided());
        assertEquals(m / stride, s.outputHeight());
        // the strided circular convolution on the rounded-up size, explicitly
        double[] exact = ExplicitConvolution.circular(new ConvOperator(k, 3, 2, 3, 3, stride, m, m)).singularValues();
        for (int i = 0; i < 4; i++) {
            TOP.check(exact[i], s.singularValues()[i], "value " + i);
        }
        // PyTorch's conv2d(padding=1, stride) on n x n: a compression of it, so its norm is at most ours
        double network = ExplicitConvolution.zeroPadded(op, 1).singularValues()[0];
        assertTrue(network <= s.operatorNorm() * (1 + 1e-12), network + " > " + s.operatorNorm());
        // and the stride-1 norm on n x n, the unstrided rule's, is larger still for a random kernel
        assertTrue(s.operatorNorm() < ConvSpectrum.of(op, 1, StrideRule.UNSTRIDED).operatorNorm());
    }

    @ParameterizedTest(name = "{0} channels, {1}x{1}")
    @CsvSource({"2, 4", "3, 6", "2, 10"})
    void theNetworksZeroPaddedConvolutionIsBoundedByTheCircularNormOnThePaddedSize(int c, int n) {
        // PyTorch's conv2d(padding=1) on n x n is a compression of the circular convolution on (n+1) x (n+1)
        double[] k = ExplicitConvolution.gaussianKernel(c, c, 3, 3, 81 + n);
        double zeroPadded = ExplicitConvolution.zeroPadded(new ConvOperator(k, c, c, 3, 3, 1, n, n), 1).singularValues()[0];
        double bound = ConvSpectrum.of(new ConvOperator(k, c, c, 3, 3, 1, n + 1, n + 1), 1, StrideRule.SUBSAMPLED)
                .operatorNorm();
        assertTrue(zeroPadded <= bound * (1 + 1e-12), zeroPadded + " > " + bound);
    }

    @Test
    void badInputIsNamed() {
        ConvOperator op = new ConvOperator(new double[18], 2, 1, 3, 3, 1, 4, 4);
        assertThrows(InvalidInputException.class, () -> ConvSpectrum.of(op, 0, StrideRule.SUBSAMPLED));
        double[] nan = new double[18];
        nan[4] = Double.NaN;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ConvSpectrum.of(op.withKernel(nan), 1, StrideRule.SUBSAMPLED));
        assertTrue(e.getMessage().contains("(2, 1, 3, 3) stride 1 on 4 x 4"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new ConvOperator(new double[17], 2, 1, 3, 3, 1, 4, 4));
        assertTrue(e.getMessage().contains("17 values"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new ConvOperator(new double[18], 2, 1, 3, 3, 0, 4, 4));
        assertThrows(InvalidInputException.class, () -> new ConvOperator(new double[18], 2, 1, 3, 3, 1, 0, 4));
        assertEquals(StrideRule.UNSTRIDED, StrideRule.of("Unstrided"));
        e = assertThrows(InvalidInputException.class, () -> StrideRule.of("exact"));
        assertTrue(e.getMessage().contains("'exact'"), e.getMessage());
    }

    @Test
    void aZeroKernelHasZeroNorm() {
        ConvSpectrum s = ConvSpectrum.of(new ConvOperator(new double[4 * 4 * 9], 4, 4, 3, 3, 1, 4, 4), 3,
                StrideRule.SUBSAMPLED);
        assertEquals(0, s.operatorNorm());
        assertTrue(Arrays.stream(s.singularValues()).allMatch(v -> v == 0));
    }

    /** Singular values of a row-major rows x cols real matrix, descending (Commons Math). */
    private static double[] matrixSingularValues(double[] m, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m, i * cols, a[i], 0, cols);
        }
        Array2DRowRealMatrix mat = new Array2DRowRealMatrix(a, false);
        return new SingularValueDecomposition(rows >= cols ? mat : mat.transpose()).getSingularValues();
    }
}
