package org.rscale.sweeps.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;

/**
 * Resolves a sweep configuration from, in order: the defaults of {@link Setting}; a named preset;
 * a YAML file; and {@code --set key=value} overrides. Later sources replace earlier ones setting by
 * setting.
 *
 * <p>YAML may nest ({@code data: {train_size: 1024}}) or use dotted keys ({@code data.train_size:
 * 1024}); a cell setting given as a list becomes a grid axis; {@code depths: [3, 10, 30]} is short
 * for {@code depths.values}. A top-level {@code provenance} block (as in a {@code sweep.yaml}) is
 * ignored, so a sweep's resolved configuration can be the base of a new sweep.
 *
 * <p>On the command line a list is comma-separated ({@code --set activation=tanh,relu}), and integer
 * lists also take ranges ({@code --set seeds=0..4}).
 */
public final class SweepConfigLoader implements ConfigLoader<SweepConfig> {
    /** The top-level key of the provenance block in a sweep.yaml, skipped on reading. */
    public static final String PROVENANCE_KEY = "provenance";

    private final Map<Setting, Object> sweepValues = new EnumMap<>(Setting.class);
    private final Map<Setting, List<Object>> grid = new EnumMap<>(Setting.class);
    private final List<String> sources = new ArrayList<>();

    /** Starts from the defaults. */
    public SweepConfigLoader() {
    }

    /**
     * Applies a named preset.
     *
     * @param name a preset name ({@link Presets#names()})
     * @return this
     */
    @Override
    public SweepConfigLoader preset(String name) {
        String yaml = Presets.yaml(name);
        apply(parseYaml(yaml, "preset '" + name + "'"), "preset '" + name + "'");
        sources.add("preset " + name);
        return this;
    }

    /**
     * Applies a YAML configuration file.
     *
     * @param file the file
     * @return this
     */
    @Override
    public SweepConfigLoader file(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": configuration file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read configuration (" + FileFailure.describe(e) + ")", e);
        }
        apply(parseYaml(text, file.toString()), file.toString());
        sources.add("file " + file);
        return this;
    }

    /**
     * Applies one {@code key=value} override.
     *
     * @param assignment {@code key=value}; a list is comma-separated
     * @return this
     */
    @Override
    public SweepConfigLoader set(String assignment) {
        int eq = assignment.indexOf('=');
        String where = "--set " + assignment;
        if (eq <= 0) {
            throw new InvalidInputException(where + ": expected key=value");
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        Setting s = alias(key, where);
        Object raw;
        if (s.type() == Setting.Type.INT_LIST || s.type() == Setting.Type.TEXT) {
            raw = value;
        } else {
            List<Object> parts = new ArrayList<>();
            for (String p : value.split(",")) {
                parts.add(p.trim());
            }
            raw = parts.size() == 1 ? parts.get(0) : parts;
        }
        put(s, raw, where);
        sources.add("--set " + assignment);
        return this;
    }

    /**
     * @return the resolved configuration
     */
    @Override
    public SweepConfig resolve() {
        String name = (String) sweepValues.getOrDefault(Setting.NAME, Setting.NAME.defaultValue());
        @SuppressWarnings("unchecked")
        List<Integer> seeds = (List<Integer>) sweepValues.getOrDefault(Setting.SEEDS, Setting.SEEDS.defaultValue());
        @SuppressWarnings("unchecked")
        List<Integer> values = (List<Integer>) sweepValues.getOrDefault(Setting.DEPTHS_VALUES,
                Setting.DEPTHS_VALUES.defaultValue());
        DepthGrid depths = new DepthGrid(
                (Integer) sweepValues.getOrDefault(Setting.DEPTHS_MIN, Setting.DEPTHS_MIN.defaultValue()),
                (Integer) sweepValues.getOrDefault(Setting.DEPTHS_MAX, Setting.DEPTHS_MAX.defaultValue()),
                (Double) sweepValues.getOrDefault(Setting.DEPTHS_BASE, Setting.DEPTHS_BASE.defaultValue()),
                values);
        String source = sources.isEmpty() ? "defaults" : String.join("; ", sources);
        SweepConfig config = new SweepConfig(name, seeds, depths, grid, source);
        config.cells(); // checks every combination now, before anything is written
        return config;
    }

    /**
     * Parses a YAML configuration into dotted keys (nested maps flattened, a top-level
     * {@code provenance} block skipped); values stay raw (scalars or lists). Also used by the
     * initialisation scan's loader.
     *
     * @param text  the YAML text
     * @param where its source, for messages
     * @return the dotted keys and their raw values, in file order
     * @throws InvalidInputException for malformed YAML, a non-mapping document or a key given twice
     */
    public static Map<String, Object> parseYaml(String text, String where) {
        Object tree;
        try {
            tree = DataFormats.yaml().readValue(text, Object.class);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String at = where + (line > 0 ? ":" + line : "");
            String key = currentKey(e);
            if (key != null && msg.startsWith("Duplicate field")) {
                throw new InvalidInputException(at + ": setting '" + key + "' is given twice", e);
            }
            throw new InvalidInputException(at + ": " + (key == null ? "" : "setting '" + key + "': ")
                    + "not valid YAML (" + msg + ")", e);
        }
        if (tree == null) {
            return Map.of();
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new InvalidInputException(where + ": a configuration must be a YAML mapping of settings");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", map, flat, where);
        return flat;
    }

    /** The dotted key the YAML parser was reading when it failed, or null when it was not in a mapping. */
    private static String currentKey(JacksonException e) {
        if (!(e.getProcessor() instanceof JsonParser p)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                names.add(0, c.getCurrentName());
            }
        }
        return names.isEmpty() ? null : String.join(".", names);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, String where) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (prefix.isEmpty() && PROVENANCE_KEY.equals(key)) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                flatten(key + ".", sub, out, where);
            } else {
                if (out.containsKey(key)) {
                    throw new InvalidInputException(where + ": setting '" + key + "' is given twice");
                }
                out.put(key, v);
            }
        }
    }

    private void apply(Map<String, Object> flat, String where) {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            Setting s = alias(e.getKey(), where);
            String before = given.put(s, e.getKey());
            if (before != null) {
                throw new InvalidInputException(where + ": setting '" + s.key() + "' is given twice (as '" + before
                        + "' and as '" + e.getKey() + "')");
            }
            put(s, e.getValue(), where);
        }
    }

    /** Resolves a key, mapping {@code depths} (a list) to {@code depths.values}; throws for an unknown key. */
    private static Setting alias(String key, String where) {
        return "depths".equals(key) ? Setting.DEPTHS_VALUES : Setting.of(key, where);
    }

    private void put(Setting s, Object raw, String where) {
        if (s.scope() == Setting.Scope.SWEEP) {
            if (s.type() == Setting.Type.INT_LIST) {
                sweepValues.put(s, s.parseIntList(raw, where));
            } else {
                if (raw instanceof List<?>) {
                    throw new InvalidInputException(where + ": setting '" + s.key() + "' takes one value, not a list");
                }
                sweepValues.put(s, s.parse(raw, where));
            }
            return;
        }
        List<Object> values = new ArrayList<>();
        if (raw instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new InvalidInputException(where + ": setting '" + s.key() + "' has an empty list");
            }
            for (Object o : list) {
                if (o instanceof List<?> || o instanceof Map<?, ?>) {
                    throw new InvalidInputException(where + ": setting '" + s.key() + "' has a nested list or map");
                }
                values.add(s.parse(o, where));
            }
        } else {
            values.add(s.parse(raw, where));
        }
        grid.put(s, values);
    }
}
