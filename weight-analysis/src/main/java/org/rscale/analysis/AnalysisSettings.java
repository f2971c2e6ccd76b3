package org.rscale.analysis;

/**
 * The settings of a sweep's weight analysis, defined once: the command line shows these defaults and the
 * pipeline uses them.
 *
 * @param incrementExponent f of the increment statistic {@code L^f max_k ||T_k - T_{k-1}||} (0: the raw increment)
 * @param level             the confidence level of every interval, in (0, 1)
 * @param conv              how convolutional cells' kernels are measured; its cache directory is where the
 *                          analysis keeps each conv cell's spectra ({@link #convIn}); null for the defaults
 * @param range             the depths the fits judge (statistics.csv keeps every cell); null for every depth
 */
public record AnalysisSettings(double incrementExponent, double level, ConvAnalysisSettings conv, DepthRange range) {

    /** The defaults: the raw increment, 95% intervals, the conv defaults. */
    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(0, 0.95);

    /**
     * The settings with the conv defaults.
     *
     * @param incrementExponent f, finite
     * @param level             in (0, 1)
     */
    public AnalysisSettings(double incrementExponent, double level) {
        this(incrementExponent, level, null, null);
    }

    /**
     * The settings over every depth.
     *
     * @param incrementExponent f, finite
     * @param level             in (0, 1)
     * @param conv              the conv settings, null for the defaults
     */
    public AnalysisSettings(double incrementExponent, double level, ConvAnalysisSettings conv) {
        this(incrementExponent, level, conv, null);
    }

    /**
     * Checks the components.
     *
     * @param incrementExponent f, finite
     * @param level             in (0, 1)
     * @param conv              the conv settings, null for the defaults
     * @param range             the depths judged, null for every depth
     * @throws IllegalArgumentException when out of range
     */
    public AnalysisSettings {
        if (conv == null) {
            conv = ConvAnalysisSettings.defaults(null);
        }
        if (range == null) {
            range = DepthRange.ALL;
        }
        if (!Double.isFinite(incrementExponent)) {
            throw new IllegalArgumentException("increment exponent must be finite, got " + incrementExponent);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    /**
     * @param analysisDir an analysis directory
     * @return the conv settings keeping each cell's spectra in {@code analysisDir/}{@value ConvSpectraFiles#CELLS_DIR}
     */
    public ConvAnalysisSettings convIn(java.nio.file.Path analysisDir) {
        return conv.withCacheDir(analysisDir.resolve(ConvSpectraFiles.CELLS_DIR));
    }

    /**
     * @param r the depths to judge
     * @return these settings judging only those depths
     */
    public AnalysisSettings withRange(DepthRange r) {
        return new AnalysisSettings(incrementExponent, level, conv, r);
    }

    /**
     * @param other other settings
     * @return whether both analyse with the same increment exponent and level (the options verdict.json records)
     */
    public boolean sameRecordedOptions(AnalysisSettings other) {
        return incrementExponent == other.incrementExponent && level == other.level;
    }
}
