package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The analysis of directories of weights on disk, written here the way a PyTorch user would
 * export them with numpy: A.npy only, or with b.npy, delta.npy and a partial run.json.
 */
class SweepAnalysisTest {
    private static final Tolerance EXACT = Tolerance.relative("same arithmetic", 1e-12);

    /** Writes runs/<name>/A.npy (+ optional delta.npy) of a known-regime sequence. */
    private static void writeRun(Path dir, String name, WeightSequence A, double[] delta, String runJson)
            throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs").resolve(name));
        Npy.write(run.resolve("A.npy"), new int[] {A.L(), A.rows(), A.cols()}, A.values());
        if (delta != null) {
            Npy.write(run.resolve("delta.npy"), new int[] {delta.length}, delta);
        }
        if (runJson != null) {
            Files.writeString(run.resolve("run.json"), runJson);
        }
    }

    @Test
    void foreignWeightsWithOnlyAnANpyAreAnalysedAsOneGroup(@TempDir Path dir) throws IOException {
        int[] depths = {50, 80, 130, 200, 320, 500};
        for (int L : depths) {
            writeRun(dir, "depth_" + L, KnownRegimeWeights.smooth(L, 3, 3, 0.3, 7), null, null);
        }
        Files.createDirectories(dir.resolve("runs/empty"));
        Files.createDirectories(dir.resolve("runs/.partial-x"));
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        assertEquals(1, a.groups().size());
        assertEquals(List.of(new SweepAnalysis.Skipped(dir.resolve("runs/empty"), SweepAnalysis.NO_WEIGHTS)),
                a.skipped(), "a directory without A.npy is reported");
        SweepAnalysis.GroupAnalysis g = a.groups().get(0);
        assertEquals("all", g.group().id());
        assertEquals(TensorSequences.A, g.judged());
        assertEquals(6, g.distinctDepths());
        ScalingFit max = g.fit(TensorSequences.A, WeightStatistic.MAX_NORM).orElseThrow();
        assertTrue(Math.abs(max.slope() + 0.3) < 0.02, "max-norm slope -beta, got " + max.slope());
        for (CellResult c : g.group().cells()) {
            assertEquals(CellResult.UNKNOWN, c.status());
            assertEquals(null, c.seed());
        }

        a.writeStatistics(dir.resolve("analysis/statistics.csv"));
        a.writeFits(dir.resolve("analysis/fits.csv"));
        List<String> stats = Files.readAllLines(dir.resolve("analysis/statistics.csv"));
        assertEquals("group,cell,depth,seed,tensor,statistic,value", stats.get(0));
        assertTrue(stats.stream().anyMatch(l -> l.startsWith("all,depth_50,50,,A,max_norm,")), "unknown seed: empty");
        List<String> fits = Files.readAllLines(dir.resolve("analysis/fits.csv"));
        assertTrue(fits.get(0).startsWith("group,tensor,statistic,slope,stderr,ci_low,ci_high,r2,n_depths"));
        String row = fits.stream().filter(l -> l.startsWith("all,A,max_norm,")).findFirst().orElseThrow();
        EXACT.check(max.slope(), Double.parseDouble(row.split(",")[3]), "slope written to fits.csv");
    }

    @Test
    void foreignWeightsOfDifferentWidthsFormOneGroupPerWidth(@TempDir Path dir) throws IOException {
        for (int d : new int[] {3, 5}) {
            for (int L : new int[] {20, 40, 80, 160}) {
                writeRun(dir, "d" + d + "_L" + L, KnownRegimeWeights.smooth(L, d, d, 0.3, 7), null, null);
            }
        }
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        assertEquals(2, a.groups().size(), a.summary());
        for (SweepAnalysis.GroupAnalysis g : a.groups()) {
            assertEquals(4, g.group().cells().size());
            int d = g.group().cells().get(0).id().startsWith("d3") ? 3 : 5;
            assertEquals("foreign_dim-" + d, g.group().id());
            assertEquals(d, g.group().settings().get("data.dim"));
            assertTrue(g.group().cells().stream().allMatch(c -> c.id().startsWith("d" + d)), g.group().id());
        }
    }

    @Test
    void anANpyThatIsNotARegularFileOfFloatsIsRefusedNotSkipped(@TempDir Path dir) throws IOException {
        for (int L : new int[] {20, 40, 80}) {
            writeRun(dir, "L" + L, KnownRegimeWeights.smooth(L, 3, 3, 0.3, 7), null, null);
        }
        Path broken = dir.resolve("runs/L40/A.npy");
        Files.delete(broken);
        Files.createDirectory(broken);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().startsWith(broken.toString()) && e.getMessage().contains("is a directory"),
                e.getMessage());
        Files.delete(broken);
        Files.createSymbolicLink(broken, Path.of("/dev/null"));
        e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Files.delete(broken);
        assertTrue(SweepAnalysis.of(dir, 0, 0.95).summary().endsWith("1 run directory without weights skipped: L40"),
                "a missing A.npy is reported by name");
    }

    @Test
    void perLayerDeltaIsJudgedOnTheEffectiveWeightsAndSharedDeltaAtTheNetworkDepth(@TempDir Path dir)
            throws IOException {
        Path perLayer = dir.resolve("per-layer");
        Path shared = dir.resolve("shared");
        for (int L : new int[] {20, 40, 80, 160, 320}) {
            WeightSequence A = KnownRegimeWeights.smooth(L, 2, 2, 0.0, 3);
            double[] d = new double[L];
            java.util.Arrays.fill(d, -1.0 / L);
            writeRun(perLayer, "L" + L, A, d, "{\"settings\": {\"delta\": \"per-layer\", \"depth\": " + L
                    + ", \"seed\": 0}, \"status\": \"converged\"}");
            writeRun(shared, "L" + L, A, new double[] {Math.pow(L, -0.8)}, "{\"settings\": {\"delta\": \"shared\"}}");
        }
        SweepAnalysis.GroupAnalysis p = SweepAnalysis.of(perLayer, 0, 0.95).groups().get(0);
        assertEquals(TensorSequences.DELTA_A, p.judged());
        // |delta_k| A_k = A_k / L: the max-norm slope drops by exactly 1
        double raw = p.fit(TensorSequences.A, WeightStatistic.MAX_NORM).orElseThrow().slope();
        double eff = p.fit(TensorSequences.DELTA_A, WeightStatistic.MAX_NORM).orElseThrow().slope();
        Tolerance.absolute("log-log slope", 1e-9).check(raw - 1, eff, "effective = raw - 1");

        SweepAnalysis.GroupAnalysis s = SweepAnalysis.of(shared, 0, 0.95).groups().get(0);
        assertEquals(TensorSequences.A, s.judged());
        ScalingFit alpha = s.fit(TensorSequences.DELTA, WeightStatistic.MAX_NORM).orElseThrow();
        Tolerance.absolute("exact power law", 1e-9).check(-0.8, alpha.slope(), "|delta| ~ L^-0.8 fitted at the net's depth");
        assertEquals(5, alpha.nDepths());
    }

    @Test
    void tablesListTensorsInTheOrderTheyAreReadSoTwoAnalysesWriteTheSameBytes(@TempDir Path dir) throws IOException {
        for (int L : new int[] {20, 40, 80}) {
            WeightSequence A = KnownRegimeWeights.smooth(L, 2, 2, 0.0, 3);
            Path run = dir.resolve("runs/L" + L);
            double[] delta = new double[L];
            java.util.Arrays.fill(delta, 1.0 / L);
            writeRun(dir, "L" + L, A, delta, null);
            Npy.write(run.resolve("b.npy"), new int[] {L, 2}, KnownRegimeWeights.smooth(L, 2, 1, 0.0, 5).values());
        }
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        a.writeStatistics(dir.resolve("statistics.csv"));
        a.writeFits(dir.resolve("fits.csv"));
        List<String> read = List.of(TensorSequences.A, TensorSequences.B, TensorSequences.DELTA, TensorSequences.DELTA_A,
                TensorSequences.DELTA_B);
        assertEquals(read, List.copyOf(a.groups().get(0).group().cells().get(0).statistics().keySet()));
        assertEquals(read, tensorColumn(dir.resolve("statistics.csv"), 4), "statistics.csv, cell by cell");
        assertEquals(read, tensorColumn(dir.resolve("fits.csv"), 1), "fits.csv");
    }

    /** The distinct values of a column in their order of first appearance (the first cell's rows suffice). */
    private static List<String> tensorColumn(Path csv, int column) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[column]).distinct().toList();
    }

    @Test
    void cellsAreGroupedBySettingsOtherThanDepthAndSeedAndDivergedCellsAreNotFitted(@TempDir Path dir)
            throws IOException {
        for (String act : new String[] {"tanh", "relu"}) {
            for (int L : new int[] {10, 20, 40}) {
                for (int seed = 0; seed < 2; seed++) {
                    String status = act.equals("relu") && L == 40 && seed == 1 ? "diverged" : "converged";
                    writeRun(dir, act + L + "s" + seed, KnownRegimeWeights.iid(L, 2, 2, 0.5, seed), null,
                            "{\"settings\": {\"activation\": \"" + act + "\", \"depth\": " + L + ", \"seed\": " + seed
                                    + ", \"lr\": 0.01}, \"status\": \"" + status + "\"}");
                }
            }
        }
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        assertEquals(List.of("activation-relu", "activation-tanh"), a.groups().stream().map(g -> g.group().id()).toList());
        SweepAnalysis.GroupAnalysis relu = a.groups().get(0);
        assertEquals(6, relu.group().cells().size());
        assertEquals(5, relu.fit(TensorSequences.A, WeightStatistic.MAX_NORM).orElseThrow().nPoints(),
                "the diverged cell is left out");
        assertFalse(relu.group().cells().stream().filter(c -> !c.fitted()).findAny().isEmpty());
    }

    @Test
    void fitsCsvEndsWithTheSeedBootstrap(@TempDir Path dir) throws IOException {
        for (int L : new int[] {20, 40, 80, 160}) {
            for (int seed = 0; seed < 3; seed++) {
                writeRun(dir, "L" + L + "s" + seed, KnownRegimeWeights.iid(L, 2, 2, 0.5, seed), null,
                        "{\"settings\": {\"depth\": " + L + ", \"seed\": " + seed + "}, \"status\": \"converged\"}");
            }
        }
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        ScalingFit max = a.groups().get(0).fit(TensorSequences.A, WeightStatistic.MAX_NORM).orElseThrow();
        BootstrapInterval boot = max.bootstrap();
        assertTrue(boot.available(), boot.note());
        assertEquals(3, boot.nSeeds());
        a.writeFits(dir.resolve("analysis/fits.csv"));
        List<String> lines = Files.readAllLines(dir.resolve("analysis/fits.csv"));
        assertTrue(lines.get(0).endsWith(",ci_level,increment_exponent,boot_ci_low,boot_ci_high,boot_replicates,n_seeds,"
                + "bootstrap"), lines.get(0));
        String row = lines.stream().filter(l -> l.startsWith("all,A,max_norm,")).findFirst().orElseThrow();
        String[] f = row.split(",");
        EXACT.check(boot.ciLow(), Double.parseDouble(f[14]), "boot_ci_low");
        EXACT.check(boot.ciHigh(), Double.parseDouble(f[15]), "boot_ci_high");
        assertEquals("2000", f[16]);
        assertEquals("3", f[17]);
        assertEquals(BootstrapInterval.PERCENTILE, f[18], "text is quoted only when it must be (RFC 4180)");

        // one seed per depth: the bootstrap columns say so
        Path single = dir.resolve("single");
        for (int L : new int[] {20, 40, 80}) {
            writeRun(single, "L" + L, KnownRegimeWeights.iid(L, 2, 2, 0.5, 1), null, null);
        }
        SweepAnalysis one = SweepAnalysis.of(single, 0, 0.95);
        one.writeFits(single.resolve("fits.csv"));
        String r = Files.readAllLines(single.resolve("fits.csv")).stream().filter(l -> l.startsWith("all,A,max_norm,"))
                .findFirst().orElseThrow();
        assertTrue(r.endsWith(",,,0,1,not available: one seed per depth"), "missing bounds are empty fields: " + r);
    }

    @Test
    void badDirectoriesAreNamed(@TempDir Path dir) throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().contains("no runs/ directory"), e.getMessage());
        Files.createDirectories(dir.resolve("runs/a"));
        e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().contains("no run directory holds an A.npy"), e.getMessage());
        Npy.write(dir.resolve("runs/a/A.npy"), new int[] {4, 2}, new double[8]);
        e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().contains("A.npy") && e.getMessage().contains("(4, 2)"), e.getMessage());
    }

    /**
     * In a sweep directory (sweep.yaml) the runs are rscale's, and only those RunDirectory.check finds complete are
     * read: weights without their run.json are a cell still being published, not foreign weights.
     */
    @Test
    void inASweepDirectoryOnlyCompleteRunsAreRead(@TempDir Path dir) throws IOException {
        for (int L : new int[] {20, 40, 80}) {
            writeRun(dir, "L" + L, KnownRegimeWeights.smooth(L, 3, 3, 0.3, 7), null, null);
        }
        assertEquals(1, SweepAnalysis.of(dir, 0, 0.95).groups().size(), "foreign weights are read");
        Files.writeString(dir.resolve("sweep.yaml"), "name: x\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepAnalysis.of(dir, 0, 0.95));
        assertTrue(e.getMessage().startsWith(dir.resolve("runs") + ": no complete run yet (3 incomplete, e.g. "
                + dir.resolve("runs/L20/run.json") + ": file not found"), e.getMessage());
    }
}
