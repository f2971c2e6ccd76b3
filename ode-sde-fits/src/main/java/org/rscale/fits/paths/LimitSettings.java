package org.rscale.fits.paths;

import java.util.OptionalDouble;

import org.rscale.sweeps.InvalidInputException;

/**
 * The settings of a {@link LimitAnalysis}.
 *
 * <pre>
 *   setting          default      reference code   meaning
 *   grid_points      200          -                G, the common grid of the rescaled curves (convergence)
 *   n_times          500          500              n, the trend's grid t_i = i/n; trend depths are L &gt; n
 *   trend_depths     4            4                how many of the deepest qualifying depths make the trend (0: all)
 *   skip_deepest     0            4                how many of the deepest qualifying depths to leave out first
 *   exponent_source  max_norm     max_norm         where beta/gamma comes from ({@link ExponentSource})
 *   exponent         (none)       0.2 / 0.5        the exponent when the source is fixed
 * </pre>
 * The reference code averages the cumulative sums of the depths ranked 5th to 8th from the deepest
 * ({@code [-8:-4]}, probably to avoid its least-trained deepest networks): {@link #reference()}. Our
 * default keeps the four deepest: the trend is then estimated where the limit is closest. A sweep whose
 * depths are all at most {@code n_times} has no trend ("not available"): lower {@code n_times} rather
 * than let the analysis guess.
 *
 * @param gridPoints     G, at least 2
 * @param nTimes         n, at least 1
 * @param trendDepths    the number of trend depths, 0 for every qualifying depth
 * @param skipDeepest    the number of deepest qualifying depths left out, at least 0
 * @param exponentSource where the exponent comes from
 * @param exponent       the exponent when the source is {@link ExponentSource#FIXED}, else empty
 */
public record LimitSettings(int gridPoints, int nTimes, int trendDepths, int skipDeepest, ExponentSource exponentSource,
                            OptionalDouble exponent) {

    /**
     * Validates.
     *
     * @param gridPoints G, at least 2
     * @param nTimes n, at least 1
     * @param trendDepths the number of trend depths, 0 for all
     * @param skipDeepest the number of deepest qualifying depths left out
     * @param exponentSource where the exponent comes from
     * @param exponent the fixed exponent, present exactly when the source is fixed
     * @throws InvalidInputException naming the setting at fault
     */
    public LimitSettings {
        if (gridPoints < 2) {
            throw new InvalidInputException("limit settings: grid_points = " + gridPoints + ", must be at least 2");
        }
        if (nTimes < 1) {
            throw new InvalidInputException("limit settings: n_times = " + nTimes + ", must be at least 1");
        }
        if (trendDepths < 0 || skipDeepest < 0) {
            throw new InvalidInputException("limit settings: trend_depths = " + trendDepths + " and skip_deepest = "
                    + skipDeepest + " must be at least 0");
        }
        if (exponentSource == null) {
            throw new InvalidInputException("limit settings: exponent_source must be given");
        }
        if ((exponentSource == ExponentSource.FIXED) != exponent.isPresent()) {
            throw new InvalidInputException("limit settings: exponent must be given exactly when exponent_source is fixed");
        }
        if (exponent.isPresent() && !Double.isFinite(exponent.getAsDouble())) {
            throw new InvalidInputException("limit settings: exponent = " + exponent.getAsDouble() + " is not finite");
        }
    }

    /** @return the defaults of the table above */
    public static LimitSettings defaults() {
        return new LimitSettings(RescaledCurve.DEFAULT_POINTS, TrendNoiseDecomposition.DEFAULT_N_TIMES, 4, 0,
                ExponentSource.MAX_NORM, OptionalDouble.empty());
    }

    /** @return the reference code's choices: n_times 500, the depths ranked 5th to 8th from the deepest */
    public static LimitSettings reference() {
        return new LimitSettings(RescaledCurve.DEFAULT_POINTS, TrendNoiseDecomposition.DEFAULT_N_TIMES, 4, 4,
                ExponentSource.MAX_NORM, OptionalDouble.empty());
    }

    /**
     * @param n another n_times
     * @return these settings with it
     */
    public LimitSettings withNTimes(int n) {
        return new LimitSettings(gridPoints, n, trendDepths, skipDeepest, exponentSource, exponent);
    }

    /**
     * @param source another exponent source (not {@link ExponentSource#FIXED})
     * @return these settings with it
     */
    public LimitSettings withExponentSource(ExponentSource source) {
        return new LimitSettings(gridPoints, nTimes, trendDepths, skipDeepest, source, OptionalDouble.empty());
    }

    /**
     * @param value a fixed exponent
     * @return these settings with {@link ExponentSource#FIXED} and that exponent
     */
    public LimitSettings withFixedExponent(double value) {
        return new LimitSettings(gridPoints, nTimes, trendDepths, skipDeepest, ExponentSource.FIXED,
                OptionalDouble.of(value));
    }
}
