package org.rscale.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellRunner;
import org.rscale.sweeps.plan.SweepDirectory;

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
        description = {"A cell whose result is complete exits 0 at once. The result appears atomically: a "
                + "killed task leaves nothing that looks complete."})
final class RunTaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep directory (from 'rscale plan')")
    Path dir;

    @Option(names = "--index", paramLabel = "I", defaultValue = "${env:SLURM_ARRAY_TASK_ID}", required = true,
            description = "the task index in tasks.csv (default: $SLURM_ARRAY_TASK_ID)")
    int index;

    @Override
    public Integer call() {
        SweepDirectory sweep = SweepDirectory.open(dir);
        Cell cell = sweep.plan().cell(index);
        if (sweep.isComplete(cell)) {
            spec.commandLine().getOut().printf("%s: already complete%n", sweep.runDir(cell));
            return ExitCodes.OK;
        }
        Rscale root = Rscale.root(spec);
        try (ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), false, root.quiet,
                Duration.ofSeconds(30))) {
            progress.sweepStarted(1, 0, cell.cost());
            progress.cellStarted(cell);
            CellRunner.Outcome o = new CellRunner(new DataSource()).run(sweep, cell, progress);
            progress.cellFinished(cell, o.record());
            spec.commandLine().getOut().printf("%s: %s%s%n", sweep.runDir(cell), o.record().status(),
                    o.trained() ? "" : " (finished by another process)");
        }
        return ExitCodes.OK;
    }
}
