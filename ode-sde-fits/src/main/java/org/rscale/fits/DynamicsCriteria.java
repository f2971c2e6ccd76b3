package org.rscale.fits;

import org.rscale.sweeps.InvalidInputException;

/**
 * The thresholds of the second verdict design, decided on the hidden states (VERDICT.md "Rules"), and the
 * tolerances of the limit analysis' corroborating items. Defaults ({@link #defaults()}) and why:
 * <pre>
 *   smoothKappa              1.75  QV2/QV1 is 2 for smooth increments and 1 for independent ones; 1.75 is a quarter
 *                                  of the way from smooth to rough
 *   roughKappa               1.25  ... and 1.25 a quarter of the way from rough to smooth
 *   vanishingNoise           0.1   q/f at most 0.1: the diffusion moves h_L by less than about 0.3 of the fit error
 *   persistentNoise          1     q/f at least 1: the diffusion moves h_L by more than the fit error
 *   persistentNoiseOfScale   0.1   the same level when f is a scale (mean |h_L|^2, weights without targets): then
 *                                  q/f = 1 - exp(-sigma^2) &lt; 1 for a driftless diffusion (h_L's spread is part of
 *                                  |h_L|^2), so 1 is out of reach; a diffusion that is not negligible (above the
 *                                  vanishing level) is the attainable counterpart (a referee's choice: VERDICT.md
 *                                  sets only the fit-error level)
 *   slopeTolerance           0.15  a slope "compatible with 0" meets [-0.15, 0.15] (as the first verdict's slopes)
 *   rateFloor                0.25  "decays": the whole slope interval below -0.25 (the comparison's minimum rate)
 *   linearError              0.1   e_lin (or e_nn) at most sqrt(f)/10: the own-coefficient network is within a tenth
 *                                  of the fit error
 *   spreadRatio              2     identified when D_cons stays within 2 D_seed while D_seed decays
 *   sdeCredit                0.25  the rough-part SDE is credited when its error is at most a quarter of e_nn
 *                                  ("well below": one scale of the quarter-way thresholds above)
 *   noShrinkage              0.85  slope(QV1) at least 1 - 0.15: increments of order 1 at every layer
 *   deepestFraction          1/3   levels (kappa, q/f, error ratios) are medians over the deepest third of the depths
 *   maxHalfWidth             0.3   a hidden-state slope counts when fitted over at least the first verdict's minimum
 *                                  of depths and its interval is at most +/-0.3 wide: a wider one cannot tell a flat
 *                                  quantity (0 +/- 0.15) from a decay at the rate floor or a growth
 *   convergenceRateTolerance 0.2   the rescaled weight curves' convergence rate (corroboration)
 *   hurstTolerance           0.15  the cumulative weight paths' Hurst exponent (corroboration)
 * </pre>
 *
 * @param smoothKappa              kappa at or above which the increments are smooth, in (1, 2]
 * @param roughKappa               kappa at or below which they are rough, in [1, smoothKappa)
 * @param vanishingNoise           the q/f level at or below which the noise is negligible, &gt; 0
 * @param persistentNoise          the q/f level at or above which it is material (f a fit error), &gt;= vanishingNoise
 * @param persistentNoiseOfScale   the same when f is a scale, &gt; 0
 * @param slopeTolerance           the half-width of "compatible with 0", in [0, 0.25)
 * @param rateFloor                the rate a decay must exceed, &gt; 0
 * @param linearError              the largest e / sqrt(f) of a matching own-coefficient network, &gt; 0
 * @param spreadRatio              the largest D_cons / D_seed of identified coefficients, &gt;= 1
 * @param sdeCredit                the largest e_sde / e_nn that credits the rough-part SDE, in (0, 1]
 * @param noShrinkage              the slope of QV1 from which the increments do not shrink
 * @param deepestFraction          the share of the deepest depths the levels are taken over, in (0, 1]
 * @param maxHalfWidth             the widest slope interval (half-width) that counts, &gt; 0
 * @param convergenceRateTolerance tolerance of the convergence rate, &gt;= 0
 * @param hurstTolerance           tolerance of the Hurst exponent, in [0, 0.25)
 */
public record DynamicsCriteria(double smoothKappa, double roughKappa, double vanishingNoise, double persistentNoise,
                               double persistentNoiseOfScale, double slopeTolerance, double rateFloor,
                               double linearError, double spreadRatio, double sdeCredit, double noShrinkage,
                               double deepestFraction, double maxHalfWidth, double convergenceRateTolerance,
                               double hurstTolerance) {

    /**
     * Validates the thresholds.
     *
     * @param smoothKappa kappa at or above which the increments are smooth
     * @param roughKappa kappa at or below which they are rough
     * @param vanishingNoise the q/f level at or below which the noise is negligible
     * @param persistentNoise the q/f level at or above which it is material
     * @param persistentNoiseOfScale the same when f is a scale
     * @param slopeTolerance the half-width of "compatible with 0"
     * @param rateFloor the rate a decay must exceed
     * @param linearError the largest e / sqrt(f) of a matching own-coefficient network
     * @param spreadRatio the largest D_cons / D_seed of identified coefficients
     * @param sdeCredit the largest e_sde / e_nn that credits the rough-part SDE
     * @param noShrinkage the slope of QV1 from which the increments do not shrink
     * @param deepestFraction the share of the deepest depths the levels are taken over
     * @param maxHalfWidth the widest slope interval that counts
     * @param convergenceRateTolerance tolerance of the convergence rate
     * @param hurstTolerance tolerance of the Hurst exponent
     * @throws InvalidInputException naming the field when out of range
     */
    public DynamicsCriteria {
        check(roughKappa >= 1 && roughKappa < smoothKappa && smoothKappa <= 2, "rough_kappa, smooth_kappa",
                roughKappa + ", " + smoothKappa, "1 <= rough < smooth <= 2");
        check(vanishingNoise > 0 && persistentNoise >= vanishingNoise && persistentNoiseOfScale > 0,
                "vanishing_noise, persistent_noise", vanishingNoise + ", " + persistentNoise,
                "0 < vanishing <= persistent");
        check(slopeTolerance >= 0 && slopeTolerance < 0.25, "slope_tolerance", slopeTolerance, "[0, 0.25)");
        check(rateFloor > 0 && linearError > 0 && spreadRatio >= 1, "rate_floor, linear_error, spread_ratio",
                rateFloor + ", " + linearError + ", " + spreadRatio, "positive, spread ratio >= 1");
        check(sdeCredit > 0 && sdeCredit <= 1, "sde_credit", sdeCredit, "(0, 1]");
        check(Double.isFinite(noShrinkage), "no_shrinkage", noShrinkage, "finite");
        check(deepestFraction > 0 && deepestFraction <= 1, "deepest_fraction", deepestFraction, "(0, 1]");
        check(maxHalfWidth > 0, "max_half_width", maxHalfWidth, "positive");
        check(convergenceRateTolerance >= 0 && hurstTolerance >= 0 && hurstTolerance < 0.25,
                "convergence_rate_tolerance, hurst_tolerance", convergenceRateTolerance + ", " + hurstTolerance,
                ">= 0, hurst below 0.25");
    }

    private static void check(boolean ok, String field, Object value, String range) {
        if (!ok) {
            throw new InvalidInputException("dynamics criteria: " + field + " = " + value + " is not " + range);
        }
    }

    /** @return the defaults of the class comment */
    public static DynamicsCriteria defaults() {
        return new DynamicsCriteria(1.75, 1.25, 0.1, 1, 0.1, 0.15, 0.25, 0.1, 2, 0.25, 0.85, 1.0 / 3, 0.3, 0.2, 0.15);
    }
}
