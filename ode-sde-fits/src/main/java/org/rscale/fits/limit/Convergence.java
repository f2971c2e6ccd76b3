package org.rscale.fits.limit;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a network's distance to a candidate limit vanishes as the depth grows, judged from the log-log
 * fit {@code log(maxError) = c + rate log(L)} ({@link CandidateComparison#rate()}) at the criteria of
 * {@link ComparisonCriteria}.
 */
public enum Convergence {
    /** Every error is at most {@code exactTolerance} times the limit's scale: the network is the scheme itself. */
    EXACT("exact"),
    /** The rate's whole interval is below {@code -minimumRate}. */
    CONVERGING("converging"),
    /** A rate was fitted, but its interval reaches {@code -minimumRate} or above: no evidence of decay. */
    NOT_CONVERGING("not-converging"),
    /** No rate: fewer than 3 depths (or points) with a positive error remain. */
    UNDETERMINED("undetermined");

    private final String key;

    Convergence(String key) {
        this.key = key;
    }

    /** @return the on-disk name */
    @JsonValue
    public String key() {
        return key;
    }
}
