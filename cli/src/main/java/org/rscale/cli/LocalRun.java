package org.rscale.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.StudyFootprint;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What the commands that compute on this machine ({@code rscale sweep}, {@code demo}, {@code init-scan},
 * {@code init-train}) share: the directory they work in, given as the positional directory (to resume) or
 * {@code --out} (to plan into), and the worker threads they run with, which must fit in this JVM's heap
 * ({@link StudyFootprint}).
 */
final class LocalRun {
    private LocalRun() {
    }

    /**
     * The directory a command works in, and its {@code --jobs} checked.
     *
     * @param spec the command, whose first positional parameter is the directory (its label, e.g. {@code SWEEP}, is
     *             named in the messages)
     * @param dir  the positional directory, or null
     * @param out  {@code --out}, or null
     * @param jobs {@code --jobs}
     * @param what the directory in words, e.g. {@code sweep directory}
     * @return the directory
     * @throws InvalidInputException when both are given and differ, neither is given, or jobs is below 1
     */
    static Path target(CommandSpec spec, Path dir, Path out, int jobs, String what) {
        String label = spec.positionalParameters().get(0).paramLabel();
        if (dir != null && out != null && !dir.equals(out)) {
            throw new InvalidInputException("give the " + what + " once: either " + label + " or --out");
        }
        Path target = out != null ? out : dir;
        if (target == null) {
            throw new InvalidInputException("no " + what + ": give --out DIR with a configuration, or " + label
                    + " to resume");
        }
        if (jobs < 1) {
            throw new InvalidInputException("--jobs must be at least 1, got " + jobs);
        }
        return target;
    }

    /**
     * Refuses what {@link #jobs} refuses, and prints nothing: the check made before a new plan is written.
     *
     * @param spec      the command, to know whether {@code --jobs} was given
     * @param jobs      {@code --jobs}
     * @param footprint what the workers hold
     * @throws InvalidInputException when one worker does not fit, or the given {@code --jobs} does not
     */
    static void checkJobs(CommandSpec spec, int jobs, StudyFootprint footprint) {
        footprint.jobs(jobs, jobsGiven(spec), HeapLimit.thisJvm());
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
        HeapLimit heap = HeapLimit.thisJvm();
        int run = footprint.jobs(jobs, jobsGiven(spec), heap);
        if (run < jobs && !Rscale.root(spec).quiet) {
            spec.commandLine().getErr().printf(Locale.ROOT, "note: %s %d at a time, not %d (the default, the "
                    + "hardware threads): %d would need about %s of heap, more than %.0f%% of %s%n",
                    footprint.what(), run, jobs, jobs, CellFootprint.gib(footprint.bytes(jobs)),
                    KernelBenchmark.HEAP_FRACTION * 100, heap.description());
        }
        return run;
    }

    private static boolean jobsGiven(CommandSpec spec) {
        return spec.commandLine().getParseResult().hasMatchedOption("--jobs");
    }
}
