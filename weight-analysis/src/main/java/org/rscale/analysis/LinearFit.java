package org.rscale.analysis;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.rscale.sweeps.InvalidInputException;

/**
 * An ordinary least squares line {@code y = intercept + slope x} with the slope's standard error and
 * confidence interval.
 *
 * <pre>
 *   slope     = Sxy / Sxx,   intercept = ybar - slope xbar
 *   SSE       = Syy - Sxy^2 / Sxx
 *   stderr    = sqrt(SSE / (n - 2) / Sxx)
 *   [ciLow, ciHigh] = slope -/+ t_{n-2, (1 + level)/2} stderr      (two-sided, Student t, n-2 dof)
 *   r2        = 1 - SSE / Syy
 * </pre>
 * with {@code Sxx = sum (x - xbar)^2}, {@code Sxy = sum (x - xbar)(y - ybar)},
 * {@code Syy = sum (y - ybar)^2}. Computed with Commons Math {@link SimpleRegression} (updating
 * formulas, certified against NIST StRD "Norris") and {@link TDistribution}.
 *
 * <p>The interval is stored as explicit bounds with its level, never as a half-width (contrast
 * {@link SimpleRegression#getSlopeConfidenceInterval}).
 *
 * <p><b>Edge cases.</b> A perfect fit has {@code slopeStderr = 0} and {@code ciLow = ciHigh = slope}.
 * When every {@code y} is equal ({@code Syy = 0}), {@code r2 = 1} by this class's convention (the line
 * explains all there is; Commons Math returns NaN). Fewer than 3 points, all {@code x} equal, or a
 * non-finite value are rejected: callers with a data policy (see {@link ScalingFit}) filter first.
 *
 * @param slope       the fitted slope
 * @param intercept   the fitted intercept
 * @param slopeStderr the slope's standard error
 * @param ciLow       lower bound of the slope's two-sided confidence interval
 * @param ciHigh      upper bound of the slope's two-sided confidence interval
 * @param ciLevel     the interval's level, in (0, 1), e.g. 0.95
 * @param r2          the coefficient of determination
 * @param n           the number of points
 */
public record LinearFit(double slope, double intercept, double slopeStderr, double ciLow, double ciHigh,
                        double ciLevel, double r2, int n) {

    /** The default confidence level. */
    public static final double DEFAULT_LEVEL = 0.95;

    /**
     * Fits a line.
     *
     * @param x     abscissae; not modified
     * @param y     ordinates; not modified
     * @param level the confidence level, in (0, 1)
     * @return the fit
     * @throws IllegalArgumentException when the lengths differ, {@code n < 3}, a value is not finite or
     *                                  all {@code x} are equal
     * @throws InvalidInputException    when the level is not in (0, 1)
     */
    public static LinearFit of(double[] x, double[] y, double level) {
        checkLevel(level);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("a line with a standard error needs at least 3 points, got " + n);
        }
        SimpleRegression r = new SimpleRegression(true);
        boolean xVaries = false;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
            xVaries |= x[i] != x[0];
            r.addData(x[i], y[i]);
        }
        if (!xVaries) {
            throw new IllegalArgumentException("all " + n + " x values are equal (" + x[0] + "): no slope");
        }
        double slope = r.getSlope();
        double se = r.getSlopeStdErr();
        double t = new TDistribution(n - 2).inverseCumulativeProbability(0.5 + level / 2);
        double r2 = r.getTotalSumSquares() == 0 ? 1 : r.getRSquare();
        return new LinearFit(slope, r.getIntercept(), se, slope - t * se, slope + t * se, level, r2, n);
    }

    /**
     * @param x abscissae; not modified
     * @param y ordinates; not modified
     * @return the fit with a {@value #DEFAULT_LEVEL} interval
     */
    public static LinearFit of(double[] x, double[] y) {
        return of(x, y, DEFAULT_LEVEL);
    }

    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("confidence level " + level + " is not in (0, 1)");
        }
    }
}
