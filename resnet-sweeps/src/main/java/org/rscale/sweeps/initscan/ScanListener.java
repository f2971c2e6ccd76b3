package org.rscale.sweeps.initscan;

/**
 * Hears about a study's progress (an initialisation scan's, a trained study's) (a progress bar, log lines). Methods may be called from several
 * worker threads at once: implementations must be thread-safe and cheap.
 */
public interface ScanListener {
    /** Ignores everything. */
    ScanListener NONE = new ScanListener() { };

    /**
     * @param total    units in the plan
     * @param done     units already on disk
     * @param todoCost the summed cost estimate of the units to compute
     */
    default void scanStarted(int total, int done, double todoCost) {
    }

    /**
     * @param kernel the propagation kernel
     * @param device where it computes
     */
    default void kernelChosen(String kernel, String device) {
    }

    /**
     * @param unit    a unit just published
     * @param cost    its cost estimate
     * @param seconds its thread seconds
     */
    default void unitFinished(WorkUnit unit, double cost, double seconds) {
    }

    /**
     * @param unit  a unit that failed
     * @param error why
     */
    default void unitFailed(WorkUnit unit, Exception error) {
    }
}
