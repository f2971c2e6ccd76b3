package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rscale.sweeps.plan.CellState;
import org.rscale.sweeps.plan.Leftovers;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.plan.SweepStatus;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale status}: which cells of a sweep are done, running, queued, failed or missing, and why.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show which cells of a sweep are done, running, queued, failed or missing, and why.",
        description = {"Reads the results, claims (runs/.claim-<id>) and failure records (runs/.failed-<id>.json) "
                + "of SWEEP and, for a sweep submitted with 'rscale submit', asks squeue about its jobs and reads "
                + "the last line of each failed task's log. Failed and missing cells are what "
                + "'rscale submit SWEEP --resume' submits again. A cell is done when its run.json is valid and "
                + "A.npy, b.npy, delta.npy (of the right shapes) and history.csv are there; otherwise it is "
                + "listed as failed, with what is wrong. --clean removes the leftovers of stopped processes."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep directory")
    Path dir;

    @Option(names = "--all", description = "list every cell, done ones included")
    boolean all;

    @Option(names = "--clean", description = "remove what stopped processes left behind: staging directories "
            + "(runs/.partial-*), claim temporaries, the claims of finished cells, temporary files (.*.tmp-*); never "
            + "the files of a process that may still run")
    boolean clean;

    private final Slurm slurm;

    /**
     * @param slurm runs squeue
     */
    StatusCommand(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Integer call() {
        Path target = dir.toAbsolutePath().normalize();
        SweepDirectory sweep = SweepDirectory.open(target);
        SlurmQueue queue = new SlurmQueue(target, slurm);
        SlurmJobLiveness liveness = new SlurmJobLiveness(slurm);
        PrintWriter o = spec.commandLine().getOut();
        if (clean) {
            List<Leftovers.Leftover> removed = Leftovers.remove(target, liveness);
            for (Leftovers.Leftover l : removed) {
                o.printf("removed %s (%s)%n", l.path(), l.owner());
            }
            o.printf("removed %d leftover%s of stopped processes%n", removed.size(), removed.size() == 1 ? "" : "s");
        }
        SweepStatus status = SweepStatus.of(sweep, liveness, queue);
        Map<CellState, Integer> n = status.counts();
        o.printf("%s: %d cells: %d done, %d running, %d queued, %d failed, %d missing%n", target,
                status.cells().size(), n.get(CellState.DONE), n.get(CellState.RUNNING), n.get(CellState.QUEUED),
                n.get(CellState.FAILED), n.get(CellState.MISSING));
        for (SweepStatus.CellStatus c : status.cells()) {
            if (all || c.state() != CellState.DONE) {
                o.printf("  %-8s %4d  %s: %s%n", c.state().key(), c.cell().index(), c.cell().id(), c.reason());
            }
        }
        status.diskFull().ifPresent(f -> o.printf("stopped: %s; free space, then 'rscale sweep %s' (or 'rscale "
                + "submit %s --resume') trains the failed and missing cells%n", f.describe(), target, target));
        if (!clean) {
            int leftovers = Leftovers.find(target, liveness).size();
            if (leftovers > 0) {
                o.printf("leftovers of stopped processes: %d (remove them with 'rscale status %s --clean')%n",
                        leftovers, target);
            }
        }
        o.println("analysis: " + analysis(target, queue));
        if (!status.toResubmit().isEmpty()) {
            o.printf("to train the failed and missing cells again: %s%n", queue.submissions().isEmpty()
                    ? "rscale sweep " + target : "rscale submit " + target + " --resume");
        }
        return ExitCodes.OK;
    }

    private static String analysis(Path sweep, SlurmQueue queue) {
        List<SlurmSubmission> subs = queue.submissions();
        if (!subs.isEmpty()) {
            String job = subs.get(subs.size() - 1).analysisJobId();
            java.util.Optional<String> state = queue.analysisState(job);
            if (state.isPresent()) {
                return "job " + job + " " + state.get();
            }
        }
        Path verdict = sweep.resolve(RunFiles.ANALYSIS_DIR).resolve("verdict.json");
        if (Files.isRegularFile(verdict)) {
            try {
                return "done (" + verdict + ", " + Files.getLastModifiedTime(verdict) + ")";
            } catch (java.io.IOException e) {
                return "done (" + verdict + ")";
            }
        }
        if (!subs.isEmpty()) {
            String job = subs.get(subs.size() - 1).analysisJobId();
            Path log = SlurmFiles.logsDir(sweep).resolve("analysis_" + job + ".out");
            if (!Files.isRegularFile(log)) {
                return "not done (analysis job " + job + " never ran: cancelled because a cell task failed, or "
                        + "by hand)";
            }
            return "not done (analysis job " + job + " ended without results; log " + log + ": "
                    + SlurmQueue.lastLine(log) + ")";
        }
        return "not done";
    }
}
