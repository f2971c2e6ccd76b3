package org.rscale.analysis;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.sweeps.InvalidInputException;

/**
 * The log-log scaling fit of one statistic over the cells of a depth sweep:
 * <pre>
 *   log(stat_i) = intercept + slope log(L_i),   i = the cells kept
 * </pre>
 * an ordinary least squares {@link LinearFit} in natural logarithms, one point per cell (several seeds
 * per depth are several points at the same {@code L}). Scaling exponents are read off the slope:
 * {@code beta = -slope} of the max norm of {@code A}, {@code alpha = -slope} of the max norm of the
 * shared {@code |delta|} (SCIENCE.md section 4).
 *
 * <p><b>Data policy (named: drop-and-count).</b> A value that is not finite or not positive (an
 * undefined statistic passed as NaN, a zero increment of a constant path, an overflow) has no logarithm:
 * it is dropped and counted in {@link #nDropped()}. A fit needs at least {@value #MIN_POINTS} points
 * at at least {@value #MIN_DEPTHS} distinct depths after dropping (two points have no standard error,
 * two depths cannot show curvature); otherwise {@link #of} returns {@code Optional.empty()}. NaN never
 * leaks into a fit.
 *
 * <p><b>Seeds.</b> Beside the OLS interval, which treats every cell as an independent point, each fit
 * built by {@link #of} carries a {@link SeedBootstrap} interval that resamples the seeds within each
 * depth ({@link #bootstrap()}); with one seed per depth it is the named state
 * {@value BootstrapInterval#ONE_SEED}. A fit constructed from its numbers alone (the 10-argument
 * constructor) carries {@value BootstrapInterval#NOT_COMPUTED}.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (log-log regressions of the weight statistics against depth).
 *
 * @param slope     the fitted exponent
 * @param intercept the fitted log-level {@code c}
 * @param stderr    the slope's standard error
 * @param ciLow     lower bound of the slope's two-sided Student t interval (n-2 dof)
 * @param ciHigh    upper bound of that interval
 * @param ciLevel   the interval's level, e.g. 0.95
 * @param r2        the coefficient of determination of the log-log fit
 * @param nPoints   cells used
 * @param nDepths   distinct depths among the cells used
 * @param nDropped  cells dropped (non-finite or non-positive value)
 * @param bootstrap the seed bootstrap interval of the slope, or its named absence
 */
public record ScalingFit(double slope, double intercept, double stderr, double ciLow, double ciHigh,
                         double ciLevel, double r2, int nPoints, int nDepths, int nDropped,
                         BootstrapInterval bootstrap) {

    /** The smallest number of points a fit uses. */
    public static final int MIN_POINTS = 3;
    /** The smallest number of distinct depths a fit uses. */
    public static final int MIN_DEPTHS = 3;

    /**
     * Checks that the bootstrap is present.
     *
     * @param slope the fitted exponent
     * @param intercept the fitted log-level
     * @param stderr the slope's standard error
     * @param ciLow lower bound of the slope's Student t interval
     * @param ciHigh upper bound of that interval
     * @param ciLevel the interval's level
     * @param r2 the coefficient of determination
     * @param nPoints cells used
     * @param nDepths distinct depths among the cells used
     * @param nDropped cells dropped
     * @param bootstrap the seed bootstrap interval, or its named absence
     * @throws NullPointerException when {@code bootstrap} is null
     */
    public ScalingFit {
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * A fit from its numbers alone, without its cells: the bootstrap is {@value BootstrapInterval#NOT_COMPUTED}.
     *
     * @param slope     the fitted exponent
     * @param intercept the fitted log-level
     * @param stderr    the slope's standard error
     * @param ciLow     lower bound of the slope's Student t interval
     * @param ciHigh    upper bound of that interval
     * @param ciLevel   the interval's level
     * @param r2        the coefficient of determination
     * @param nPoints   cells used
     * @param nDepths   distinct depths among the cells used
     * @param nDropped  cells dropped
     */
    public ScalingFit(double slope, double intercept, double stderr, double ciLow, double ciHigh, double ciLevel,
                      double r2, int nPoints, int nDepths, int nDropped) {
        this(slope, intercept, stderr, ciLow, ciHigh, ciLevel, r2, nPoints, nDepths, nDropped,
                BootstrapInterval.notComputed(ciLevel));
    }

    /**
     * Fits {@code log(values) = c + slope log(depths)} with a {@value LinearFit#DEFAULT_LEVEL} interval.
     *
     * @param depths the depth of each cell, at least 1; not modified
     * @param values the statistic of each cell (NaN when undefined); not modified
     * @return the fit, or empty when fewer than 3 points or 3 depths remain after dropping
     */
    public static Optional<ScalingFit> of(int[] depths, double[] values) {
        return of(depths, values, LinearFit.DEFAULT_LEVEL);
    }

    /**
     * Fits {@code log(values) = c + slope log(depths)}, with the {@link SeedBootstrap} interval of the
     * slope ({@value SeedBootstrap#DEFAULT_REPLICATES} replicates, seed {@value SeedBootstrap#DEFAULT_SEED})
     * when the cells hold several seeds per depth.
     *
     * @param depths the depth of each cell, at least 1; not modified
     * @param values the statistic of each cell (NaN when undefined); not modified
     * @param level  the confidence level, in (0, 1)
     * @return the fit, or empty when fewer than 3 points or 3 depths remain after dropping
     * @throws IllegalArgumentException when the lengths differ
     * @throws InvalidInputException    when a depth is below 1 or the level is not in (0, 1)
     */
    public static Optional<ScalingFit> of(int[] depths, double[] values, double level) {
        LinearFit.checkLevel(level);
        if (depths.length != values.length) {
            throw new IllegalArgumentException(depths.length + " depths but " + values.length + " values");
        }
        int n = depths.length;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (depths[i] < 1) {
                throw new InvalidInputException("depth " + depths[i] + " of cell " + i + " is below 1");
            }
            if (usable(values[i])) {
                kept++;
            }
        }
        double[] x = new double[kept];
        double[] y = new double[kept];
        int[] keptDepths = new int[kept];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (usable(values[i])) {
                x[j] = Math.log(depths[i]);
                y[j] = Math.log(values[i]);
                keptDepths[j] = depths[i];
                j++;
            }
        }
        int distinct = distinct(keptDepths);
        if (kept < MIN_POINTS || distinct < MIN_DEPTHS) {
            return Optional.empty();
        }
        LinearFit f = LinearFit.of(x, y, level);
        BootstrapInterval boot = SeedBootstrap.slope(depths, values, level);
        return Optional.of(new ScalingFit(f.slope(), f.intercept(), f.slopeStderr(), f.ciLow(), f.ciHigh(),
                f.ciLevel(), f.r2(), kept, distinct, n - kept, boot));
    }

    /**
     * Fits every statistic over a group of cells (one tensor, cells differing only in depth and seed).
     * A statistic undefined in a cell counts as dropped for that statistic.
     *
     * @param cells the statistics of each cell, all of one tensor and one increment exponent; not modified
     * @param level the confidence level, in (0, 1)
     * @return the fits that exist, by statistic
     * @throws IllegalArgumentException when the cells mix tensors or increment exponents
     */
    public static Map<WeightStatistic, ScalingFit> ofAll(List<WeightStatistics> cells, double level) {
        int n = cells.size();
        int[] depths = new int[n];
        for (int i = 0; i < n; i++) {
            WeightStatistics c = cells.get(i);
            WeightStatistics first = cells.get(0); // every cell is compared with the first
            if (!c.name().equals(first.name())) {
                throw new IllegalArgumentException("cells mix tensors " + first.name() + " and " + c.name());
            }
            if (Double.compare(c.incrementExponent(), first.incrementExponent()) != 0) {
                throw new IllegalArgumentException("cells mix increment exponents " + first.incrementExponent()
                        + " and " + c.incrementExponent());
            }
            depths[i] = c.L();
        }
        Map<WeightStatistic, ScalingFit> fits = new EnumMap<>(WeightStatistic.class);
        double[] values = new double[n];
        for (WeightStatistic s : WeightStatistic.values()) {
            for (int i = 0; i < n; i++) {
                OptionalDouble v = cells.get(i).get(s);
                values[i] = v.isPresent() ? v.getAsDouble() : Double.NaN;
            }
            Optional<ScalingFit> fit = of(depths, values, level);
            if (fit.isPresent()) {
                fits.put(s, fit.get());
            }
        }
        return fits;
    }

    /** @return {@code (ciHigh - ciLow) / 2}, for display; the bounds are the stored quantities */
    public double ciHalfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    private static boolean usable(double v) {
        return Double.isFinite(v) && v > 0;
    }

    private static int distinct(int[] depths) {
        int[] sorted = depths.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                count++;
            }
        }
        return count;
    }
}
