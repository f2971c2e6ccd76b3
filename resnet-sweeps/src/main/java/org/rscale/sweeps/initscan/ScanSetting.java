package org.rscale.sweeps.initscan;

import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.SmoothVariant;

/**
 * Every setting of an initialisation scan ({@code rscale init-scan}): its key (the YAML key and the
 * {@code --set} name), its type, default and meaning. Keys are defined here once; the init settings
 * share their names and meaning with the sweep settings of {@link Setting}.
 *
 * <p>Lists: a YAML list, a comma-separated string, or {@code linspace(a, b, n)} (numpy's
 * {@code np.linspace}: {@code a + i (b - a)/(n - 1)}, the last value exactly b; for whole numbers
 * each value rounded down, as {@code np.linspace(a, b, n, dtype=int)}); whole-number lists also
 * take ranges {@code a..b}. A list may not repeat a value.
 */
public enum ScanSetting implements StudySetting {
    /** The models. */
    MODEL("model", Type.CHOICES, List.of("res-3"), "res-1 and/or res-3 (SCIENCE 1.2)",
            BranchModel.keys().toArray(String[]::new)),
    /** The initialisations of V_k and W_k. */
    INIT("init", Type.CHOICES, List.of("iid"), "law of V_k and W_k: iid, smooth and/or fbm", "iid", "smooth", "fbm"),
    /** Hurst indices of the fbm law. */
    HURSTS("hursts", Type.DOUBLES, List.of(0.5), "Hurst indices H of the fbm law, in (0, 1) (list or linspace; "
            + "ignored by iid and smooth)"),
    /** Widths d. */
    WIDTHS("widths", Type.INTS, List.of(40), "widths d (list)"),
    /** Depths L. */
    DEPTHS("depths", Type.INTS, List.of(1000), "depths L (list, range a..b, or linspace(a, b, n) rounded down)"),
    /** Exponents beta of alpha_L = L^-beta. */
    BETAS("betas", Type.DOUBLES, List.of(0.5), "exponents beta of the branch scale L^-beta (list or linspace); "
            + "one network draw serves every beta; empty (betas=) with paths > 0 draws weight paths only"),
    /** Networks drawn per (model, init, H, width, depth). */
    DRAWS("draws", Type.INT, 1, "networks drawn per model, init, H, width and depth"),
    /** Inputs per network. */
    INPUTS("inputs", Type.INT, 1, "random inputs x ~ U[0, 1]^input_dim (each with a target y ~ U[0, 1]) per network"),
    /** Input dimension m. */
    INPUT_DIM("input_dim", Type.INT, 64, "input dimension m (A is width x m)"),
    /** Base seed of every random stream. */
    SEED("seed", Type.INT, 0, "seed of the random streams (networks and inputs)"),
    /** Law of the iid initialisation. */
    IID_DISTRIBUTION("iid_distribution", Type.CHOICE, BranchLaw.UNIFORM,
            "law of the iid initialisation, variance 1/d either way (uniform: the reference code's)",
            BranchLaw.UNIFORM, BranchLaw.GAUSSIAN),
    /** RBF length scale of the smooth law. */
    INIT_LENGTH_SCALE("init_length_scale", Type.DOUBLE, Setting.INIT_LENGTH_SCALE.defaultValue(),
            Setting.INIT_LENGTH_SCALE.description()),
    /** Values or increments of the smooth process. */
    SMOOTH_VARIANT("smooth_variant", Type.CHOICE, SmoothVariant.VALUES.key(),
            "smooth weights: values = X(k/L)/sqrt(d) (SCIENCE 1.1); increments = rescaled X((k+1)/L) - X(k/L) "
                    + "(the reference code)", SmoothVariant.keys().toArray(String[]::new)),
    /** Weight entries whose paths are saved. */
    PATHS("paths", Type.INT, 0, "entries V_k[0, j], j < paths, of every network saved along k to paths.csv "
            + "(0: none)"),
    /** Which propagation kernel. */
    KERNEL("kernel", Type.CHOICE, "auto", "propagation kernel: auto = vector when the JVM has the Vector API, "
            + "else loop (both give the same bits)", "auto", "loop", "vector");

    /** Value types. */
    public enum Type {
        /** a whole number. */
        INT,
        /** a real number. */
        DOUBLE,
        /** one of a fixed set of words. */
        CHOICE,
        /** a list of words from a fixed set. */
        CHOICES,
        /** a list of whole numbers (or a range, or linspace). */
        INTS,
        /** a list of real numbers (or linspace). */
        DOUBLES
    }

    private final String key;
    private final Type type;
    private final Object defaultValue;
    private final String description;
    private final List<String> choices;

    ScanSetting(String key, Type type, Object defaultValue, String description, String... choices) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = List.of(choices);
    }

    /** @return the key */
    @Override
    public String key() {
        return key;
    }

    /** @return the value type */
    public Type type() {
        return type;
    }

    /** @return the default: an Integer, Double, String, or a List of them */
    @Override
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return one line for the user */
    @Override
    public String description() {
        return description;
    }

    /** @return the allowed words of a choice setting, else empty */
    @Override
    public List<String> choices() {
        return choices;
    }

    /**
     * Converts a raw value (a YAML scalar or list, or a {@code --set} string) to this setting's
     * type ({@link SettingValues}) and checks its range.
     *
     * @param raw   a Number, String or List
     * @param where where the value came from, for messages
     * @return an Integer, Double, String, or an unmodifiable List of Integer, Double or String
     * @throws InvalidInputException naming the setting and the value
     */
    @Override
    public Object parse(Object raw, String where) {
        Object v;
        switch (type) {
            case INT: v = SettingValues.whole(key, raw, where); break;
            case DOUBLE: v = SettingValues.real(key, raw, where); break;
            case CHOICE: v = SettingValues.choice(key, raw, choices, where); break;
            case CHOICES: v = SettingValues.choices(key, raw, choices, where); break;
            case INTS: v = SettingValues.wholes(key, raw, where); break;
            case DOUBLES: v = SettingValues.reals(key, raw, where); break;
            default: throw new AssertionError(type);
        }
        return check(v, where);
    }

    private Object check(Object v, String where) {
        String bad = null;
        switch (this) {
            case DRAWS: case INPUTS: case INPUT_DIM:
                bad = (Integer) v < 1 ? "must be >= 1, got " + v : null;
                break;
            case PATHS:
                bad = (Integer) v < 0 ? "must be >= 0, got " + v : null;
                break;
            case INIT_LENGTH_SCALE:
                bad = (Double) v > 0 ? null : "must be > 0, got " + v;
                break;
            case HURSTS:
                for (Object o : (List<?>) v) {
                    double h = (Double) o;
                    bad = h > 0 && h < 1 ? bad : "must lie in (0, 1), got " + h;
                }
                break;
            case WIDTHS: case DEPTHS:
                for (Object o : (List<?>) v) {
                    bad = (Integer) o >= 1 ? bad : "must all be >= 1, got " + o;
                }
                break;
            default:
                break;
        }
        if (bad == null && v instanceof List<?> list && list.isEmpty() && this != BETAS) {
            bad = "is empty";
        }
        if (bad != null) {
            throw new InvalidInputException(where + ": setting '" + key + "' " + bad);
        }
        return v;
    }
}
