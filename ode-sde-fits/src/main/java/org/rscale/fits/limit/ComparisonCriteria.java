package org.rscale.fits.limit;

/**
 * The thresholds of {@link LimitComparison}.
 *
 * <pre>
 *   setting          default   meaning
 *   level            0.95      level of the rate's two-sided Student t interval
 *   minimumRate      0.25      converging needs the rate's interval below -minimumRate
 *   exactTolerance   1e-12     exact when every relative error is at most this
 * </pre>
 * Why a minimum rate: a network at a fixed distance {@code E} from a wrong limit, plus a vanishing part
 * {@code c/L}, has an error whose log-log slope is small but negative with a tight interval
 * ({@code -(c/L)/E}); the rates the limits predict are {@code -1} (Euler), {@code -1/2} (the linear ODE for
 * tanh with beta = 1/4) or {@code -beta} (the linear ODE when {@code sigma''(0) != 0}), so a floor of 1/4
 * separates them; a linear-ODE regime with {@code beta &lt; 1/4} and {@code sigma''(0) != 0} would need a lower
 * floor.
 *
 * @param level          the interval's level, in (0, 1)
 * @param minimumRate    the slowest decay counted as convergence, {@code >= 0}
 * @param exactTolerance the relative error below which the match is exact, {@code >= 0}
 */
public record ComparisonCriteria(double level, double minimumRate, double exactTolerance) {

    /** The defaults of the table above. */
    public static final ComparisonCriteria DEFAULTS = new ComparisonCriteria(0.95, 0.25, 1e-12);

    /**
     * Checks the ranges.
     *
     * @param level the interval's level, in (0, 1)
     * @param minimumRate the slowest decay counted as convergence, {@code >= 0}
     * @param exactTolerance the relative error below which the match is exact, {@code >= 0}
     */
    public ComparisonCriteria {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level " + level + " is not in (0, 1)");
        }
        if (!(minimumRate >= 0) || !(exactTolerance >= 0)) {
            throw new IllegalArgumentException("minimumRate and exactTolerance must be >= 0, got " + minimumRate
                    + " and " + exactTolerance);
        }
    }
}
