package org.rscale.sweeps.initscan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The named initialisation scans shipped in the jar ({@code org/rscale/sweeps/presets/<name>.yaml}),
 * one per figure of the JMLR paper's initialisation study (its Figures 1-7; reference code
 * {@code PierreMarion23/scaling-resnets}, {@code config.py}).
 */
public final class ScanPresets {
    private static final List<String> NAMES = List.of("jmlr-iid", "jmlr-histogram", "jmlr-smooth", "jmlr-fbm-paths",
            "jmlr-heatmap");

    private ScanPresets() {
    }

    /** @return the preset names */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name a preset name
     * @return its YAML text
     * @throws InvalidInputException for an unknown name, listing the known ones
     */
    public static String yaml(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("--preset: unknown init-scan preset '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = ScanPresets.class.getResourceAsStream("/org/rscale/sweeps/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
