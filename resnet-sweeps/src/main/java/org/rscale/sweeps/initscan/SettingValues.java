package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rscale.sweeps.InvalidInputException;

/**
 * The value grammar of the studies' settings (shared by their schemas): whole and real numbers,
 * words from a set, and lists, given as a YAML list, a comma-separated string, or
 * {@code linspace(a, b, n)} (numpy's {@code np.linspace}: {@code a + i (b - a)/(n - 1)}, the last
 * value exactly b; for whole numbers each value rounded down, as {@code np.linspace(a, b, n,
 * dtype=int)}); whole-number lists also take ranges {@code a..b}. Every message names the setting
 * and the value, in one line.
 */
public final class SettingValues {
    private static final Pattern LINSPACE = Pattern.compile(
            "linspace\\(\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*\\)");

    private SettingValues() {
    }

    /**
     * @param key   the setting
     * @param raw   a scalar
     * @param where where it came from
     * @return the whole number
     */
    public static int whole(String key, Object raw, String where) {
        single(key, raw, where);
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

    /**
     * @param key   the setting
     * @param raw   a scalar
     * @param where where it came from
     * @return the finite real number
     */
    public static double real(String key, Object raw, String where) {
        single(key, raw, where);
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

    /**
     * @param key     the setting
     * @param raw     a scalar
     * @param choices the allowed words
     * @param where   where it came from
     * @return the word, lower case
     */
    public static String choice(String key, Object raw, List<String> choices, String where) {
        single(key, raw, where);
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(s)) {
            throw new InvalidInputException(where + ": setting '" + key + "' has no value '" + raw
                    + "' (expected one of " + String.join(", ", choices) + ")");
        }
        return s;
    }

    /**
     * @param key   the setting
     * @param raw   true, false, yes, no
     * @param where where it came from
     * @return the flag
     */
    public static boolean flag(String key, Object raw, String where) {
        single(key, raw, where);
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "true": case "yes": return true;
            case "false": case "no": return false;
            default:
                throw new InvalidInputException(where + ": setting '" + key + "' expects true or false, got '" + raw
                        + "'");
        }
    }

    /**
     * @param key     the setting
     * @param raw     a list or a comma-separated string
     * @param choices the allowed words
     * @param where   where it came from
     * @return the words, distinct
     */
    public static List<String> choices(String key, Object raw, List<String> choices, String where) {
        List<String> words = new ArrayList<>();
        for (Object o : items(key, raw, where)) {
            words.add(choice(key, o, choices, where));
        }
        return distinct(key, words, where);
    }

    /**
     * @param key   the setting
     * @param raw   a list, a comma-separated string, a range {@code a..b}, or {@code linspace(a, b, n)}
     * @param where where it came from
     * @return the whole numbers, distinct
     */
    public static List<Integer> wholes(String key, Object raw, String where) {
        List<Integer> out = new ArrayList<>();
        if (linspace(raw) != null) {
            for (double v : linspaceValues(key, linspace(raw), where)) {
                out.add((int) Math.floor(v));
            }
            return distinct(key, out, where);
        }
        for (Object o : items(key, raw, where)) {
            String p = o.toString().trim();
            int dots = p.indexOf("..");
            if (dots > 0) {
                int a = whole(key, p.substring(0, dots), where);
                int b = whole(key, p.substring(dots + 2), where);
                if (b < a) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has an empty range '" + p + "'");
                }
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
            } else {
                out.add(whole(key, o, where));
            }
        }
        return distinct(key, out, where);
    }

    /**
     * @param key   the setting
     * @param raw   a list, a comma-separated string, or {@code linspace(a, b, n)}
     * @param where where it came from
     * @return the reals, distinct
     */
    public static List<Double> reals(String key, Object raw, String where) {
        List<Double> out = new ArrayList<>();
        if (linspace(raw) != null) {
            for (double v : linspaceValues(key, linspace(raw), where)) {
                out.add(v);
            }
            return distinct(key, out, where);
        }
        for (Object o : items(key, raw, where)) {
            out.add(real(key, o, where));
        }
        return distinct(key, out, where);
    }

    private static Matcher linspace(Object raw) {
        if (raw == null || raw instanceof List<?>) {
            return null;
        }
        Matcher m = LINSPACE.matcher(raw.toString().trim().toLowerCase(Locale.ROOT));
        return m.matches() ? m : null;
    }

    private static double[] linspaceValues(String key, Matcher m, String where) {
        double a = real(key, m.group(1), where);
        double b = real(key, m.group(2), where);
        int n = whole(key, m.group(3), where);
        if (n < 1) {
            throw new InvalidInputException(where + ": setting '" + key + "': linspace needs n >= 1, got " + n);
        }
        double[] v = new double[n];
        double step = n > 1 ? (b - a) / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            // numpy: a + i step, the last value exactly b
            v[i] = i == n - 1 && n > 1 ? b : a + i * step;
        }
        return v;
    }

    /** A YAML list's items, or a comma-separated string's parts; empty for null or "". */
    private static List<Object> items(String key, Object raw, String where) {
        List<Object> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof List<?> || o instanceof Map<?, ?>) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has a nested list or map");
                }
                out.add(o);
            }
            return out;
        }
        String s = raw.toString().trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("linspace")) {
            throw new InvalidInputException(where + ": setting '" + key + "' has a malformed '" + s
                    + "' (expected linspace(a, b, n))");
        }
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            out.add(part.trim());
        }
        return out;
    }

    private static <T> List<T> distinct(String key, List<T> list, String where) {
        if (list.stream().distinct().count() != list.size()) {
            throw new InvalidInputException(where + ": setting '" + key + "' lists a value twice: " + list);
        }
        return List.copyOf(list);
    }

    private static void single(String key, Object raw, String where) {
        if (raw == null) {
            throw new InvalidInputException(where + ": setting '" + key + "' has no value");
        }
        if (raw instanceof List<?>) {
            throw new InvalidInputException(where + ": setting '" + key + "' takes one value, not a list");
        }
    }
}
