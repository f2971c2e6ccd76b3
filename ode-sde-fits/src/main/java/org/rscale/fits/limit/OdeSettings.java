package org.rscale.fits.limit;

/**
 * Settings of the adaptive Dormand&ndash;Prince 8(5,3) integrator that solves the limit ODEs
 * (Commons Math {@code DormandPrince853Integrator}; E. Hairer, S. P. N&oslash;rsett, G. Wanner, "Solving
 * Ordinary Differential Equations I", 2nd ed., Springer 1993, section II.10).
 *
 * <p>A step is accepted when its scaled error estimate is at most 1, the scale of component i being
 * {@code absoluteTolerance + relativeTolerance |H_i|}. The integration restarts at every grid point
 * of the coefficient paths ({@link LimitCoefficients#breakpoints()}), so no step crosses a kink of the
 * piecewise-linear coefficients; {@code maxStep} and {@code maxEvaluations} apply to each such segment.
 *
 * <pre>
 *   setting             default   meaning
 *   absoluteTolerance   1e-10     absolute part of the error scale
 *   relativeTolerance   1e-10     relative part of the error scale
 *   minStep             1e-12     a smaller step (other than the last of a segment) fails the integration
 *   maxStep             1         the largest step, in units of t
 *   maxEvaluations      1000000   right-hand side evaluations per segment before the integration fails
 * </pre>
 * With the defaults the integration error on the test problems is below 1e-9, far below the
 * {@code O(1/L)} network errors it is compared with at {@code L &lt;= 10^4}.
 *
 * @param absoluteTolerance absolute tolerance, {@code > 0}
 * @param relativeTolerance relative tolerance, {@code >= 0}
 * @param minStep           the smallest step, {@code >= 0}
 * @param maxStep           the largest step, {@code > minStep}
 * @param maxEvaluations    evaluations per segment, at least 1
 */
public record OdeSettings(double absoluteTolerance, double relativeTolerance, double minStep, double maxStep,
                          int maxEvaluations) {

    /** The defaults of the table above. */
    public static final OdeSettings DEFAULTS = new OdeSettings(1e-10, 1e-10, 1e-12, 1.0, 1_000_000);

    /**
     * Checks the ranges.
     *
     * @param absoluteTolerance absolute tolerance, {@code > 0}
     * @param relativeTolerance relative tolerance, {@code >= 0}
     * @param minStep the smallest step, {@code >= 0}
     * @param maxStep the largest step, {@code > minStep}
     * @param maxEvaluations evaluations per segment, at least 1
     */
    public OdeSettings {
        if (!(absoluteTolerance > 0) || !(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be absolute > 0 and relative >= 0, got "
                    + absoluteTolerance + " and " + relativeTolerance);
        }
        if (!(minStep >= 0) || !(maxStep > minStep)) {
            throw new IllegalArgumentException("steps must satisfy 0 <= minStep < maxStep, got " + minStep
                    + " and " + maxStep);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be positive, got " + maxEvaluations);
        }
    }

    /**
     * @param absolute the absolute tolerance
     * @param relative the relative tolerance
     * @return these settings with other tolerances
     */
    public OdeSettings withTolerances(double absolute, double relative) {
        return new OdeSettings(absolute, relative, minStep, maxStep, maxEvaluations);
    }
}
