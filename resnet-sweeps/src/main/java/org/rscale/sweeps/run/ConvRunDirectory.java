package org.rscale.sweeps.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.io.Npz;

/**
 * Writes and reads the trained kernels of a convolutional ResNet in a run directory (the conv run
 * format, documented in the README): one {@code .npz} per tensor family with one array per block
 * ({@value RunFiles#CONV1_NPZ}, {@value RunFiles#CONV2_NPZ}, {@value RunFiles#SHORTCUT_NPZ}, keys
 * {@code block_000}, {@code block_001}, ...), the stem and the linear layer as {@code .npy}, and the
 * blocks' geometry in {@value RunFiles#BLOCKS_CSV}. Every file is written atomically; the caller
 * writes them into the staged run directory and {@code run.json} last.
 */
public final class ConvRunDirectory {

    /** The columns of blocks.csv, in order. */
    public static final List<String> BLOCK_COLUMNS = List.of("k", "stage", "stride", "in_channels", "out_channels",
            "input_height", "input_width", "output_height", "output_width", "shortcut");

    private ConvRunDirectory() {
    }

    /**
     * @param k a block's global index
     * @return its key in the {@code .npz} files: {@code block_000}, {@code block_001}, ... (at least three digits)
     */
    public static String blockKey(int k) {
        return String.format(Locale.ROOT, "block_%03d", k);
    }

    /**
     * What is wrong with a conv cell's files, from their presence and blocks.csv's rows only (the kernels
     * are not read): the check behind "a cell is done".
     *
     * @param dir   a run directory
     * @param depth the depth its settings give
     * @return one line naming the file at fault, or null
     */
    public static String problem(Path dir, int depth) {
        for (String f : List.of(RunFiles.BLOCKS_CSV, RunFiles.CONV1_NPZ, RunFiles.CONV2_NPZ, RunFiles.SHORTCUT_NPZ,
                RunFiles.STEM_NPY, RunFiles.LINEAR_WEIGHT_NPY, RunFiles.LINEAR_BIAS_NPY)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return dir.resolve(f) + ": file not found";
            }
        }
        try {
            int rows = CsvTable.read(dir.resolve(RunFiles.BLOCKS_CSV), List.of()).size();
            if (rows != depth) {
                return dir.resolve(RunFiles.BLOCKS_CSV) + ": " + rows + " blocks, but the settings say depth " + depth;
            }
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * @param dir a run directory
     * @return whether it holds a conv ResNet's kernels (its blocks.csv exists)
     */
    public static boolean isConvRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.BLOCKS_CSV));
    }

    /** The columns of a conv cell's history.csv. */
    public static final List<String> HISTORY_COLUMNS = List.of("epoch", "lr", "train_loss", "train_accuracy",
            "test_loss", "test_accuracy", "wall_seconds");

    /** The block update of rscale's conv ResNet, written to run.json as {@code update_rule}. */
    public static final String UPDATE_RULE = "h[k+1] = relu(conv2[k](relu(conv1[k](h[k]))) + shortcut[k](h[k])); "
            + "conv1 and shortcut with the block's stride, 3x3 padding 1; shortcut = identity when shortcut.npz has no "
            + "block_k; h[0] = relu(stem(x)); logits = linear_weight @ mean(h[L], spatial) + linear_bias";

    /**
     * Writes a trained conv cell into {@code staging}: kernels, geometry, history, and run.json last.
     *
     * @param staging a new, empty directory
     * @param weights the trained weights
     * @param history the epochs
     * @param record  the run record (with its {@code conv} architecture)
     */
    public static void write(Path staging, ConvNetWeights weights, List<org.rscale.sweeps.train.ConvEpochRecord> history,
                             RunRecord record) {
        writeWeights(staging, weights);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        HISTORY_COLUMNS.forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (org.rscale.sweeps.train.ConvEpochRecord e : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("lr", e.lr());
            row.put("train_loss", csvNumber(e.trainLoss()));
            row.put("train_accuracy", csvNumber(e.trainAccuracy()));
            row.put("test_loss", csvNumber(e.testLoss()));
            row.put("test_accuracy", csvNumber(e.testAccuracy()));
            row.put("wall_seconds", e.wallSeconds());
            rows.add(row);
        }
        AtomicFiles.write(staging.resolve(RunFiles.HISTORY_CSV),
                out -> DataFormats.csv().writer(schema.build()).writeValue(out, rows));
        RunDirectory.writeRecord(staging.resolve(RunFiles.RUN_JSON), record);
    }

    /** A missing or non-finite number is an empty field (the CSV convention). */
    private static Object csvNumber(double v) {
        return Double.isFinite(v) ? v : "";
    }

    /**
     * Writes the kernels and the geometry, each file atomically. Files of absent parts (a null stem,
     * linear layer or bias) are not written; {@value RunFiles#SHORTCUT_NPZ} is always written, empty
     * when no block has a shortcut.
     *
     * @param dir     a directory (the staged run directory)
     * @param weights the trained weights
     */
    public static void writeWeights(Path dir, ConvNetWeights weights) {
        Map<String, NpyArray> conv1 = new LinkedHashMap<>();
        Map<String, NpyArray> conv2 = new LinkedHashMap<>();
        Map<String, NpyArray> shortcut = new LinkedHashMap<>();
        for (ConvBlock b : weights.blocks()) {
            String key = blockKey(b.index());
            conv1.put(key, array(b.conv1()));
            conv2.put(key, array(b.conv2()));
            if (b.hasShortcut()) {
                shortcut.put(key, array(b.shortcut()));
            }
        }
        Npz.write(dir.resolve(RunFiles.CONV1_NPZ), conv1);
        Npz.write(dir.resolve(RunFiles.CONV2_NPZ), conv2);
        Npz.write(dir.resolve(RunFiles.SHORTCUT_NPZ), shortcut);
        if (weights.stem() != null) {
            Npy.write(dir.resolve(RunFiles.STEM_NPY), weights.stem().shape(), weights.stem().values());
        }
        LinearLayer linear = weights.linear();
        if (linear != null) {
            Npy.write(dir.resolve(RunFiles.LINEAR_WEIGHT_NPY), new int[] {linear.outFeatures(), linear.inFeatures()},
                    linear.weight());
            if (linear.bias() != null) {
                Npy.write(dir.resolve(RunFiles.LINEAR_BIAS_NPY), new int[] {linear.outFeatures()}, linear.bias());
            }
        }
        writeBlocks(dir.resolve(RunFiles.BLOCKS_CSV), weights.blocks());
    }

    private static NpyArray array(ConvKernel k) {
        return new NpyArray(k.shape(), k.values(), "<f8");
    }

    private static void writeBlocks(Path file, List<ConvBlock> blocks) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        BLOCK_COLUMNS.forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConvBlock b : blocks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("k", b.index());
            row.put("stage", b.stage());
            row.put("stride", b.stride());
            row.put("in_channels", b.inChannels());
            row.put("out_channels", b.outChannels());
            row.put("input_height", b.inputHeight());
            row.put("input_width", b.inputWidth());
            row.put("output_height", b.outputHeight());
            row.put("output_width", b.outputWidth());
            row.put("shortcut", b.hasShortcut() ? 1 : 0);
            rows.add(row);
        }
        AtomicFiles.write(file, out -> DataFormats.csv().writer(schema.build()).writeValue(out, rows));
    }

    /**
     * Reads the kernels of a conv run directory, checking them against blocks.csv.
     *
     * @param dir the run directory
     * @return the weights
     * @throws InvalidInputException naming the file (and block) at fault: a missing file, a missing or
     *                               extra block, a kernel whose shape contradicts blocks.csv
     */
    public static ConvNetWeights readWeights(Path dir) {
        Path blocksFile = dir.resolve(RunFiles.BLOCKS_CSV);
        List<int[]> rows = readBlocks(blocksFile);
        Path conv1File = dir.resolve(RunFiles.CONV1_NPZ);
        Path conv2File = dir.resolve(RunFiles.CONV2_NPZ);
        Path shortcutFile = dir.resolve(RunFiles.SHORTCUT_NPZ);
        Map<String, NpyArray> conv1 = Npz.read(conv1File);
        Map<String, NpyArray> conv2 = Npz.read(conv2File);
        boolean anyShortcut = rows.stream().anyMatch(r -> r[9] == 1);
        Map<String, NpyArray> shortcut = anyShortcut || Files.exists(shortcutFile) ? Npz.read(shortcutFile) : Map.of();
        checkKeys(conv1File, conv1, rows.size(), null);
        checkKeys(conv2File, conv2, rows.size(), null);
        checkKeys(shortcutFile, shortcut, rows.size(), rows);
        List<ConvBlock> blocks = new ArrayList<>();
        for (int[] r : rows) {
            String key = blockKey(r[0]);
            ConvKernel c1 = ConvKernel.of(conv1.get(key), conv1File + ":" + key);
            ConvKernel c2 = ConvKernel.of(conv2.get(key), conv2File + ":" + key);
            ConvKernel sc = r[9] == 1 ? ConvKernel.of(shortcut.get(key), shortcutFile + ":" + key) : null;
            ConvBlock b;
            try {
                b = new ConvBlock(r[0], r[1], r[2], r[5], r[6], c1, c2, sc);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(dir + ": " + e.getMessage(), e);
            }
            if (b.inChannels() != r[3] || b.outChannels() != r[4] || b.outputHeight() != r[7]
                    || b.outputWidth() != r[8]) {
                throw new InvalidInputException(blocksFile + ": block " + r[0] + " says " + r[3] + " -> " + r[4]
                        + " channels, output " + r[7] + "x" + r[8] + ", but its kernels are conv1 " + c1.shapeString()
                        + ", conv2 " + c2.shapeString() + " (output " + b.outputHeight() + "x" + b.outputWidth() + ")");
            }
            blocks.add(b);
        }
        ConvKernel stem = null;
        Path stemFile = dir.resolve(RunFiles.STEM_NPY);
        if (Files.isRegularFile(stemFile)) {
            stem = ConvKernel.of(Npy.read(stemFile), stemFile.toString());
        }
        LinearLayer linear = readLinear(dir);
        try {
            return new ConvNetWeights(stem, blocks, linear);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a conv run directory: the weights and, when present, its run.json.
     *
     * @param dir the run directory
     * @return the weights and the record
     */
    public static TrainedConvRun read(Path dir) {
        ConvNetWeights weights = readWeights(dir);
        Path json = dir.resolve(RunFiles.RUN_JSON);
        RunRecord record = Files.isRegularFile(json) ? RunDirectory.readRecord(json) : null;
        if (record != null && record.settings() != null && record.settings().get("depth") instanceof Number n
                && n.intValue() != weights.depth()) {
            throw new InvalidInputException(json + ": settings say depth " + n + " but " + dir.resolve(RunFiles.BLOCKS_CSV)
                    + " lists " + weights.depth() + " blocks");
        }
        return new TrainedConvRun(dir, dir.getFileName().toString(), weights, record);
    }

    private static LinearLayer readLinear(Path dir) {
        Path wFile = dir.resolve(RunFiles.LINEAR_WEIGHT_NPY);
        Path bFile = dir.resolve(RunFiles.LINEAR_BIAS_NPY);
        if (!Files.isRegularFile(wFile)) {
            if (Files.isRegularFile(bFile)) {
                throw new InvalidInputException(bFile + ": a linear bias without " + wFile.getFileName());
            }
            return null;
        }
        NpyArray w = Npy.read(wFile);
        if (w.rank() != 2 || w.shape()[0] < 1 || w.shape()[1] < 1) {
            throw new InvalidInputException(wFile + ": expected shape (classes, features), found " + w.shapeString());
        }
        double[] bias = null;
        if (Files.isRegularFile(bFile)) {
            NpyArray b = Npy.read(bFile);
            if (b.rank() != 1 || b.shape()[0] != w.shape()[0]) {
                throw new InvalidInputException(bFile + ": expected shape (" + w.shape()[0] + ",) to match "
                        + wFile.getFileName() + ", found " + b.shapeString());
            }
            bias = b.data();
        }
        return new LinearLayer(w.shape()[0], w.shape()[1], w.data(), bias);
    }

    private static void checkKeys(Path file, Map<String, NpyArray> arrays, int depth, List<int[]> shortcutRows) {
        for (String key : arrays.keySet()) {
            int k = indexOf(key);
            if (k < 0 || k >= depth) {
                throw new InvalidInputException(file + ": array '" + key + "' is not a block of blocks.csv (block_000 to "
                        + blockKey(depth - 1) + ")");
            }
            if (shortcutRows != null && shortcutRows.get(k)[9] != 1) {
                throw new InvalidInputException(file + ": block " + k + " has a shortcut kernel but blocks.csv says "
                        + "shortcut 0");
            }
        }
        for (int k = 0; k < depth; k++) {
            boolean wanted = shortcutRows == null || shortcutRows.get(k)[9] == 1;
            if (wanted && !arrays.containsKey(blockKey(k))) {
                throw new InvalidInputException(file + ": no array '" + blockKey(k) + "' for block " + k
                        + " of blocks.csv");
            }
        }
    }

    private static int indexOf(String key) {
        if (!key.startsWith("block_")) {
            return -1;
        }
        try {
            int k = Integer.parseInt(key.substring(6));
            return blockKey(k).equals(key) ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Rows of blocks.csv as the ten integers of {@link #BLOCK_COLUMNS}, checked to number 0..L-1. */
    private static List<int[]> readBlocks(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": file not found (a conv run directory needs blocks.csv)");
        }
        List<CsvRow> raw = CsvTable.read(file, BLOCK_COLUMNS);
        if (raw.isEmpty()) {
            throw new InvalidInputException(file + ": no blocks");
        }
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            CsvRow row = raw.get(i);
            int[] v = new int[BLOCK_COLUMNS.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = row.integer(BLOCK_COLUMNS.get(c));
            }
            if (v[0] != i) {
                throw new InvalidInputException(file + ": row " + (i + 1) + " has k = " + v[0] + ", expected " + i);
            }
            if (v[9] != 0 && v[9] != 1) {
                throw new InvalidInputException(file + ": row " + (i + 1) + ", column 'shortcut' must be 0 or 1, got "
                        + v[9]);
            }
            rows.add(v);
        }
        return rows;
    }
}
