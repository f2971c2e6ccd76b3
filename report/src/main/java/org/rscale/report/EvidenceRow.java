package org.rscale.report;

import java.util.List;
import java.util.Objects;

/**
 * One row of the evidence table, as text: what was measured, its estimate and interval, what each regime
 * predicts (and whether the estimate agrees), and which way it points.
 *
 * @param quantity    the quantity's key, e.g. {@code max_norm_slope}
 * @param stage       where it comes from: {@code scaling} (the scaling fits) or {@code limit} (the limit evidence)
 * @param estimate    the estimate, or empty for a categorical item
 * @param interval    its interval with the level, e.g. {@code [−0.22, −0.20] (95%)}, or empty
 * @param predictions one per regime that makes a prediction, in the regimes' order
 * @param direction   which way it points, in words: a regime, {@code ode or neither}, {@code no regime},
 *                    {@code does not separate}, or {@code not used}
 * @param counts      whether its estimate counts (a fit over enough depths, a narrow enough interval)
 * @param decides     whether it is one of the quantities the decision rests on (the rest corroborate)
 * @param note        a remark (why it does not count, what it was computed from); may be empty
 */
public record EvidenceRow(String quantity, String stage, String estimate, String interval,
                          List<PredictionCell> predictions, String direction, boolean counts, boolean decides,
                          String note) {

    // Copies.
    public EvidenceRow {
        Objects.requireNonNull(quantity, "quantity");
        predictions = List.copyOf(predictions);
    }

    /**
     * What one regime predicts for the row's quantity.
     *
     * @param regime     the regime's key, e.g. {@code ode}
     * @param prediction the prediction in words
     * @param agrees     {@code yes}, {@code no} or {@code n/a} (the estimate did not count)
     */
    public record PredictionCell(String regime, String prediction, String agrees) {
    }
}
