package org.rscale.fits;

import java.util.Objects;

/**
 * One measured quantity as the {@link PredictionTable} reads it: the estimate with its interval, whether it
 * counts as evidence, and where it came from.
 *
 * @param quantity which quantity
 * @param estimate the estimate with its interval
 * @param counts   whether it enters the decision (enough depths, a usable fit); a quantity that does not count
 *                 makes every prediction on it not available
 * @param source   what it was computed from, in words (fit, depths, cells, R^2)
 * @param note     why it does not count, or a remark; empty otherwise
 */
public record Measurement(EvidenceQuantity quantity, Estimate estimate, boolean counts, String source, String note) {

    /**
     * Checks the fields.
     *
     * @param quantity which quantity
     * @param estimate the estimate with its interval
     * @param counts whether it enters the decision
     * @param source what it was computed from
     * @param note why it does not count, or a remark; empty otherwise
     * @throws NullPointerException when a field is null
     */
    public Measurement {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
    }

    /**
     * @param quantity which quantity
     * @param estimate the estimate
     * @param source   what it was computed from
     * @return a measurement that counts, without a note
     */
    public static Measurement of(EvidenceQuantity quantity, Estimate estimate, String source) {
        return new Measurement(quantity, estimate, true, source, "");
    }
}
