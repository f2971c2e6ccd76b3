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
}
