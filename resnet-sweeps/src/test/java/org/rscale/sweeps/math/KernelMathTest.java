package org.rscale.sweeps.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The scalar {@link KernelMath} under the contract of {@link BaseKernelMathTest}, and the
 * exponential of non-positive arguments that erf and tanh use.
 */
class KernelMathTest extends BaseKernelMathTest {
    /**
     * The exponential of erf's tail, against {@code Math.exp} (within 1 ulp of exp itself): the
     * degree-10 minimax fit has 4.2e-16 relative error, plus a few roundings.
     */
    private static final Tolerance EXP = Tolerance.relative("exp(y), y in [-708, 0], vs Math.exp", 1e-15);

    @Override
    protected void apply(KernelFunction f, double[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = f.of(x[i]);
        }
    }

    @Override
    protected void apply(KernelFunction f, float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = f.of(x[i]);
        }
    }

    @Test
    void exponentialOfNonPositiveArguments() {
        int n = 200_001;
        for (int i = 0; i < n; i++) {
            double y = -708.0 * i / (n - 1);
            EXP.check(Math.exp(y), KernelMath.expOfNonPositive(y), "exp(" + y + ")");
        }
        for (int k = -60; k <= 0; k++) {
            double y = Math.scalb(1.0, k) - 1.0;
            EXP.check(Math.exp(y), KernelMath.expOfNonPositive(y), "exp(" + y + ")");
        }
        assertEquals(1.0, KernelMath.expOfNonPositive(0.0));
        assertEquals(1.0, KernelMath.expOfNonPositive(-0.0));
        assertEquals(0.0, KernelMath.expOfNonPositive(-708.0001), "flushed below -708");
        assertEquals(0.0, KernelMath.expOfNonPositive(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(KernelMath.expOfNonPositive(Double.NaN)));
    }

    @Test
    void binary32ExponentialOfNonPositiveArguments() {
        // binary32: the degree-6 fit has 3.2e-9 relative error (0.05 ulp); at most 1 ulp in all
        int n = 200_001;
        for (int i = 0; i < n; i++) {
            float y = -87.0f * i / (n - 1);
            float expected = (float) Math.exp(y);
            float got = KernelMath.expOfNonPositive(y);
            assertTrue(Math.abs(got - expected) <= Math.ulp(expected), "exp(" + y + "f): " + got + " vs " + expected);
        }
        assertEquals(0.0f, KernelMath.expOfNonPositive(-87.001f), "flushed below -87");
        assertEquals(0.0f, KernelMath.expOfNonPositive(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(KernelMath.expOfNonPositive(Float.NaN)));
    }

    /**
     * The general exponential agrees with the flushing one wherever the latter does not flush, so
     * erf (which uses the cheaper one) and exp share their results.
     */
    @Test
    void expAgreesWithTheExponentialOfErf() {
        int n = 100_001;
        for (int i = 0; i < n; i++) {
            double y = -708.0 * i / (n - 1);
            assertEquals(KernelMath.expOfNonPositive(y), KernelMath.exp(y), "exp(" + y + ")");
            float yf = -87.0f * i / (n - 1);
            assertEquals(KernelMath.expOfNonPositive(yf), KernelMath.exp(yf), "exp(" + yf + "f)");
        }
    }
}
