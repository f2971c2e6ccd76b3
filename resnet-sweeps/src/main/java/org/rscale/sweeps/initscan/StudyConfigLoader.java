package org.rscale.sweeps.initscan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.SweepConfigLoader;

/**
 * Resolves a study's settings from, in order: the defaults of its schema; a named preset; a YAML
 * file; and {@code --set key=value} overrides, later sources replacing earlier ones setting by
 * setting. The YAML grammar is the sweeps' ({@link SweepConfigLoader#parseYaml}); a top-level
 * {@code provenance} block (as in a written configuration) is ignored.
 *
 * @param <S> the schema, an enum of {@link StudySetting}s
 */
public final class StudyConfigLoader<S extends Enum<S> & StudySetting> {
    private final Class<S> schema;
    private final Function<String, String> presets;
    private final Map<S, Object> values;
    private final List<String> sources = new ArrayList<>();

    /**
     * @param schema  the schema's enum class
     * @param presets a preset's YAML by name (throwing InvalidInputException for an unknown name)
     */
    public StudyConfigLoader(Class<S> schema, Function<String, String> presets) {
        this.schema = schema;
        this.presets = presets;
        this.values = new EnumMap<>(schema);
    }

    /**
     * @param name a preset name
     * @return this
     */
    public StudyConfigLoader<S> preset(String name) {
        String where = "preset '" + name + "'";
        apply(SweepConfigLoader.parseYaml(presets.apply(name), where), where);
        sources.add("preset " + name);
        return this;
    }

    /**
     * @param file a YAML configuration
     * @return this
     */
    public StudyConfigLoader<S> file(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": configuration file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read configuration (" + e.getMessage() + ")", e);
        }
        apply(SweepConfigLoader.parseYaml(text, file.toString()), file.toString());
        sources.add("file " + file);
        return this;
    }

    /**
     * @param assignment {@code key=value}; a list is comma-separated or {@code linspace(a, b, n)}
     * @return this
     */
    public StudyConfigLoader<S> set(String assignment) {
        int eq = assignment.indexOf('=');
        String where = "--set " + assignment;
        if (eq <= 0) {
            throw new InvalidInputException(where + ": expected key=value");
        }
        S s = setting(assignment.substring(0, eq).trim(), where);
        values.put(s, s.parse(assignment.substring(eq + 1).trim(), where));
        sources.add("--set " + assignment);
        return this;
    }

    /** @return every setting given so far (the others take their defaults); unmodifiable */
    public Map<S, Object> values() {
        return Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** @return where the settings came from, for provenance: {@code defaults} when nothing was given */
    public String source() {
        return sources.isEmpty() ? "defaults" : String.join("; ", sources);
    }

    /**
     * @param key   a key
     * @param where where it came from
     * @return the setting
     * @throws InvalidInputException naming the key and the known keys
     */
    public S setting(String key, String where) {
        for (S s : schema.getEnumConstants()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException(where + ": unknown setting '" + key + "' (known: "
                + String.join(", ", Arrays.stream(schema.getEnumConstants()).map(StudySetting::key).toList()) + ")");
    }

    private void apply(Map<String, Object> flat, String where) {
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            S s = setting(e.getKey(), where);
            values.put(s, s.parse(e.getValue(), where));
        }
    }
}
