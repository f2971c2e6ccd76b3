package org.rscale.sweeps.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Closed form: a linear residual net with constant A and delta = 1/L is (I + A/L)^L, which tends
 * to exp(A) with error O(1/L).
 */
class ResidualNetTest {

    @Test
    void linearNetWithConstantWeightsConvergesToTheMatrixExponentialAtRateOneOverL() {
        double[][] a = {{0.3, -0.8}, {0.5, 0.1}};
        double[] x = {0.6, -0.4};
        double[] exact = expTimes(a, x);
        double[] errors = new double[3];
        int[] depths = {100, 200, 400};
        for (int i = 0; i < depths.length; i++) {
            int L = depths[i];
            double[] A = new double[L * 4];
            for (int k = 0; k < L; k++) {
                A[4 * k] = a[0][0];
                A[4 * k + 1] = a[0][1];
                A[4 * k + 2] = a[1][0];
                A[4 * k + 3] = a[1][1];
            }
            ResidualNet net = ResidualNet.of(Activation.LINEAR, ScalingFactor.FIXED, L, 2, A, new double[2 * L],
                    new double[] {1.0 / L});
            double[] h = new double[2 * (L + 1)];
            net.hiddenStates(x, h);
            errors[i] = Math.hypot(h[2 * L] - exact[0], h[2 * L + 1] - exact[1]);
        }
        // error ~ C / L: halving when L doubles (ratio 2 up to O(1/L) corrections)
        for (int i = 1; i < errors.length; i++) {
            double ratio = errors[i - 1] / errors[i];
            assertTrue(Math.abs(ratio - 2) < 0.05, "error ratio " + ratio + " for doubling L");
        }
        assertTrue(errors[0] < 1e-2);
    }

    @Test
    void aDeliberatelyCoarseNetIsFarFromTheLimit() {
        double[] A = {0.3, -0.8, 0.5, 0.1};
        ResidualNet net = ResidualNet.of(Activation.LINEAR, ScalingFactor.FIXED, 1, 2, A, new double[2], new double[] {1});
        double[] h = new double[4];
        net.hiddenStates(new double[] {0.6, -0.4}, h);
        double[] exact = expTimes(new double[][] {{0.3, -0.8}, {0.5, 0.1}}, new double[] {0.6, -0.4});
        assertTrue(Math.hypot(h[2] - exact[0], h[3] - exact[1]) > 0.05, "one Euler step is not exp(A)");
    }

    /** exp(A) x by a Taylor series to convergence (A is small). */
    private static double[] expTimes(double[][] a, double[] x) {
        RealMatrix A = MatrixUtils.createRealMatrix(a);
        RealMatrix term = MatrixUtils.createRealIdentityMatrix(2);
        RealMatrix sum = term.copy();
        for (int n = 1; n < 40; n++) {
            term = term.multiply(A).scalarMultiply(1.0 / n);
            sum = sum.add(term);
        }
        return sum.operate(x);
    }
}
