package org.rscale.fits;

import org.rscale.analysis.ScalingFit;
import org.rscale.sweeps.InvalidInputException;

/**
 * The thresholds of {@link VerdictRule}. Defaults ({@link #defaults()}) and why:
 * <pre>
 *   minDepths               5     a slope from 3 or 4 depths has 1-2 residual degrees of freedom: its t
 *                                 quantile (12.7, 4.3) makes the interval useless, and curvature (a
 *                                 crossover between regimes) cannot be seen
 *   minR2                   0.8   below this the power law explains less than 80% of the log-variance:
 *                                 the straight line is not a fair summary
 *   preciseHalfWidth        0.1   ... unless the slope is pinned to +/-0.1 anyway: R^2 is near 0 for a
 *                                 flat statistic however well determined (the quadratic variation in the
 *                                 sde regime, the max norm at beta = 0), and +/-0.1 resolves predictions
 *                                 0.5 apart
 *   maxUnconvergedFraction  0.25  trained weights of stalled or capped cells are not the minimisers whose
 *                                 scaling the hypotheses describe; up to a quarter of the fitted cells
 *                                 still leaves a majority of converged cells at every part of the grid
 *   slopeTolerance          0.15  allowed deviation of a slope from its prediction beyond the interval:
 *                                 the maximum of L noise norms grows like sqrt(2 log L), adding a slowly
 *                                 varying 1/(2 log L) to max-type slopes (measured 0.05 for 4 x 4 layers,
 *                                 up to 0.14 for scalars, on depths 55..2539); 0.15 keeps the beta
 *                                 windows of sde (1/2) and neither (0) 0.2 apart
 *   gapTolerance            0.25  allowed deviation of the smoothness gap from 1 (smooth) or 0 (rough):
 *                                 the two windows stay 0.5 apart, and a gap in between (a smooth trend
 *                                 whose increments are overtaken by noise within the grid, measured 0.9
 *                                 for trend L^-0.2, noise L^-1) is either ode or inconclusive
 * </pre>
 *
 * @param minDepths              distinct depths needed in the group and in each fit used, {@code >= 3}
 * @param minR2                  R^2 for a fit to count, in [0, 1]
 * @param preciseHalfWidth       a fit below {@code minR2} still counts when its interval's half-width is
 *                               at most this, {@code >= 0}
 * @param maxUnconvergedFraction largest allowed {@link CellCounts#unconvergedFraction()}, in [0, 1]
 * @param slopeTolerance         allowed slope deviation, in [0, 0.25) so that beta 0 and 1/2 stay separable
 * @param gapTolerance           allowed smoothness-gap deviation, in [0, 0.5) so that 0 and 1 stay separable
 */
public record RegimeCriteria(int minDepths, double minR2, double preciseHalfWidth, double maxUnconvergedFraction,
                             double slopeTolerance, double gapTolerance) {

    /**
     * Validates the thresholds.
     *
     * @param minDepths distinct depths needed in the group and in each fit used, {@code >= 3}
     * @param minR2 R^2 for a fit to count, in [0, 1]
     * @param preciseHalfWidth a fit below {@code minR2} still counts when its interval's half-width is at most this, {@code >= 0}
     * @param maxUnconvergedFraction largest allowed {@link CellCounts#unconvergedFraction()}, in [0, 1]
     * @param slopeTolerance allowed slope deviation, in [0, 0.25) so that beta 0 and 1/2 stay separable
     * @param gapTolerance allowed smoothness-gap deviation, in [0, 0.5) so that 0 and 1 stay separable
     * @throws InvalidInputException naming the field when out of range
     */
    public RegimeCriteria {
        if (minDepths < ScalingFit.MIN_DEPTHS) {
            throw new InvalidInputException("regime criteria: min_depths = " + minDepths + ", must be at least "
                    + ScalingFit.MIN_DEPTHS);
        }
        if (!(minR2 >= 0 && minR2 <= 1)) {
            throw new InvalidInputException("regime criteria: min_r2 = " + minR2 + " is not in [0, 1]");
        }
        if (!(preciseHalfWidth >= 0 && Double.isFinite(preciseHalfWidth))) {
            throw new InvalidInputException("regime criteria: precise_half_width = " + preciseHalfWidth
                    + " must be finite and >= 0");
        }
        if (!(maxUnconvergedFraction >= 0 && maxUnconvergedFraction <= 1)) {
            throw new InvalidInputException("regime criteria: max_unconverged_fraction = " + maxUnconvergedFraction
                    + " is not in [0, 1]");
        }
        if (!(slopeTolerance >= 0 && slopeTolerance < 0.25)) {
            throw new InvalidInputException("regime criteria: slope_tolerance = " + slopeTolerance
                    + " is not in [0, 0.25)");
        }
        if (!(gapTolerance >= 0 && gapTolerance < 0.5)) {
            throw new InvalidInputException("regime criteria: gap_tolerance = " + gapTolerance
                    + " is not in [0, 0.5)");
        }
    }

    /** @return the defaults: 5 depths, R^2 0.8, half-width 0.1, 25% unconverged, slope 0.15, gap 0.25 */
    public static RegimeCriteria defaults() {
        return new RegimeCriteria(5, 0.8, 0.1, 0.25, 0.15, 0.25);
    }

    /**
     * Whether a fit counts as evidence: enough depths, and either a good R^2 or a precise slope.
     *
     * @param fit a log-log fit
     * @return {@code fit.nDepths() >= minDepths && (fit.r2() >= minR2 || fit.ciHalfWidth() <= preciseHalfWidth)}
     */
    public boolean counts(ScalingFit fit) {
        return fit.nDepths() >= minDepths && (fit.r2() >= minR2 || fit.ciHalfWidth() <= preciseHalfWidth);
    }
}
