package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeKernels;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.run.ConvBlock;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.testing.PythonScripts;
import org.rscale.sweeps.testing.SafeTensorsFiles;

/**
 * Conv sweeps through the same commands as fully-connected ones: analyze (operator norms, fits, the verdict),
 * fit (which leaves conv nets to analyze), plot (the CIFAR figures); and a PyTorch state_dict trained elsewhere.
 */
class ConvCliTest {
    /** Eight of the paper's block counts, L = 8 .. 50, base width 8 on 8 x 8 images. */
    private static final List<List<Integer>> PAPER = List.of(List.of(2, 2, 2, 2), List.of(2, 3, 4, 2),
            List.of(3, 3, 5, 3), List.of(3, 4, 8, 3), List.of(3, 4, 14, 3), List.of(3, 4, 23, 3), List.of(3, 8, 28, 3),
            List.of(3, 8, 36, 3));

    private static RscaleCliTest.Run rscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rscale.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new RscaleCliTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void aConvSweepGoesThroughAnalyzeFitAndPlot(@TempDir Path tmp) throws IOException, InterruptedException {
        Path dir = tmp.resolve("conv");
        for (List<Integer> c : PAPER) {
            ConvArchitecture a = new ConvArchitecture(c, 8, 3, 8, 8, 10);
            KnownRegimeKernels.writeRun(dir, String.format("L%03d_s0", a.depth()), a, KnownRegimeKernels.nonShrinking(a, 2),
                    0, Map.of("model", "conv"));
        }
        RscaleCliTest.Run analyze = rscale("analyze", dir.toString());
        assertEquals(0, analyze.code(), analyze.err());
        assertTrue(analyze.out().contains("all: NEITHER on conv1"), analyze.out());
        assertTrue(analyze.out().contains("conv2 judged alone: NEITHER"), analyze.out());
        assertTrue(analyze.out().contains("conv_norms.csv"), analyze.out());
        assertTrue(analyze.err().contains("conv: L050_s0 (50 blocks) measured in"), analyze.err());
        for (String f : List.of("statistics.csv", "fits.csv", "verdict.json", "conv_norms.csv",
                "conv_singular_values.csv", "conv/L008_s0.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("analysis").resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("analysis/fits.csv")).contains("all,conv2,max_norm,"));

        RscaleCliTest.Run fit = rscale("fit", dir.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("convolutional ResNets only"), fit.err());
        assertTrue(fit.out().contains("all: NEITHER on conv1"), fit.out());
        assertFalse(Files.exists(dir.resolve("analysis/limits")), "no limit files for conv nets");

        RscaleCliTest.Run plot = rscale("plot", dir.toString());
        assertEquals(0, plot.code(), plot.err());
        assertTrue(plot.err().contains("conv: L050_s0 (50 blocks) kept from analysis/conv/"), plot.err());
        for (String f : List.of("block_norms_conv1", "block_norms_conv2", "block_profile_conv1", "block_profile_conv2",
                "scaling_conv1", "scaling_conv2", "loss_vs_depth")) {
            assertTrue(Files.size(dir.resolve("figures/all/" + f + ".png")) > 1000, f);
            assertTrue(Files.readString(dir.resolve("figures/all/" + f + ".svg")).contains("<svg"), f);
        }
        assertFalse(Files.exists(dir.resolve("figures/all/weight_path_conv1.png")));

        Optional<String> python = PythonScripts.interpreterWith("numpy", "pandas");
        if (python.isEmpty()) {
            python = PythonScripts.interpreterWith("numpy");
        }
        if (python.isPresent()) {
            boolean pandas = PythonScripts.interpreterWith("pandas").isPresent();
            String script = String.join("\n",
                    "import sys, numpy as np",
                    "d = sys.argv[1] + '/analysis/'",
                    "n = np.genfromtxt(d + 'conv_norms.csv', delimiter=',', names=True, dtype=None, encoding='utf-8')",
                    "assert set(n['tensor']) == {'conv1', 'conv2', 'shortcut'}, set(n['tensor'])",
                    "assert (n['operator_norm'] > 0).all()",
                    "s = np.genfromtxt(d + 'conv_singular_values.csv', delimiter=',', names=True, dtype=None, encoding='utf-8')",
                    "assert s['rank'].max() == 10",
                    pandas ? "import pandas as pd; assert len(pd.read_csv(d + 'conv_norms.csv')) == len(n)" : "pass",
                    "print('loaded')");
            PythonScripts.Result r = PythonScripts.run(python.get(), script, dir.toString());
            assertEquals(0, r.exitCode(), r.output());
        } else if (PythonScripts.required()) {
            throw new AssertionError("RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy");
        }
    }

    @Test
    void aStateDictTrainedElsewhereIsAnalysedAndBadOptionsAreOneLine(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("torch");
        for (List<Integer> c : List.of(List.of(1, 1, 1, 1), List.of(2, 1, 2, 1), List.of(2, 2, 3, 2))) {
            ConvArchitecture a = new ConvArchitecture(c, 2, 3, 8, 8, 10);
            ConvNetWeights w = KnownRegimeKernels.nonShrinking(a, 1);
            Map<String, NpyArray> t = new LinkedHashMap<>();
            int[] index = new int[5];
            for (ConvBlock b : w.blocks()) {
                String p = "module.layer" + b.stage() + "." + index[b.stage()]++ + ".";
                t.put(p + "conv1.weight", new NpyArray(b.conv1().shape(), b.conv1().values(), "<f8"));
                t.put(p + "conv2.weight", new NpyArray(b.conv2().shape(), b.conv2().values(), "<f8"));
                if (b.hasShortcut()) {
                    t.put(p + "downsample.0.weight", new NpyArray(b.shortcut().shape(), b.shortcut().values(), "<f8"));
                }
            }
            Path run = Files.createDirectories(dir.resolve("runs/depth_" + a.depth()));
            SafeTensorsFiles.write(run.resolve("model.safetensors"), t, "F32");
        }
        RscaleCliTest.Run analyze = rscale("analyze", dir.toString(), "--input-size", "8", "--stride-rule", "unstrided");
        assertEquals(0, analyze.code(), analyze.err());
        assertTrue(analyze.out().contains("3 cells in 1 group"), analyze.out());
        assertTrue(analyze.out().contains("on conv1"), analyze.out());
        assertTrue(Files.isRegularFile(dir.resolve("analysis/conv/depth_9.json")));

        RscaleCliTest.Run names = rscale("analyze", dir.toString(), "--block-names", "layer{stage}");
        assertBad(names, "layer{stage}", "{index}");
        RscaleCliTest.Run rule = rscale("analyze", dir.toString(), "--stride-rule", "exact");
        assertBad(rule, "stride rule 'exact'");
        RscaleCliTest.Run size = rscale("analyze", dir.toString(), "--input-size", "8y8");
        assertBad(size, "input size '8y8'");
        RscaleCliTest.Run none = rscale("analyze", dir.toString(), "--block-names", "blocks.{k}");
        assertBad(none, "model.safetensors: no tensor is named like a block's conv1 (blocks.{k}.conv1.weight");
    }

    private static void assertBad(RscaleCliTest.Run r, String... fragments) {
        assertEquals(2, r.code(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + first + "' should contain '" + f + "'");
        }
        assertTrue(r.err().lines().count() <= 2, "one line and a hint: " + r.err());
    }
}
