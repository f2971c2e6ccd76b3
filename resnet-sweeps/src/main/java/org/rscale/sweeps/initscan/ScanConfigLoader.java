package org.rscale.sweeps.initscan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.SweepConfigLoader;

/**
 * Resolves an initialisation scan's configuration from, in order: the defaults of
 * {@link ScanSetting}; a named preset ({@link ScanPresets}); a YAML file; and {@code --set key=value}
 * overrides, later sources replacing earlier ones setting by setting. The YAML grammar is the
 * sweeps' ({@link SweepConfigLoader#parseYaml}); a top-level {@code provenance} block (as in a
 * written {@code scan.yaml}) is ignored.
 */
public final class ScanConfigLoader {
    private final Map<ScanSetting, Object> values = new EnumMap<>(ScanSetting.class);
    private final List<String> sources = new ArrayList<>();

    /** Starts from the defaults. */
    public ScanConfigLoader() {
    }

    /**
     * @param name a preset name
     * @return this
     */
    public ScanConfigLoader preset(String name) {
        String where = "preset '" + name + "'";
        apply(SweepConfigLoader.parseYaml(ScanPresets.yaml(name), where), where);
        sources.add("preset " + name);
        return this;
    }

    /**
     * @param file a YAML configuration
     * @return this
     */
    public ScanConfigLoader file(Path file) {
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
    public ScanConfigLoader set(String assignment) {
        int eq = assignment.indexOf('=');
        String where = "--set " + assignment;
        if (eq <= 0) {
            throw new InvalidInputException(where + ": expected key=value");
        }
        ScanSetting s = ScanSetting.of(assignment.substring(0, eq).trim(), where);
        values.put(s, s.parse(assignment.substring(eq + 1).trim(), where));
        sources.add("--set " + assignment);
        return this;
    }

    /** @return the resolved, checked configuration */
    public ScanConfig resolve() {
        return new ScanConfig(values, sources.isEmpty() ? "defaults" : String.join("; ", sources));
    }

    private void apply(Map<String, Object> flat, String where) {
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            ScanSetting s = ScanSetting.of(e.getKey(), where);
            values.put(s, s.parse(e.getValue(), where));
        }
    }
}
