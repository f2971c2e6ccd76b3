package org.rscale.sweeps.plan;

import java.util.Optional;

/**
 * What a batch scheduler knows about the tasks of a sweep: which cells have a task waiting or
 * running, and how the newest task log of a cell ends. {@link #NONE} for a sweep run without a
 * scheduler.
 */
public interface TaskQueue {
    /** No scheduler: nothing queued, no logs. */
    TaskQueue NONE = new TaskQueue() {
        @Override
        public Optional<QueuedTask> task(Cell cell) {
            return Optional.empty();
        }

        @Override
        public Optional<String> lastLogLine(Cell cell) {
            return Optional.empty();
        }
    };

    /**
     * A task of the scheduler for a cell.
     *
     * @param id    the scheduler's task id, e.g. {@code 12_3}
     * @param state {@link CellState#RUNNING} or {@link CellState#QUEUED}
     * @param note  the scheduler's state and reason, e.g. {@code PENDING (Resources)}
     */
    record QueuedTask(String id, CellState state, String note) {
    }

    /**
     * @param cell a cell
     * @return its task waiting or running in the scheduler, if any
     */
    Optional<QueuedTask> task(Cell cell);

    /**
     * @param cell a cell
     * @return the last non-blank line of the newest log of a task that ran this cell, if any
     */
    Optional<String> lastLogLine(Cell cell);
}
