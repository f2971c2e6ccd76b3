package org.rscale.sweeps.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataKind;
import org.rscale.sweeps.data.MnistFeatures;
import org.rscale.sweeps.data.PixelScale;
import org.rscale.sweeps.data.SyntheticOdeData;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Every setting a sweep configuration may hold: its key (the YAML path and the {@code --set} name,
 * also the key in {@code run.json}), its type, default and allowed values. Keys are defined here
 * once. Cell settings may be given as lists, and a sweep is the cartesian product of every listed
 * value with its depths and seeds; the sweep-level settings (name, seeds, depth grid) are not
 * crossed.
 *
 * <p>Defaults follow the reference code's {@code DEFAULT_PARAMS} (SCIENCE 3); the paper's setups
 * are presets.
 */
public enum Setting {
    // ---- sweep level -------------------------------------------------------------------------
    /** The sweep's name. */
    NAME("name", Type.TEXT, "sweep", Scope.SWEEP, "name of the sweep (free text)"),
    /** The training seeds; one cell per seed and depth. */
    SEEDS("seeds", Type.INT_LIST, List.of(0), Scope.SWEEP, "training seeds (list, or a range a..b)"),
    /** Smallest depth of the grid floor(base^n). */
    DEPTHS_MIN("depths.min", Type.INT, 3, Scope.SWEEP, "smallest depth of the grid floor(base^n)"),
    /** Largest depth of the grid. */
    DEPTHS_MAX("depths.max", Type.INT, 1000, Scope.SWEEP, "largest depth of the grid floor(base^n)"),
    /** Base of the depth grid. */
    DEPTHS_BASE("depths.base", Type.DOUBLE, 1.2, Scope.SWEEP, "base of the depth grid floor(base^n), > 1"),
    /** Explicit depths, replacing the grid when non-empty. */
    DEPTHS_VALUES("depths.values", Type.INT_LIST, List.of(), Scope.SWEEP,
            "explicit depths (list); when given, replaces the grid; 'paper-cifar' = the 16 depths of the paper's "
                    + "CIFAR-10 networks (8 to 121 blocks)"),

    // ---- data --------------------------------------------------------------------------------
    /** Which dataset. */
    DATA_KIND("data.kind", Type.CHOICE, DataKind.SYNTHETIC.key(), Scope.CELL,
            "dataset: synthetic (the ODE data), mnist-features (MNIST-25: IDX images of data.path through two fixed "
                    + "random convolutions, 25 features), idx-flat (IDX images flattened, label as class; for models "
                    + "with input and output layers); for model=conv: cifar10 (CIFAR-10's binary batches in data.path) or "
                    + "idx-images (IDX images of data.path, one channel)",
            DataKind.keys().toArray(String[]::new)),
    /** Data dimension = network width d. */
    DATA_DIM("data.dim", Type.INT, 0, Scope.CELL,
            "dimension of the data = network width d; 0: the kind's own (synthetic " + SyntheticOdeData.STANDARD_DIM
                    + ", mnist-features " + MnistFeatures.WIDTH + ")"),
    /** Training set size. */
    DATA_TRAIN_SIZE("data.train_size", Type.INT, 0, Scope.CELL,
            "number of training samples; 0 or all: the whole training split of IDX data, "
                    + SyntheticOdeData.STANDARD_TRAIN_SIZE + " synthetic samples; less than the split: a seeded subset"),
    /** Test set size. */
    DATA_TEST_SIZE("data.test_size", Type.INT, 0, Scope.CELL,
            "number of test samples; 0 or all: the whole test split of IDX data, "
                    + SyntheticOdeData.STANDARD_TEST_SIZE + " synthetic samples; less than the split: a seeded subset"),
    /** Seed of the generated data (the same data for every depth and training seed). */
    DATA_SEED("data.seed", Type.INT, 0, Scope.CELL,
            "seed of the data, shared by all cells: the synthetic data, the random convolutions of mnist-features, "
                    + "the subsets of IDX data"),
    /** Directory of the IDX files. */
    DATA_PATH("data.path", Type.TEXT, "", Scope.CELL,
            "directory of the data files: IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]) for mnist-features, idx-flat and "
                    + "idx-images; data_batch_1..5.bin and test_batch.bin for cifar10 (empty: none); stored absolute"),
    /** Pixel scaling of IDX images. */
    DATA_PIXEL_SCALE("data.pixel_scale", Type.CHOICE, PixelScale.RAW.key(), Scope.CELL,
            "IDX pixel values as inputs: raw 0..255 (the reference code's MNIST-25) or unit (divided by 255)",
            PixelScale.keys().toArray(String[]::new)),

    // ---- model -------------------------------------------------------------------------------
    /** Which network. */
    MODEL("model", Type.CHOICE, "fc", Scope.CELL,
            "fc: the fully-connected residual network (SCIENCE 1.1); conv: the convolutional ResNet of the CIFAR-10 "
                    + "experiment (SCIENCE 1.3), depth = number of BasicBlocks", "fc", "conv"),
    /** Width multiplier of the conv ResNet. */
    CONV_BASE_WIDTH("conv.base_width", Type.INT, 64, Scope.CELL,
            "channels of the conv ResNet's stem and first stage; stages have 1, 2, 4, 8 times as many"),
    /** How a conv ResNet's depth is split into stages. */
    CONV_BLOCKS("conv.blocks", Type.TEXT, "paper", Scope.CELL,
            "block counts n1..n4 of the conv ResNet: paper = the paper's table by depth (depths: paper-cifar); even = "
                    + "the depth split evenly over the 4 stages (remainder to stages 3, 2, 4); or explicit counts such as "
                    + "3-4-6-3 (the depth must be their sum)"),
    /** sigma. */
    ACTIVATION("activation", Type.CHOICE, "tanh", Scope.CELL, "activation sigma",
            Activation.keys().toArray(String[]::new)),
    /** The delta variant. */
    DELTA("delta", Type.CHOICE, "none", Scope.CELL, "scaling factor delta",
            ScalingFactor.keys().toArray(String[]::new)),
    /** beta of delta = L^-beta for delta: fixed. */
    DELTA_BETA("delta_beta", Type.DOUBLE, 1.0, Scope.CELL, "beta of delta_k = L^-beta when delta is fixed"),
    /** The initialisation. */
    INIT("init", Type.CHOICE, "xavier", Scope.CELL,
            "initialisation (fbm(H) is short for init=fbm with init_hurst=H)",
            "xavier", "xavier-depth", "iid", "smooth", "fbm"),
    /** sigma0 of the xavier initialisations. */
    INITIAL_SD("initial_sd", Type.DOUBLE, 1e-4, Scope.CELL, "sigma0 of the xavier initialisations"),
    /** RBF length scale l of the smooth initialisation. */
    INIT_LENGTH_SCALE("init_length_scale", Type.DOUBLE, 0.1, Scope.CELL,
            "length scale l of the smooth (RBF) initialisation, l^2 = 0.01 by default"),
    /** Hurst index of the fbm initialisation. */
    INIT_HURST("init_hurst", Type.DOUBLE, 0.75, Scope.CELL, "Hurst index H of the fbm initialisation, in (0, 1)"),
    /** Law of the iid initialisation. */
    IID_DISTRIBUTION("iid_distribution", Type.CHOICE, "gaussian", Scope.CELL,
            "law of the iid initialisation (variance 1/d either way)", "gaussian", "uniform"),

    // ---- training ----------------------------------------------------------------------------
    /** The optimiser. */
    OPTIMIZER("optimizer", Type.CHOICE, "adam", Scope.CELL, "optimiser (PyTorch's formulas and defaults)",
            "adam", "sgd", "rmsprop"),
    /** Learning rate. */
    LR("lr", Type.DOUBLE, 1e-3, Scope.CELL, "learning rate (constant)"),
    /** SGD momentum. */
    MOMENTUM("momentum", Type.DOUBLE, 0.0, Scope.CELL, "momentum of sgd (PyTorch's convention)"),
    /** SGD weight decay. */
    WEIGHT_DECAY("weight_decay", Type.DOUBLE, 0.0, Scope.CELL,
            "weight decay of sgd, added to the gradient as PyTorch does (model=conv)"),
    /** Learning-rate schedule. */
    LR_SCHEDULE("lr_schedule", Type.CHOICE, "constant", Scope.CELL,
            "constant, or cosine: PyTorch's CosineAnnealingLR over the epochs, stepped per epoch (model=conv)",
            "constant", "cosine"),
    /** Data augmentation. */
    AUGMENT("augment", Type.CHOICE, "none", Scope.CELL,
            "image augmentation (model=conv): none, or crop-flip = random crop with padding 4 and horizontal flip",
            "none", "crop-flip"),
    /** Batch size. */
    BATCH_SIZE("batch_size", Type.INT, 50, Scope.CELL, "samples per batch"),
    /** How batches are formed. */
    BATCHING("batching", Type.CHOICE, "shuffle", Scope.CELL,
            "shuffle: new random batches every epoch (last one may be smaller); reference: batches fixed "
                    + "once, only their order shuffled (batch_size must divide data.train_size)",
            "shuffle", "reference"),
    /** Epoch cap. */
    EPOCHS("epochs", Type.INT, 200, Scope.CELL, "maximum number of epochs"),
    /** Convergence threshold on the epoch-average training loss. */
    EPSILON("epsilon", Type.DOUBLE, 1e-3, Scope.CELL, "converged when the epoch-average training loss < epsilon"),
    /** Epochs without enough progress before stalling. */
    PATIENCE("patience", Type.INT, 5, Scope.CELL, "stalled after this many epochs without progress"),
    /** What counts as progress. */
    STALL_FACTOR("stall_factor", Type.DOUBLE, 0.99, Scope.CELL,
            "progress = epoch loss below stall_factor x best so far"),

    // ---- computation -------------------------------------------------------------------------
    /** Floating-point precision of training. */
    PRECISION("precision", Type.CHOICE, "float64", Scope.CELL,
            "floating-point precision of training (float64: increments of deep nets are below float32's resolution)",
            "float64", "float32"),
    /** Which kernel trains the cell. */
    KERNEL("kernel", Type.CHOICE, "auto", Scope.CELL,
            "training kernel: auto = nd4j from width nd4j_min_width, else vector when the JVM has the Vector API, "
                    + "else loop; loop = plain Java, vector = SIMD over the batch, nd4j = ND4J ops (BLAS, or the GPU "
                    + "with the CUDA build)",
            "auto", "loop", "vector", "nd4j"),
    /** Width from which kernel=auto uses ND4J. */
    ND4J_MIN_WIDTH("nd4j_min_width", Type.INT, 0, Scope.CELL,
            "kernel=auto uses the nd4j kernel from this width on; 0 = the crossover measured on one CPU thread, "
                    + "240 (32/batch)^0.7: 240 at batch 32, 56 at batch 256");

    /** Value types. */
    public enum Type {
        /** a whole number. */
        INT,
        /** a real number (accepts 1e-3). */
        DOUBLE,
        /** one of a fixed set of words. */
        CHOICE,
        /** free text. */
        TEXT,
        /** a list of whole numbers (or a range a..b). */
        INT_LIST
    }

    /** Whether a setting is per sweep or per cell (crossed into the grid). */
    public enum Scope {
        /** applies to the whole sweep. */
        SWEEP,
        /** may be a list; crossed into the grid. */
        CELL
    }

    private final String key;
    private final Type type;
    private final Object defaultValue;
    private final Scope scope;
    private final String description;
    private final List<String> choices;

    Setting(String key, Type type, Object defaultValue, Scope scope, String description, String... choices) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.scope = scope;
        this.description = description;
        this.choices = List.of(choices);
    }

    /** @return the key, e.g. {@code data.train_size} */
    public String key() {
        return key;
    }

    /** @return the value type */
    public Type type() {
        return type;
    }

    /** @return the default (Integer, Double, String or List of Integer) */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return sweep- or cell-level */
    public Scope scope() {
        return scope;
    }

    /** @return one line for the user */
    public String description() {
        return description;
    }

    /** @return the allowed words of a CHOICE setting, else empty */
    public List<String> choices() {
        return choices;
    }

    /**
     * @param key   a key
     * @param where where the key came from, for the message
     * @return the setting with that key
     * @throws InvalidInputException naming the key, with the closest known key
     */
    public static Setting of(String key, String where) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException(where + ": unknown setting '" + key + "'" + suggestion(key));
    }

    /**
     * Converts a raw value (from YAML or the command line) to this setting's type and checks its range.
     *
     * @param raw   a Number, String or Boolean
     * @param where where the value came from, for messages (a file or {@code --set})
     * @return an Integer, Double or String
     * @throws InvalidInputException naming the setting and the value
     */
    public Object parse(Object raw, String where) {
        if (raw == null) {
            throw new InvalidInputException(where + ": setting '" + key + "' has no value");
        }
        Object v;
        switch (type) {
            case INT: v = isSize() && ALL.equalsIgnoreCase(raw.toString().trim()) ? 0 : parseInt(raw, where); break;
            case DOUBLE: v = parseDouble(raw, where); break;
            case CHOICE: v = parseChoice(raw, where); break;
            case TEXT: v = this == DATA_PATH ? directory(raw.toString()) : raw.toString(); break;
            default: throw new IllegalStateException(key + " is a list setting");
        }
        check(v, where);
        return v;
    }

    /** The word for the whole split in {@code data.train_size} / {@code data.test_size}, read as 0. */
    public static final String ALL = "all";

    private boolean isSize() {
        return this == DATA_TRAIN_SIZE || this == DATA_TEST_SIZE;
    }

    /** data.path: {@code ~/} expanded, made absolute (tasks may run elsewhere), empty kept empty. */
    private static String directory(String raw) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return s;
        }
        if (s.equals("~") || s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        return java.nio.file.Path.of(s).toAbsolutePath().normalize().toString();
    }

    private int parseInt(Object raw, String where) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (raw instanceof Number num) {
            double d = num.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        String s = raw.toString().trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidInputException(where + ": setting '" + key + "' expects a whole number, got '" + s + "'");
        }
    }

    /** A number from YAML (already a Number) or text; NaN and infinities are refused whatever the source. */
    private double parseDouble(Object raw, String where) {
        String s = raw.toString().trim();
        double d;
        if (raw instanceof Number num) {
            d = num.doubleValue();
        } else {
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + ": setting '" + key + "' expects a number, got '" + s + "'");
            }
        }
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(where + ": setting '" + key + "' expects a finite number, got '" + s
                    + "'");
        }
        return d;
    }

    private String parseChoice(Object raw, String where) {
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (this == INIT && s.startsWith("fbm(") && s.endsWith(")")) {
            String h = s.substring(4, s.length() - 1).trim();
            double hurst;
            try {
                hurst = Double.parseDouble(h);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + ": setting 'init' has a bad Hurst index in '" + raw
                        + "' (expected fbm(H) with H in (0, 1))");
            }
            if (!(hurst > 0 && hurst < 1)) {
                throw new InvalidInputException(where + ": setting 'init' has Hurst index " + h
                        + " outside (0, 1) in '" + raw + "'");
            }
            return "fbm(" + hurst + ")";
        }
        if (!choices.contains(s)) {
            throw new InvalidInputException(where + ": setting '" + key + "' has no value '" + raw
                    + "' (expected one of " + String.join(", ", choices) + ")");
        }
        return s;
    }

    /**
     * Parses an integer list: a YAML list, a comma-separated string, or a range {@code a..b}. The
     * values are counted before any is materialised: a list longer than a sweep may be
     * ({@link SweepConfig#MAX_CELLS}) is refused at once.
     *
     * @param raw   a List, Number or String
     * @param where where the value came from
     * @return the integers, in the given order
     */
    public List<Integer> parseIntList(Object raw, String where) {
        if (type != Type.INT_LIST) {
            throw new IllegalStateException(key + " is not a list setting");
        }
        List<int[]> ranges = new java.util.ArrayList<>();
        collectRanges(raw, where, ranges);
        long count = 0;
        for (int[] r : ranges) {
            count += (long) r[1] - r[0] + 1;
        }
        if (count > SweepConfig.MAX_CELLS) {
            throw new InvalidInputException(where + ": setting '" + key + "' lists " + count + " values, but a sweep "
                    + "holds at most " + SweepConfig.MAX_CELLS + " cells");
        }
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>((int) count);
        for (int[] r : ranges) {
            for (long i = r[0]; i <= r[1]; i++) {
                checkListElement((int) i, where);
                out.add((int) i);
            }
        }
        return out;
    }

    /** Adds the ranges [a, b] a raw list value stands for (a single value is [v, v]). */
    private void collectRanges(Object raw, String where, List<int[]> ranges) {
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof List<?> || o instanceof java.util.Map<?, ?>) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has a nested list or map");
                }
                collectRanges(o, where, ranges);
            }
            return;
        }
        String s = String.valueOf(raw).trim();
        if (s.isEmpty()) {
            return;
        }
        if (this == DEPTHS_VALUES && org.rscale.sweeps.model.ConvArchitecture.PAPER_GRID.equals(s)) {
            for (int depth : org.rscale.sweeps.model.ConvArchitecture.PAPER_BLOCK_COUNTS.keySet()) {
                ranges.add(new int[] {depth, depth});
            }
            return;
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            int dots = p.indexOf("..");
            try {
                if (dots > 0) {
                    int a = Integer.parseInt(p.substring(0, dots).trim());
                    int b = Integer.parseInt(p.substring(dots + 2).trim());
                    if (b < a) {
                        throw new InvalidInputException(where + ": setting '" + key + "' has an empty range '" + p + "'");
                    }
                    ranges.add(new int[] {a, b});
                } else {
                    int v = Integer.parseInt(p);
                    ranges.add(new int[] {v, v});
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + ": setting '" + key
                        + "' expects whole numbers (a list or a range a..b), got '" + p + "'");
            }
        }
    }

    private void checkListElement(int v, String where) {
        if (this == DEPTHS_VALUES && v < 1) {
            throw new InvalidInputException(where + ": every depth in 'depths.values' must be >= 1, got " + v);
        }
    }

    private void check(Object v, String where) {
        String bad = null;
        switch (this) {
            case DEPTHS_MIN: case BATCH_SIZE: case EPOCHS: case PATIENCE:
                if ((Integer) v < 1) {
                    bad = "must be >= 1";
                }
                break;
            case DATA_DIM:
                if ((Integer) v < 0) {
                    bad = "must be >= 0 (0: the data kind's own)";
                }
                break;
            case DATA_TRAIN_SIZE: case DATA_TEST_SIZE:
                if ((Integer) v < 0) {
                    bad = "must be >= 0 (0 or all: the whole split)";
                }
                break;
            case DEPTHS_MAX:
                if ((Integer) v < 1) {
                    bad = "must be >= 1";
                }
                break;
            case CONV_BASE_WIDTH:
                if ((Integer) v < 1) {
                    bad = "must be >= 1";
                }
                break;
            case WEIGHT_DECAY:
                if ((Double) v < 0) {
                    bad = "must be >= 0";
                }
                break;
            case CONV_BLOCKS:
                if (!org.rscale.sweeps.model.ConvArchitecture.validRule((String) v)) {
                    bad = "must be 'paper', 'even' or block counts such as 3-4-6-3";
                }
                break;
            case DEPTHS_BASE:
                if (!((Double) v > 1)) {
                    bad = "must be > 1";
                }
                break;
            case LR:
                if (!((Double) v > 0)) {
                    bad = "must be > 0";
                }
                break;
            case ND4J_MIN_WIDTH:
                if ((Integer) v < 0) {
                    bad = "must be >= 0 (0: by batch size)";
                }
                break;
            case INITIAL_SD: case EPSILON:
                if ((Double) v < 0) {
                    bad = "must be >= 0";
                }
                break;
            case MOMENTUM:
                if ((Double) v < 0 || (Double) v >= 1) {
                    bad = "must lie in [0, 1)";
                }
                break;
            case INIT_HURST:
                if (!((Double) v > 0 && (Double) v < 1)) {
                    bad = "must lie in (0, 1)";
                }
                break;
            case INIT_LENGTH_SCALE:
                if (!((Double) v > 0)) {
                    bad = "must be > 0";
                }
                break;
            case STALL_FACTOR:
                if (!((Double) v > 0 && (Double) v <= 1)) {
                    bad = "must lie in (0, 1]";
                }
                break;
            default:
                break;
        }
        if (bad != null) {
            throw new InvalidInputException(where + ": setting '" + key + "' " + bad + ", got " + v);
        }
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting s : values()) {
            int dist = editDistance(key, s.key);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = s.key;
            }
        }
        String known = String.join(", ", Arrays.stream(values()).map(Setting::key).toList());
        return bestDistance <= Math.max(2, key.length() / 3)
                ? " (did you mean '" + best + "'?)"
                : " (known settings: " + known + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
