package org.rscale.fits;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether an estimate's confidence interval is compatible with a predicted range widened by a tolerance:
 * <pre>
 *   compatible      [ciLow, ciHigh] meets [low - tolerance, high + tolerance]
 *   excluded        it does not
 *   not_available   the estimate is missing or its fit does not count (see RegimeCriteria)
 * </pre>
 * For a regime as a whole: compatible when none of its predictions is excluded and every one it needs is
 * available, excluded when one is excluded, not_available otherwise.
 */
public enum Compatibility {
    /** The interval meets the widened prediction. */
    COMPATIBLE("compatible"),
    /** The interval misses the widened prediction. */
    EXCLUDED("excluded"),
    /** No usable estimate. */
    NOT_AVAILABLE("not_available");

    private final String key;

    Compatibility(String key) {
        this.key = key;
    }

    /** @return the on-disk name ({@code verdict.json}) */
    @JsonValue
    public String key() {
        return key;
    }
}
