package org.rscale.sweeps.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rscale.sweeps.run.RunCheck;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunRecord;

/**
 * The state of every cell of a sweep, with the reason, from what is on disk (results, claims,
 * failure records) and what the scheduler says ({@link TaskQueue}). The rules, first match wins:
 * <pre>
 * done     runs/&lt;id&gt;/ holds a complete result               reason: the training status
 *          ({@link RunDirectory#check}: a valid run.json, A.npy, b.npy, delta.npy of the right shapes, history.csv)
 * running  a claim whose holder may still run                  reason: the holder
 * running  the scheduler runs a task of the cell (no claim yet, the JVM is starting)
 * queued   the scheduler has a task of the cell waiting
 * failed   runs/&lt;id&gt;/ is there but not a complete result    reason: what is wrong, naming the file
 * failed   a failure record runs/.failed-&lt;id&gt;.json            reason: its error
 * failed   a stale claim (its holder has stopped, no result)   reason: why it is stale, the log's last line
 * failed   a task log of the cell, but no result               reason: the log's last line
 * missing  none of these
 * </pre>
 * A resumed submission trains the failed and missing cells again ({@link CellState#needsTask()}).
 *
 * @param sweep the sweep
 * @param cells one status per cell, in task order
 */
public record SweepStatus(SweepDirectory sweep, List<CellStatus> cells) {

    // Copies the list.
    public SweepStatus {
        cells = List.copyOf(cells);
    }

    /**
     * One cell's state.
     *
     * @param cell   the cell
     * @param state  its state
     * @param reason why, one line (the holder, the error, the training status)
     * @param task   the scheduler task that runs it or waits for it ({@code 12_3}), when known; else null
     */
    public record CellStatus(Cell cell, CellState state, String reason, String task) {
    }

    /**
     * @param sweep    the sweep
     * @param liveness judges claims
     * @param queue    the scheduler's view
     * @return the status of every cell
     */
    public static SweepStatus of(SweepDirectory sweep, ClaimLiveness liveness, TaskQueue queue) {
        List<CellStatus> out = new ArrayList<>();
        for (Cell c : sweep.plan().cells()) {
            out.add(classify(sweep, c, liveness, queue));
        }
        return new SweepStatus(sweep, out);
    }

    private static CellStatus classify(SweepDirectory sweep, Cell c, ClaimLiveness liveness, TaskQueue queue) {
        RunCheck result = RunDirectory.check(sweep.runDir(c));
        if (result.complete()) {
            RunRecord r = result.record();
            return new CellStatus(c, CellState.DONE, r.status() + " after " + r.epochs() + " epochs", null);
        }
        Optional<CellClaim> claim = CellClaim.read(sweep.runsDir(), c.id());
        Optional<String> dead = claim.flatMap(liveness::deadReason);
        if (claim.isPresent() && dead.isEmpty()) {
            TaskProcess p = claim.get().process();
            return new CellStatus(c, CellState.RUNNING, claim.get().describe(), p.isSlurmJob() ? p.slurmTask() : null);
        }
        Optional<TaskQueue.QueuedTask> task = queue.task(c);
        if (task.isPresent()) {
            return new CellStatus(c, task.get().state(), "task " + task.get().id() + " " + task.get().note(),
                    task.get().id());
        }
        if (result.invalid()) {
            return new CellStatus(c, CellState.FAILED, "invalid result: " + result.reason() + " (trained again by "
                    + "the next sweep or resubmission)", null);
        }
        Optional<CellFailure> failure = CellFailure.read(sweep.runsDir(), c.id());
        if (failure.isPresent()) {
            return new CellStatus(c, CellState.FAILED, failure.get().describe(), null);
        }
        Optional<String> log = queue.lastLogLine(c);
        if (claim.isPresent()) {
            return new CellStatus(c, CellState.FAILED, "killed: no result, the claim of "
                    + claim.get().process().describe() + " is stale (" + dead.get() + ")"
                    + log.map(l -> "; log: " + l).orElse(""), null);
        }
        if (log.isPresent()) {
            return new CellStatus(c, CellState.FAILED, "no result; log: " + log.get(), null);
        }
        return new CellStatus(c, CellState.MISSING, "not attempted", null);
    }

    /** @return how many cells are in each state (every state listed) */
    public Map<CellState, Integer> counts() {
        Map<CellState, Integer> n = new EnumMap<>(CellState.class);
        for (CellState s : CellState.values()) {
            n.put(s, 0);
        }
        for (CellStatus c : cells) {
            n.merge(c.state(), 1, Integer::sum);
        }
        return n;
    }

    /**
     * @return the latest failure record that says a write failed because the disk was full, if any
     *         failed cell has one: the sweep that wrote it stopped there, and its missing cells were not
     *         attempted
     */
    public Optional<CellFailure> diskFull() {
        Optional<CellFailure> latest = Optional.empty();
        for (CellStatus c : cells) {
            if (c.state() == CellState.FAILED) {
                Optional<CellFailure> f = CellFailure.read(sweep.runsDir(), c.cell().id())
                        .filter(x -> CellFailure.DISK_FULL.equals(x.kind()));
                if (f.isPresent() && (latest.isEmpty() || f.get().time().compareTo(latest.get().time()) > 0)) {
                    latest = f;
                }
            }
        }
        return latest;
    }

    /** @return the cells a resumed submission trains again: failed and missing, task order */
    public List<Cell> toResubmit() {
        List<Cell> out = new ArrayList<>();
        for (CellStatus c : cells) {
            if (c.state().needsTask()) {
                out.add(c.cell());
            }
        }
        return out;
    }

    /** @return the scheduler tasks of running and queued cells that are known */
    public List<String> activeTasks() {
        List<String> out = new ArrayList<>();
        for (CellStatus c : cells) {
            if ((c.state() == CellState.RUNNING || c.state() == CellState.QUEUED) && c.task() != null) {
                out.add(c.task());
            }
        }
        return out;
    }
}
