package org.rscale.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.initscan.ScanConfig;
import org.rscale.sweeps.initscan.ScanConfigLoader;
import org.rscale.sweeps.initscan.ScanDirectory;

import picocli.CommandLine.Option;

/**
 * The options that choose an initialisation scan's configuration: a preset, a YAML file, and
 * overrides (the same three as a sweep's, with the scan's settings).
 */
final class ScanConfigOptions {
    @Option(names = "--preset", paramLabel = "NAME",
            description = "start from a named preset: jmlr-iid, jmlr-histogram, jmlr-smooth, jmlr-fbm-paths, "
                    + "jmlr-heatmap (see 'rscale presets')")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a YAML configuration (applied after the preset); a scan.yaml works too")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a setting, repeatable; a list is comma-separated or linspace(a, b, n), e.g. "
                    + "--set depths=linspace(10,1000,10) --set betas=0.5,1 (see 'rscale settings --init-scan')")
    List<String> sets = new ArrayList<>();

    /** @return whether any option was given */
    boolean given() {
        return preset != null || config != null || !sets.isEmpty();
    }

    /** @return the resolved configuration */
    ScanConfig resolve() {
        ScanConfigLoader loader = new ScanConfigLoader();
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

    /**
     * @param target the output directory
     * @return the scan planned into it from these options when any was given, else the one it holds
     */
    ScanDirectory planOrOpen(Path target) {
        return given() ? ScanDirectory.plan(target, resolve()) : ScanDirectory.open(target);
    }
}
