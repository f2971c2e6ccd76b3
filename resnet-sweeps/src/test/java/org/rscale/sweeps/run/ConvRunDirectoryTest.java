package org.rscale.sweeps.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.io.Npz;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.testing.PythonScripts;
import org.rscale.sweeps.testing.TestConvNets;

/** The conv run format: round trip, what numpy reads, and one message per kind of bad file. */
class ConvRunDirectoryTest {

    /** Four stages, strides 1, 2, 2, 2: 12 -> 12 -> 6 -> 3 -> 2, shortcuts at blocks 2, 3 and 5. */
    private static final ConvArchitecture SMALL = new ConvArchitecture(List.of(2, 1, 2, 1), 4, 3, 12, 12, 10);

    @Test
    void roundTripsEveryKernelAndTheGeometry(@TempDir Path dir) {
        ConvNetWeights w = TestConvNets.random(SMALL, 7);
        ConvRunDirectory.writeWeights(dir, w);
        assertTrue(ConvRunDirectory.isConvRun(dir));
        ConvNetWeights back = ConvRunDirectory.readWeights(dir);
        assertEquals(w, back);
        assertEquals(List.of(2, 1, 2, 1), back.blockCounts());
        assertEquals(4, back.baseWidth());
        assertEquals(List.of(false, false, true, true, false, true),
                back.blocks().stream().map(ConvBlock::hasShortcut).toList());
        assertEquals(List.of(12, 12, 12, 6, 3, 3), back.blocks().stream().map(ConvBlock::inputHeight).toList());
        assertEquals(List.of(1, 1, 2, 2, 1, 2), back.blocks().stream().map(ConvBlock::stride).toList());
        assertEquals(2, back.blocks().get(5).outputHeight());
    }

    @Test
    void runJsonRecordsTheArchitecture(@TempDir Path dir) throws IOException {
        RunRecord r = new RunRecord(RunRecord.FORMAT_VERSION, "L00006_s0", "t", Map.of("depth", 6, "seed", 0),
                "max-epochs", 1, 0.5, 0.6, 0.5, 3, 1.0, null, null, null, "u", null, null, SMALL);
        RunDirectory.writeRecord(dir.resolve(RunFiles.RUN_JSON), r);
        String json = Files.readString(dir.resolve(RunFiles.RUN_JSON));
        assertTrue(json.contains("\"block_counts\" : [ 2, 1, 2, 1 ]"), json);
        assertTrue(json.contains("\"base_width\" : 4"), json);
        assertEquals(SMALL, RunDirectory.readRecord(dir.resolve(RunFiles.RUN_JSON)).conv());
        ConvRunDirectory.writeWeights(dir, TestConvNets.random(SMALL, 1));
        TrainedConvRun run = ConvRunDirectory.read(dir);
        assertEquals(SMALL, run.record().conv());
        assertEquals(0, run.seed());
        assertEquals(6, run.depth());
    }

    @Test
    void fullyConnectedRecordsHaveNoConvEntry(@TempDir Path dir) throws IOException {
        RunRecord r = new RunRecord(RunRecord.FORMAT_VERSION, "c", "t", Map.of("depth", 3, "seed", 0), "converged", 1,
                0.5, 0.6, 0.5, 3, 1.0, null, null, RunRecord.A_H, RunRecord.UPDATE_RULE, null);
        RunDirectory.writeRecord(dir.resolve(RunFiles.RUN_JSON), r);
        assertFalse(Files.readString(dir.resolve(RunFiles.RUN_JSON)).contains("\"conv\""));
        assertNull(RunDirectory.readRecord(dir.resolve(RunFiles.RUN_JSON)).conv());
    }

    @Test
    void aNetWithoutShortcutsWritesAnEmptyShortcutFile(@TempDir Path dir) {
        ConvArchitecture oneStage = new ConvArchitecture(List.of(3), 2, 1, 5, 7, 2);
        ConvNetWeights w = TestConvNets.random(oneStage, 3);
        ConvRunDirectory.writeWeights(dir, w);
        assertTrue(Npz.read(dir.resolve(RunFiles.SHORTCUT_NPZ)).isEmpty());
        assertEquals(w, ConvRunDirectory.readWeights(dir));
    }

    @Test
    void numpyLoadsEachFamilyInOneLine(@TempDir Path dir) throws IOException {
        Optional<String> python = PythonScripts.interpreterWith("numpy");
        if (python.isEmpty()) {
            assertFalse(PythonScripts.required(), "RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy");
            assumeTrue(false, "no python3 with numpy");
        }
        ConvNetWeights w = TestConvNets.random(SMALL, 11);
        ConvRunDirectory.writeWeights(dir, w);
        String script = String.join("\n",
                "import sys, numpy as np",
                "run = sys.argv[1] + '/'",
                "conv1 = np.load(run + 'conv1.npz')",
                "conv2 = np.load(run + 'conv2.npz')",
                "shortcut = np.load(run + 'shortcut.npz')",
                "blocks = np.genfromtxt(run + 'blocks.csv', delimiter=',', names=True, dtype=int)",
                "stem = np.load(run + 'stem.npy'); W = np.load(run + 'linear_weight.npy')",
                "b = np.load(run + 'linear_bias.npy')",
                "assert conv1.files == [f'block_{k:03d}' for k in blocks['k']], conv1.files",
                "for r in blocks:",
                "    key = f\"block_{r['k']:03d}\"",
                "    assert conv1[key].shape == (r['out_channels'], r['in_channels'], 3, 3), conv1[key].shape",
                "    assert conv2[key].shape == (r['out_channels'], r['out_channels'], 3, 3)",
                "    assert conv1[key].dtype == np.float64",
                "    assert (key in shortcut.files) == bool(r['shortcut'])",
                "    if r['shortcut']: assert shortcut[key].shape == (r['out_channels'], r['in_channels'], 1, 1)",
                "assert stem.shape == (4, 3, 3, 3) and W.shape == (10, 32) and b.shape == (10,)",
                "print(repr(float(conv1['block_003'][5, 2, 1, 0])), repr(float(shortcut['block_005'].sum())))");
        PythonScripts.Result r = PythonScripts.run(python.get(), script, dir.toString());
        assertEquals(0, r.exitCode(), r.output());
        String[] printed = r.output().trim().split("\\s+");
        ConvBlock b3 = w.blocks().get(3);
        assertEquals(b3.conv1().value(5, 2, 1, 0), Double.parseDouble(printed[0]), 0.0);
        double sum = 0;
        for (double v : w.blocks().get(5).shortcut().values()) {
            sum += v;
        }
        assertEquals(sum, Double.parseDouble(printed[1]), 1e-12);
    }

    @Test
    void badFilesAreNamedInOneLine(@TempDir Path dir) throws IOException {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ConvRunDirectory.readWeights(dir));
        assertTrue(missing.getMessage().contains("blocks.csv: file not found"), missing.getMessage());

        ConvRunDirectory.writeWeights(dir, TestConvNets.random(SMALL, 2));
        Path shortcut = dir.resolve(RunFiles.SHORTCUT_NPZ);
        Map<String, NpyArray> kept = new LinkedHashMap<>(Npz.read(shortcut));
        Map<String, NpyArray> fewer = new LinkedHashMap<>(kept);
        fewer.remove("block_003");
        Npz.write(shortcut, fewer);
        assertMessage(dir, "shortcut.npz: no array 'block_003' for block 3");
        Npz.write(shortcut, kept);

        Path conv2 = dir.resolve(RunFiles.CONV2_NPZ);
        Map<String, NpyArray> c2 = new LinkedHashMap<>(Npz.read(conv2));
        c2.put("block_001", new NpyArray(new int[] {4, 4, 3}, new double[48], "<f8"));
        Npz.write(conv2, c2);
        assertMessage(dir, "conv2.npz:block_001: expected a kernel of shape (c_out, c_in, kh, kw), found (4, 4, 3)");
        c2.put("block_001", new NpyArray(new int[] {5, 4, 3, 3}, new double[180], "<f8"));
        Npz.write(conv2, c2);
        assertMessage(dir, "blocks.csv: block 1 says 4 -> 4 channels");

        Files.writeString(conv2, "not a zip");
        assertMessage(dir, "conv2.npz: not a .npz file");

        Files.writeString(dir.resolve(RunFiles.BLOCKS_CSV), "k,stage\n0,x\n");
        assertMessage(dir, "blocks.csv: no column 'stride'");
    }

    private static void assertMessage(Path dir, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConvRunDirectory.readWeights(dir));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
