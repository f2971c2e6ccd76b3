package org.rscale.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.SweepDirectory;

import picocli.CommandLine.Option;

/**
 * The options that choose a sweep's configuration: a preset, a YAML file, and overrides.
 */
final class ConfigOptions {
    @Option(names = "--preset", paramLabel = "NAME",
            description = "start from a named preset (see 'rscale presets')")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a YAML configuration (applied after the preset); a sweep.yaml works too")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a setting, repeatable; a list is comma-separated, e.g. "
                    + "--set seeds=0,1,2 --set depths.max=300 (see 'rscale settings')")
    List<String> sets = new ArrayList<>();

    /** @return whether any option was given */
    boolean given() {
        return preset != null || config != null || !sets.isEmpty();
    }

    /** @return the resolved configuration */
    SweepConfig resolve() {
        SweepConfigLoader loader = new SweepConfigLoader();
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
     * @param target the sweep directory
     * @return the sweep planned into it from these options when any was given, else the one it holds
     */
    SweepDirectory planOrOpen(Path target) {
        return planOrOpen(target, HeapLimit.thisJvm());
    }

    /**
     * @param target the sweep directory
     * @param heap   the heap that will train the cells, checked before a new plan is written
     * @return the sweep planned into it from these options when any was given, else the one it holds
     */
    SweepDirectory planOrOpen(Path target, HeapLimit heap) {
        return given() ? SweepDirectory.plan(target, resolve(), heap) : SweepDirectory.open(target);
    }
}
