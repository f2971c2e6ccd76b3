package org.rscale.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.CellRunner;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.LocalSweep;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.plan.TaskProcess;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale sweep}: plan (if needed) and train every missing cell on this machine.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Train every missing cell of a sweep on this machine, --jobs at a time.",
        description = {"With --preset/--config/--set, plans the sweep into --out first (or checks that --out holds "
                + "the same sweep). With only a directory, resumes it. Finished cells are never trained again; "
                + "a killed sweep resumes where it stopped. Longest cells start first."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "an existing sweep directory")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep directory to plan into")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "cells trained at once, each on one thread (default: ${DEFAULT-VALUE}, the hardware threads; "
                    + "fewer when that many of the largest cells left would not fit in the heap together)")
    int jobs;

    @Override
    public Integer call() {
        Path target = LocalRun.target(spec, dir, out, jobs, "sweep directory");
        SweepDirectory sweep = config.given()
                ? plan(spec, target, config.resolve(new SweepConfigLoader()), jobs)
                : SweepDirectory.open(target);
        return run(spec, sweep, jobs);
    }

    /**
     * Plans a sweep to run on this machine: a cell too large for this JVM's heap, or a given {@code --jobs} of the
     * largest cells left that do not fit together, is refused before a new plan is written.
     *
     * @param spec   the calling command, to know whether {@code --jobs} was given
     * @param target the sweep directory
     * @param config the resolved configuration
     * @param jobs   {@code --jobs}
     * @return the sweep planned into {@code target}, or the same sweep that it holds
     * @throws InvalidInputException when it holds a different sweep, or the cells do not fit
     */
    static SweepDirectory plan(CommandSpec spec, Path target, SweepConfig config, int jobs) {
        return SweepDirectory.plan(target, config, HeapLimit.thisJvm(),
                planned -> LocalRun.checkJobs(spec, jobs, CellFootprint.concurrent(planned.missing())));
    }

    /**
     * Runs a sweep with progress output and prints its summary.
     *
     * @param spec  the calling command, for its writers and the global options
     * @param sweep the sweep
     * @param jobs  cells at once ({@code --jobs}): a default is lowered, with a note, when that many of the largest
     *              cells left would not fit in the heap together; a given number that does not fit is refused
     * @return the exit code: 1 when a cell failed
     * @throws UncheckedIOException when the disk is full: the sweep stopped at the first failed write
     * @throws InvalidInputException when a cell left, or the given {@code --jobs} of them at once, do not fit in the
     *                               heap
     */
    static int run(CommandSpec spec, SweepDirectory sweep, int jobs) {
        Rscale root = Rscale.root(spec);
        List<Cell> todo = sweep.missing();
        // a cell too large alone is named with its shape; then --jobs of the largest cells left must fit together
        CellFootprint.checkHeap(todo, HeapLimit.thisJvm());
        int workers = LocalRun.jobs(spec, jobs, CellFootprint.concurrent(todo));
        LocalSweep.Summary summary;
        try (ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(),
                ProgressReporter.isTerminal(), root.quiet, Duration.ofSeconds(30))) {
            // claims of SLURM tasks on other hosts are judged with squeue (when there is one)
            summary = LocalSweep.run(sweep, workers, progress, new CellRunner(new DataSource(),
                    new SlurmJobLiveness(new SlurmCommands()), TaskProcess.current()));
        }
        spec.commandLine().getOut().printf("%s: %d cells, %d trained now, %d already done, %d failed%s%s%n",
                sweep.root(), summary.total(), summary.trained(), summary.skipped(), summary.failed().size(),
                summary.elsewhere() == 0 ? "" : ", " + summary.elsewhere() + " finished by other processes",
                summary.held() == 0 ? "" : ", " + summary.held() + " being trained by other processes");
        if (summary.stopped().isPresent()) {
            // one line: the first failed write; the cells not started are trained by the next sweep
            Exception e = summary.stopped().get().error();
            IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
            throw new UncheckedIOException(e.getMessage() + "; the sweep stopped: free space, then 'rscale sweep "
                    + sweep.root() + "' trains the remaining cells", cause);
        }
        for (LocalSweep.Failure f : summary.failed()) {
            spec.commandLine().getErr().printf("failed: cell %d (%s): %s%n", f.cell().index(), f.cell().id(),
                    f.error().getMessage());
        }
        return summary.failed().isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
    }
}
