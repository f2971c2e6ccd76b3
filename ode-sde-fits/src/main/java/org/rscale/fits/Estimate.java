package org.rscale.fits;

import java.util.Locale;

import org.rscale.analysis.ScalingFit;

/**
 * A point estimate with its standard error and a two-sided confidence interval stored as explicit
 * bounds with their level (never a half-width).
 *
 * <p><b>Combinations.</b> {@link #negate()} is exact. {@link #plus(Estimate)} and {@link #minus(Estimate)}
 * combine two estimates taken from the same cells, whose errors are correlated in an unknown way:
 * <pre>
 *   value  = a.value +/- b.value
 *   stderr = sqrt(a.stderr^2 + b.stderr^2)                 (as if independent; for display)
 *   bounds = Minkowski sum: [a.ciLow + b.ciLow, a.ciHigh + b.ciHigh] for plus,
 *                           [a.ciLow - b.ciHigh, a.ciHigh - b.ciLow] for minus
 *   level  = min(a.level, b.level)
 * </pre>
 * The Minkowski bounds are conservative whatever the correlation: they are at least as wide as the
 * independent-errors interval at that level, and by Bonferroni they cover with probability at least
 * {@code 2 level - 1}.
 *
 * @param value  the estimate
 * @param stderr its standard error, {@code >= 0}
 * @param ciLow  lower bound, {@code <= value}
 * @param ciHigh upper bound, {@code >= value}
 * @param level  the interval's level, in (0, 1)
 */
public record Estimate(double value, double stderr, double ciLow, double ciHigh, double level) {

    /**
     * Validates the fields.
     *
     * @param value the estimate
     * @param stderr its standard error, {@code >= 0}
     * @param ciLow lower bound, {@code <= value}
     * @param ciHigh upper bound, {@code >= value}
     * @param level the interval's level, in (0, 1)
     * @throws IllegalArgumentException when a field is not finite, {@code stderr < 0}, the bounds do
     *                                  not bracket the value or the level is not in (0, 1)
     */
    public Estimate {
        if (!Double.isFinite(value) || !Double.isFinite(stderr) || !Double.isFinite(ciLow)
                || !Double.isFinite(ciHigh)) {
            throw new IllegalArgumentException("estimate has a non-finite field: value " + value + ", stderr "
                    + stderr + ", interval [" + ciLow + ", " + ciHigh + "]");
        }
        if (stderr < 0 || ciLow > value || value > ciHigh) {
            throw new IllegalArgumentException("estimate " + value + " with stderr " + stderr + " and interval ["
                    + ciLow + ", " + ciHigh + "] is inconsistent");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("estimate's level " + level + " is not in (0, 1)");
        }
    }

    /**
     * @param fit a log-log fit
     * @return its slope, with the fit's interval
     */
    public static Estimate slopeOf(ScalingFit fit) {
        return new Estimate(fit.slope(), fit.stderr(), fit.ciLow(), fit.ciHigh(), fit.ciLevel());
    }

    /** @return {@code -this}, the bounds swapped */
    public Estimate negate() {
        return new Estimate(-value, stderr, -ciHigh, -ciLow, level);
    }

    /**
     * @param c a constant
     * @return {@code this + c}, exact up to rounding
     */
    public Estimate shift(double c) {
        return new Estimate(value + c, stderr, ciLow + c, ciHigh + c, level);
    }

    /**
     * @param other an estimate from the same cells
     * @return {@code this + other} with conservative (Minkowski) bounds
     */
    public Estimate plus(Estimate other) {
        return new Estimate(value + other.value, Math.hypot(stderr, other.stderr), ciLow + other.ciLow,
                ciHigh + other.ciHigh, Math.min(level, other.level));
    }

    /**
     * @param other an estimate from the same cells
     * @return {@code this - other} with conservative (Minkowski) bounds
     */
    public Estimate minus(Estimate other) {
        return plus(other.negate());
    }

    /**
     * Whether the interval meets {@code [low - tolerance, high + tolerance]}.
     *
     * @param low       the predicted range's lower end
     * @param high      the predicted range's upper end, {@code >= low}
     * @param tolerance the allowed deviation, {@code >= 0}
     * @return {@link Compatibility#COMPATIBLE} or {@link Compatibility#EXCLUDED}
     */
    public Compatibility against(double low, double high, double tolerance) {
        return ciLow <= high + tolerance && ciHigh >= low - tolerance
                ? Compatibility.COMPATIBLE : Compatibility.EXCLUDED;
    }

    /** @return {@code (ciHigh - ciLow) / 2}, for display */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    /**
     * @return e.g. {@code 0.201 [0.190, 0.212]}; three decimals, or three significant digits for numbers below 0.01
     *         or from 100000 on (e.g. {@code 1.81e-05})
     */
    public String format() {
        return number(value) + " [" + number(ciLow) + ", " + number(ciHigh) + "]";
    }

    /**
     * @param x a number
     * @return it with three decimals, or three significant digits when it is below 0.01 or from 100000 on
     */
    public static String number(double x) {
        double a = Math.abs(x);
        return a == 0 || (a >= 0.01 && a < 1e5) ? String.format(Locale.ROOT, "%.3f", x)
                : String.format(Locale.ROOT, "%.3g", x);
    }
}
