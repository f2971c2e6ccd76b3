package org.rscale.sweeps.inittrain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The named trained studies shipped in the jar ({@code org/rscale/sweeps/presets/<name>.yaml}): the
 * JMLR paper's Figures 8 and 9 (reference code: {@code experiment_weights_after_training.py},
 * {@code experiment_regularity_and_scaling_after_training.py}, {@code config.perf_weights_regularity}),
 * sized for a cluster, and small versions for one machine.
 */
public final class TrainPresets {
    private static final List<String> NAMES = List.of("jmlr-trained-weights-small", "jmlr-trained-heatmap-small",
            "jmlr-trained-weights", "jmlr-trained-heatmap");

    private TrainPresets() {
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
            throw new InvalidInputException("--preset: unknown init-train preset '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = TrainPresets.class.getResourceAsStream("/org/rscale/sweeps/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
