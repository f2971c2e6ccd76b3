package org.rscale.fits.sweep;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.analysis.DepthRange;
import org.rscale.fits.CellCounts;
import org.rscale.fits.Compatibility;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.RegimeVerdict;

/**
 * The upgraded verdict of one group ({@link HiddenStateVerdict}): the regime decided on the hidden states, the
 * limit equation, the identification qualifier, the named inconclusive cases, the sentence that states the
 * decision, its reasons and confidence, and every quantity weighed with its interval and what each regime
 * predicts; the first (weight-level) verdict is kept whole as corroboration.
 *
 * @param regime          ode, sde, neither, or inconclusive
 * @param limitEquation   the limit equation ({@link LimitEquation#NONE} unless ode or sde)
 * @param cases           the named inconclusive cases (keys, e.g. {@code drift_growing}); empty when decided
 * @param decision        the decision in one sentence a reader can quote
 * @param identification  whether different depths and seeds approach one coefficient function
 * @param confidenceLevel {@value #HIGH}, {@value #MODERATE} or {@value #LOW}
 * @param confidence      the confidence in one sentence
 * @param reasons         the reasons, decisive first; none contradicts the decision
 * @param regimes         each regime's status on the hidden-state predictions
 * @param evidence        every quantity weighed (hidden states decide; weights and limits corroborate)
 * @param depthRange      the depths the hidden-state statistics were judged on
 * @param depths          the distinct depths judged
 * @param deepestDepths   the deepest third of them (the levels' depths)
 * @param cells           how the judged cells ended
 * @param inputSource     where the probe inputs came from
 * @param fSource         what the fit floor f is ({@code targets} or the scale)
 * @param tensor          the weight-level verdict's judged tensor
 * @param beta            the weight-level beta (max norm or its robust stand-in), when measured
 * @param firstVerdict    the first (weight-level) verdict, whole
 * @param crossRun        the comparison with the cross-run candidate ODEs
 * @param criteria        the thresholds used
 */
public record UpgradedVerdict(Regime regime, LimitEquation limitEquation, List<String> cases, String decision,
                              Identification identification, String confidenceLevel, String confidence,
                              List<String> reasons, Map<Regime, Compatibility> regimes, List<Evidence> evidence,
                              DepthRange depthRange, List<Integer> depths, List<Integer> deepestDepths,
                              CellCounts cells, String inputSource, String fSource, String tensor,
                              Optional<Estimate> beta, RegimeVerdict firstVerdict, CrossRun crossRun,
                              Criteria criteria) {
    /** Confidence level. */
    public static final String HIGH = "high";
    /** Confidence level. */
    public static final String MODERATE = "moderate";
    /** Confidence level. */
    public static final String LOW = "low";

    /** Copies. */
    public UpgradedVerdict {
        cases = List.copyOf(cases);
        reasons = List.copyOf(reasons);
        EnumMap<Regime, Compatibility> copy = new EnumMap<>(Regime.class);
        copy.putAll(regimes);
        regimes = Collections.unmodifiableMap(copy);
        evidence = List.copyOf(evidence);
        depths = List.copyOf(depths);
        deepestDepths = List.copyOf(deepestDepths);
    }

    /** Whether the limit's coefficients are identified. */
    public enum IdentificationState {
        /** Consecutive depths (or seeds) approach one coefficient function. */
        IDENTIFIED("identified"),
        /** They do not (yet): each network follows its own coefficients. */
        NOT_IDENTIFIED("not_identified"),
        /** Too few spreads to tell. */
        UNDETERMINED("undetermined");

        private final String key;

        IdentificationState(String key) {
            this.key = key;
        }

        /** @return the on-disk name */
        @JsonValue
        public String key() {
            return key;
        }
    }

    /**
     * The identification qualifier (VERDICT.md): a qualifier of the verdict, never an exclusion.
     *
     * @param state      identified, not identified, or undetermined
     * @param text       the qualifier in words, e.g. {@code coefficients not identified (spread D_cons 0.41 at L = 9100)}
     * @param dCons      D_cons at the deepest depth (mean over its networks), when measured
     * @param dConsSlope the slope of D_cons against depth, when fitted
     */
    public record Identification(IdentificationState state, String text, OptionalDouble dCons,
                                 Optional<Estimate> dConsSlope) {
    }

    /**
     * One cross-run candidate ODE (a single coefficient function for every network of the group) against the
     * networks.
     *
     * @param candidate    the label
     * @param equation     the equation
     * @param convergence  exact, converging, not-converging, undetermined, or not-available
     * @param rate         the slope of log(max error) against log L, with its interval
     * @param deepestError the mean max error at the deepest depth compared
     * @param source       how the candidate was built, or why it is not available
     */
    public record CrossRunCandidate(String candidate, LimitEquation equation, String convergence,
                                    Optional<Estimate> rate, OptionalDouble deepestError, String source) {
    }

    /**
     * The comparison with the cross-run candidates: identification evidence (do the networks approach one
     * coefficient function?), reported, not decisive.
     *
     * @param best       the converging cross-run ODE with the smallest error at the deepest depth, if any
     * @param candidates every candidate
     */
    public record CrossRun(Optional<String> best, List<CrossRunCandidate> candidates) {
        /** Copies. */
        public CrossRun {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * The thresholds used.
     *
     * @param weights  the weight-level thresholds (depths, R^2, tolerances, unconverged share)
     * @param dynamics the hidden-state thresholds
     */
    public record Criteria(RegimeCriteria weights, DynamicsCriteria dynamics) {
    }
}
