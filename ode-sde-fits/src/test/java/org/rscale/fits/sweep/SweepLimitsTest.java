package org.rscale.fits.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.SampledPath;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.limit.Convergence;
import org.rscale.fits.limit.LimitCoefficients;
import org.rscale.fits.limit.LimitDiscretisation;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * The limit fit and the upgraded verdict end to end on run directories of known regime written to a
 * temporary directory: smooth weights with a little noise (ode, linear-ode for beta &gt; 0), a drift plus
 * L^-1/2 noise (sde), weights that do not shrink (neither), too few depths (inconclusive), and networks whose
 * weights are a known smooth function ({@link LimitDiscretisation}): the neural ODE at rate about -1 for
 * beta = 0, the linear ODE at about -2 beta for tanh.
 */
@ExtendWith(QuietConsole.class)
class SweepLimitsTest {
    private static final int D = 3;
    private static final int[] DEPTHS = {40, 57, 80, 113, 160, 226, 320};
    private static final int[] MORE_DEPTHS = {40, 57, 80, 113, 160, 226, 320, 452, 640};
    private static final SweepLimitSettings FAST = new SweepLimitSettings(12, 4, 6, 60, 64, 2, 0, Activation.TANH, 51,
            SweepLimitSettings.defaults().comparison(), SweepLimitSettings.defaults().ode().withTolerances(1e-9, 1e-9));

    static CellSettings settings(int L, String activation, String delta) {
        Map<Setting, Object> v = new LinkedHashMap<>();
        v.put(Setting.DATA_DIM, D);
        v.put(Setting.DATA_TRAIN_SIZE, 32);
        v.put(Setting.DATA_TEST_SIZE, 8);
        v.put(Setting.BATCH_SIZE, 8);
        v.put(Setting.ACTIVATION, activation);
        v.put(Setting.DELTA, delta);
        return CellSettings.of(L, 0, v);
    }

    /** Writes runs/L&lt;L&gt;/ with A.npy, b.npy, delta.npy and, when settings are given, an rscale run.json. */
    static void writeRun(Path dir, int L, double[] A, double[] b, double[] delta, CellSettings cs) throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs").resolve(String.format("L%04d", L)));
        Npy.write(run.resolve("A.npy"), new int[] {L, D, D}, A);
        if (b != null) {
            Npy.write(run.resolve("b.npy"), new int[] {L, D}, b);
        }
        if (delta != null) {
            Npy.write(run.resolve("delta.npy"), new int[] {delta.length}, delta);
        }
        if (cs != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("settings", cs.toMap());
            json.put("status", "converged");
            json.put("final_train_loss", 1e-4);
            Files.writeString(run.resolve("run.json"), DataFormats.json().writeValueAsString(json));
        }
    }

    /** Analysis, limit analysis (n_times 30), fit and upgraded verdict of a directory. */
    static FitVerdictReport.Group fit(Path dir, int nTimes) {
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        VerdictReport first = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now());
        LimitAnalysis limits = LimitAnalysis.of(a, LimitSettings.defaults().withNTimes(nTimes));
        SweepLimits fits = SweepLimits.of(a, limits, FAST);
        Path out = dir.resolve("analysis").resolve("limits");
        fits.write(out, limits);
        FitVerdictReport report = FitVerdictReport.of(first, limits, fits, LimitCriteria.defaults(), Instant.now());
        report.write(dir.resolve("analysis").resolve("verdict.json"));
        return report.groups().get(0);
    }

    @Test
    void smoothWeightsWithALittleNoiseMatchTheLinearOde(@TempDir Path dir) throws IOException {
        double beta = 0.3;
        for (int L : DEPTHS) {
            double[] A = KnownRegimeWeights.smoothPlusNoise(L, D, D, beta, 1.6, 11).values();
            double[] b = KnownRegimeWeights.smoothPlusNoise(L, D, 1, beta, 1.6, 12).values();
            scale(A, 0.5);
            writeRun(dir, L, A, b, new double[] {Math.pow(L, beta - 1)}, settings(L, "tanh", "shared"));
        }
        FitVerdictReport.Group g = fit(dir, 30);
        assertEquals(Regime.ODE, g.verdict().regime(), String.join("\n", g.verdict().reasons()));
        // the typed reader gives back the upgraded verdict: its level and its limit items after the scaling fits
        org.rscale.fits.VerdictFile read = org.rscale.fits.VerdictFile.read(dir.resolve("analysis").resolve("verdict.json"));
        assertEquals(FitVerdictReport.STAGE, read.stage());
        assertEquals(java.util.Optional.of(g.confidenceLevel()), read.groups().get(0).confidenceLevel());
        assertEquals(g.verdict().regime(), read.groups().get(0).regime());
        assertEquals(g.verdict().evidence().size() + g.limitEvidence().items().size(),
                read.groups().get(0).evidence().size());
        assertTrue(read.groups().get(0).evidence().stream().anyMatch(i -> i.stage().equals("limit")
                && i.quantity().equals(LimitEvidence.CONVERGENCE_RATE)));
        assertEquals(LimitEquation.LINEAR_ODE, g.verdict().limitEquation(), String.join("\n", g.verdict().reasons()));
        assertEquals("linear-ode", g.limitEvidence().best().orElseThrow());
        assertEquals(SweepLimits.TRAINING_INPUTS, g.limitEvidence().inputSource());
        assertTrue(g.verdict().confidence().length() > 20);

        Path out = dir.resolve("analysis");
        JsonNode v = DataFormats.json().readTree(out.resolve("verdict.json").toFile()).get("groups").get(0);
        for (String key : List.of("regime", "limit_equation", "tensor", "beta", "alpha", "evidence", "reasons",
                "confidence", "regimes", "cells", "criteria", "n_depths", "first_verdict", "limit_evidence",
                "confidence_level")) {
            assertTrue(v.has(key), "verdict.json lacks " + key);
        }
        assertEquals("ode", v.get("regime").asText());
        assertTrue(v.get("limit_evidence").get("items").size() >= 4);
        List<String> cmp = Files.readAllLines(out.resolve("limits").resolve(SweepLimits.COMPARISON_CSV));
        assertEquals("group,candidate,equation,cell,depth,seed,max_error,relative_error,terminal_error,limit_scale,"
                + "worst_sample,worst_layer,status,note", cmp.get(0));
        assertEquals(1 + 3 * DEPTHS.length, cmp.size());
        assertTrue(Files.readString(out.resolve("limits").resolve(LimitAnalysis.RATES_CSV))
                .contains("all,hidden_states,max_error_linear_ode,"));
        assertArrayEquals(new int[] {6, D}, Npy.read(out.resolve("limits/all/inputs.npy")).shape());
        assertArrayEquals(new int[] {51, D}, Npy.read(out.resolve("limits/all/path_linear_ode.npy")).shape());
        assertTrue(Files.isRegularFile(out.resolve("limits").resolve(SweepLimits.FIT_JSON)));
        assertTrue(Files.readAllLines(out.resolve("limits").resolve(SweepLimits.TERMINAL_CSV)).size() > 1,
                "the many-path distribution of H_1");
    }

    @Test
    void aDriftPlusBrownianNoiseIsDiffusive(@TempDir Path dir) throws IOException {
        for (int L : MORE_DEPTHS) {
            // entries of size 0.4: the states stay of order 1, where the Taylor expansion of the SDE holds
            double[] A = KnownRegimeWeights.diffusive(L, D, D, 21).values();
            double[] b = KnownRegimeWeights.diffusive(L, D, 1, 22).values();
            scale(A, 0.4);
            scale(b, 0.4);
            writeRun(dir, L, A, b, new double[] {1.0}, settings(L, "tanh", "none"));
        }
        FitVerdictReport.Group g = fit(dir, 30);
        assertEquals(Regime.SDE, g.verdict().regime(), String.join("\n", g.verdict().reasons()));
        assertEquals(LimitEquation.SDE, g.verdict().limitEquation());
        LimitEvidence.CandidateEvidence sde = candidate(g, "sde");
        assertEquals(Convergence.CONVERGING.key(), sde.convergence(), sde.toString());
        assertEquals(Convergence.NOT_CONVERGING.key(), candidate(g, "linear-ode").convergence());
    }

    @Test
    void weightsThatDoNotShrinkHaveNoLimit(@TempDir Path dir) throws IOException {
        for (int L : MORE_DEPTHS) {
            writeRun(dir, L, KnownRegimeWeights.nonShrinking(L, D, D, 31).values(),
                    KnownRegimeWeights.nonShrinking(L, D, 1, 32).values(), new double[] {1.0}, settings(L, "tanh", "none"));
        }
        FitVerdictReport.Group g = fit(dir, 30);
        assertEquals(Regime.NEITHER, g.verdict().regime(), String.join("\n", g.verdict().reasons()));
        assertEquals(LimitEquation.NONE, g.verdict().limitEquation());
        assertTrue(g.limitEvidence().best().isEmpty());
    }

    @Test
    void tooFewDepthsAreInconclusiveWhateverTheLimitsSay(@TempDir Path dir) throws IOException {
        for (int L : new int[] {40, 80, 160}) {
            double[] A = KnownRegimeWeights.smooth(L, D, D, 0.3, 11).values();
            writeRun(dir, L, A, KnownRegimeWeights.smooth(L, D, 1, 0.3, 12).values(), new double[] {Math.pow(L, -0.7)},
                    settings(L, "tanh", "shared"));
        }
        FitVerdictReport.Group g = fit(dir, 30);
        assertEquals(Regime.INCONCLUSIVE, g.verdict().regime());
        assertEquals(UpgradedVerdict.LOW, g.confidenceLevel());
        assertTrue(g.verdict().reasons().get(0).contains("only 3 distinct depths"), g.verdict().reasons().get(0));
    }

    @Test
    void foreignWeightsUseRandomUnitInputsAndTheDefaultActivation(@TempDir Path dir) throws IOException {
        double beta = 0.3;
        for (int L : DEPTHS) {
            double[] A = KnownRegimeWeights.smoothPlusNoise(L, D, D, beta, 1.6, 11).values();
            scale(A, 0.5 * Math.pow(L, beta - 1));
            writeRun(dir, L, A, null, null, null);
        }
        FitVerdictReport.Group g = fit(dir, 30);
        assertEquals(SweepLimits.UNIT_VECTORS, g.limitEvidence().inputSource());
        assertEquals(Regime.ODE, g.verdict().regime(), String.join("\n", g.verdict().reasons()));
        double[] x = Npy.read(dir.resolve("analysis/limits/all/inputs.npy")).data();
        double n2 = 0;
        for (int i = 0; i < D; i++) {
            n2 += x[i] * x[i];
        }
        assertEquals(1.0, n2, 1e-12, "unit vectors");
    }

    // ----------------------------------------------------------- networks of a known smooth function

    /** Slow trigonometric coefficients: A-bar_ij(t) = a_ij + c_ij sin(pi t + p_ij), b-bar_i(t) likewise. */
    static LimitCoefficients smoothCoefficients(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 401;
        double[] A = new double[n * D * D];
        double[] b = new double[n * D];
        double[] a = new double[D * D + D];
        double[] c = new double[D * D + D];
        double[] p = new double[D * D + D];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian() / Math.sqrt(D);
            c[i] = r.nextGaussian() / Math.sqrt(D);
            p[i] = 2 * Math.PI * r.nextDouble();
        }
        for (int g = 0; g < n; g++) {
            double t = (double) g / (n - 1);
            for (int i = 0; i < D * D; i++) {
                A[g * D * D + i] = a[i] + c[i] * Math.sin(Math.PI * t + p[i]);
            }
            for (int i = 0; i < D; i++) {
                b[g * D + i] = 0.5 * (a[D * D + i] + c[D * D + i] * Math.sin(Math.PI * t + p[D * D + i]));
            }
        }
        return LimitCoefficients.of(SampledPath.uniform(n, D, D, A), SampledPath.uniform(n, D, 1, b), 1.0);
    }

    private static void writeDiscretised(Path dir, LimitCoefficients c, Activation sigma, double beta) throws IOException {
        for (int L : MORE_DEPTHS) {
            ResidualNet net = LimitDiscretisation.smooth(c, sigma, L, beta);
            writeRun(dir, L, net.A(), net.b(), net.delta(), settings(L, sigma.key(), "per-layer"));
        }
    }

    @Test
    void networksOfASmoothFunctionMatchTheNeuralOdeAtRateOne(@TempDir Path dir) throws IOException {
        writeDiscretised(dir, smoothCoefficients(5), Activation.TANH, 0);
        FitVerdictReport.Group g = fit(dir, 200);
        assertEquals("neural-ode", g.limitEvidence().best().orElseThrow(), String.join("\n", g.verdict().reasons()));
        LimitEvidence.CandidateEvidence neural = candidate(g, "neural-ode");
        double slope = neural.rate().orElseThrow().value();
        assertTrue(slope < -0.75 && slope > -1.25, "Euler: error ~ 1/L, slope " + slope);
        assertEquals(Convergence.NOT_CONVERGING.key(), candidate(g, "linear-ode").convergence());
        assertEquals(Regime.ODE, g.verdict().regime(), String.join("\n", g.verdict().reasons()));
        assertEquals(LimitEquation.NEURAL_ODE, g.verdict().limitEquation());
    }

    @Test
    void networksOfASmoothFunctionWithBetaMatchTheLinearOdeAtRateTwoBetaForTanh(@TempDir Path dir) throws IOException {
        double beta = 0.25;
        writeDiscretised(dir, smoothCoefficients(6), Activation.TANH, beta);
        FitVerdictReport.Group g = fit(dir, 200);
        assertEquals("linear-ode", g.limitEvidence().best().orElseThrow(), String.join("\n", g.verdict().reasons()));
        double slope = candidate(g, "linear-ode").rate().orElseThrow().value();
        assertTrue(Math.abs(slope + 2 * beta) < 0.15, "tanh: error ~ L^-2beta, slope " + slope);
        assertEquals(Convergence.NOT_CONVERGING.key(), candidate(g, "neural-ode").convergence());
        assertEquals(LimitEquation.LINEAR_ODE, g.verdict().limitEquation(), String.join("\n", g.verdict().reasons()));
    }

    private static LimitEvidence.CandidateEvidence candidate(FitVerdictReport.Group g, String label) {
        for (LimitEvidence.CandidateEvidence c : g.limitEvidence().candidates()) {
            if (c.candidate().equals(label)) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + label + " in " + g.limitEvidence().candidates());
    }

    private static void scale(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }
}
