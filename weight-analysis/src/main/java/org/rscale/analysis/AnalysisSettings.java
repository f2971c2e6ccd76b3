package org.rscale.analysis;

/**
 * The settings of a sweep's weight analysis, defined once: the command line shows these defaults and the
 * pipeline uses them.
 *
 * @param incrementExponent f of the increment statistic {@code L^f max_k ||T_k - T_{k-1}||} (0: the raw increment)
 * @param level             the confidence level of every interval, in (0, 1)
 */
public record AnalysisSettings(double incrementExponent, double level) {

    /** The defaults: the raw increment, 95% intervals. */
    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(0, 0.95);

    /**
     * Checks the components.
     *
     * @param incrementExponent f, finite
     * @param level             in (0, 1)
     * @throws IllegalArgumentException when out of range
     */
    public AnalysisSettings {
        if (!Double.isFinite(incrementExponent)) {
            throw new IllegalArgumentException("increment exponent must be finite, got " + incrementExponent);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }
}
