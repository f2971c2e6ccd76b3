package org.rscale.sweeps.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.testing.SafeTensorsFiles;
import org.rscale.sweeps.testing.TestConvNets;

/** Kernels trained elsewhere: a state_dict as .npy files or .safetensors becomes the conv run format's record. */
class StateDictKernelsTest {
    /** 10 x 10 images, stages 10, 5, 3, 2: strides 1, 2, 2, 2; shortcuts at blocks 2, 4 and 5. */
    private static final ConvArchitecture ARCH = new ConvArchitecture(List.of(2, 2, 1, 1), 3, 3, 10, 10, 10);
    private static final StateDictLayout LAYOUT = new StateDictLayout(StateDictNames.TORCHVISION, 10, 10);

    /** A state_dict of the net in torchvision's names (shortcut as downsample.0), with batch-norm-like extras. */
    private static Map<String, NpyArray> stateDict(ConvNetWeights w, String prefix, String shortcut) {
        Map<String, NpyArray> t = new LinkedHashMap<>();
        t.put(prefix + "conv1.weight", array(w.stem()));
        t.put(prefix + "bn1.running_mean", new NpyArray(new int[] {3}, new double[3], "<f8"));
        int[] index = new int[10];
        for (ConvBlock b : w.blocks()) {
            String block = prefix + "layer" + b.stage() + "." + index[b.stage()]++ + ".";
            t.put(block + "conv1.weight", array(b.conv1()));
            t.put(block + "conv2.weight", array(b.conv2()));
            if (b.hasShortcut()) {
                t.put(block + shortcut, array(b.shortcut()));
            }
        }
        t.put(prefix + "fc.weight", new NpyArray(new int[] {10, 24}, new double[240], "<f8"));
        return t;
    }

    private static NpyArray array(ConvKernel k) {
        return new NpyArray(k.shape(), k.values(), "<f8");
    }

    private static void assertSameBlocks(ConvNetWeights expected, ConvNetWeights got) {
        assertEquals(expected.blocks(), got.blocks());
        assertEquals(expected.stem(), got.stem());
        assertNull(got.linear());
    }

    @Test
    void npyFilesPerTensorGiveTheSameRecord(@TempDir Path dir) {
        ConvNetWeights w = TestConvNets.random(ARCH, 3);
        for (Map.Entry<String, NpyArray> e : stateDict(w, "", "downsample.0.weight").entrySet()) {
            Npy.write(dir.resolve(e.getKey() + ".npy"), e.getValue().shape(), e.getValue().data());
        }
        assertTrue(StateDictKernels.holdsKernels(dir, LAYOUT));
        TrainedConvRun run = StateDictKernels.read(dir, LAYOUT);
        assertSameBlocks(w, run.weights());
        assertEquals(List.of(2, 2, 1, 1), run.weights().blockCounts());
        assertEquals(List.of(1, 1, 2, 1, 2, 2), run.weights().blocks().stream().map(ConvBlock::stride).toList());
        assertEquals(List.of(10, 10, 10, 5, 5, 3), run.weights().blocks().stream().map(ConvBlock::inputHeight).toList());
        assertNull(run.record());
        assertNull(run.seed());
        assertEquals(TrainedRun.UNKNOWN_STATUS, run.status());
    }

    @Test
    void aSafetensorsFileWithTheReferenceCodesNamesAndDataParallelPrefix(@TempDir Path dir) throws IOException {
        ConvNetWeights w = TestConvNets.random(ARCH, 4);
        SafeTensorsFiles.write(dir.resolve("model.safetensors"), stateDict(w, "module.", "shortcut.0.weight"), "F64");
        Files.writeString(dir.resolve("run.json"), "{\"settings\": {\"depth\": 6, \"seed\": 3}, \"status\": \"done\"}");
        TrainedConvRun run = StateDictKernels.read(dir, LAYOUT);
        assertSameBlocks(w, run.weights());
        assertEquals(3, run.seed());
        assertEquals("done", run.status());
    }

    @Test
    void globallyNumberedBlocksFindTheirStagesFromTheChannels(@TempDir Path dir) {
        ConvNetWeights w = TestConvNets.random(ARCH, 5);
        Map<String, NpyArray> t = new LinkedHashMap<>();
        for (ConvBlock b : w.blocks()) {
            t.put("blocks." + b.index() + ".c1.weight", array(b.conv1()));
            t.put("blocks." + b.index() + ".c2.weight", array(b.conv2()));
            if (b.hasShortcut()) {
                t.put("blocks." + b.index() + ".proj.weight", array(b.shortcut()));
            }
        }
        SafeTensorsFiles.write(dir.resolve("net.safetensors"), t, "F64");
        StateDictLayout layout = new StateDictLayout(new StateDictNames("blocks.{k}", "c1.weight", "c2.weight",
                List.of("proj.weight"), "stem.weight"), 10, 10);
        ConvNetWeights got = StateDictKernels.read(dir, layout).weights();
        assertEquals(w.blocks(), got.blocks());
        assertNull(got.stem());
    }

    @Test
    void float32KernelsAreWidened(@TempDir Path dir) {
        ConvNetWeights w = TestConvNets.random(ARCH, 6);
        SafeTensorsFiles.write(dir.resolve("model.safetensors"), stateDict(w, "", "downsample.0.weight"), "F32");
        ConvNetWeights got = StateDictKernels.read(dir, LAYOUT).weights();
        double[] expected = w.blocks().get(3).conv2().values();
        double[] values = got.blocks().get(3).conv2().values();
        for (int i = 0; i < values.length; i++) {
            assertEquals((float) expected[i], values[i], 0);
        }
    }

    @Test
    void badStateDictsAreNamed(@TempDir Path root) throws IOException {
        ConvNetWeights w = TestConvNets.random(ARCH, 7);
        Map<String, NpyArray> full = stateDict(w, "", "downsample.0.weight");

        Path noConv2 = case_(root, "noconv2", full, "layer2.1.conv2.weight");
        assertMessage(noConv2, "block layer2.1 has no conv2.weight");
        Path gap = case_(root, "gap", full, "layer2.0.conv1.weight", "layer2.0.conv2.weight", "layer2.0.downsample.0.weight");
        assertMessage(gap, "block layer2.0 is missing (found layer2.1)");
        Path stage = case_(root, "stage", full, "layer3.0.conv1.weight", "layer3.0.conv2.weight",
                "layer3.0.downsample.0.weight");
        assertMessage(stage, "stage 3 has no blocks");
        Path none = root.resolve("none");
        Files.createDirectories(none);
        Files.writeString(none.resolve("notes.txt"), "x");
        assertFalse(StateDictKernels.holdsKernels(none, LAYOUT));
        assertMessage(none, "no .safetensors file and no .npy");
        Path two = root.resolve("two");
        Files.createDirectories(two);
        SafeTensorsFiles.write(two.resolve("a.safetensors"), full, "F32");
        SafeTensorsFiles.write(two.resolve("b.safetensors"), full, "F32");
        assertMessage(two, "holds 2 .safetensors files");
        Path names = root.resolve("names");
        Files.createDirectories(names);
        SafeTensorsFiles.write(names.resolve("m.safetensors"), Map.of("features.0.weight",
                new NpyArray(new int[] {1}, new double[1], "<f8")), "F32");
        assertMessage(names, "no tensor is named like a block's conv1 (layer{stage}.{index}.conv1.weight; names found: "
                + "features.0.weight)");
        // a kernel that does not chain: block 1 given block 0's input channels swapped
        Map<String, NpyArray> broken = new LinkedHashMap<>(full);
        broken.put("layer1.1.conv1.weight", new NpyArray(new int[] {3, 5, 3, 3}, new double[135], "<f8"));
        Path chain = root.resolve("chain");
        Files.createDirectories(chain);
        SafeTensorsFiles.write(chain.resolve("m.safetensors"), broken, "F32");
        assertMessage(chain, "block layer1.1");
        Path json = root.resolve("json");
        Files.createDirectories(json);
        SafeTensorsFiles.write(json.resolve("m.safetensors"), full, "F32");
        Files.writeString(json.resolve("run.json"), "{\"settings\": {\"depth\": 7}}");
        assertMessage(json, "settings say depth 7 but the state_dict has 6 blocks");
    }

    @Test
    void templatesAreValidated() {
        assertThrows(InvalidInputException.class, () -> StateDictNames.withBlock("layer{stage}"));
        assertThrows(InvalidInputException.class, () -> StateDictNames.withBlock("layer{stage}.{index}.{k}"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StateDictNames.withBlock("l{s}.{k}"));
        assertTrue(e.getMessage().contains("unknown placeholder"), e.getMessage());
        assertTrue(StateDictNames.withBlock("res.{k}").globalIndex());
        assertEquals(List.of(28, 28), List.of(StateDictLayout.parseSize("28")[0], StateDictLayout.parseSize("28x28")[1]));
        assertThrows(InvalidInputException.class, () -> StateDictLayout.parseSize("28y"));
        assertThrows(InvalidInputException.class, () -> new StateDictLayout(StateDictNames.TORCHVISION, 0, 3));
    }

    private static Path case_(Path root, String name, Map<String, NpyArray> full, String... drop) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, NpyArray> t = new LinkedHashMap<>(full);
        for (String d : drop) {
            t.remove(d);
        }
        SafeTensorsFiles.write(dir.resolve("model.safetensors"), t, "F32");
        return dir;
    }

    private static void assertMessage(Path dir, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StateDictKernels.read(dir, LAYOUT));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }
}
