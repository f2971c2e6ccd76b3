package org.rscale.fits;

import java.util.List;

/**
 * One row of a verdict's evidence table: a measured quantity, its interval, what each outcome of the
 * {@link PredictionTable} predicts for it, and which regimes it points to.
 *
 * @param quantity    which quantity
 * @param stage       the stage that measured it
 * @param role        {@code decides} (it enters the decision) or {@code corroborates} (reported beside it)
 * @param estimate    the estimate with its interval
 * @param counts      whether it counts as evidence (enough depths, a usable fit)
 * @param source      what it was computed from, in words
 * @param note        why it does not count, or a remark; empty otherwise
 * @param predictions what each outcome predicts, with the result; unmodifiable
 * @param pointsTo    the regimes (ode, sde, neither) whose prediction on this quantity holds; unmodifiable
 * @param pointsAgainst the regimes this quantity helps exclude (see the constructor); unmodifiable
 */
public record Evidence(EvidenceQuantity quantity, EvidenceQuantity.Stage stage, PredictionTable.Role role,
                       Estimate estimate, boolean counts, String source, String note, List<Prediction> predictions,
                       List<Regime> pointsTo, List<Regime> pointsAgainst) {

    /**
     * Copies the lists.
     *
     * @param quantity which quantity
     * @param stage the stage that measured it
     * @param role decides or corroborates
     * @param estimate the estimate with its interval
     * @param counts whether it counts as evidence
     * @param source what it was computed from
     * @param note why it does not count, or a remark
     * @param predictions what each outcome predicts; unmodifiable
     * @param pointsTo the regimes whose prediction holds; unmodifiable
     * @param pointsAgainst the regimes this quantity helps exclude: their prediction fails and no other
     *                      alternative of its clause holds (a failing alternative of a clause that holds through
     *                      another is no evidence against); unmodifiable
     */
    public Evidence {
        predictions = List.copyOf(predictions);
        pointsTo = List.copyOf(pointsTo);
        pointsAgainst = List.copyOf(pointsAgainst);
    }

    /**
     * @param outcome an outcome
     * @return its predictions on this quantity
     */
    public List<Prediction> predictionsFor(Outcome outcome) {
        return predictions.stream().filter(p -> p.outcome() == outcome).toList();
    }
}
