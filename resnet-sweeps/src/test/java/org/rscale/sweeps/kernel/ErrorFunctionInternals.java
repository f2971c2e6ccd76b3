package org.rscale.sweeps.kernel;

/**
 * Test access to {@link ErrorFunction}'s package-private exponential, for the SIMD tests in
 * {@code org.rscale.sweeps.kernel.vector}, which check their exponential against it bit for bit.
 */
public final class ErrorFunctionInternals {
    private ErrorFunctionInternals() {
    }

    /**
     * @param y the argument, &lt;= 0
     * @return {@code ErrorFunction.expOfNonPositive(y)}
     */
    public static double expOfNonPositive(double y) {
        return ErrorFunction.expOfNonPositive(y);
    }

    /**
     * @param y the argument, &lt;= 0
     * @return {@code ErrorFunction.expOfNonPositive(y)}
     */
    public static float expOfNonPositive(float y) {
        return ErrorFunction.expOfNonPositive(y);
    }
}
