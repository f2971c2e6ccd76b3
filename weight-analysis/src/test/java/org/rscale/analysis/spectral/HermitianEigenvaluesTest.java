package org.rscale.analysis.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class HermitianEigenvaluesTest {
    /** Backward stable: eigenvalue errors of a few eps ||A|| (n up to 64, ||A|| ~ sqrt(n)). */
    private static final double BACKWARD = 1e-13;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8, 17, 64})
    void randomHermitianMatricesMatchCommonsMathOnTheRealEmbedding(int n) {
        Random rng = new Random(n);
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < n; i++) {
            re[i * n + i] = rng.nextGaussian();
            for (int j = i + 1; j < n; j++) {
                re[i * n + j] = rng.nextGaussian();
                im[i * n + j] = rng.nextGaussian();
                re[j * n + i] = re[i * n + j];
                im[j * n + i] = -im[i * n + j];
            }
        }
        double[] expected = embeddingEigenvalues(re, im, n);
        double[] got = new double[n];
        // only the lower triangle is read: spoil the upper one
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                re[i * n + j] = Double.NaN;
                im[i * n + j] = Double.NaN;
            }
        }
        new HermitianEigenvalues().eigenvaluesInPlace(re.clone(), im.clone(), n, got);
        double scale = Math.max(Math.abs(expected[0]), Math.abs(expected[n - 1]));
        for (int i = 0; i < n; i++) {
            Tolerance.absolute("backward error", BACKWARD * scale).check(expected[i], got[i], "eigenvalue " + i);
        }
    }

    @Test
    void closedForms() {
        HermitianEigenvalues e = new HermitianEigenvalues();
        double[] out = new double[3];
        // [[2, 1 - i], [1 + i, 3]]: eigenvalues (5 +- sqrt(1 + 8))/2 = 1, 4
        e.eigenvaluesInPlace(new double[] {2, 1, 1, 3}, new double[] {0, -1, 1, 0}, 2, out);
        assertEquals(1, out[0], 1e-15);
        assertEquals(4, out[1], 1e-15);
        // diagonal, unsorted: sorted back
        e.eigenvaluesInPlace(new double[] {3, 0, 0, 0, -1, 0, 0, 0, 2}, new double[9], 3, out);
        assertEquals(-1, out[0]);
        assertEquals(2, out[1]);
        assertEquals(3, out[2]);
        // zero matrix, and a repeated eigenvalue: the rank-one matrix u u^H with |u|^2 = 3 has 0, 0, 3
        e.eigenvaluesInPlace(new double[9], new double[9], 3, out);
        assertEquals(0, out[2]);
        double[] ure = {1, 0, 1};
        double[] uim = {0, 1, 0};
        double[] re = new double[9];
        double[] im = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // u_i conj(u_j)
                re[i * 3 + j] = ure[i] * ure[j] + uim[i] * uim[j];
                im[i * 3 + j] = uim[i] * ure[j] - ure[i] * uim[j];
            }
        }
        e.eigenvaluesInPlace(re, im, 3, out);
        assertEquals(0, out[0], 1e-15);
        assertEquals(0, out[1], 1e-15);
        assertEquals(3, out[2], 1e-15);
        // 1 x 1
        e.eigenvaluesInPlace(new double[] {-2.5}, new double[] {7}, 1, out);
        assertEquals(-2.5, out[0]);
    }

    @Test
    void aWorkspaceIsReusedAcrossOrders() {
        HermitianEigenvalues e = new HermitianEigenvalues();
        double[] out = new double[8];
        e.eigenvaluesInPlace(identity(8), new double[64], 8, out);
        e.eigenvaluesInPlace(identity(3), new double[9], 3, out);
        assertEquals(1, out[0]);
        assertEquals(1, out[2]);
        e.eigenvaluesInPlace(identity(8), new double[64], 8, out);
        assertEquals(1, out[7]);
    }

    @Test
    void badArgumentsAndNonFiniteEntriesAreRejected() {
        HermitianEigenvalues e = new HermitianEigenvalues();
        assertThrows(IllegalArgumentException.class, () -> e.eigenvaluesInPlace(new double[4], new double[4], 0, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> e.eigenvaluesInPlace(new double[3], new double[4], 2, new double[2]));
        double[] re = {1, Double.NaN, Double.NaN, 1};
        assertThrows(ArithmeticException.class, () -> e.eigenvaluesInPlace(re, new double[4], 2, new double[2]));
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1;
        }
        return m;
    }

    /** Eigenvalues of [[Re, -Im], [Im, Re]] (each of A's twice), every other one, ascending. */
    private static double[] embeddingEigenvalues(double[] re, double[] im, int n) {
        double[][] m = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = re[i * n + j];
                m[i][n + j] = -im[i * n + j];
                m[n + i][j] = im[i * n + j];
                m[n + i][n + j] = re[i * n + j];
            }
        }
        double[] all = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues();
        Arrays.sort(all);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = all[2 * i];
        }
        return out;
    }
}
