package org.rscale.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.initscan.ScanConfigLoader;
import org.rscale.sweeps.initscan.ScanDirectory;
import org.rscale.sweeps.inittrain.TrainConfigLoader;
import org.rscale.sweeps.inittrain.TrainConfig;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.StudyFootprint;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that choose a study's configuration (rscale init-scan, rscale init-train): a preset, a
 * YAML file, and overrides, as for a sweep, with the study's settings.
 */
final class StudyConfigOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "start from a named preset (see 'rscale presets')")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a YAML configuration (applied after the preset); a written scan.yaml or train.yaml works too")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a setting, repeatable; a list is comma-separated or linspace(a, b, n), e.g. "
                    + "--set depths=linspace(10,1000,10) --set betas=0.5,1 (see 'rscale settings --init-scan' or "
                    + "'--init-train')")
    List<String> sets = new ArrayList<>();

    /** @return whether any option was given */
    boolean given() {
        return preset != null || config != null || !sets.isEmpty();
    }

    /**
     * @param target the output directory
     * @return the scan planned into it from these options when any was given, else the one it holds
     */
    ScanDirectory scan(Path target) {
        if (!given()) {
            return ScanDirectory.open(target);
        }
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
        return ScanDirectory.plan(target, loader.resolve());
    }

    /** @return the trained study's configuration from these options (given() must hold) */
    TrainConfig trainConfig() {
        TrainConfigLoader loader = new TrainConfigLoader();
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
     * The worker threads a study (or a local sweep, {@link SweepCommand#run}) runs with: {@code --jobs} (by default
     * the hardware threads, {@link LibraryDefaults}) when that many workers fit in this JVM's heap
     * ({@link StudyFootprint}). When they do not, a default is lowered to what fits, with a note on stderr, and a
     * given {@code --jobs} is refused.
     *
     * @param spec      the command, to know whether {@code --jobs} was given and to write the note
     * @param jobs      {@code --jobs}
     * @param footprint what the workers hold
     * @return the worker threads
     * @throws InvalidInputException when one worker does not fit, or the given {@code --jobs} does not
     */
    static int jobs(CommandSpec spec, int jobs, StudyFootprint footprint) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--jobs");
        HeapLimit heap = HeapLimit.thisJvm();
        int run = footprint.jobs(jobs, given, heap);
        if (run < jobs && !Rscale.root(spec).quiet) {
            spec.commandLine().getErr().printf(Locale.ROOT, "note: %s %d at a time, not %d (the default, the "
                    + "hardware threads): %d would need about %s of heap, more than %.0f%% of %s%n",
                    footprint.what(), run, jobs, jobs, CellFootprint.gib(footprint.bytes(jobs)),
                    KernelBenchmark.HEAP_FRACTION * 100, heap.description());
        }
        return run;
    }

    /**
     * The directory a study command works in, given as {@code DIR} (to resume) or {@code --out} (to plan into), and
     * its {@code --jobs} checked.
     *
     * @param dir  the positional directory, or null
     * @param out  {@code --out}, or null
     * @param jobs {@code --jobs}
     * @param what the directory in words, for the message when both are given and differ
     * @return the directory
     * @throws InvalidInputException when both are given and differ, neither is given, or jobs is below 1
     */
    static Path target(Path dir, Path out, int jobs, String what) {
        if (dir != null && out != null && !dir.equals(out)) {
            throw new InvalidInputException("give " + what + " once: either DIR or --out");
        }
        Path target = out != null ? out : dir;
        if (target == null) {
            throw new InvalidInputException("no directory: give --out DIR with a configuration, or DIR to resume");
        }
        if (jobs < 1) {
            throw new InvalidInputException("--jobs must be at least 1, got " + jobs);
        }
        return target;
    }
}
