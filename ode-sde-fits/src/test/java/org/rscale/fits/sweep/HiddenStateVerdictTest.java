package org.rscale.fits.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.fits.Compatibility;
import org.rscale.fits.EvidenceQuantity;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.sweep.UpgradedVerdict.IdentificationState;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Every branch of the second verdict design on networks of known regime ({@link KnownRegimeWeights}): ten depths
 * 32..724, two replicas (seeds) each, width 4, tanh; decided on the hidden states (no training targets: f is the
 * scale mean |h_L|^2).
 */
@ExtendWith(QuietConsole.class)
class HiddenStateVerdictTest {
    private static final int D = 4;
    private static final long SEED = 20210525L;
    private static final DynamicsSettings S = DynamicsSettings.defaults();

    private static UpgradedVerdict sweep(Path dir, KnownRegimeRuns.Generator g) {
        KnownRegimeRuns.write(dir, KnownRegimeRuns.DEPTHS, 2, g);
        UpgradedVerdict v = KnownRegimeRuns.decide(dir, S);
        reasonsAgreeWithTheDecision(v);
        return v;
    }

    /** No reason contradicts the decision: nothing called a best match, no "every candidate excluded" beside it. */
    private static void reasonsAgreeWithTheDecision(UpgradedVerdict v) {
        for (String r : v.reasons()) {
            assertFalse(r.contains("best match"), r);
            if (v.regime() != Regime.INCONCLUSIVE) {
                assertFalse(r.contains("compatible with no regime") || r.contains("every candidate"), r);
                assertFalse(r.matches("^(ode|sde|neither) (fits|is compatible).*") && !r.startsWith(v.regime().key()), r);
            }
        }
        if (v.regime() == Regime.ODE || v.regime() == Regime.NEITHER) {
            assertFalse(v.reasons().stream().anyMatch(r -> r.startsWith("the rough-part SDE is credited")),
                    "an SDE is never credited beside an ode or neither verdict: " + v.reasons());
        }
        assertTrue(v.decision().startsWith(v.regime().key()), v.decision());
        assertTrue(v.decision().endsWith("."), "one sentence: " + v.decision());
    }

    @Test
    void smoothTrendAndVanishingNoiseIsTheLinearOdeWithIdentifiedCoefficients(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0.2, 0.5, 0.5, SEED, (int) s));
        assertEquals(Regime.ODE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(LimitEquation.LINEAR_ODE, v.limitEquation(), KnownRegimeRuns.explain(v));
        assertEquals(IdentificationState.IDENTIFIED, v.identification().state(), KnownRegimeRuns.explain(v));
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.SDE));
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.NEITHER));
        assertTrue(v.cases().isEmpty());
    }

    @Test
    void betaZeroIsTheNeuralOde(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0, 0.5, 1.5, SEED, (int) s));
        assertEquals(Regime.ODE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(LimitEquation.NEURAL_ODE, v.limitEquation(), KnownRegimeRuns.explain(v));
    }

    @Test
    void smoothButRunSpecificCoefficientsAreAnOdeWhoseCoefficientsAreNotIdentified(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.runSpecificOdeNetwork(L, D, 0.2, 1.0, SEED, (int) s));
        assertEquals(Regime.ODE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(IdentificationState.NOT_IDENTIFIED, v.identification().state(), KnownRegimeRuns.explain(v));
        assertTrue(v.decision().contains("coefficients not identified (spread D_cons"), v.decision());
    }

    @Test
    void brownianWeightsAreTheSde(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.brownianNetwork(L, D, 1.0, SEED, (int) s));
        assertEquals(Regime.SDE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(LimitEquation.SDE, v.limitEquation());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("the rough-part SDE is credited")),
                KnownRegimeRuns.explain(v));
    }

    @Test
    void weightsThatDoNotShrinkAreNeither(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.nonShrinkingNetwork(L, D, 1.0, SEED, (int) s));
        assertEquals(Regime.NEITHER, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(LimitEquation.NONE, v.limitEquation());
    }

    @Test
    void aDiffusionThatDecaysWithDepthIsACrossover(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.decayingDiffusionNetwork(L, D, 0.7, 2.0, SEED,
                (int) s));
        assertCrossover(v);
        assertTrue(v.decision().startsWith("inconclusive (rough, diffusion decaying (crossover)"), v.decision());
        assertEquals(UpgradedVerdict.LOW, v.confidenceLevel());
        assertFalse(v.reasons().stream().anyMatch(r -> r.startsWith("diagnosis")),
                "tanh has no units to switch off: " + v.reasons());
    }

    @Test
    void aDiffusionSwitchedOffWithItsUnitsIsACrossoverThatNamesTheCause(@TempDir Path dir) {
        // relu, Brownian effective weights, live layers a share (L/32)^-0.6 of all: q decays, q per unit on does not
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.gatedDiffusionNetwork(L, D, 0.6, 0.5, 2.0, SEED,
                (int) s));
        assertCrossover(v);
        assertTrue(v.decision().contains("because units are switched off: the share of units on falls"),
                v.decision());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("diagnosis, diffusion switched off with the "
                + "units: active_share_slope")), KnownRegimeRuns.explain(v));
        assertTrue(v.evidence().stream().anyMatch(e -> e.quantity() == EvidenceQuantity.ACTIVE_SHARE_SLOPE
                && e.estimate().ciHigh() < -0.15), KnownRegimeRuns.explain(v));
    }

    @Test
    void aReluDiffusionWhoseNoiseFadesIsNotBlamedOnItsUnits(@TempDir Path dir) {
        // relu, every layer live (share flat), noise L^-0.75: q and q per unit on both decay like L^-0.5
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.gatedDiffusionNetwork(L, D, 0, 0.75, 6.0, SEED,
                (int) s));
        assertCrossover(v);
        assertFalse(v.decision().contains("switched off"), v.decision());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("diagnosis: the share of units on does not "
                + "account for the decay")), KnownRegimeRuns.explain(v));
    }

    @Test
    void aReluDiffusionWithEveryUnitLiveIsTheSde(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.gatedDiffusionNetwork(L, D, 0, 0.5, 2.0, SEED,
                (int) s));
        assertEquals(Regime.SDE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(LimitEquation.SDE, v.limitEquation());
    }

    @Test
    void aDriftThatGrowsWithDepthIsNamed(@TempDir Path dir) {
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.growingDriftNetwork(L, D, 0.3, 1.0, SEED + s));
        assertEquals(Regime.INCONCLUSIVE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(List.of("drift_growing"), v.cases(), KnownRegimeRuns.explain(v));
        assertTrue(v.decision().startsWith("inconclusive (drift growing): the hidden states show smooth increments"),
                v.decision());
        assertEquals(Compatibility.EXCLUDED, v.regimes().get(Regime.ODE), "a growing drift excludes ode");
    }

    @Test
    void noiseAsLargeAsTheDriftAtEveryLayerLeavesKappaUndetermined(@TempDir Path dir) {
        // per layer, noise of the drift's size 1/L: QV2/QV1 = (2 v2 + c)/(v2 + c), between rough and smooth
        UpgradedVerdict v = sweep(dir, (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0, 0, 1.0, 2.0, SEED,
                (int) s));
        assertEquals(Regime.INCONCLUSIVE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(List.of("kappa_undetermined"), v.cases(), KnownRegimeRuns.explain(v));
        assertTrue(v.decision().contains("lies between rough (1.25) and smooth (1.75)"), v.decision());
    }

    @Test
    void tooFewDepthsAreNamed(@TempDir Path dir) {
        KnownRegimeRuns.write(dir, new int[] {64, 128, 256}, 1,
                (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0.2, 0.5, 1.0, SEED, (int) s));
        UpgradedVerdict v = KnownRegimeRuns.decide(dir, S);
        assertEquals(Regime.INCONCLUSIVE, v.regime());
        assertEquals(List.of(HiddenStateVerdict.TOO_FEW_DEPTHS), v.cases());
        assertTrue(v.decision().startsWith("inconclusive (too few depths): only 3 distinct depths"), v.decision());
    }

    @Test
    void tooManyUnconvergedCellsAreNamedAndTheRestAreJudged(@TempDir Path dir) throws IOException {
        KnownRegimeRuns.write(dir, KnownRegimeRuns.DEPTHS, 2,
                (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0.2, 0.5, 1.0, SEED, (int) s));
        for (int L : KnownRegimeRuns.DEPTHS) {
            Path json = dir.resolve("runs").resolve(String.format("L%05d_s1", L)).resolve("run.json");
            Files.writeString(json, Files.readString(json).replace("\"converged\"", "\"stalled\""));
        }
        UpgradedVerdict v = KnownRegimeRuns.decide(dir, S);
        assertEquals(Regime.INCONCLUSIVE, v.regime(), KnownRegimeRuns.explain(v));
        assertEquals(List.of(HiddenStateVerdict.TOO_MANY_UNCONVERGED), v.cases());
        assertEquals(10, v.cells().unconverged());
        // the measured but unjudged networks are listed: judging them as well recovers the ode
        UpgradedVerdict all = KnownRegimeRuns.decide(dir, new DynamicsSettings(S.samples(), S.modes(), S.blocks(),
                S.gridPoints(), S.seed(), S.range(), S.foreignActivation(), true));
        assertEquals(Regime.INCONCLUSIVE, all.regime(), "still too many unconverged: they are counted either way");
    }

    @Test
    void aDeclaredSubRangeIsJudgedAndSaid(@TempDir Path dir) {
        KnownRegimeRuns.write(dir, KnownRegimeRuns.DEPTHS, 1,
                (L, s) -> KnownRegimeWeights.odeNetwork(L, D, 0.2, 0.5, 1.0, SEED, (int) s));
        UpgradedVerdict v = KnownRegimeRuns.decide(dir, S.withRange(new org.rscale.analysis.DepthRange(64, 512)));
        assertEquals(List.of(64, 91, 128, 181, 256, 362, 512), v.depths());
        assertTrue(v.decision().contains("judged on 7 depths L = 64..512 (64 <= L <= 512)"), v.decision());
    }

    /** The decision is inconclusive, naming the crossover among its cases. */
    private static void assertCrossover(UpgradedVerdict v) {
        assertEquals(Regime.INCONCLUSIVE, v.regime(), KnownRegimeRuns.explain(v));
        assertTrue(v.cases().contains("crossover"), KnownRegimeRuns.explain(v));
    }
}
