package org.rscale.sweeps.plan;

import org.rscale.sweeps.run.RunRecord;

/**
 * Hears about a sweep's progress (progress bars, log lines). Methods may be called from several
 * worker threads at once: implementations must be thread-safe and cheap.
 */
public interface SweepListener {
    /** Ignores everything. */
    SweepListener NONE = new SweepListener() { };

    /**
     * @param total      cells in the plan
     * @param done       cells already complete (skipped)
     * @param todoCost   summed cost estimate of the cells to train
     */
    default void sweepStarted(int total, int done, double todoCost) {
    }

    /**
     * @param cell a cell about to be trained
     */
    default void cellStarted(Cell cell) {
    }

    /**
     * Says which kernel trains a cell, before its first epoch.
     *
     * @param cell      the cell
     * @param kernel    the kernel's name
     * @param precision its precision
     * @param device    where it computes
     */
    default void cellKernel(Cell cell, String kernel, String precision, String device) {
    }

    /**
     * @param cell      the cell
     * @param epoch     the epoch just finished
     * @param maxEpochs the epoch cap
     * @param trainLoss its training loss
     */
    default void cellEpoch(Cell cell, int epoch, int maxEpochs, double trainLoss) {
    }

    /**
     * @param cell   the cell
     * @param record its run record
     */
    default void cellFinished(Cell cell, RunRecord record) {
    }

    /**
     * Says that a cell turned out complete without being trained here: another process finished it
     * (a second sweep on the same directory, a cluster task). Not {@link #cellFinished}: this process
     * did not train it.
     *
     * @param cell   the cell
     * @param record its run record, as the other process wrote it
     */
    default void cellCompletedElsewhere(Cell cell, RunRecord record) {
    }

    /**
     * Says that a cell's run directory was there but invalid ({@link org.rscale.sweeps.run.RunDirectory#check}),
     * and was moved aside before the cell is trained again.
     *
     * @param cell   the cell
     * @param reason what is wrong with it, one line naming the file
     * @param aside  where it was moved
     */
    default void cellResultSetAside(Cell cell, String reason, java.nio.file.Path aside) {
    }

    /**
     * Says which leftovers of stopped processes were removed when the sweep started ({@link Leftovers}).
     *
     * @param removed the removed files and directories
     */
    default void leftoversRemoved(java.util.List<Leftovers.Leftover> removed) {
    }

    /**
     * Says that a cell is left to another live process that holds its claim.
     *
     * @param cell  the cell
     * @param claim the holder's claim
     */
    default void cellHeldElsewhere(Cell cell, CellClaim claim) {
    }

    /**
     * Says that a stale claim on a cell (of a process that has stopped) was replaced.
     *
     * @param cell   the cell
     * @param reason whose claim it was and why it is stale
     */
    default void cellReclaimed(Cell cell, String reason) {
    }

    /**
     * @param cell  the cell
     * @param error what went wrong (not a divergence, which is a result)
     */
    default void cellFailed(Cell cell, Exception error) {
    }

    /**
     * Says that the sweep stops: a cell failed because the disk is full, so no further cell is
     * started (the cells running finish or fail on their own).
     *
     * @param cell  the cell whose write failed first
     * @param error the failure, whose message says which file could not be written
     */
    default void sweepStopped(Cell cell, Exception error) {
    }
}
