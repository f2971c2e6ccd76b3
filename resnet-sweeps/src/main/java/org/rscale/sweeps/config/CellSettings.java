package org.rscale.sweeps.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Everything that determines one trained network: its depth and seed and one value of every
 * cell-level {@link Setting}. A cell can be re-run from these settings alone
 * ({@link #fromMap(Map, String)} reads them back from {@code run.json}).
 *
 * @param depth           L
 * @param seed            the training seed (initialisation and batch order)
 * @param dataKind        {@code data.kind}
 * @param dim             {@code data.dim}, the width d
 * @param trainSize       {@code data.train_size}
 * @param testSize        {@code data.test_size}
 * @param dataSeed        {@code data.seed}
 * @param activation      {@code activation}
 * @param delta           {@code delta}
 * @param deltaBeta       {@code delta_beta}
 * @param init            {@code init}
 * @param initialSd       {@code initial_sd}
 * @param initLengthScale {@code init_length_scale}
 * @param initHurst       {@code init_hurst}
 * @param iidDistribution {@code iid_distribution}
 * @param optimizer       {@code optimizer}
 * @param lr              {@code lr}
 * @param momentum        {@code momentum}
 * @param batchSize       {@code batch_size}
 * @param batching        {@code batching}
 * @param epochs          {@code epochs}
 * @param epsilon         {@code epsilon}
 * @param patience        {@code patience}
 * @param stallFactor     {@code stall_factor}
 * @param precision       {@code precision}
 * @param kernel          {@code kernel}
 * @param nd4jMinWidth    {@code nd4j_min_width}
 */
public record CellSettings(int depth, int seed,
                           String dataKind, int dim, int trainSize, int testSize, int dataSeed,
                           Activation activation, ScalingFactor delta, double deltaBeta,
                           Initialisation init, double initialSd, double initLengthScale, double initHurst,
                           String iidDistribution,
                           String optimizer, double lr, double momentum, int batchSize, String batching,
                           int epochs, double epsilon, int patience, double stallFactor,
                           String precision, String kernel, int nd4jMinWidth) {

    /** Key of the depth in {@link #toMap()}. */
    public static final String DEPTH_KEY = "depth";
    /** Key of the training seed in {@link #toMap()}. */
    public static final String SEED_KEY = "seed";

    // Checks the settings that depend on each other.
    public CellSettings {
        if (depth < 1) {
            throw new InvalidInputException("depth must be >= 1, got " + depth);
        }
        if ("reference".equals(batching) && trainSize % batchSize != 0) {
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
     * @return the cell's settings
     */
    public static CellSettings of(int depth, int seed, Map<Setting, Object> values) {
        Map<Setting, Object> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.CELL) {
                v.put(s, values.getOrDefault(s, s.defaultValue()));
            }
        }
        String initKey = (String) v.get(Setting.INIT);
        double hurst = ((Number) v.get(Setting.INIT_HURST)).doubleValue();
        if (initKey.startsWith("fbm(")) {
            hurst = Double.parseDouble(initKey.substring(4, initKey.length() - 1));
            initKey = "fbm";
        }
        return new CellSettings(depth, seed,
                (String) v.get(Setting.DATA_KIND), i(v, Setting.DATA_DIM), i(v, Setting.DATA_TRAIN_SIZE),
                i(v, Setting.DATA_TEST_SIZE), i(v, Setting.DATA_SEED),
                Activation.of((String) v.get(Setting.ACTIVATION)), ScalingFactor.of((String) v.get(Setting.DELTA)),
                d(v, Setting.DELTA_BETA),
                Initialisation.of(initKey), d(v, Setting.INITIAL_SD), d(v, Setting.INIT_LENGTH_SCALE), hurst,
                (String) v.get(Setting.IID_DISTRIBUTION),
                (String) v.get(Setting.OPTIMIZER), d(v, Setting.LR), d(v, Setting.MOMENTUM), i(v, Setting.BATCH_SIZE),
                (String) v.get(Setting.BATCHING), i(v, Setting.EPOCHS), d(v, Setting.EPSILON), i(v, Setting.PATIENCE),
                d(v, Setting.STALL_FACTOR), (String) v.get(Setting.PRECISION), (String) v.get(Setting.KERNEL),
                i(v, Setting.ND4J_MIN_WIDTH));
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
        switch (s) {
            case DATA_KIND: return dataKind;
            case DATA_DIM: return dim;
            case DATA_TRAIN_SIZE: return trainSize;
            case DATA_TEST_SIZE: return testSize;
            case DATA_SEED: return dataSeed;
            case ACTIVATION: return activation.key();
            case DELTA: return delta.key();
            case DELTA_BETA: return deltaBeta;
            case INIT: return init.key();
            case INITIAL_SD: return initialSd;
            case INIT_LENGTH_SCALE: return initLengthScale;
            case INIT_HURST: return initHurst;
            case IID_DISTRIBUTION: return iidDistribution;
            case OPTIMIZER: return optimizer;
            case LR: return lr;
            case MOMENTUM: return momentum;
            case BATCH_SIZE: return batchSize;
            case BATCHING: return batching;
            case EPOCHS: return epochs;
            case EPSILON: return epsilon;
            case PATIENCE: return patience;
            case STALL_FACTOR: return stallFactor;
            case PRECISION: return precision;
            case KERNEL: return kernel;
            case ND4J_MIN_WIDTH: return nd4jMinWidth;
            default: throw new IllegalArgumentException(s.key() + " is not a cell setting");
        }
    }

    /**
     * @param s a cell-level setting
     * @return its value as a short label: as {@link #get}, but {@code fbm(H)} for the fbm initialisation
     */
    public String label(Setting s) {
        if (s == Setting.INIT && init == Initialisation.FBM) {
            return "fbm(" + initHurst + ")";
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
        return new CellSettings(newDepth, seed, dataKind, dim, trainSize, testSize, dataSeed, activation, delta,
                deltaBeta, init, initialSd, initLengthScale, initHurst, iidDistribution, optimizer, lr, momentum,
                batchSize, batching, epochs, epsilon, patience, stallFactor, precision, kernel, nd4jMinWidth);
    }

    private static int i(Map<Setting, Object> v, Setting s) {
        return ((Number) v.get(s)).intValue();
    }

    private static double d(Map<Setting, Object> v, Setting s) {
        return ((Number) v.get(s)).doubleValue();
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
