package org.rscale.fits.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The limit analysis of sweep directories on disk: rscale runs whose weights are exactly smooth (the
 * denoised network is the network), effective weights of ReLU with per-layer delta, foreign weights
 * without training data, and sweeps too shallow for a trend.
 */
@ExtendWith(QuietConsole.class)
class LimitAnalysisTest {
    private static final int D = 4;
    /** A forward pass of at most 120 layers over 64 samples: the two nets differ by rounding only. */
    private static final Tolerance SAME_NET = Tolerance.relative("same network up to rounding", 1e-10);

    private static CellSettings settings(int L, int seed, String activation, String delta) {
        Map<Setting, Object> v = new LinkedHashMap<>();
        v.put(Setting.DATA_DIM, D);
        v.put(Setting.DATA_TRAIN_SIZE, 64);
        v.put(Setting.DATA_TEST_SIZE, 16);
        v.put(Setting.BATCH_SIZE, 16);
        v.put(Setting.ACTIVATION, activation);
        v.put(Setting.DELTA, delta);
        return CellSettings.of(L, seed, v);
    }

    /** Writes runs/<name>/ with A.npy, b.npy, delta.npy and, when settings are given, an rscale run.json. */
    private static void writeRun(Path dir, String name, int L, double[] A, double[] b, double[] delta, CellSettings cs)
            throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs").resolve(name));
        Npy.write(run.resolve("A.npy"), new int[] {L, D, D}, A);
        Npy.write(run.resolve("b.npy"), new int[] {L, D}, b);
        Npy.write(run.resolve("delta.npy"), new int[] {delta.length}, delta);
        if (cs != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("settings", cs.toMap());
            json.put("status", "converged");
            json.put("final_train_loss", 0.01);
            Files.writeString(run.resolve("run.json"), DataFormats.json().writeValueAsString(json));
        }
    }

    /** {@code L} copies of {@code c} times {@code scale}. */
    private static double[] repeat(double[] c, int L, double scale) {
        double[] v = new double[L * c.length];
        for (int k = 0; k < L; k++) {
            for (int e = 0; e < c.length; e++) {
                v[k * c.length + e] = scale * c[e];
            }
        }
        return v;
    }

    private static double[] gaussian(int n, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * r.nextGaussian();
        }
        return v;
    }

    @Test
    void constantWeightsHaveTheirOwnLossWhenDenoised(@TempDir Path dir) throws IOException {
        double beta = 0.25;
        double[] C = gaussian(D * D, 0.8, 1);
        double[] c = gaussian(D, 0.5, 2);
        int[] depths = {40, 60, 80, 100, 120};
        for (int L : depths) {
            double s = Math.pow(L, -beta);
            // shared delta = L^(beta - 1): delta A ~ 1/L, a non-trivial network at every depth
            writeRun(dir, "L" + L, L, repeat(C, L, s), repeat(c, L, s), new double[] {Math.pow(L, beta - 1)},
                    settings(L, 0, "tanh", "shared"));
        }
        SweepAnalysis sweep = SweepAnalysis.of(dir, 0, 0.95);
        LimitAnalysis a = LimitAnalysis.of(sweep, LimitSettings.defaults().withNTimes(20));
        LimitAnalysis.GroupLimits g = a.groups().get(0);
        assertEquals(TensorSequences.A, g.tensor());
        assertEquals("b", g.biasTensor().orElseThrow());
        Tolerance.absolute("exact power law", 1e-9).check(beta, g.exponent().getAsDouble(), "beta from the max norm");
        assertEquals(LimitAnalysis.OK, g.trendNote());
        assertEquals(List.of(60, 80, 100, 120), g.trendOf("A").orElseThrow().depths(), "the 4 deepest above n_times");
        assertEquals(2 * depths.length, g.denoised().size(), "one row per cell and tensor");
        for (LimitAnalysis.DenoisedCell r : g.denoised()) {
            assertEquals(LimitAnalysis.OK, r.lossNote());
            SAME_NET.check(r.trainLoss().getAsDouble(), r.denoisedLoss().getAsDouble(), "denoised loss at L = " + r.depth());
            assertTrue(r.trainLoss().getAsDouble() > 1e-3, "a non-trivial loss " + r.trainLoss());
            assertTrue(r.noise().noiseFraction() < 1e-10, "no noise in constant weights");
        }
        // delta-bar = mean over the trend cells of L^(1-beta) |delta| = 1
        Tolerance.absolute("rounding", 1e-12).check(1.0, g.deltaBar().orElseThrow().values()[0], "delta-bar");
        assertTrue(g.pooled().get(0).hurst().isEmpty(), "linear cumulative paths have no Hurst exponent");

        Path out = dir.resolve("analysis").resolve(LimitAnalysis.LIMITS_DIR);
        a.write(out);
        assertEquals("group,tensor,depth_a,depth_b,rank,cell_a,cell_b,exponent,grid_points,sup_distance,l2_distance,"
                + "relative_sup,relative_l2", Files.readAllLines(out.resolve(LimitAnalysis.CONVERGENCE_CSV)).get(0));
        assertEquals(1 + 2 * 4, Files.readAllLines(out.resolve(LimitAnalysis.CONVERGENCE_CSV)).size());
        assertTrue(Files.readAllLines(out.resolve(LimitAnalysis.ROUGHNESS_CSV)).get(0).startsWith(
                "group,scope,cell,depth,seed,tensor,exponent,quadratic_variation,raw_quadratic_variation,hurst,"));
        List<String> den = Files.readAllLines(out.resolve(LimitAnalysis.DENOISED_CSV));
        assertEquals("group,cell,depth,seed,in_trend,tensor,exponent,n_times,noise_quadratic_variation,"
                + "raw_noise_quadratic_variation,noise_fraction,train_loss,denoised_loss,final_train_loss,loss_note", den.get(0));
        assertTrue(den.get(1).startsWith("all,L40,40,0,false,A,"), den.get(1));
        assertTrue(Files.readAllLines(out.resolve(LimitAnalysis.RATES_CSV)).get(0).startsWith(
                "group,tensor,quantity,slope,rate,stderr,ci_low,ci_high,"));

        NpyArray trend = Npy.read(out.resolve("all/trend_A.npy"));
        assertArrayEquals(new int[] {21, D, D}, trend.shape());
        for (int i = 0; i < 21; i++) {
            for (int e = 0; e < D * D; e++) {
                Tolerance.absolute("rounding", 1e-12).check(C[e], trend.data()[i * D * D + e], "A-bar = C");
            }
        }
        assertArrayEquals(new int[] {21, D}, Npy.read(out.resolve("all/trend_b.npy")).shape());
        assertArrayEquals(new int[] {21}, Npy.read(out.resolve("all/delta_bar.npy")).shape());
        assertArrayEquals(new int[] {200, D, D}, Npy.read(out.resolve("all/limit_A.npy")).shape());
        assertArrayEquals(new int[] {121, D, D}, Npy.read(out.resolve("all/noise_A_L120.npy")).shape());
        JsonNode json = DataFormats.json().readTree(out.resolve(LimitAnalysis.LIMITS_JSON).toFile());
        assertEquals(20, json.get("settings").get("n_times").asInt());
        assertEquals("max_norm", json.get("settings").get("exponent_source").asText());
        JsonNode g0 = json.get("groups").get(0);
        Tolerance.absolute("exact power law", 1e-9).check(beta, g0.get("exponent").asDouble(), "exponent in limits.json");
        assertEquals("ok", g0.get("trend_note").asText());
        assertTrue(g0.get("files").toString().contains("all/trend_A.npy"));
        assertTrue(json.has("provenance"));
    }

    @Test
    void reluWithPerLayerDeltaIsDecomposedOnTheEffectiveWeights(@TempDir Path dir) throws IOException {
        double[] C = gaussian(D * D, 0.8, 3);
        double[] c = gaussian(D, 0.5, 4);
        for (int L : new int[] {40, 60, 80, 100}) {
            double[] delta = new double[L];
            for (int k = 0; k < L; k++) {
                delta[k] = (k % 3 == 0 ? -1.0 : 1.0) / L; // |delta_k| A_k = C / L, signs vary
            }
            writeRun(dir.resolve("relu"), "L" + L, L, repeat(C, L, 1), repeat(c, L, 1), delta,
                    settings(L, 0, "relu", "per-layer"));
            writeRun(dir.resolve("tanh"), "L" + L, L, repeat(C, L, 1), repeat(c, L, 1), delta,
                    settings(L, 0, "tanh", "per-layer"));
        }
        LimitSettings s = LimitSettings.defaults().withNTimes(20);
        LimitAnalysis.GroupLimits relu = LimitAnalysis.of(SweepAnalysis.of(dir.resolve("relu"), 0, 0.95), s).groups().get(0);
        assertEquals(TensorSequences.DELTA_A, relu.tensor());
        assertEquals(TensorSequences.DELTA_B, relu.biasTensor().orElseThrow());
        Tolerance.absolute("exact power law", 1e-9).check(1.0, relu.exponent().getAsDouble(), "|delta_k| A_k ~ 1/L");
        assertTrue(relu.deltaBar().isEmpty(), "delta is inside the effective weights");
        for (LimitAnalysis.DenoisedCell r : relu.denoised()) {
            assertEquals(LimitAnalysis.OK, r.lossNote());
            SAME_NET.check(r.trainLoss().getAsDouble(), r.denoisedLoss().getAsDouble(),
                    "sign(delta_k) relu(Ebar h + ebar) = delta_k relu(A h + b) at L = " + r.depth());
        }
        LimitAnalysis.GroupLimits tanh = LimitAnalysis.of(SweepAnalysis.of(dir.resolve("tanh"), 0, 0.95), s).groups().get(0);
        assertTrue(tanh.denoised().get(0).lossNote().contains("tanh is not positively homogeneous"),
                tanh.denoised().get(0).lossNote());
        assertTrue(tanh.denoised().get(0).trainLoss().isEmpty());
    }

    @Test
    void theDenoisedLossOfSmoothWeightsApproachesTheLossAsTheTrendGridRefines(@TempDir Path dir) throws IOException {
        double beta = 0.3;
        int[] depths = {200, 240, 288, 345, 414};
        for (int L : depths) {
            writeRun(dir, "L" + L, L, KnownRegimeWeights.smooth(L, D, D, beta, 6).values(),
                    KnownRegimeWeights.smooth(L, D, 1, beta, 7).values(), new double[] {Math.pow(L, beta - 1)},
                    settings(L, 0, "tanh", "shared"));
        }
        SweepAnalysis sweep = SweepAnalysis.of(dir, 0, 0.95);
        double coarse = meanRelativeGap(LimitAnalysis.of(sweep, LimitSettings.defaults().withNTimes(10)));
        double fine = meanRelativeGap(LimitAnalysis.of(sweep, LimitSettings.defaults().withNTimes(100)));
        assertTrue(fine < 0.01, "denoised loss within 1% of the loss with n_times = 100: " + fine);
        assertTrue(fine < 0.5 * coarse, "the gap shrinks as the trend grid refines: " + coarse + " -> " + fine);
    }

    private static double meanRelativeGap(LimitAnalysis a) {
        double sum = 0;
        int n = 0;
        for (LimitAnalysis.DenoisedCell r : a.groups().get(0).denoised()) {
            if (r.tensor().equals("A")) {
                sum += Math.abs(r.denoisedLoss().getAsDouble() / r.trainLoss().getAsDouble() - 1);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void theExponentIsASettingAndTheDiffusiveNoiseKeepsItsQuadraticVariation(@TempDir Path dir) throws IOException {
        List<Integer> depths = PathFixtures.depthGrid(1.2, 60, 400);
        for (int L : depths) {
            writeRun(dir, "depth_" + L, L, KnownRegimeWeights.diffusive(L, D, D, 12).values(),
                    KnownRegimeWeights.diffusive(L, D, 1, 13).values(), new double[] {1.0}, null);
        }
        SweepAnalysis sweep = SweepAnalysis.of(dir, 0, 0.95);
        LimitSettings s = LimitSettings.defaults().withNTimes(50);
        LimitAnalysis.GroupLimits maxNorm = LimitAnalysis.of(sweep, s).groups().get(0);
        double beta = maxNorm.exponent().getAsDouble();
        assertTrue(Math.abs(beta - 0.5) < 0.15, "max norm of L^-1/2 noise: beta ~ 1/2 (with the log factor), got " + beta);
        LimitAnalysis.GroupLimits cumulative = LimitAnalysis.of(sweep,
                s.withExponentSource(ExponentSource.CUMULATIVE_SUM)).groups().get(0);
        double gamma = cumulative.exponent().getAsDouble();
        assertTrue(Math.abs(gamma - 1) < 0.35, "sum_k T_k = O(1) in the diffusive regime: gamma ~ 1, got " + gamma);
        assertTrue(cumulative.exponentNote().startsWith("gamma = 1 - slope of cumulative_sum of A"));
        LimitAnalysis.GroupLimits fixed = LimitAnalysis.of(sweep, s.withFixedExponent(1.0)).groups().get(0);
        assertEquals(1.0, fixed.exponent().getAsDouble());
        // gamma = 1: the noise path is unscaled and its quadratic variation stays at a non-zero level (H2):
        // about 1 per entry, up to the noise of the 4 averaged trend paths, which adds up to 1/4 at depths
        // near n_times and little at the deepest ones (hence a slightly negative slope)
        double slope = fixed.rate("A", LimitAnalysis.RAW_NOISE_QUADRATIC_VARIATION).orElseThrow().slope();
        assertTrue(slope > -0.25 && slope < 0.1, "raw noise QV about flat in L, slope " + slope);
        for (LimitAnalysis.DenoisedCell r : fixed.denoised()) {
            double perEntry = r.noise().rawQuadraticVariation() / (r.tensor().equals("A") ? D * D : D);
            assertTrue(perEntry > 0.6 && perEntry < 1.6, "noise QV per entry ~ 1 at L = " + r.depth() + ": " + perEntry);
        }
        assertTrue(fixed.convergenceOf("A").orElseThrow().supRate().orElseThrow().value() < 0.1,
                "no convergence to a curve");
        MedianEstimate h = fixed.pooled().get(0).hurst().orElseThrow();
        assertTrue(Math.abs(h.median() - 0.5) < 0.05, "Brownian cumulative sums at the deepest depth: " + h);
        assertThrows(InvalidInputException.class, () -> new LimitSettings(200, 500, 4, 0, ExponentSource.FIXED,
                OptionalDouble.empty()), "a fixed source needs its exponent");
        assertThrows(InvalidInputException.class, () -> LimitSettings.defaults().withNTimes(0));
    }

    @Test
    void foreignWeightsHaveNoLossAndShallowSweepsNoTrend(@TempDir Path dir) throws IOException {
        for (int L : new int[] {30, 36, 43, 51, 62}) {
            writeRun(dir, "depth_" + L, L, KnownRegimeWeights.diffusive(L, D, D, 8).values(),
                    KnownRegimeWeights.diffusive(L, D, 1, 9).values(), new double[] {1.0}, null);
        }
        SweepAnalysis sweep = SweepAnalysis.of(dir, 0, 0.95);
        LimitAnalysis small = LimitAnalysis.of(sweep, LimitSettings.defaults().withNTimes(10));
        LimitAnalysis.GroupLimits g = small.groups().get(0);
        assertEquals(LimitAnalysis.OK, g.trendNote());
        for (LimitAnalysis.DenoisedCell r : g.denoised()) {
            assertEquals(LimitAnalysis.FOREIGN + " (no run.json)", r.lossNote());
            assertTrue(r.trainLoss().isEmpty() && r.denoisedLoss().isEmpty());
        }
        small.write(dir.resolve("limits"));
        String row = Files.readAllLines(dir.resolve("limits").resolve(LimitAnalysis.DENOISED_CSV)).get(1);
        assertTrue(row.contains(",,,,"), "unknown losses are empty fields: " + row);

        LimitAnalysis deflt = LimitAnalysis.of(sweep, LimitSettings.defaults());
        LimitAnalysis.GroupLimits d = deflt.groups().get(0);
        assertTrue(d.trendNote().startsWith("not available: no depth above n_times = 500 (deepest 62)"), d.trendNote());
        assertTrue(d.trends().isEmpty() && d.denoised().isEmpty() && d.deltaBar().isEmpty());
        assertEquals(5 * 2, d.roughness().size(), "roughness does not need a trend");
        assertTrue(d.convergenceOf("A").isPresent(), "nor does convergence");
        deflt.write(dir.resolve("limits-default"));
        JsonNode json = DataFormats.json().readTree(dir.resolve("limits-default").resolve(LimitAnalysis.LIMITS_JSON).toFile());
        assertTrue(json.get("groups").get(0).get("trend_note").asText().startsWith("not available"));
    }
}
