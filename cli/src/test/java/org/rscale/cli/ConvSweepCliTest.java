package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunRecord;
import org.rscale.sweeps.run.TrainedConvRun;
import org.rscale.sweeps.testing.PythonScripts;
import org.rscale.sweeps.testing.RealDatasets;

/**
 * The preset fashion-conv-small, made seconds-long by --set overrides, trains conv ResNets on the real
 * Fashion-MNIST images and writes the conv run format; a finished cell is not trained again; analyze, fit,
 * plot and report then work on it (the kernels' operator norms, the weight-level verdict, the CIFAR figures).
 */
class ConvSweepCliTest {

    @Test
    void fashionConvSmallTrainsOnRealImagesAndWritesTheConvRunFormat(@TempDir Path tmp) throws IOException {
        Path fashion = RealDatasets.fashionMnist();
        Path dir = tmp.resolve("fashion");
        RscaleCliTest.Run sweep = RscaleCliTest.rscale("sweep", "--preset", "fashion-conv-small", "--set",
                "depths=4,6,8", "--set", "data.train_size=192", "--set", "data.test_size=64", "--set", "epochs=2",
                "--set", "conv.base_width=2", "--set", "data.path=" + fashion, "--out", dir.toString(), "--jobs", "2");
        assertEquals(0, sweep.code(), sweep.err());
        assertTrue(sweep.out().contains("3 cells, 3 trained now, 0 already done, 0 failed"), sweep.out());
        String kernel = org.rscale.sweeps.kernel.conv.ConvKernels.choose("auto", "float32"); // conv-nd4j on the oneDNN build
        assertTrue(sweep.err().contains("kernel " + kernel + ", float32"), sweep.err());

        TrainedConvRun six = ConvRunDirectory.read(dir.resolve("runs/L00006_s0"));
        ConvNetWeights w = six.weights();
        assertEquals(List.of(1, 2, 2, 1), w.blockCounts(), "even split of 6");
        assertEquals(2, w.baseWidth());
        assertEquals(List.of(28, 28, 14, 14, 7, 7), w.blocks().stream().map(b -> b.inputHeight()).toList());
        assertEquals(1, w.stem().inChannels(), "one channel from the IDX images");
        RunRecord r = six.record();
        assertEquals("max-epochs", r.status());
        assertEquals(List.of(1, 2, 2, 1), r.conv().blockCounts());
        assertEquals(28, r.conv().inputHeight());
        assertEquals(2, r.epochs());
        assertTrue(r.finalTrainLoss() > 0 && r.finalTestLoss() > 0);
        List<String> history = Files.readAllLines(dir.resolve("runs/L00006_s0/history.csv"));
        assertEquals("epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,wall_seconds", history.get(0));
        assertEquals(3, history.size());
        assertFalse(Files.exists(dir.resolve("runs/L00006_s0/A.npy")));

        RscaleCliTest.Run again = RscaleCliTest.rscale("run-task", dir.toString(), "--index", "0");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already complete"), again.out());

        RscaleCliTest.Run analyze = RscaleCliTest.rscale("analyze", dir.toString());
        assertEquals(0, analyze.code(), analyze.out() + analyze.err());
        assertTrue(Files.exists(dir.resolve("analysis/conv_norms.csv")), analyze.out());
        RscaleCliTest.Run fit = RscaleCliTest.rscale("fit", dir.toString());
        assertEquals(0, fit.code(), fit.out() + fit.err());
        assertTrue(fit.err().contains("convolutional ResNets only"), fit.err());
        assertTrue(fit.out().contains("report: "), fit.out());
        for (String figure : List.of("block_norms_conv1", "block_norms_conv2", "scaling_conv1", "loss_vs_depth")) {
            assertTrue(Files.exists(dir.resolve("figures/all/" + figure + ".png")), figure + " in " + fit.out());
        }
        assertTrue(Files.exists(dir.resolve("report/index.html")), fit.out());

        numpyLoadsTheKernels(dir.resolve("runs/L00006_s0"));
        assertEquals(RunDirectory.readRecord(dir.resolve("runs/L00004_s0/run.json")).conv().depth(), 4);
    }

    private static void numpyLoadsTheKernels(Path run) throws IOException {
        Optional<String> python = PythonScripts.interpreterWith("numpy");
        if (python.isEmpty()) {
            assertFalse(PythonScripts.required(), "RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy");
            assumeTrue(false, "no python3 with numpy");
        }
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "run = sys.argv[1] + '/'",
                "conv1 = np.load(run + 'conv1.npz'); conv2 = np.load(run + 'conv2.npz')",
                "shortcut = np.load(run + 'shortcut.npz')",
                "blocks = np.genfromtxt(run + 'blocks.csv', delimiter=',', names=True, dtype=int)",
                "meta = json.load(open(run + 'run.json'))['conv']",
                "assert len(conv1.files) == meta['depth'] == len(blocks) == 6",
                "assert conv2['block_005'].shape == (16, 16, 3, 3) and conv1['block_005'].shape == (16, 8, 3, 3)",
                "assert shortcut.files == ['block_001', 'block_003', 'block_005'], shortcut.files",
                "h = np.genfromtxt(run + 'history.csv', delimiter=',', names=True)",
                "assert h['test_accuracy'].shape == (2,)",
                "print('numpy ok')");
        PythonScripts.Result r = PythonScripts.run(python.get(), script, run.toString());
        assertEquals(0, r.exitCode(), r.output());
    }
}
