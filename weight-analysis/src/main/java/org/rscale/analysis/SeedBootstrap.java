package org.rscale.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;

/**
 * The percentile bootstrap of a log-log slope over a depth sweep with several seeds per depth, resampling
 * seeds within depth.
 *
 * <p><b>Method.</b> The cells are the points {@code (x_i, y_i) = (log L_i, log v_i)} kept by
 * {@link ScalingFit}'s drop-and-count policy (finite, positive values). Group them by depth:
 * {@code n_L} cells at depth {@code L}. One replicate draws, for every depth independently, {@code n_L}
 * cells of that depth uniformly with replacement, and refits the OLS slope
 * <pre>
 *   slope* = sum (x - xbar)(y - ybar) / sum (x - xbar)^2        over the drawn cells
 * </pre>
 * After {@code B} replicates the interval is {@code [Q((1 - level)/2), Q((1 + level)/2)]}, {@code Q} the
 * empirical quantile of the {@code B} slopes with linear interpolation between order statistics
 * (Hyndman and Fan's type 7, numpy's default): {@code Q(p) = s_(j) + (h - j)(s_(j+1) - s_(j))},
 * {@code h = (B - 1) p}, {@code j = floor(h)}, 0-based sorted slopes {@code s}.
 *
 * <p>The depths themselves are not resampled: the design (the depth grid) is fixed and the variability
 * measured is that between training seeds at a depth, which the OLS interval of a single-seed sweep
 * cannot see (it treats the scatter around the line as independent noise).
 *
 * <p><b>Few seeds.</b> Resampling {@code n} cells with replacement has a variance {@code (n-1)/n} times
 * the sample variance, so with {@code n} seeds per depth the interval is about {@code sqrt((n-1)/n)} times
 * too narrow (0.71 for two seeds, 0.82 for three); no correction is applied. Read an interval from two
 * or three seeds per depth as a lower bound on the seed-to-seed uncertainty.
 *
 * <p><b>Defaults.</b> {@code B} = {@value #DEFAULT_REPLICATES}; the replicates are drawn by one
 * {@link SplittableRandom} seeded with {@value #DEFAULT_SEED} (the digits of arXiv:2105.12245) per fit,
 * so an interval is a pure function of its input: the same cells give the same interval, whatever else
 * was fitted before. With {@code B = 2000} the Monte-Carlo error of a 95% percentile bound is about
 * 1-2% of the interval's width.
 *
 * <p><b>Edge cases</b> (named states, never NaN bounds in an available interval):
 * <ul>
 *   <li>every depth has one cell: {@value BootstrapInterval#ONE_SEED};</li>
 *   <li>some depths have one cell and others more: {@code not available: k of n depths have one seed}
 *       (those depths would contribute no resampling variability and the interval would be too narrow);</li>
 *   <li>fewer than {@value ScalingFit#MIN_DEPTHS} depths: {@code not available: fewer than 3 depths}.</li>
 * </ul>
 *
 * <p>References: B. Efron and R. Tibshirani, "An Introduction to the Bootstrap" (1993), chapter 13
 * (percentile intervals) and section 9.5 (resampling within strata); R. J. Hyndman and Y. Fan,
 * "Sample quantiles in statistical packages", Am. Stat. 50(4), 1996, doi:10.2307/2684934 (type 7).
 * The log-log fits are those of A.-S. Cohen, R. Cont, A. Rossier, R. Xu, arXiv:2105.12245.
 */
public final class SeedBootstrap {
    /** The default number of bootstrap replicates B. */
    public static final int DEFAULT_REPLICATES = 2000;
    /** The default seed of the replicates' random stream. */
    public static final long DEFAULT_SEED = 210512245L;

    private SeedBootstrap() {
    }

    /**
     * The bootstrap interval of the slope of {@code log(values) = c + slope log(depths)} with the default
     * replicates and seed.
     *
     * @param depths the depth of each cell, at least 1; not modified
     * @param values the statistic of each cell (unusable values are dropped); not modified
     * @param level  the level, in (0, 1)
     * @return the interval or its named absence
     */
    public static BootstrapInterval slope(int[] depths, double[] values, double level) {
        return slope(depths, values, level, DEFAULT_REPLICATES, DEFAULT_SEED);
    }

    /**
     * The bootstrap interval of the slope of {@code log(values) = c + slope log(depths)}.
     *
     * @param depths     the depth of each cell, at least 1; not modified
     * @param values     the statistic of each cell (non-finite or non-positive values are dropped); not modified
     * @param level      the level, in (0, 1)
     * @param replicates B, at least 2
     * @param seed       the seed of the replicates' random stream
     * @return the interval or its named absence
     * @throws IllegalArgumentException when the lengths differ or {@code replicates < 2}
     * @throws InvalidInputException    when the level is not in (0, 1) or a depth is below 1
     */
    public static BootstrapInterval slope(int[] depths, double[] values, double level, int replicates, long seed) {
        LinearFit.checkLevel(level);
        if (depths.length != values.length) {
            throw new IllegalArgumentException(depths.length + " depths but " + values.length + " values");
        }
        if (replicates < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 replicates, got " + replicates);
        }
        int kept = 0;
        for (int i = 0; i < depths.length; i++) {
            if (depths[i] < 1) {
                throw new InvalidInputException("depth " + depths[i] + " of cell " + i + " is below 1");
            }
            if (Double.isFinite(values[i]) && values[i] > 0) {
                kept++;
            }
        }
        // cells sorted by depth: order[] holds the kept cells' indices
        Integer[] order = new Integer[kept];
        int j = 0;
        for (int i = 0; i < depths.length; i++) {
            if (Double.isFinite(values[i]) && values[i] > 0) {
                order[j++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> Integer.compare(depths[a], depths[b]));
        double[] x = new double[kept];
        double[] y = new double[kept];
        int groups = 0;
        int[] start = new int[kept + 1];
        for (int i = 0; i < kept; i++) {
            x[i] = Math.log(depths[order[i]]);
            y[i] = Math.log(values[order[i]]);
            if (i == 0 || depths[order[i]] != depths[order[i - 1]]) {
                start[groups++] = i;
            }
        }
        start[groups] = kept;
        int maxCells = 0;
        int singles = 0;
        for (int g = 0; g < groups; g++) {
            int n = start[g + 1] - start[g];
            maxCells = Math.max(maxCells, n);
            if (n == 1) {
                singles++;
            }
        }
        if (groups < ScalingFit.MIN_DEPTHS) {
            return BootstrapInterval.notAvailable("not available: fewer than " + ScalingFit.MIN_DEPTHS + " depths",
                    level, maxCells);
        }
        if (maxCells == 1) {
            return BootstrapInterval.notAvailable(BootstrapInterval.ONE_SEED, level, 1);
        }
        if (singles > 0) {
            return BootstrapInterval.notAvailable("not available: " + singles + " of " + groups
                    + " depths have one seed", level, maxCells);
        }
        // x is constant within a depth group, so only y is drawn; xbar is fixed because every replicate
        // keeps n_L cells at each depth
        double xbar = 0;
        for (int i = 0; i < kept; i++) {
            xbar += x[i];
        }
        xbar /= kept;
        double sxx = 0;
        for (int i = 0; i < kept; i++) {
            sxx += (x[i] - xbar) * (x[i] - xbar);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] slopes = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double sxy = 0;
            for (int g = 0; g < groups; g++) {
                int from = start[g];
                int n = start[g + 1] - from;
                double dx = x[from] - xbar;
                for (int c = 0; c < n; c++) {
                    sxy += dx * y[from + rng.nextInt(n)];
                }
            }
            // slope* = sum (x - xbar) y* / Sxx  (the ybar term vanishes because sum (x - xbar) = 0)
            slopes[r] = sxy / sxx;
        }
        Arrays.sort(slopes);
        double lo = quantile(slopes, (1 - level) / 2);
        double hi = quantile(slopes, (1 + level) / 2);
        return new BootstrapInterval(true, BootstrapInterval.PERCENTILE, lo, hi, level, replicates, maxCells, seed);
    }

    /**
     * The type-7 empirical quantile of sorted values:
     * {@code Q(p) = s_(j) + (h - j)(s_(j+1) - s_(j))}, {@code h = (n - 1) p}, {@code j = floor(h)} (0-based).
     *
     * @param sorted values in increasing order, at least one; not modified
     * @param p      the probability, in [0, 1]
     * @return the quantile
     * @throws IllegalArgumentException when {@code sorted} is empty or {@code p} is outside [0, 1]
     */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability " + p + " is not in [0, 1]");
        }
        double h = (sorted.length - 1) * p;
        int j = (int) Math.floor(h);
        if (j >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]);
    }
}
