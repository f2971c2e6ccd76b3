package org.rscale.sweeps.plan;

import java.util.Locale;

/**
 * Where a cell of a sweep stands, as {@code rscale status} reports it.
 */
public enum CellState {
    /** Its result is complete ({@code run.json} published). */
    DONE,
    /** A live process holds its claim, or the scheduler runs its task. */
    RUNNING,
    /** Its task waits in the scheduler's queue. */
    QUEUED,
    /** An attempt failed or was killed: a failure record, a stale claim, or a task log without a result. */
    FAILED,
    /** Never attempted (or cancelled before it started). */
    MISSING;

    /** @return the lower-case name shown to users */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a resumed submission trains it again (failed and missing cells) */
    public boolean needsTask() {
        return this == FAILED || this == MISSING;
    }
}
