package org.rscale.fits.sweep;

import org.rscale.sweeps.InvalidInputException;

/**
 * The thresholds of {@link LimitVerdictRule} beyond those of the first verdict
 * ({@link org.rscale.fits.RegimeCriteria}, whose depth, R^2 and slope thresholds also apply here). Defaults
 * and why:
 * <pre>
 *   rateTolerance    0.2    convergence rate of the rescaled curves: smooth weights predict 1 (a Hölder-a curve
 *                           a, at least 1/2 for anything the regime calls smooth: window [0.5, 1]), noise 0; with
 *                           0.2 the windows [0.3, 1.2] and [-0.2, 0.2] stay apart
 *   hurstTolerance   0.15   Hurst exponent of the cumulative paths: a differentiable path gives H &gt;= 1 (up to 2),
 *                           Brownian 1/2; measured spread of the median over 100 entries about 0.01 (PathRoughness),
 *                           0.15 leaves room for a drift at the largest lags: windows [0.85, 2.15] and [0.35, 0.65]
 *   minLossRatio     0.5    the denoised-loss ratio counts as "about 1" within [minLossRatio, 1/minLossRatio]
 * </pre>
 *
 * @param rateTolerance  allowed deviation of the convergence rate, in [0, 0.25)
 * @param hurstTolerance allowed deviation of the Hurst exponent, in [0, 0.175) so that 1/2 and 1 stay apart
 * @param minLossRatio   the "about 1" band of the denoised-loss ratio, in (0, 1]
 */
public record LimitCriteria(double rateTolerance, double hurstTolerance, double minLossRatio) {

    /**
     * Validates.
     *
     * @param rateTolerance allowed deviation of the convergence rate
     * @param hurstTolerance allowed deviation of the Hurst exponent
     * @param minLossRatio the "about 1" band of the denoised-loss ratio
     * @throws InvalidInputException naming the field when out of range
     */
    public LimitCriteria {
        if (!(rateTolerance >= 0 && rateTolerance < 0.25)) {
            throw new InvalidInputException("limit criteria: rate_tolerance = " + rateTolerance + " is not in [0, 0.25)");
        }
        if (!(hurstTolerance >= 0 && hurstTolerance < 0.175)) {
            throw new InvalidInputException("limit criteria: hurst_tolerance = " + hurstTolerance
                    + " is not in [0, 0.175)");
        }
        if (!(minLossRatio > 0 && minLossRatio <= 1)) {
            throw new InvalidInputException("limit criteria: min_loss_ratio = " + minLossRatio + " is not in (0, 1]");
        }
    }

    /** @return the defaults: 0.2, 0.15, 0.5 */
    public static LimitCriteria defaults() {
        return new LimitCriteria(0.2, 0.15, 0.5);
    }
}
