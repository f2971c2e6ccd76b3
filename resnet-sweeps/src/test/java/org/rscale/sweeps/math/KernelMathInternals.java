package org.rscale.sweeps.math;

/**
 * Test access to {@link KernelMath}'s package-private exponential of non-positive arguments (erf's
 * and tanh's), for the SIMD tests in {@code org.rscale.sweeps.kernel.vector}, which check their
 * exponential against it bit for bit.
 */
public final class KernelMathInternals {
    private KernelMathInternals() {
    }

    /**
     * @param y the argument, &lt;= 0
     * @return {@code KernelMath.expOfNonPositive(y)}
     */
    public static double expOfNonPositive(double y) {
        return KernelMath.expOfNonPositive(y);
    }

    /**
     * @param y the argument, &lt;= 0
     * @return {@code KernelMath.expOfNonPositive(y)}
     */
    public static float expOfNonPositive(float y) {
        return KernelMath.expOfNonPositive(y);
    }
}
