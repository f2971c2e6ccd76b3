package org.rscale.fits.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightStatistics;
import org.rscale.fits.CellCounts;
import org.rscale.fits.GroupEvidence;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictRule;
import org.rscale.fits.limit.CandidateComparison;
import org.rscale.fits.limit.ComparisonCriteria;
import org.rscale.fits.limit.Convergence;
import org.rscale.fits.limit.LimitComparison;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * The upgraded verdict as a pure function on hand-built limit evidence: the comparison decides when the
 * scaling fits cannot, it never overrides the first verdict's blockers, an imprecise rate excludes
 * nothing, and the confidence follows the rule.
 */
@ExtendWith(QuietConsole.class)
class LimitVerdictRuleTest {
    private static final int[] DEPTHS = {50, 71, 100, 141, 200, 283, 400, 566, 800};

    /** A first verdict from the scaling fits of known-regime weights. */
    private static RegimeVerdict first(java.util.function.IntFunction<org.rscale.analysis.WeightSequence> gen,
                                       int[] depths) {
        List<WeightStatistics> cells = new ArrayList<>();
        for (int L : depths) {
            cells.add(WeightStatistics.of(gen.apply(L), 0));
        }
        return VerdictRule.decide(GroupEvidence.of(cells, Optional.empty(), CellCounts.allConverged(depths.length), 0.95));
    }

    /** A rate fit with the given slope and interval over the depth grid. */
    private static ScalingFit rate(double slope, double lo, double hi) {
        return new ScalingFit(slope, 0, (hi - lo) / 4, lo, hi, 0.95, 0.99, DEPTHS.length, DEPTHS.length, 0);
    }

    private static CandidateComparison candidate(String label, LimitEquation e, Convergence c, ScalingFit f, double err) {
        return new CandidateComparison(label, e, List.of(), List.of(), Optional.of(f), c, OptionalDouble.of(err));
    }

    private static LimitFacts facts(List<CandidateComparison> cs, ScalingFit convergence) {
        LimitComparison cmp = new LimitComparison(cs, Optional.empty(), Optional.empty(), 800, 16,
                ComparisonCriteria.DEFAULTS);
        List<SweepLimits.CandidateInfo> infos = new ArrayList<>();
        for (CandidateComparison c : cs) {
            infos.add(new SweepLimits.CandidateInfo(c.label(), c.equation(), true, "by hand"));
        }
        return new LimitFacts(Optional.ofNullable(convergence), Optional.empty(), 0, Optional.empty(), new double[0],
                Optional.of(cmp), infos, SweepLimits.TRAINING_INPUTS, List.of());
    }

    @Test
    void theComparisonDecidesWhenTheScalingFitsExcludeEveryRegime() {
        // a smooth trend under noise: the smoothness gap lies between 0 and 1, the first verdict excludes all
        RegimeVerdict v1 = first(L -> KnownRegimeWeights.smoothPlusNoise(L, 4, 4, 0.2, 0.9, 3), DEPTHS);
        assertEquals(Regime.INCONCLUSIVE, v1.regime(), String.join("\n", v1.reasons()));
        LimitFacts f = facts(List.of(
                candidate("neural-ode", LimitEquation.NEURAL_ODE, Convergence.NOT_CONVERGING, rate(0.1, 0.05, 0.15), 1),
                candidate("linear-ode", LimitEquation.LINEAR_ODE, Convergence.CONVERGING, rate(-0.4, -0.45, -0.35), 0.01),
                candidate("sde", LimitEquation.SDE, Convergence.CONVERGING, rate(-0.5, -0.6, -0.4), 0.005)),
                rate(-0.9, -1.0, -0.8));
        UpgradedVerdict u = LimitVerdictRule.decide(v1, f, LimitCriteria.defaults());
        assertEquals(Regime.ODE, u.verdict().regime(), String.join("\n", u.verdict().reasons()));
        assertEquals(LimitEquation.LINEAR_ODE, u.verdict().limitEquation());
        assertEquals("linear-ode", u.limitEvidence().best().orElseThrow(), "an ODE before the SDE that nests it");
        assertEquals(UpgradedVerdict.MODERATE, u.confidenceLevel(), "scaling fits superseded: at most moderate");
        assertTrue(u.verdict().reasons().stream().anyMatch(r -> r.contains("supersedes")), u.verdict().reasons().toString());
        assertEquals(Regime.INCONCLUSIVE, u.firstVerdict().regime(), "the first verdict is kept");
    }

    @Test
    void agreeingEvidenceGivesHighConfidence() {
        RegimeVerdict v1 = first(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, 3), DEPTHS);
        assertEquals(Regime.ODE, v1.regime());
        LimitFacts f = facts(List.of(
                candidate("neural-ode", LimitEquation.NEURAL_ODE, Convergence.CONVERGING, rate(-1, -1.05, -0.95), 0.001),
                candidate("linear-ode", LimitEquation.LINEAR_ODE, Convergence.NOT_CONVERGING, rate(0, -0.05, 0.05), 1),
                candidate("sde", LimitEquation.SDE, Convergence.NOT_CONVERGING, rate(0, -0.05, 0.05), 1)),
                rate(-1, -1.1, -0.9));
        UpgradedVerdict u = LimitVerdictRule.decide(v1, f, LimitCriteria.defaults());
        assertEquals(Regime.ODE, u.verdict().regime(), String.join("\n", u.verdict().reasons()));
        assertEquals(LimitEquation.NEURAL_ODE, u.verdict().limitEquation());
        assertEquals(UpgradedVerdict.HIGH, u.confidenceLevel(), u.verdict().confidence());
        assertTrue(u.verdict().confidence().startsWith("High confidence: ode"), u.verdict().confidence());
    }

    @Test
    void anImpreciseRateExcludesNothing() {
        // the sde's error decays, but its interval reaches above -0.25: neither the sde nor "neither" is decided by it
        RegimeVerdict v1 = first(L -> KnownRegimeWeights.diffusive(L, 4, 4, 3), DEPTHS);
        assertEquals(Regime.SDE, v1.regime(), String.join("\n", v1.reasons()));
        LimitFacts f = facts(List.of(
                candidate("neural-ode", LimitEquation.NEURAL_ODE, Convergence.NOT_CONVERGING, rate(0, -0.1, 0.1), 1),
                candidate("linear-ode", LimitEquation.LINEAR_ODE, Convergence.NOT_CONVERGING, rate(0, -0.1, 0.1), 1),
                candidate("sde", LimitEquation.SDE, Convergence.NOT_CONVERGING, rate(-1.2, -2.3, -0.1), 0.01)), null);
        UpgradedVerdict u = LimitVerdictRule.decide(v1, f, LimitCriteria.defaults());
        assertEquals(Regime.SDE, u.verdict().regime(), String.join("\n", u.verdict().reasons()));
        assertEquals("not_available", u.limitEvidence().item(LimitEvidence.LIMIT_COMPARISON).orElseThrow()
                .predictions().get(1).outcome().key(), "sde: not assessed by an imprecise rate");
    }

    @Test
    void blockersOfTheFirstVerdictStay() {
        RegimeVerdict v1 = first(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, 3), new int[] {50, 100, 200});
        LimitFacts f = facts(List.of(
                candidate("neural-ode", LimitEquation.NEURAL_ODE, Convergence.CONVERGING, rate(-1, -1.05, -0.95), 0.001)),
                null);
        UpgradedVerdict u = LimitVerdictRule.decide(v1, f, LimitCriteria.defaults());
        assertEquals(Regime.INCONCLUSIVE, u.verdict().regime());
        assertEquals(UpgradedVerdict.LOW, u.confidenceLevel());
        assertEquals(LimitEquation.NONE, u.verdict().limitEquation());
    }

    @Test
    void withoutAnyLimitEvidenceTheFirstVerdictStandsAtLowerConfidence() {
        RegimeVerdict v1 = first(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, 3), DEPTHS);
        UpgradedVerdict u = LimitVerdictRule.decide(v1, LimitFacts.none(), LimitCriteria.defaults());
        assertEquals(v1.regime(), u.verdict().regime());
        assertEquals(v1.limitEquation(), u.verdict().limitEquation());
        assertTrue(!UpgradedVerdict.HIGH.equals(u.confidenceLevel()), "no comparison: not high");
    }
}
