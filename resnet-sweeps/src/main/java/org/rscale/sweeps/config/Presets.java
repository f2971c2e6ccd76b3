package org.rscale.sweeps.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The named configurations shipped in the jar ({@code org/rscale/sweeps/presets/<name>.yaml}),
 * the paper's setups among them.
 */
public final class Presets {
    private static final List<String> NAMES = List.of("paper-tanh-shared", "paper-relu-per-layer", "paper-mnist-tanh-shared",
            "paper-mnist-relu-per-layer", "paper-tanh-shared-sgd", "fashion-small", "demo", "smoke", "paper-cifar",
            "cifar-small", "fashion-conv-small");

    private Presets() {
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
            throw new InvalidInputException("--preset: unknown preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = Presets.class.getResourceAsStream("/org/rscale/sweeps/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
