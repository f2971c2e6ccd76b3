package org.rscale.sweeps.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataKind;
import org.rscale.sweeps.data.DataSpec;
import org.rscale.sweeps.init.InitSpec;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Everything that determines one trained network: its depth and seed and one value of every
 * cell-level {@link Setting}. A cell can be re-run from these settings alone
 * ({@link #fromMap(Map, String)} reads them back from {@code run.json}).
 *
 * <p>The values are held by setting (one entry for every cell-level setting, each already parsed and
 * checked by {@link Setting#parse}); the typed accessors below read them. A new setting is an entry of
 * {@link Setting} and, where code needs it typed, one accessor here.
 *
 * @param depth  L
 * @param seed   the training seed (initialisation and batch order)
 * @param values every cell-level setting's value (Integer, Double or String); unmodifiable
 */
public record CellSettings(int depth, int seed, Map<Setting, Object> values) {

    /** Key of the depth in {@link #toMap()}. */
    public static final String DEPTH_KEY = "depth";
    /** Key of the training seed in {@link #toMap()}. */
    public static final String SEED_KEY = "seed";
    /** The settings that enter the initial law, which key its random stream ({@link InitSpec#streamKey()}). */
    private static final String[] INIT_STREAM_KEYS = {DEPTH_KEY, "data.dim", "delta", "delta_beta", "init",
        "initial_sd", "init_length_scale", "init_hurst", "iid_distribution"};

    // Checks the settings that depend on each other.
    public CellSettings {
        if (depth < 1) {
            throw new InvalidInputException("depth must be >= 1, got " + depth);
        }
        Map<Setting, Object> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.CELL) {
                Object value = values.get(s);
                if (value == null) {
                    throw new IllegalArgumentException("no value for setting '" + s.key() + "'");
                }
                v.put(s, value);
            }
        }
        values = Collections.unmodifiableMap(v);
        int trainSize = ((Number) v.get(Setting.DATA_TRAIN_SIZE)).intValue();
        int batchSize = ((Number) v.get(Setting.BATCH_SIZE)).intValue();
        if ("conv".equals(v.get(Setting.MODEL))) {
            try {
                org.rscale.sweeps.model.ConvArchitecture.blockCounts((String) v.get(Setting.CONV_BLOCKS), depth);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            if (!"sgd".equals(v.get(Setting.OPTIMIZER))) {
                throw new InvalidInputException("model=conv trains with sgd (set optimizer: sgd), not "
                        + v.get(Setting.OPTIMIZER));
            }
            if ("loop".equals(v.get(Setting.KERNEL)) || "vector".equals(v.get(Setting.KERNEL))) {
                throw new InvalidInputException("kernel=" + v.get(Setting.KERNEL) + " trains the fully-connected "
                        + "network only; model=conv uses the conv-gemm kernel (kernel: auto)");
            }
            if (!DataKind.of((String) v.get(Setting.DATA_KIND)).isConvImages()) {
                throw new InvalidInputException("model=conv needs image data: set data.kind to cifar10 or idx-images "
                        + "(and data.path), not " + v.get(Setting.DATA_KIND));
            }
        } else if (DataKind.of((String) v.get(Setting.DATA_KIND)).isConvImages()) {
            throw new InvalidInputException("data.kind=" + v.get(Setting.DATA_KIND) + " holds images for model=conv "
                    + "(set model: conv)");
        }
        if ("reference".equals(v.get(Setting.BATCHING)) && trainSize % batchSize != 0) {
            throw new InvalidInputException("setting 'batch_size' " + batchSize + " does not divide 'data.train_size' "
                    + trainSize + ", which batching=reference requires (use a divisor, or batching=shuffle)");
        }
    }

    /**
     * Builds the settings of one cell from one value per cell-level setting.
     *
     * @param depth  L
     * @param seed   the training seed
     * @param values one value per {@link Setting.Scope#CELL} setting (as parsed); missing ones take the default
     * @return the cell's settings, with the data kind's own width and sizes in place of 0
     *         ({@link DataKind#width}, {@link DataKind#trainSize}: 0 stays 0, the whole split, for IDX data)
     */
    public static CellSettings of(int depth, int seed, Map<Setting, Object> values) {
        Map<Setting, Object> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.CELL) {
                v.put(s, values.getOrDefault(s, s.defaultValue()));
            }
        }
        DataKind kind = DataKind.of((String) v.get(Setting.DATA_KIND));
        v.put(Setting.DATA_DIM, kind.width(((Number) v.get(Setting.DATA_DIM)).intValue()));
        v.put(Setting.DATA_TRAIN_SIZE, kind.trainSize(((Number) v.get(Setting.DATA_TRAIN_SIZE)).intValue()));
        v.put(Setting.DATA_TEST_SIZE, kind.testSize(((Number) v.get(Setting.DATA_TEST_SIZE)).intValue()));
        String initKey = (String) v.get(Setting.INIT);
        if (initKey.startsWith("fbm(")) {
            v.put(Setting.INIT_HURST, Double.parseDouble(initKey.substring(4, initKey.length() - 1)));
            v.put(Setting.INIT, "fbm");
        }
        return new CellSettings(depth, seed, v);
    }

    // ---- typed accessors ------------------------------------------------------------------------

    /** @return {@code data.kind} */
    public String dataKind() {
        return text(Setting.DATA_KIND);
    }

    /** @return {@code data.path}, the absolute directory of the IDX files, empty for synthetic data */
    public String dataPath() {
        return text(Setting.DATA_PATH);
    }

    /** @return {@code data.pixel_scale} */
    public String pixelScale() {
        return text(Setting.DATA_PIXEL_SCALE);
    }

    /** @return whether the cell trains the convolutional ResNet ({@code model: conv}) */
    public boolean isConv() {
        return "conv".equals(text(Setting.MODEL));
    }

    /** @return {@code conv.base_width} */
    public int convBaseWidth() {
        return integer(Setting.CONV_BASE_WIDTH);
    }

    /** @return the block counts n1..n4 of this cell's conv ResNet ({@code conv.blocks} at this depth) */
    public java.util.List<Integer> convBlockCounts() {
        try {
            return org.rscale.sweeps.model.ConvArchitecture.blockCounts(text(Setting.CONV_BLOCKS), depth);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** @return {@code weight_decay} */
    public double weightDecay() {
        return real(Setting.WEIGHT_DECAY);
    }

    /** @return {@code lr_schedule} */
    public String lrSchedule() {
        return text(Setting.LR_SCHEDULE);
    }

    /** @return {@code augment} */
    public String augment() {
        return text(Setting.AUGMENT);
    }

    /** @return {@code data.dim}, the width d */
    public int dim() {
        return integer(Setting.DATA_DIM);
    }

    /** @return {@code data.train_size}; 0 for the whole split of IDX data */
    public int trainSize() {
        return integer(Setting.DATA_TRAIN_SIZE);
    }

    /** @return {@code data.test_size}; 0 for the whole split of IDX data */
    public int testSize() {
        return integer(Setting.DATA_TEST_SIZE);
    }

    /** @return {@code data.seed} */
    public int dataSeed() {
        return integer(Setting.DATA_SEED);
    }

    /** @return {@code activation} */
    public Activation activation() {
        return Activation.of(text(Setting.ACTIVATION));
    }

    /** @return {@code delta} */
    public ScalingFactor delta() {
        return ScalingFactor.of(text(Setting.DELTA));
    }

    /** @return {@code delta_beta} */
    public double deltaBeta() {
        return real(Setting.DELTA_BETA);
    }

    /** @return {@code init} */
    public Initialisation init() {
        return Initialisation.of(text(Setting.INIT));
    }

    /** @return {@code initial_sd} */
    public double initialSd() {
        return real(Setting.INITIAL_SD);
    }

    /** @return {@code init_length_scale} */
    public double initLengthScale() {
        return real(Setting.INIT_LENGTH_SCALE);
    }

    /** @return {@code init_hurst} */
    public double initHurst() {
        return real(Setting.INIT_HURST);
    }

    /** @return {@code iid_distribution} */
    public String iidDistribution() {
        return text(Setting.IID_DISTRIBUTION);
    }

    /** @return {@code optimizer} */
    public String optimizer() {
        return text(Setting.OPTIMIZER);
    }

    /** @return {@code lr} */
    public double lr() {
        return real(Setting.LR);
    }

    /** @return {@code momentum} */
    public double momentum() {
        return real(Setting.MOMENTUM);
    }

    /** @return {@code batch_size} */
    public int batchSize() {
        return integer(Setting.BATCH_SIZE);
    }

    /** @return {@code batching} */
    public String batching() {
        return text(Setting.BATCHING);
    }

    /** @return {@code epochs} */
    public int epochs() {
        return integer(Setting.EPOCHS);
    }

    /** @return {@code epsilon} */
    public double epsilon() {
        return real(Setting.EPSILON);
    }

    /** @return {@code patience} */
    public int patience() {
        return integer(Setting.PATIENCE);
    }

    /** @return {@code stall_factor} */
    public double stallFactor() {
        return real(Setting.STALL_FACTOR);
    }

    /** @return {@code precision} */
    public String precision() {
        return text(Setting.PRECISION);
    }

    /** @return {@code kernel} */
    public String kernel() {
        return text(Setting.KERNEL);
    }

    /** @return {@code nd4j_min_width} */
    public int nd4jMinWidth() {
        return integer(Setting.ND4J_MIN_WIDTH);
    }

    /**
     * Reads settings back from the flat map of {@link #toMap()} (e.g. the {@code settings} of a
     * {@code run.json}); every key must be known, and depth and seed present.
     *
     * @param map   key to value
     * @param where the file it came from, for messages
     * @return the settings
     */
    public static CellSettings fromMap(Map<String, ?> map, String where) {
        Object depth = map.get(DEPTH_KEY);
        Object seed = map.get(SEED_KEY);
        if (depth == null || seed == null) {
            throw new InvalidInputException(where + ": settings lack '" + (depth == null ? DEPTH_KEY : SEED_KEY) + "'");
        }
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey().equals(DEPTH_KEY) || e.getKey().equals(SEED_KEY)) {
                continue;
            }
            Setting s = Setting.of(e.getKey(), where);
            if (s.scope() != Setting.Scope.CELL) {
                throw new InvalidInputException(where + ": '" + s.key() + "' is a sweep setting, not a cell setting");
            }
            values.put(s, s.parse(e.getValue(), where));
        }
        return of(intOf(depth, DEPTH_KEY, where), intOf(seed, SEED_KEY, where), values);
    }

    /** @return every setting as key to value (Integer, Double or String), sorted by key, with depth and seed */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put(DEPTH_KEY, depth);
        m.put(SEED_KEY, seed);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.CELL) {
                m.put(s.key(), get(s));
            }
        }
        return m;
    }

    /**
     * @param s a cell-level setting
     * @return its value here (Integer, Double or String; enums as their keys)
     */
    public Object get(Setting s) {
        Object v = values.get(s);
        if (v == null) {
            throw new IllegalArgumentException(s.key() + " is not a cell setting");
        }
        return v;
    }

    /**
     * @param s a cell-level setting
     * @return its value as a short label: as {@link #get}, but {@code fbm(H)} for the fbm initialisation and the
     *         directory's name for {@code data.path}
     */
    public String label(Setting s) {
        if (s == Setting.DATA_PATH) {
            java.nio.file.Path name = dataPath().isEmpty() ? null : java.nio.file.Path.of(dataPath()).getFileName();
            return name == null ? "none" : name.toString();
        }
        if (s == Setting.INIT && init() == Initialisation.FBM) {
            return "fbm(" + initHurst() + ")";
        }
        return String.valueOf(get(s));
    }

    /**
     * The canonical text of a subset of the settings, {@code key=value;...} sorted by key, used
     * to key random streams so that a stream depends only on the settings that enter it.
     *
     * @param keys the keys to include (depth and seed included when listed)
     * @return the canonical text
     */
    public String canonical(String... keys) {
        Map<String, Object> all = toMap();
        Map<String, Object> picked = new TreeMap<>();
        for (String k : keys) {
            if (!all.containsKey(k)) {
                throw new IllegalArgumentException("no setting '" + k + "'");
            }
            picked.put(k, all.get(k));
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : picked.entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append(';');
        }
        return sb.toString();
    }

    /** @return the cell-level settings without depth and seed: what a group of cells shares */
    public Map<String, Object> groupSettings() {
        Map<String, Object> m = new LinkedHashMap<>(toMap());
        m.remove(DEPTH_KEY);
        m.remove(SEED_KEY);
        return m;
    }

    /**
     * @param newDepth another depth
     * @return these settings at another depth
     */
    public CellSettings withDepth(int newDepth) {
        return new CellSettings(newDepth, seed, values);
    }

    /**
     * The dataset a group of cells trained on, named from its settings ({@link DataSpec#nameOf}), for
     * verdicts and figure titles.
     *
     * @param settings settings by key, as {@link #toMap()} or {@link #groupSettings()} (e.g. a run.json's)
     * @return e.g. {@code mnist-features of fashion-mnist} or {@code synthetic (d = 10)};
     *         {@value org.rscale.sweeps.RscaleBuild#UNKNOWN} without a {@code data.kind} (foreign weights)
     */
    public static String datasetName(Map<String, ?> settings) {
        Object kind = settings.get(Setting.DATA_KIND.key());
        if (kind == null) {
            return org.rscale.sweeps.RscaleBuild.UNKNOWN;
        }
        Object path = settings.get(Setting.DATA_PATH.key());
        Object dim = settings.get(Setting.DATA_DIM.key());
        int d = dim instanceof Number n ? n.intValue() : 0;
        return DataSpec.nameOf(kind.toString(), path == null ? "" : path.toString(), d);
    }

    /**
     * @param settings settings by key, as {@link #datasetName}
     * @return the dataset's shortest name for figure titles ({@link DataSpec#shortNameOf}: {@code synthetic},
     *         {@code fashion-mnist}); empty without a {@code data.kind}
     */
    public static String datasetShortName(Map<String, ?> settings) {
        Object kind = settings.get(Setting.DATA_KIND.key());
        Object path = settings.get(Setting.DATA_PATH.key());
        return kind == null ? "" : DataSpec.shortNameOf(kind.toString(), path == null ? "" : path.toString());
    }

    /** @return the image data settings of a conv cell */
    public org.rscale.sweeps.data.ImageDataSpec imageData() {
        return new org.rscale.sweeps.data.ImageDataSpec(dataKind(), dataPath(), trainSize(), testSize(), dataSeed());
    }

    /** @return the key of a conv cell's initialisation stream: the settings that enter the initial law */
    public String convInitKey() {
        return canonical(DEPTH_KEY, "model", "conv.base_width", "conv.blocks", "data.kind", "data.path");
    }

    /** @return the data settings of this cell */
    public DataSpec data() {
        return new DataSpec(dataKind(), dim(), trainSize(), testSize(), dataSeed(), dataPath(), pixelScale());
    }

    /** @return the initial law of this cell's network, with the key of its random stream */
    public InitSpec initSpec() {
        return new InitSpec(depth, dim(), activation(), delta(), deltaBeta(), init(), initialSd(), initLengthScale(),
                initHurst(), iidDistribution(), seed, canonical(INIT_STREAM_KEYS));
    }

    private int integer(Setting s) {
        return ((Number) values.get(s)).intValue();
    }

    private double real(Setting s) {
        return ((Number) values.get(s)).doubleValue();
    }

    private String text(Setting s) {
        return (String) values.get(s);
    }

    private static int intOf(Object o, String key, String where) {
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(o.toString());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": '" + key + "' must be a whole number, got '" + o + "'");
        }
    }
}
