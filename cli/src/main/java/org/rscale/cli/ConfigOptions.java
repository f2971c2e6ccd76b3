package org.rscale.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.config.ConfigLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options that choose a configuration, the same for a sweep ({@code rscale sweep}, {@code plan},
 * {@code submit}) and a study ({@code rscale init-scan}, {@code init-train}): a preset, a YAML file, and overrides,
 * applied in that order to the command's {@link ConfigLoader}.
 *
 * <p>The descriptions of {@code --config} and {@code --set} name each command's configuration file, settings and
 * examples; they are in {@code ConfigOptions.properties}, keyed by the command: picocli takes
 * {@code rscale.init-scan.set} for {@code rscale init-scan}, and {@code set} for a command without a key of its own.
 */
@Command(resourceBundle = "org.rscale.cli.ConfigOptions")
final class ConfigOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "start from a named preset (see 'rscale presets')")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", descriptionKey = "config")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", descriptionKey = "set")
    List<String> sets = new ArrayList<>();

    /** @return whether any option was given */
    boolean given() {
        return preset != null || config != null || !sets.isEmpty();
    }

    /**
     * @param loader the command's loader, at its defaults
     * @param <C>    the configuration
     * @return the configuration resolved from the preset, the file and the overrides given
     */
    <C> C resolve(ConfigLoader<C> loader) {
        if (preset != null) {
            loader.preset(preset);
        }
        if (config != null) {
            loader.file(config);
        }
        for (String s : sets) {
            loader.set(s);
        }
        return loader.resolve();
    }
}
