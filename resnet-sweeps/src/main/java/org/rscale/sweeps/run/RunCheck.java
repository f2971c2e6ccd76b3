package org.rscale.sweeps.run;

import java.nio.file.Path;

/**
 * Whether a cell's run directory holds its result ({@link RunDirectory#check}, the one definition of
 * "done"): absent, complete, or present but invalid (and then why).
 *
 * @param dir    the run directory
 * @param state  absent, complete or invalid
 * @param reason why it is invalid (one line naming the file); empty otherwise
 * @param record the run record of a complete result; null otherwise
 */
public record RunCheck(Path dir, State state, String reason, RunRecord record) {

    /** Where a run directory stands. */
    public enum State {
        /** No run directory: the cell has not been published. */
        ABSENT,
        /** A valid run record and every file of the right shape and type. */
        COMPLETE,
        /** Something is there, but not a complete result (an empty run.json, a deleted A.npy, ...). */
        INVALID
    }

    static RunCheck absent(Path dir) {
        return new RunCheck(dir, State.ABSENT, "", null);
    }

    static RunCheck complete(Path dir, RunRecord record) {
        return new RunCheck(dir, State.COMPLETE, "", record);
    }

    static RunCheck invalid(Path dir, String reason) {
        return new RunCheck(dir, State.INVALID, reason, null);
    }

    /** @return whether the result is complete: the cell is done */
    public boolean complete() {
        return state == State.COMPLETE;
    }

    /** @return whether something is there that is not a complete result */
    public boolean invalid() {
        return state == State.INVALID;
    }
}
