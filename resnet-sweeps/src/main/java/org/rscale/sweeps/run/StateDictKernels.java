package org.rscale.sweeps.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.io.SafeTensors;
import org.rscale.sweeps.model.ConvArchitecture;

/**
 * Reads the kernels of a convolutional ResNet trained elsewhere, from a PyTorch {@code state_dict}, into the
 * conv run format's record ({@link ConvNetWeights}, {@link TrainedConvRun}), so that it is analysed exactly as
 * rscale's own runs.
 *
 * <p>A run directory holds either one {@code .safetensors} file ({@code safetensors.torch.save_file(
 * net.state_dict(), "model.safetensors")}) or one {@code .npy} file per tensor named after it
 * ({@code np.save(f"{name}.npy", t.numpy())}, e.g. {@code layer3.4.conv1.weight.npy}); other tensors
 * (batch norm, the linear layer) are ignored. Blocks are found by {@link StateDictLayout#names()}; the first
 * block's input has the layout's size, strides follow SCIENCE 1.3, and each block's input is its
 * predecessor's output. An optional {@code run.json} may give {@code settings} (depth, seed),
 * {@code status} and the final losses, as for fully-connected weights.
 */
public final class StateDictKernels {
    /** The extension of a safetensors file. */
    public static final String SAFETENSORS = ".safetensors";
    private static final String NPY = ".npy";
    private static final String DATA_PARALLEL = "module.";

    private StateDictKernels() {
    }

    /**
     * @param dir    a directory
     * @param layout the tensors' names
     * @return whether it holds a {@code .safetensors} file or a {@code .npy} file named as a block's conv1
     */
    public static boolean holdsKernels(Path dir, StateDictLayout layout) {
        Pattern conv1 = layout.names().pattern(layout.names().conv1());
        for (Path p : files(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(SAFETENSORS)) {
                return true;
            }
            if (name.endsWith(NPY)) {
                String tensor = name.substring(0, name.length() - NPY.length());
                if (conv1.matcher(tensor).matches() || conv1.matcher(strip(tensor)).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a directory's kernels and its optional run.json.
     *
     * @param dir    the run directory
     * @param layout the names and input size
     * @return the run
     * @throws InvalidInputException naming the file and tensor at fault: no or several safetensors files, a
     *                               missing conv1 or conv2, a gap in the block numbering, kernels that do not
     *                               chain
     */
    public static TrainedConvRun read(Path dir, StateDictLayout layout) {
        List<Path> safetensors = new ArrayList<>();
        Map<String, Path> npy = new TreeMap<>();
        for (Path p : files(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(SAFETENSORS)) {
                safetensors.add(p);
            } else if (name.endsWith(NPY)) {
                npy.put(name.substring(0, name.length() - NPY.length()), p);
            }
        }
        ConvNetWeights weights;
        if (safetensors.size() > 1) {
            throw new InvalidInputException(dir + ": holds " + safetensors.size() + " .safetensors files, expected one ("
                    + safetensors.stream().map(p -> p.getFileName().toString()).sorted().toList() + ")");
        } else if (safetensors.size() == 1) {
            SafeTensors st = SafeTensors.open(safetensors.get(0));
            weights = weights(new ArrayList<>(st.entries().keySet()), st::read, st.file().toString(), layout);
        } else if (!npy.isEmpty()) {
            weights = weights(new ArrayList<>(npy.keySet()), name -> Npy.read(npy.get(name)), dir + "/*.npy", layout);
        } else {
            throw new InvalidInputException(dir + ": no .safetensors file and no .npy state_dict tensors");
        }
        RunRecord record = readRecord(dir, weights.depth());
        return new TrainedConvRun(dir, dir.getFileName().toString(), weights, record);
    }

    /**
     * Builds the blocks from a state_dict's tensors.
     *
     * @param names  every tensor name in the source
     * @param tensor reads a tensor by name
     * @param source the file or files, for messages
     * @param layout the names and input size
     * @return the weights (no linear layer; the stem when present)
     * @throws InvalidInputException naming the source and tensor at fault
     */
    public static ConvNetWeights weights(List<String> names, Function<String, NpyArray> tensor, String source,
                                         StateDictLayout layout) {
        StateDictNames n = layout.names();
        Pattern conv1 = n.pattern(n.conv1());
        boolean stripPrefix = names.stream().noneMatch(s -> conv1.matcher(s).matches())
                && names.stream().anyMatch(s -> s.startsWith(DATA_PARALLEL) && conv1.matcher(strip(s)).matches());
        Map<String, String> byName = new LinkedHashMap<>(); // name as matched -> name in the source
        for (String s : names) {
            byName.put(stripPrefix ? strip(s) : s, s);
        }
        // block key (stage, index) or (0, k) -> tensor names
        TreeMap<Long, String[]> blocks = new TreeMap<>();
        List<Pattern> patterns = new ArrayList<>(List.of(conv1, n.pattern(n.conv2())));
        for (String s : n.shortcuts()) {
            patterns.add(n.pattern(s));
        }
        for (String s : byName.keySet()) {
            for (int p = 0; p < patterns.size(); p++) {
                Matcher m = patterns.get(p).matcher(s);
                if (!m.matches()) {
                    continue;
                }
                long key = n.globalIndex() ? Long.parseLong(m.group("k"))
                        : (Long.parseLong(m.group("stage")) << 32) | Long.parseLong(m.group("index"));
                String[] slots = blocks.computeIfAbsent(key, x -> new String[3]);
                int slot = Math.min(p, 2);
                if (slots[slot] != null) {
                    throw new InvalidInputException(source + ": two shortcut kernels for one block: '" + slots[slot]
                            + "' and '" + s + "'");
                }
                slots[slot] = s;
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidInputException(source + ": no tensor is named like a block's conv1 ("
                    + n.block() + "." + n.conv1() + "; names found: " + preview(names) + ")");
        }
        List<ConvBlock> out = new ArrayList<>();
        int stage = 0;
        long previousStage = -1;
        int expectedIndex = 0;
        int h = layout.inputHeight();
        int w = layout.inputWidth();
        ConvKernel previousConv2 = null;
        for (Map.Entry<Long, String[]> e : blocks.entrySet()) {
            String[] slots = e.getValue();
            String label = blockLabel(n, e.getKey());
            if (slots[0] == null || slots[1] == null) {
                throw new InvalidInputException(source + ": block " + label + " has no "
                        + (slots[0] == null ? n.conv1() : n.conv2()));
            }
            ConvKernel c1 = kernel(tensor, byName.get(slots[0]), source);
            ConvKernel c2 = kernel(tensor, byName.get(slots[1]), source);
            ConvKernel sc = slots[2] == null ? null : kernel(tensor, byName.get(slots[2]), source);
            boolean newStage;
            if (n.globalIndex()) {
                if (e.getKey() != out.size()) {
                    throw new InvalidInputException(source + ": no block k = " + out.size() + " (found " + label + ")");
                }
                newStage = out.isEmpty() || c1.inChannels() != c1.outChannels() && previousConv2 != null
                        || sc != null && !out.isEmpty();
            } else {
                long st = e.getKey() >>> 32;
                long index = e.getKey() & 0xffffffffL;
                newStage = st != previousStage;
                if (newStage) {
                    if (previousStage >= 0 && st != previousStage + 1) {
                        throw new InvalidInputException(source + ": stage " + (previousStage + 1) + " has no blocks (found "
                                + previousStage + " then " + st + ")");
                    }
                    previousStage = st;
                    expectedIndex = 0;
                }
                if (index != expectedIndex) {
                    throw new InvalidInputException(source + ": block " + blockLabel(n, (st << 32) | expectedIndex)
                            + " is missing (found " + label + ")");
                }
                expectedIndex++;
            }
            if (newStage) {
                stage++;
            }
            if (previousConv2 != null && c1.inChannels() != previousConv2.outChannels()) {
                throw new InvalidInputException(source + ": block " + label + " takes " + c1.inChannels()
                        + " channels (" + slots[0] + " " + c1.shapeString() + ") but the block before gives "
                        + previousConv2.outChannels());
            }
            int stride = newStage ? ConvArchitecture.stageStride(stage) : 1;
            try {
                ConvBlock b = new ConvBlock(out.size(), stage, stride, h, w, c1, c2, sc);
                out.add(b);
                h = b.outputHeight();
                w = b.outputWidth();
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(source + ": block " + label + ": " + ex.getMessage(), ex);
            }
            previousConv2 = c2;
        }
        ConvKernel stem = null;
        String stemName = byName.get(n.stem());
        if (stemName != null) {
            NpyArray a = tensor.apply(stemName);
            if (a.rank() == 4) {
                stem = ConvKernel.of(a, source + ":" + stemName);
            }
        }
        try {
            return new ConvNetWeights(stem, out, null);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(source + ": " + ex.getMessage(), ex);
        }
    }

    private static ConvKernel kernel(Function<String, NpyArray> tensor, String name, String source) {
        return ConvKernel.of(tensor.apply(name), source + ":" + name);
    }

    private static String blockLabel(StateDictNames n, long key) {
        if (n.globalIndex()) {
            return n.block().replace("{k}", Long.toString(key));
        }
        return n.block().replace("{stage}", Long.toString(key >>> 32)).replace("{index}",
                Long.toString(key & 0xffffffffL));
    }

    private static String strip(String name) {
        return name.startsWith(DATA_PARALLEL) ? name.substring(DATA_PARALLEL.length()) : name;
    }

    private static String preview(List<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        return sorted.size() <= 6 ? String.join(", ", sorted)
                : String.join(", ", sorted.subList(0, 6)) + ", ... (" + sorted.size() + " in all)";
    }

    private static List<Path> files(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * The optional run.json of weights trained elsewhere, read leniently: any of {@code settings}, {@code status},
     * {@code final_train_loss}, {@code final_test_loss} may be missing.
     *
     * @param dir   the run directory
     * @param depth the number of blocks of its kernels (settings that say otherwise are refused)
     * @return the record (only those keys filled), or null when there is no run.json
     * @throws InvalidInputException naming the file when it is not a JSON object or contradicts the depth
     */
    public static RunRecord readRecord(Path dir, int depth) {
        Path json = dir.resolve(RunFiles.RUN_JSON);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        JsonNode root;
        try {
            root = DataFormats.json().readTree(json.toFile());
        } catch (JacksonException e) {
            throw new InvalidInputException(json + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(json + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(json + ": expected a JSON object");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        JsonNode s = root.get("settings");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new InvalidInputException(json + ": field 'settings' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = DataFormats.json().convertValue(s, LinkedHashMap.class);
            m.values().removeIf(java.util.Objects::isNull);
            settings.putAll(m);
            if (m.get("depth") instanceof Number d && d.intValue() != depth) {
                throw new InvalidInputException(json + ": settings say depth " + d + " but the state_dict has " + depth
                        + " blocks");
            }
        }
        String status = root.hasNonNull("status") ? root.get("status").asText() : TrainedRun.UNKNOWN_STATUS;
        Double train = root.hasNonNull("final_train_loss") ? root.get("final_train_loss").asDouble() : null;
        Double test = root.hasNonNull("final_test_loss") ? root.get("final_test_loss").asDouble() : null;
        return new RunRecord(RunRecord.FORMAT_VERSION, dir.getFileName().toString(), null, settings, status, 0, train,
                test, null, 0, 0, null, null, null, null, null);
    }
}
