package org.rscale.sweeps.train;

/**
 * How a training ended (SCIENCE 3). Every status is a result, not an error.
 */
public enum TrainingStatus {
    /** the epoch-average training loss fell below epsilon. */
    CONVERGED("converged"),
    /** {@code patience} consecutive epochs without going below {@code stall_factor} x best-so-far. */
    STALLED("stalled"),
    /** the epoch cap was reached while still making progress. */
    MAX_EPOCHS("max-epochs"),
    /** a batch loss became NaN or infinite; training stopped there. */
    DIVERGED("diverged");

    private final String key;

    TrainingStatus(String key) {
        this.key = key;
    }

    /** @return the name written to run.json */
    public String key() {
        return key;
    }

    /**
     * @param key a name from run.json
     * @return the status
     * @throws IllegalArgumentException for an unknown name
     */
    public static TrainingStatus of(String key) {
        for (TrainingStatus s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown training status '" + key + "'");
    }
}
