package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.spectral.ConvOperator;
import org.rscale.analysis.spectral.ConvSpectrum;
import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.run.ConvBlock;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/** The analysis of conv sweeps of known regime, on disk, through SweepAnalysis. */
@ExtendWith(QuietConsole.class)
class ConvSweepAnalysisTest {
    private static final Tolerance SAME = Tolerance.relative("same arithmetic", 1e-12);

    /** Eight of the paper's block counts (SCIENCE 1.3), L = 8 .. 50. */
    static final List<List<Integer>> PAPER = List.of(List.of(2, 2, 2, 2), List.of(2, 3, 4, 2), List.of(3, 3, 5, 3),
            List.of(3, 4, 8, 3), List.of(3, 4, 14, 3), List.of(3, 4, 23, 3), List.of(3, 8, 28, 3), List.of(3, 8, 36, 3));

    /** A tiny CIFAR-shaped net: base width 2, 8 x 8 inputs (stages 8, 4, 2, 1). */
    static ConvArchitecture arch(List<Integer> counts) {
        return new ConvArchitecture(counts, 2, 3, 8, 8, 10);
    }

    /** Stages of equal block counts, L = 8 .. 64: each stage covers a fixed range of t = k/L. */
    static final List<List<Integer>> EQUAL = List.of(List.of(2, 2, 2, 2), List.of(3, 3, 3, 3), List.of(4, 4, 4, 4),
            List.of(6, 6, 6, 6), List.of(8, 8, 8, 8), List.of(11, 11, 11, 11), List.of(16, 16, 16, 16));

    static Path sweep(Path dir, Function<ConvArchitecture, ConvNetWeights> gen) {
        return sweep(dir, PAPER, gen);
    }

    static Path sweep(Path dir, List<List<Integer>> grid, Function<ConvArchitecture, ConvNetWeights> gen) {
        for (List<Integer> c : grid) {
            ConvArchitecture a = arch(c);
            KnownRegimeKernels.writeRun(dir, String.format("L%03d_s0", a.depth()), a, gen.apply(a), 0, Map.of());
        }
        return dir;
    }

    @Test
    void nonShrinkingKernelsHaveFlatMaxNormsAndIncrements(@TempDir Path dir) {
        SweepAnalysis a = SweepAnalysis.of(sweep(dir, x -> KnownRegimeKernels.nonShrinking(x, 3)), 0, 0.95);
        assertEquals(1, a.groups().size());
        SweepAnalysis.GroupAnalysis g = a.groups().get(0);
        assertEquals(ConvNetSpectra.CONV1, g.judged());
        assertEquals(8, g.distinctDepths());
        for (String t : List.of(ConvNetSpectra.CONV1, ConvNetSpectra.CONV2)) {
            double max = g.fit(t, WeightStatistic.MAX_NORM).orElseThrow().slope();
            double inc = g.fit(t, WeightStatistic.INCREMENT).orElseThrow().slope();
            double qv = g.fit(t, WeightStatistic.QUADRATIC_VARIATION).orElseThrow().slope();
            double rss = g.fit(t, WeightStatistic.ROOT_SSQ).orElseThrow().slope();
            assertTrue(Math.abs(max) < 0.1, t + " max-norm slope ~ 0, got " + max);
            assertTrue(Math.abs(inc) < 0.15, t + " increment slope ~ 0, got " + inc);
            // the mean increment differs between stages (a tiny net: 2 to 16 channels on 8x8 to 1x1 pixels, the
            // max over 64 frequencies in stage 1, over 1 in stage 4), and the share of each stage's pairs moves
            // along the paper's grid, so the slope is near 1 but not at it
            assertTrue(Math.abs(qv - 1) < 0.25, t + " quadratic-variation slope ~ 1, got " + qv);
            assertTrue(Math.abs(rss - 0.5) < 0.1, t + " root-SSQ slope ~ 1/2, got " + rss);
            assertFalse(g.fits().get(t).containsKey(WeightStatistic.CUMULATIVE_SUM), "no cumulative sum across stages");
        }
        assertEquals(8, a.convSpectra().size());
        assertTrue(Files.isRegularFile(dir.resolve("analysis/conv/L008_s0.json")), "per-cell spectra kept");
    }

    @Test
    void smoothKernelsShrinkWithTheirExponentAndTheirIncrementsOneFaster(@TempDir Path dir) {
        // the paper's grid grows stage 3 mostly, so each stage's range of t = k/L moves with L; equal stages keep it
        SweepAnalysis a = SweepAnalysis.of(sweep(dir, EQUAL, x -> KnownRegimeKernels.smooth(x, 0.5, 4)), 0, 0.95);
        SweepAnalysis.GroupAnalysis g = a.groups().get(0);
        double max = g.fit(ConvNetSpectra.CONV1, WeightStatistic.MAX_NORM).orElseThrow().slope();
        double inc = g.fit(ConvNetSpectra.CONV1, WeightStatistic.INCREMENT).orElseThrow().slope();
        assertTrue(Math.abs(max + 0.5) < 0.05, "max-norm slope -beta, got " + max);
        assertTrue(Math.abs(inc + 1.5) < 0.2, "increment slope -beta-1, got " + inc);
    }

    @Test
    void statisticsAreTheOperatorNormsOfTheBlocksAndOfTheIncrementsWithinStages(@TempDir Path dir) {
        ConvArchitecture arch = arch(List.of(2, 3, 1, 2));
        ConvNetWeights w = KnownRegimeKernels.nonShrinking(arch, 9);
        ConvNetSpectra s = ConvNetSpectra.of(w, 3, StrideRule.SUBSAMPLED);
        List<ConvKernelNorm> conv1 = s.rows(ConvNetSpectra.CONV1, ConvKernelNorm.KERNEL);
        List<ConvKernelNorm> inc1 = s.rows(ConvNetSpectra.CONV1, ConvKernelNorm.INCREMENT);
        List<ConvKernelNorm> inc2 = s.rows(ConvNetSpectra.CONV2, ConvKernelNorm.INCREMENT);
        assertEquals(8, conv1.size());
        // conv2: (n_s - 1) pairs per stage, 1 + 2 + 0 + 1; stage transitions (blocks 2, 5, 6) skipped
        assertEquals(List.of(1, 3, 4, 7), inc2.stream().map(ConvKernelNorm::block).toList());
        // conv1 also skips the pair (first, second block) of stages 2..4: the first block's conv1 takes c/2 channels
        assertEquals(List.of(1, 4), inc1.stream().map(ConvKernelNorm::block).toList());
        assertEquals(3, s.rows(ConvNetSpectra.SHORTCUT, ConvKernelNorm.KERNEL).size());
        // block 5: the first block of stage 3, conv1 (8 <- 4 channels, 3x3) stride 2 on 4 x 4; conv2 on 2 x 2
        ConvBlock b5 = w.blocks().get(5);
        ConvKernelNorm n5 = conv1.get(5);
        assertEquals(List.of(3, 2, 4, 4, 8, 4), List.of(n5.stage(), n5.stride(), n5.inputHeight(), n5.inputWidth(),
                n5.cOut(), n5.cIn()));
        assertTrue(n5.strided());
        double direct = ConvSpectrum.of(new ConvOperator(b5.conv1().values(), 8, 4, 3, 3, 2, 4, 4), 3,
                StrideRule.SUBSAMPLED).operatorNorm();
        SAME.check(direct, n5.operatorNorm(), "block 5 conv1");
        ConvKernelNorm c2 = s.rows(ConvNetSpectra.CONV2, ConvKernelNorm.KERNEL).get(5);
        assertEquals(List.of(1, 2, 2), List.of(c2.stride(), c2.inputHeight(), c2.inputWidth()));
        // increment at block 4: conv1 of blocks 4 and 3 (stage 2, 4 <- 4 channels on 4 x 4), the second increment
        double[] d = w.blocks().get(4).conv1().values();
        double[] before = w.blocks().get(3).conv1().values();
        for (int i = 0; i < d.length; i++) {
            d[i] -= before[i];
        }
        SAME.check(ConvSpectrum.of(new ConvOperator(d, 4, 4, 3, 3, 1, 4, 4), 3, StrideRule.SUBSAMPLED).operatorNorm(),
                inc1.get(1).operatorNorm(), "increment at block 4");
        // the statistics from these norms
        Map<String, WeightStatistics> stats = ConvStatistics.of(s, 0.5);
        WeightStatistics t = stats.get(ConvNetSpectra.CONV1);
        double max = 0;
        double ssq = 0;
        for (ConvKernelNorm n : conv1) {
            max = Math.max(max, n.operatorNorm());
            ssq += n.operatorNorm() * n.operatorNorm();
        }
        double incMax = 0;
        double qv = 0;
        for (ConvKernelNorm n : inc1) {
            incMax = Math.max(incMax, n.operatorNorm());
            qv += n.operatorNorm() * n.operatorNorm();
        }
        SAME.check(max, t.get(WeightStatistic.MAX_NORM).getAsDouble(), "max norm");
        SAME.check(Math.sqrt(ssq), t.get(WeightStatistic.ROOT_SSQ).getAsDouble(), "root SSQ");
        SAME.check(Math.sqrt(ssq / 8), t.get(WeightStatistic.L2).getAsDouble(), "l2");
        SAME.check(Math.sqrt(8) * incMax, t.get(WeightStatistic.INCREMENT).getAsDouble(), "L^f max increment");
        // the sum over L - 1 = 7 consecutive pairs, estimated from the 2 within stages
        SAME.check(qv * 7 / 2, t.get(WeightStatistic.QUADRATIC_VARIATION).getAsDouble(), "quadratic variation");
        SAME.check(Math.sqrt(8 * qv * 7 / 2), t.get(WeightStatistic.SOBOLEV).getAsDouble(), "sobolev");
        assertTrue(t.get(WeightStatistic.CUMULATIVE_SUM).isEmpty());
        // one block per stage: no increments, no increment statistics
        ConvNetSpectra single = ConvNetSpectra.of(KnownRegimeKernels.nonShrinking(arch(List.of(1, 1, 1, 1)), 1), 2,
                StrideRule.SUBSAMPLED);
        assertTrue(ConvStatistics.of(single, 0).get(ConvNetSpectra.CONV2).get(WeightStatistic.INCREMENT).isEmpty());
    }

    /** Four small nets, for the tests of files rather than of slopes. */
    static final List<List<Integer>> FEW = List.of(List.of(2, 2, 2, 2), List.of(2, 3, 4, 2), List.of(3, 3, 5, 3),
            List.of(3, 4, 8, 3));

    @Test
    void keptSpectraAreReusedUntilAKernelFileChanges(@TempDir Path dir) throws IOException {
        sweep(dir, FEW, x -> KnownRegimeKernels.nonShrinking(x, 5));
        SweepAnalysis first = SweepAnalysis.of(dir, 0, 0.95);
        Path kept = dir.resolve("analysis/conv/L011_s0.json");
        // tamper with the kept norms: a second analysis must read them, not recompute
        String text = Files.readString(kept);
        ConvSpectraFiles.CellSpectra cell = DataFormats.json().readValue(text, ConvSpectraFiles.CellSpectra.class);
        double original = cell.spectra().norms().get(0).operatorNorm();
        Files.writeString(kept, text.replace(Double.toString(original), "1234.5"));
        SweepAnalysis second = SweepAnalysis.of(dir, 0, 0.95);
        assertEquals(1234.5, second.convSpectra().get("L011_s0").norms().get(0).operatorNorm());
        assertEquals(first.convSpectra().get("L008_s0"), second.convSpectra().get("L008_s0"));
        // a changed kernel file is measured again
        ConvArchitecture a = arch(List.of(2, 3, 4, 2));
        ConvNetWeights other = KnownRegimeKernels.nonShrinking(a, 55);
        ConvRunDirectory.writeWeights(dir.resolve("runs/L011_s0"), other);
        SweepAnalysis third = SweepAnalysis.of(dir, 0, 0.95);
        SAME.check(ConvNetSpectra.of(other, 10, StrideRule.SUBSAMPLED).norms().get(0).operatorNorm(),
                third.convSpectra().get("L011_s0").norms().get(0).operatorNorm(), "recomputed");
        assertNotEquals(original, third.convSpectra().get("L011_s0").norms().get(0).operatorNorm());
        // other settings are measured again too
        SweepAnalysis fewer = SweepAnalysis.of(dir, 0, 0.95, ConvAnalysisSettings.defaults(dir.resolve("analysis/conv"))
                .withTopK(2));
        assertEquals(2, fewer.convSpectra().get("L008_s0").norms().get(0).singularValues().length);
        assertNotEquals(fewer.convSpectra().get("L008_s0"), third.convSpectra().get("L008_s0"));
    }

    @Test
    void cellsMeasuredInParallelGiveTheSameSpectra(@TempDir Path dir) {
        sweep(dir, List.of(List.of(1, 1, 1, 1), List.of(2, 1, 2, 1), List.of(2, 2, 3, 2), List.of(3, 2, 4, 2)),
                x -> KnownRegimeKernels.diffusive(x, 8));
        ConvAnalysisSettings one = ConvAnalysisSettings.defaults(null);
        ConvAnalysisSettings three = new ConvAnalysisSettings(one.topK(), one.strideRule(), one.layout(), null, 3);
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95, one);
        SweepAnalysis b = SweepAnalysis.of(dir, 0, 0.95, three);
        assertEquals(a.convSpectra(), b.convSpectra());
        assertEquals(List.copyOf(a.convSpectra().keySet()), List.copyOf(b.convSpectra().keySet()));
        assertFalse(Files.exists(dir.resolve("analysis")), "no cache directory, nothing kept");
    }

    @Test
    void tablesLoadAndReadBack(@TempDir Path dir) throws IOException {
        SweepAnalysis a = SweepAnalysis.of(sweep(dir, FEW, x -> KnownRegimeKernels.nonShrinking(x, 6)), 0, 0.95);
        List<Path> files = ConvSpectraFiles.writeTables(a, dir.resolve("analysis"));
        assertEquals(2, files.size());
        List<ConvSpectraFiles.NormRow> rows = ConvSpectraFiles.readNorms(files.get(0));
        int expected = 0;
        for (ConvNetSpectra s : a.convSpectra().values()) {
            expected += s.norms().size();
        }
        assertEquals(expected, rows.size());
        ConvSpectraFiles.NormRow r = rows.get(0);
        assertEquals("all", r.group());
        assertEquals(0, r.seed());
        ConvKernelNorm n = a.convSpectra().get(r.cell()).norms().get(0);
        assertEquals(n.operatorNorm(), r.norm().operatorNorm());
        assertEquals(n.block(), r.norm().block());
        List<String> lines = Files.readAllLines(files.get(1));
        assertEquals("group,cell,depth,seed,block,tensor,kind,rank,singular_value", lines.get(0));
        assertEquals(expected * ConvNetSpectra.DEFAULT_TOP_K + 1, lines.size());
    }
}
