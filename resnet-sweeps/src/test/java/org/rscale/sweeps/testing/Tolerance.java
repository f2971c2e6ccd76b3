package org.rscale.sweeps.testing;

/**
 * A named tolerance for comparing a computed value with a reference: passes when
 * {@code |actual - expected| <= absolute + relative * |expected|}.
 *
 * @param name     what the tolerance is for, shown on failure
 * @param absolute the absolute part
 * @param relative the relative part
 */
public record Tolerance(String name, double absolute, double relative) {

    /**
     * @param name     what it is for
     * @param relative the relative tolerance
     * @return a purely relative tolerance
     */
    public static Tolerance relative(String name, double relative) {
        return new Tolerance(name, 0, relative);
    }

    /**
     * @param name     what it is for
     * @param absolute the absolute tolerance
     * @return a purely absolute tolerance
     */
    public static Tolerance absolute(String name, double absolute) {
        return new Tolerance(name, absolute, 0);
    }

    /**
     * @param expected the reference value
     * @param actual   the computed value
     * @return whether they agree
     */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return false;
        }
        if (expected == actual) {
            return true;
        }
        return Math.abs(actual - expected) <= absolute + relative * Math.abs(expected);
    }

    /**
     * Throws an {@link AssertionError} unless the values agree.
     *
     * @param expected the reference value
     * @param actual   the computed value
     * @param what     what is compared, for the message
     */
    public void check(double expected, double actual, String what) {
        if (!accepts(expected, actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (" + name
                    + ": abs " + absolute + ", rel " + relative + "; difference " + Math.abs(actual - expected) + ")");
        }
    }
}
