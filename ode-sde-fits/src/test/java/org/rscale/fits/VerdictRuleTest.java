package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightSequence;
import org.rscale.analysis.WeightStatistic;
import org.rscale.analysis.WeightStatistics;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * End to end on weight paths of known regime (generator -> statistics -> log-log fits -> evidence ->
 * verdict) over the depth grid floor(1.2^n) in [50, 3000] (22 depths, 55..2539), 4 x 4 layers, plus
 * hand-built evidence for the edge cases.
 */
@ExtendWith(QuietConsole.class)
class VerdictRuleTest {

    /** Smooth paths: beta is recovered to O(1/L) (see KnownRegimeWeightsTest). */
    private static final Tolerance BETA = Tolerance.absolute("beta of a smooth path", 0.02);
    private static final long SEED = 20210525L;
    private static final int[] GRID = grid(50, 3000);

    static int[] grid(int min, int max) {
        List<Integer> g = new ArrayList<>();
        for (int n = 0; ; n++) {
            int v = (int) Math.floor(Math.pow(1.2, n));
            if (v > max) {
                break;
            }
            if (v >= min && (g.isEmpty() || g.get(g.size() - 1) != v)) {
                g.add(v);
            }
        }
        int[] out = new int[g.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = g.get(i);
        }
        return out;
    }

    private static List<WeightStatistics> sweep(IntFunction<WeightSequence> generator, int[] depths, double f) {
        List<WeightStatistics> cells = new ArrayList<>();
        for (int L : depths) {
            cells.add(WeightStatistics.of(generator.apply(L), f));
        }
        return cells;
    }

    private static GroupEvidence evidence(IntFunction<WeightSequence> generator) {
        return GroupEvidence.of(sweep(generator, GRID, 0), Optional.empty(), CellCounts.allConverged(GRID.length), 0.95);
    }

    private static RegimeVerdict verdict(IntFunction<WeightSequence> generator) {
        return VerdictRule.decide(evidence(generator));
    }

    private static String explain(RegimeVerdict v) {
        return v.regime().key() + " / " + v.limitEquation().key() + ": " + String.join(" | ", v.reasons());
    }

    // ---- known regimes ----

    @Test
    void smoothWithBetaZeroIsTheNeuralOde() {
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, SEED));
        assertEquals(Regime.ODE, v.regime(), explain(v));
        assertEquals(LimitEquation.NEURAL_ODE, v.limitEquation(), explain(v));
        assertEquals("A", v.tensor());
        BETA.check(0, v.beta().orElseThrow().value(), "beta");
        assertEquals(Compatibility.COMPATIBLE, v.regimes().get(Regime.ODE));
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.SDE));
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.NEITHER));
        assertEquals(7, v.evidence().size(), "max norm, depth average, varying part, increment, gap, QV, root SSQ");
        Tolerance.absolute("smoothness gap of a smooth path", 0.02)
                .check(1, v.evidence(EvidenceQuantity.SMOOTHNESS_GAP).orElseThrow().estimate().value(), "gap");
        assertTrue(v.confidence().startsWith("High confidence: ode"), v.confidence());
        assertEquals(Compatibility.NOT_AVAILABLE, v.alphaPlusBetaIsOne());
        assertTrue(v.alpha().isEmpty());
    }

    @Test
    void smoothWithBetaPointTwoIsTheLinearOde() {
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.smooth(L, 4, 4, 0.2, SEED));
        assertEquals(Regime.ODE, v.regime(), explain(v));
        assertEquals(LimitEquation.LINEAR_ODE, v.limitEquation(), explain(v));
        BETA.check(0.2, v.beta().orElseThrow().value(), "beta");
    }

    @Test
    void diffusiveIsTheSde() {
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.diffusive(L, 4, 4, SEED));
        assertEquals(Regime.SDE, v.regime(), explain(v));
        assertEquals(LimitEquation.SDE, v.limitEquation());
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.ODE));
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.NEITHER));
    }

    @Test
    void iidWithBetaOneHalfIsADriftlessSde() {
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.iid(L, 4, 4, 0.5, SEED));
        assertEquals(Regime.SDE, v.regime(), explain(v));
    }

    @Test
    void nonShrinkingIsNeither() {
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.nonShrinking(L, 4, 4, SEED));
        assertEquals(Regime.NEITHER, v.regime(), explain(v));
        assertEquals(LimitEquation.NONE, v.limitEquation());
    }

    @Test
    void roughNoiseWithBetaBetweenTheRegimesIsInconclusive() {
        // iid with beta = 0.3: rough (gap 0) but beta is neither ~0 nor ~1/2: compatible with no regime
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.iid(L, 4, 4, 0.3, SEED));
        assertEquals(Regime.INCONCLUSIVE, v.regime(), explain(v));
        assertEquals(LimitEquation.NONE, v.limitEquation());
        assertTrue(v.reasons().get(0).contains("compatible with no regime"), explain(v));
        assertTrue(v.confidence().startsWith("No verdict"), v.confidence());
    }

    @Test
    void smoothTrendWhoseIncrementsTheNoiseOvertakesIsStillOde() {
        // trend L^-0.2 f, noise L^-1: gap ~0.9 (crossover), inside 1 +/- 0.25
        RegimeVerdict v = verdict(L -> KnownRegimeWeights.smoothPlusNoise(L, 4, 4, 0.2, 1.0, SEED));
        assertEquals(Regime.ODE, v.regime(), explain(v));
        // noise L^-0.7 dominates the increments: gap ~0.5, between smooth and rough
        RegimeVerdict mid = verdict(L -> KnownRegimeWeights.smoothPlusNoise(L, 4, 4, 0.2, 0.7, SEED));
        assertEquals(Regime.INCONCLUSIVE, mid.regime(), explain(mid));
    }

    @Test
    void onlyThreeDepthsIsInconclusive() {
        int[] three = {100, 200, 400};
        GroupEvidence e = GroupEvidence.of(sweep(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, SEED), three, 0),
                Optional.empty(), CellCounts.allConverged(3), 0.95);
        assertEquals(3, e.nDepths());
        RegimeVerdict v = VerdictRule.decide(e);
        assertEquals(Regime.INCONCLUSIVE, v.regime(), explain(v));
        assertTrue(v.reasons().get(0).startsWith("only 3 distinct depths"), explain(v));
        assertTrue(v.beta().isPresent(), "beta is still reported");
    }

    @Test
    void halfTheCellsUnconvergedIsInconclusive() {
        GroupEvidence smooth = evidence(L -> KnownRegimeWeights.smooth(L, 4, 4, 0, SEED));
        GroupEvidence half = new GroupEvidence(smooth.tensor(), smooth.fits(), 0, Optional.empty(),
                new CellCounts(22, 11, 11, 0, 0), smooth.nDepths());
        RegimeVerdict v = VerdictRule.decide(half);
        assertEquals(Regime.INCONCLUSIVE, v.regime(), explain(v));
        assertTrue(v.reasons().get(0).startsWith("11 of 22 fitted cells did not converge (50%"), explain(v));
        // diverged cells are excluded from the fraction: 5 of 25 = 20% is allowed
        GroupEvidence some = new GroupEvidence(smooth.tensor(), smooth.fits(), 0, Optional.empty(),
                new CellCounts(30, 20, 5, 5, 0), smooth.nDepths());
        RegimeVerdict ok = VerdictRule.decide(some);
        assertEquals(Regime.ODE, ok.regime(), explain(ok));
        assertTrue(ok.confidence().startsWith("Moderate"), ok.confidence());
    }

    @Test
    void aShareAboveTheLimitIsPrintedWithAsFewDecimalsAsKeepItOffTheLimit() {
        assertEquals("51.6", VerdictRule.percent(64.0 / 124, 0.25), "64 of 124");
        assertEquals("50", VerdictRule.percent(0.5, 0.25));
        assertEquals("27.4", VerdictRule.percent(34.0 / 124, 0.25));
        assertEquals("25.04", VerdictRule.percent(313.0 / 1250, 0.25), "25.0 would read as the limit itself");
        assertEquals("25.001", VerdictRule.percent(0.25001, 0.25));
        assertEquals("51.6%, more than the 25% allowed", VerdictRule.overLimit(64.0 / 124, 0.25));
    }

    @Test
    void incrementExponentIsTakenOutOfTheSlope() {
        double f = 0.37;
        GroupEvidence e = GroupEvidence.of(sweep(L -> KnownRegimeWeights.smooth(L, 4, 4, 0.2, SEED), GRID, f),
                Optional.empty(), CellCounts.allConverged(GRID.length), 0.95);
        assertEquals(f, e.incrementExponent());
        RegimeVerdict v = VerdictRule.decide(e);
        assertEquals(Regime.ODE, v.regime(), explain(v));
        Tolerance.absolute("raw increment slope", 0.02)
                .check(-1.2, v.evidence(EvidenceQuantity.INCREMENT_SLOPE).orElseThrow().estimate().value(), "slope");
    }

    // ---- hand-built evidence ----

    /** A fit with the given slope, symmetric interval half-width and R^2 over 10 depths. */
    private static ScalingFit fit(double slope, double half, double r2) {
        return new ScalingFit(slope, 0, half / 2, slope - half, slope + half, 0.95, r2, 10, 10, 0);
    }

    private static GroupEvidence hand(Map<WeightStatistic, ScalingFit> fits, Optional<ScalingFit> delta) {
        return new GroupEvidence("A", fits, 0, delta, CellCounts.allConverged(10), 10);
    }

    private static Map<WeightStatistic, ScalingFit> smoothFits(double beta) {
        Map<WeightStatistic, ScalingFit> m = new EnumMap<>(WeightStatistic.class);
        m.put(WeightStatistic.MAX_NORM, fit(-beta, 0.02, 0.99));
        m.put(WeightStatistic.INCREMENT, fit(-beta - 1, 0.02, 0.99));
        m.put(WeightStatistic.QUADRATIC_VARIATION, fit(-2 * beta - 1, 0.02, 0.99));
        m.put(WeightStatistic.ROOT_SSQ, fit(0.5 - beta, 0.02, 0.99));
        return m;
    }

    private static Map<WeightStatistic, ScalingFit> diffusiveFits() {
        Map<WeightStatistic, ScalingFit> m = new EnumMap<>(WeightStatistic.class);
        m.put(WeightStatistic.MAX_NORM, fit(-0.47, 0.02, 0.99));
        m.put(WeightStatistic.INCREMENT, fit(-0.46, 0.02, 0.99));
        m.put(WeightStatistic.QUADRATIC_VARIATION, fit(0.01, 0.01, 0.2));
        return m;
    }

    @Test
    void handBuiltRegimesAreRecognised() {
        assertEquals(Regime.ODE, VerdictRule.decide(hand(smoothFits(0.5), Optional.empty())).regime());
        assertEquals(LimitEquation.LINEAR_ODE, VerdictRule.decide(hand(smoothFits(0.5), Optional.empty())).limitEquation());
        assertEquals(Regime.SDE, VerdictRule.decide(hand(diffusiveFits(), Optional.empty())).regime());
    }

    @Test
    void missingRequiredFitIsInconclusive() {
        Map<WeightStatistic, ScalingFit> m = smoothFits(0);
        m.remove(WeightStatistic.MAX_NORM);
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, v.regime());
        assertTrue(v.beta().isEmpty());
        assertTrue(v.reasons().get(0).startsWith("no max_norm fit for A"), explain(v));
        Map<WeightStatistic, ScalingFit> noInc = smoothFits(0);
        noInc.remove(WeightStatistic.INCREMENT);
        assertEquals(Regime.INCONCLUSIVE, VerdictRule.decide(hand(noInc, Optional.empty())).regime());
    }

    @Test
    void poorFitIsInconclusiveButAPreciseFlatFitCounts() {
        Map<WeightStatistic, ScalingFit> m = smoothFits(0);
        m.put(WeightStatistic.INCREMENT, fit(-1, 0.4, 0.5));
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, v.regime());
        assertTrue(v.reasons().get(0).startsWith("the increment fit is poor: R^2 0.5 < 0.8"), explain(v));
        // flat max norm with R^2 0.1 but a +/-0.01 interval: counts
        Map<WeightStatistic, ScalingFit> flat = smoothFits(0);
        flat.put(WeightStatistic.MAX_NORM, fit(0.001, 0.01, 0.1));
        assertEquals(Regime.ODE, VerdictRule.decide(hand(flat, Optional.empty())).regime());
        // a fit over fewer depths than the minimum does not count either
        Map<WeightStatistic, ScalingFit> few = smoothFits(0);
        few.put(WeightStatistic.MAX_NORM, new ScalingFit(0, 0, 0.01, -0.02, 0.02, 0.95, 0.99, 4, 4, 6));
        RegimeVerdict fv = VerdictRule.decide(hand(few, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, fv.regime());
        assertTrue(fv.reasons().get(0).contains("only 4 depths"), explain(fv));
    }

    @Test
    void poorOptionalFitIsNotUsedAndSdeCannotBeAssessedWithoutIt() {
        Map<WeightStatistic, ScalingFit> m = smoothFits(0);
        m.put(WeightStatistic.ROOT_SSQ, fit(3, 1, 0.1));
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(Regime.ODE, v.regime(), explain(v));
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("the root_ssq fit is poor") && r.endsWith("not used")),
                explain(v));
        Map<WeightStatistic, ScalingFit> d = diffusiveFits();
        d.remove(WeightStatistic.QUADRATIC_VARIATION);
        RegimeVerdict sde = VerdictRule.decide(hand(d, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, sde.regime(), explain(sde));
        assertEquals(Compatibility.NOT_AVAILABLE, sde.regimes().get(Regime.SDE));
        assertTrue(sde.reasons().get(0).startsWith("sde cannot be assessed: no usable fit for quadratic_variation_slope"),
                explain(sde));
    }

    @Test
    void gapBetweenSmoothAndRoughIsInconclusive() {
        Map<WeightStatistic, ScalingFit> m = new EnumMap<>(WeightStatistic.class);
        m.put(WeightStatistic.MAX_NORM, fit(-0.2, 0.02, 0.99));
        m.put(WeightStatistic.INCREMENT, fit(-0.7, 0.02, 0.99));
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, v.regime());
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.ODE));
        Tolerance.absolute("gap", 1e-12).check(0.5, v.evidence(EvidenceQuantity.SMOOTHNESS_GAP).orElseThrow()
                .estimate().value(), "gap");
        // Minkowski bounds: [-0.22 + 0.68, -0.18 + 0.72]
        Tolerance.absolute("gap bounds", 1e-12).check(0.46, v.evidence(EvidenceQuantity.SMOOTHNESS_GAP).orElseThrow()
                .estimate().ciLow(), "gap ciLow");
    }

    @Test
    void wideIntervalsCompatibleWithSeveralRegimesAreInconclusive() {
        Map<WeightStatistic, ScalingFit> m = new EnumMap<>(WeightStatistic.class);
        m.put(WeightStatistic.MAX_NORM, fit(-0.25, 0.4, 0.85));
        m.put(WeightStatistic.INCREMENT, fit(-0.75, 0.65, 0.9));
        m.put(WeightStatistic.QUADRATIC_VARIATION, fit(-0.3, 1.0, 0.85));
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(Regime.INCONCLUSIVE, v.regime(), explain(v));
        assertTrue(v.reasons().get(0).startsWith("the evidence is compatible with several regimes (ode, sde, neither)"),
                explain(v));
    }

    @Test
    void alphaPlusBetaDecidesWhetherAnOdeLimitApplies() {
        // beta = 0, shared delta ~ 1/L: alpha = 1, alpha + beta = 1, the neural ODE
        RegimeVerdict v = VerdictRule.decide(hand(smoothFits(0), Optional.of(fit(-1, 0.02, 0.99))));
        assertEquals(LimitEquation.NEURAL_ODE, v.limitEquation(), explain(v));
        Tolerance.absolute("alpha", 1e-12).check(1, v.alpha().orElseThrow().value(), "alpha");
        assertEquals(Compatibility.COMPATIBLE, v.alphaPlusBetaIsOne());
        // beta = 0.3, alpha = 0.7: the linear ODE
        RegimeVerdict lin = VerdictRule.decide(hand(smoothFits(0.3), Optional.of(fit(-0.7, 0.02, 0.99))));
        assertEquals(LimitEquation.LINEAR_ODE, lin.limitEquation(), explain(lin));
        // beta = 0, alpha = 1/2: delta A ~ L^-1/2, no ODE limit although the weights are smooth
        RegimeVerdict none = VerdictRule.decide(hand(smoothFits(0), Optional.of(fit(-0.5, 0.02, 0.99))));
        assertEquals(Regime.ODE, none.regime());
        assertEquals(LimitEquation.NONE, none.limitEquation());
        assertEquals(Compatibility.EXCLUDED, none.alphaPlusBetaIsOne());
        assertTrue(none.reasons().stream().anyMatch(r -> r.startsWith("alpha + beta = 0.500 [0.460, 0.540] is not compatible")),
                explain(none));
    }

    @Test
    void betaCompatibleWithZeroButWideIsNeuralOdeWithACaveat() {
        Map<WeightStatistic, ScalingFit> m = smoothFits(0);
        m.put(WeightStatistic.MAX_NORM, fit(-0.05, 0.15, 0.9));
        RegimeVerdict v = VerdictRule.decide(hand(m, Optional.empty()));
        assertEquals(LimitEquation.NEURAL_ODE, v.limitEquation(), explain(v));
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("a linear ODE is not excluded")), explain(v));
    }

    @Test
    void allCellsDivergedIsInconclusive() {
        GroupEvidence e = new GroupEvidence("A", Map.of(), 0, Optional.empty(), new CellCounts(8, 0, 0, 8, 0), 0);
        RegimeVerdict v = VerdictRule.decide(e);
        assertEquals(Regime.INCONCLUSIVE, v.regime());
        assertEquals("no cell is left once the 8 diverged cells are excluded", v.reasons().get(0));
        assertTrue(v.evidence().isEmpty());
        assertEquals("No verdict: no cell is left once the 8 diverged cells are excluded.", v.confidence());
    }

    @Test
    void foreignWeightsOfUnknownStatusStillGetAVerdict() {
        GroupEvidence e = new GroupEvidence("A", smoothFits(0), 0, Optional.empty(), new CellCounts(10, 0, 0, 0, 10), 10);
        RegimeVerdict v = VerdictRule.decide(e);
        assertEquals(Regime.ODE, v.regime());
        assertTrue(v.confidence().startsWith("Moderate"), v.confidence());
        assertTrue(v.reasons().contains("10 of 10 fitted cells have no run.json: their convergence is unknown"),
                explain(v));
    }

    @Test
    void verdictRecordsTheCriteriaAndEveryPrediction() {
        RegimeCriteria strict = new RegimeCriteria(8, 0.9, 0.05, 0.1, 0.1, 0.2);
        RegimeVerdict v = VerdictRule.decide(hand(smoothFits(0.5), Optional.empty()), strict);
        assertEquals(strict, v.criteria());
        Evidence inc = v.evidence(EvidenceQuantity.INCREMENT_SLOPE).orElseThrow();
        assertEquals(3, inc.predictions().size());
        Prediction ode = inc.predictions().get(0);
        assertEquals(Outcome.ODE, ode.outcome());
        assertEquals("-beta_var - 1", ode.rule(), "without a varying-part fit, beta_var is beta");
        Tolerance.absolute("window from beta's interval", 1e-12).check(-1.52, ode.low().getAsDouble(), "low");
        Tolerance.absolute("window from beta's interval", 1e-12).check(-1.48, ode.high().getAsDouble(), "high");
        assertEquals(0.2, ode.tolerance());
        assertEquals(Compatibility.COMPATIBLE, ode.result());
        Prediction neither = inc.predictions().get(2);
        assertTrue(neither.high().isEmpty(), "neither's 'increments do not vanish' is one-sided");
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("ode is compatible with every prediction")), explain(v));
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("sde is excluded: increment_slope")), explain(v));
    }
}
