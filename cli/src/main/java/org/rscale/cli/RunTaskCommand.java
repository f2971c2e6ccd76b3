package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellFailure;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.Leftovers;
import org.rscale.sweeps.plan.CellRunner;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.plan.TaskProcess;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale run-task}: train exactly one cell of a planned sweep (what a cluster array task calls).
 */
@Command(name = "run-task", mixinStandardHelpOptions = true,
        header = "Train one cell of a planned sweep (one cluster array task).",
        description = {"A cell whose result is complete exits 0 at once; so does a cell that another live task "
                + "holds (its claim runs/.claim-<id>). The result appears atomically: a killed task leaves nothing "
                + "that looks complete; a failure is recorded in runs/.failed-<id>.json for 'rscale status'."})
final class RunTaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep directory (from 'rscale plan')")
    Path dir;

    @Option(names = "--index", paramLabel = "I", defaultValue = "${env:SLURM_ARRAY_TASK_ID}", required = true,
            description = "the task index in tasks.csv (default: $SLURM_ARRAY_TASK_ID)")
    int index;

    private final Slurm slurm;

    /**
     * @param slurm runs squeue, to judge the claims of other SLURM jobs
     */
    RunTaskCommand(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Integer call() {
        SweepDirectory sweep = SweepDirectory.open(dir);
        Cell cell = sweep.plan().cell(index);
        PrintWriter out = spec.commandLine().getOut();
        if (sweep.isComplete(cell)) {
            out.printf("%s: already complete%n", sweep.runDir(cell));
            return ExitCodes.OK;
        }
        Rscale root = Rscale.root(spec);
        TaskProcess self = TaskProcess.current();
        try {
            CellFootprint.checkHeap(java.util.List.of(cell), HeapLimit.thisJvm());
        } catch (InvalidInputException e) {
            // status shows why the task did nothing
            CellFailure.of(cell.id(), e, self).write(sweep.runsDir());
            throw e;
        }
        CellRunner runner = new CellRunner(new DataSource(), new SlurmJobLiveness(slurm), self);
        // what earlier tasks of this cell left when they were killed
        Leftovers.removeForCell(sweep.runsDir(), cell.id(), runner.liveness());
        AtomicBoolean finished = new AtomicBoolean();
        // SIGTERM (scancel, time limit, preemption): say so in the failure record and release the claim
        Thread onSignal = new Thread(() -> {
            if (!finished.get()) {
                runner.recordInterruption(sweep, cell, "terminated by a signal before it finished (scancel, "
                        + "time limit, preemption or shutdown)");
            }
        }, "rscale-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), false, root.quiet,
                Duration.ofSeconds(30))) {
            progress.sweepStarted(1, 0, cell.cost());
            progress.cellStarted(cell);
            CellRunner.Outcome o;
            try {
                o = runner.run(sweep, cell, progress);
            } finally {
                finished.set(true);
            }
            if (o.held()) {
                out.printf("%s: being trained by %s; left to it%n", sweep.runDir(cell), o.heldBy().describe());
                return ExitCodes.OK;
            }
            if (o.trained()) {
                progress.cellFinished(cell, o.record());
                out.printf("%s: %s%n", sweep.runDir(cell), o.record().status());
            } else {
                progress.cellCompletedElsewhere(cell, o.record());
                out.printf("%s: finished by another process%n", sweep.runDir(cell));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs and sees finished
            }
        }
        return ExitCodes.OK;
    }
}
