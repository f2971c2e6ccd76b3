package org.rscale.fits.sweep;

import java.util.List;
import java.util.Map;

import org.rscale.fits.Compatibility;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeVerdict;

/**
 * The upgraded verdict of one group ({@link LimitVerdictRule}): the first verdict's fields with the regime,
 * limit equation, regime statuses, reasons and confidence replaced by the upgraded ones, the first verdict's
 * decision kept, and the limit evidence.
 *
 * @param verdict         the upgraded verdict (its evidence list is the first verdict's scaling evidence)
 * @param firstVerdict    the first verdict's decision
 * @param limitEvidence   the limit evidence weighed
 * @param confidenceLevel {@value #HIGH}, {@value #MODERATE} or {@value #LOW}
 */
public record UpgradedVerdict(RegimeVerdict verdict, FirstVerdict firstVerdict, LimitEvidence limitEvidence,
                              String confidenceLevel) {
    /** Confidence level. */
    public static final String HIGH = "high";
    /** Confidence level. */
    public static final String MODERATE = "moderate";
    /** Confidence level. */
    public static final String LOW = "low";

    /**
     * The first verdict's decision ({@code rscale analyze}), as {@code verdict.json} keeps it under
     * {@code first_verdict}.
     *
     * @param regime        its regime
     * @param limitEquation its limit equation
     * @param regimes       its status of each regime
     * @param reasons       its reasons
     * @param confidence    its confidence sentence
     */
    public record FirstVerdict(Regime regime, LimitEquation limitEquation, Map<Regime, Compatibility> regimes,
                               List<String> reasons, String confidence) {
        // Copies.
        public FirstVerdict {
            regimes = Map.copyOf(regimes);
            reasons = List.copyOf(reasons);
        }

        /**
         * @param v a first verdict
         * @return its decision
         */
        public static FirstVerdict of(RegimeVerdict v) {
            return new FirstVerdict(v.regime(), v.limitEquation(), v.regimes(), v.reasons(), v.confidence());
        }
    }
}
