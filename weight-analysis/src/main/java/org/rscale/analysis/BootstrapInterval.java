package org.rscale.analysis;

/**
 * A bootstrap confidence interval of a log-log slope, or the named reason there is none
 * ({@link SeedBootstrap} computes it; {@link ScalingFit#bootstrap()} carries it beside the OLS interval).
 *
 * <p><b>States.</b> {@link #available()} is true only for a computed interval; otherwise the bounds are
 * NaN, {@link #replicates()} is 0 and {@link #note()} says why, e.g. {@value #ONE_SEED}. Writers put
 * {@code unknown} in place of the NaN bounds (see {@link SweepAnalysis#writeFits}); no verdict reads a
 * bound without checking {@link #available()}.
 *
 * @param available  whether the interval was computed
 * @param note       {@value #PERCENTILE} when available, else the reason, starting with {@code not available:}
 * @param ciLow      the lower bound of the slope's interval (NaN when not available)
 * @param ciHigh     the upper bound (NaN when not available)
 * @param level      the interval's nominal level, in (0, 1)
 * @param replicates B, the number of bootstrap replicates (0 when not available)
 * @param nSeeds     the largest number of cells (seeds) at one depth among the cells used (0 when unknown)
 * @param seed       the seed of the {@link java.util.SplittableRandom} that drew the replicates
 */
public record BootstrapInterval(boolean available, String note, double ciLow, double ciHigh, double level,
                                int replicates, int nSeeds, long seed) {

    /** The method of an available interval. */
    public static final String PERCENTILE = "percentile bootstrap over the seeds within each depth";
    /** The reason when every depth has one cell. */
    public static final String ONE_SEED = "not available: one seed per depth";
    /** The reason when the fit was built without its cells (e.g. a fit constructed from its numbers). */
    public static final String NOT_COMPUTED = "not available: not computed";

    /**
     * Checks the states.
     *
     * @param available whether the interval was computed
     * @param note the method or the reason
     * @param ciLow the lower bound (NaN when not available)
     * @param ciHigh the upper bound (NaN when not available)
     * @param level the nominal level, in (0, 1)
     * @param replicates B (0 when not available)
     * @param nSeeds the largest number of cells at one depth
     * @param seed the random seed
     * @throws IllegalArgumentException when an available interval has non-finite or reversed bounds or
     *                                  no replicate, or the note is blank
     */
    public BootstrapInterval {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("bootstrap interval: note must not be blank");
        }
        if (available && (!Double.isFinite(ciLow) || !Double.isFinite(ciHigh) || ciLow > ciHigh || replicates < 1)) {
            throw new IllegalArgumentException("bootstrap interval [" + ciLow + ", " + ciHigh + "] from " + replicates
                    + " replicates is inconsistent");
        }
    }

    /**
     * @param reason why there is no interval, starting with {@code not available:}
     * @param level  the level that was asked for
     * @param nSeeds the largest number of cells at one depth
     * @return the named state
     */
    public static BootstrapInterval notAvailable(String reason, double level, int nSeeds) {
        return new BootstrapInterval(false, reason, Double.NaN, Double.NaN, level, 0, nSeeds, 0L);
    }

    /**
     * @param level the level of the fit
     * @return the state of a fit built from its numbers alone, without its cells
     */
    public static BootstrapInterval notComputed(double level) {
        return notAvailable(NOT_COMPUTED, level, 0);
    }
}
