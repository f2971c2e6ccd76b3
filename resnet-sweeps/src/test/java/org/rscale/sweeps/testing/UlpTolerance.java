package org.rscale.sweeps.testing;

/**
 * A named tolerance in units in the last place of the expected value, in its own format: passes
 * when {@code |actual - expected| <= ulps * ulp(expected)}, or when both are the same infinity or
 * both NaN. Use where a relative tolerance means nothing, e.g. for subnormal results, or where the
 * requirement is stated in ulps (binary32 results against the correctly rounded value).
 *
 * @param name what the tolerance is for, shown on failure
 * @param ulps the allowed distance, in ulps of the expected value
 */
public record UlpTolerance(String name, double ulps) {

    /**
     * @param expected the reference value
     * @param actual   the computed value
     * @return the distance in ulps of {@code expected} (0 for equal values, infinite for a NaN,
     *         infinity or sign of zero not matched)
     */
    public static double distance(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return 0;
        }
        if (!Double.isFinite(expected) || !Double.isFinite(actual) || expected == actual) {
            // different NaN-ness or infinities, or +0 against -0
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    /**
     * @param expected the reference value
     * @param actual   the computed value
     * @return the distance in ulps of {@code expected} in binary32
     */
    public static double distance(float expected, float actual) {
        if (Float.compare(expected, actual) == 0) {
            return 0;
        }
        if (!Float.isFinite(expected) || !Float.isFinite(actual) || expected == actual) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs((double) actual - expected) / Math.ulp(expected);
    }

    /**
     * Throws an {@link AssertionError} unless the binary64 values agree.
     *
     * @param expected the reference value
     * @param actual   the computed value
     * @param what     what is compared, for the message
     */
    public void check(double expected, double actual, String what) {
        double d = distance(expected, actual);
        if (!(d <= ulps)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (" + name + ": "
                    + ulps + " ulp; distance " + d + " ulp)");
        }
    }

    /**
     * Throws an {@link AssertionError} unless the binary32 values agree.
     *
     * @param expected the reference value
     * @param actual   the computed value
     * @param what     what is compared, for the message
     */
    public void check(float expected, float actual, String what) {
        double d = distance(expected, actual);
        if (!(d <= ulps)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (" + name + ": "
                    + ulps + " ulp; distance " + d + " ulp)");
        }
    }
}
