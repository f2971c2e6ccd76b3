package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
public enum ScanSetting {
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

    private static final Pattern LINSPACE = Pattern.compile(
            "linspace\\(\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*\\)");

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
    public String key() {
        return key;
    }

    /** @return the value type */
    public Type type() {
        return type;
    }

    /** @return the default: an Integer, Double, String, or a List of them */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return one line for the user */
    public String description() {
        return description;
    }

    /** @return the allowed words of a choice setting, else empty */
    public List<String> choices() {
        return choices;
    }

    /**
     * @param key   a key
     * @param where where it came from, for the message
     * @return the setting
     * @throws InvalidInputException naming the key and the known keys
     */
    public static ScanSetting of(String key, String where) {
        for (ScanSetting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException(where + ": unknown init-scan setting '" + key + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(ScanSetting::key).toList()) + ")");
    }

    /**
     * Converts a raw value (a YAML scalar or list, or a {@code --set} string) to this setting's
     * type and checks its range.
     *
     * @param raw   a Number, String or List
     * @param where where the value came from, for messages
     * @return an Integer, Double, String, or an unmodifiable List of Integer, Double or String
     * @throws InvalidInputException naming the setting and the value
     */
    public Object parse(Object raw, String where) {
        if (raw == null) {
            if (type == Type.INTS || type == Type.DOUBLES || type == Type.CHOICES) {
                return check(List.of(), where);
            }
            throw new InvalidInputException(where + ": setting '" + key + "' has no value");
        }
        switch (type) {
            case INT:
                return check(whole(single(raw, where), where), where);
            case DOUBLE:
                return check(real(single(raw, where), where), where);
            case CHOICE:
                return choice(single(raw, where), where);
            case CHOICES:
                List<String> words = new ArrayList<>();
                for (Object o : items(raw, where)) {
                    words.add(choice(o, where));
                }
                return check(words, where);
            case INTS:
            case DOUBLES:
                return check(numbers(raw, where), where);
            default:
                throw new AssertionError(type);
        }
    }

    private Object single(Object raw, String where) {
        if (raw instanceof List<?>) {
            throw new InvalidInputException(where + ": setting '" + key + "' takes one value, not a list");
        }
        return raw;
    }

    /** A YAML list's items, or a comma-separated string's parts. */
    private List<Object> items(Object raw, String where) {
        List<Object> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof List<?> || o instanceof java.util.Map<?, ?>) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has a nested list or map");
                }
                out.add(o);
            }
            return out;
        }
        String s = raw.toString().trim();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            out.add(part.trim());
        }
        return out;
    }

    private List<Object> numbers(Object raw, String where) {
        List<Object> out = new ArrayList<>();
        if (!(raw instanceof List<?>)) {
            String s = raw.toString().trim();
            Matcher m = LINSPACE.matcher(s.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                return linspace(m, where);
            }
            if (s.toLowerCase(Locale.ROOT).startsWith("linspace")) {
                throw new InvalidInputException(where + ": setting '" + key + "' has a malformed '" + s
                        + "' (expected linspace(a, b, n))");
            }
        }
        for (Object o : items(raw, where)) {
            String p = o.toString().trim();
            int dots = p.indexOf("..");
            if (type == Type.INTS && dots > 0) {
                int a = whole(p.substring(0, dots), where);
                int b = whole(p.substring(dots + 2), where);
                if (b < a) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has an empty range '" + p + "'");
                }
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
            } else {
                out.add(type == Type.INTS ? (Object) whole(o, where) : (Object) real(o, where));
            }
        }
        return out;
    }

    private List<Object> linspace(Matcher m, String where) {
        double a = real(m.group(1), where);
        double b = real(m.group(2), where);
        int n = whole(m.group(3), where);
        if (n < 1) {
            throw new InvalidInputException(where + ": setting '" + key + "': linspace needs n >= 1, got " + n);
        }
        List<Object> out = new ArrayList<>();
        double step = n > 1 ? (b - a) / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            // numpy: a + i step, the last value exactly b
            double v = i == n - 1 && n > 1 ? b : a + i * step;
            out.add(type == Type.INTS ? (Object) (int) Math.floor(v) : (Object) v);
        }
        return out;
    }

    private int whole(Object raw, String where) {
        if (raw instanceof Integer i) {
            return i;
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
            throw new InvalidInputException(where + ": setting '" + key + "' expects whole numbers, got '" + s + "'");
        }
    }

    private double real(Object raw, String where) {
        double d;
        if (raw instanceof Number num) {
            d = num.doubleValue();
        } else {
            String s = raw.toString().trim();
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + ": setting '" + key + "' expects numbers, got '" + s + "'");
            }
        }
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(where + ": setting '" + key + "' expects finite numbers, got " + raw);
        }
        return d;
    }

    private String choice(Object raw, String where) {
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(s)) {
            throw new InvalidInputException(where + ": setting '" + key + "' has no value '" + raw
                    + "' (expected one of " + String.join(", ", choices) + ")");
        }
        return s;
    }

    private Object check(Object v, String where) {
        String bad = null;
        switch (this) {
            case DRAWS: case INPUTS: case INPUT_DIM:
                bad = (Integer) v < 1 ? "must be >= 1" : null;
                break;
            case PATHS:
                bad = (Integer) v < 0 ? "must be >= 0" : null;
                break;
            case INIT_LENGTH_SCALE:
                bad = (Double) v > 0 ? null : "must be > 0";
                break;
            case HURSTS:
                for (Object o : (List<?>) v) {
                    double h = (Double) o;
                    bad = h > 0 && h < 1 ? bad : "must lie in (0, 1) (got " + h + ")";
                }
                break;
            case WIDTHS: case DEPTHS:
                for (Object o : (List<?>) v) {
                    bad = (Integer) o >= 1 ? bad : "must all be >= 1 (got " + o + ")";
                }
                break;
            default:
                break;
        }
        if (bad == null && v instanceof List<?> list) {
            if (list.stream().distinct().count() != list.size()) {
                bad = "lists a value twice: " + list;
            }
            if (list.isEmpty() && this != BETAS) {
                bad = "is empty";
            }
            v = List.copyOf(list);
        }
        if (bad != null) {
            throw new InvalidInputException(where + ": setting '" + key + "' " + bad
                    + (v instanceof List<?> ? "" : ", got " + v));
        }
        return v;
    }
}
