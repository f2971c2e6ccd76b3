package org.rscale.fits;

/**
 * What one regime predicts for one {@link EvidenceQuantity}, and whether the estimate agrees: the
 * estimate's interval must meet {@code [low - tolerance, high + tolerance]}.
 *
 * @param regime    the regime making the prediction
 * @param rule      the prediction in words, e.g. {@code -beta - 1}
 * @param low       the predicted range's lower end (equal to {@code high} for a point prediction);
 *                  predictions in terms of beta use beta's interval
 * @param high      the predicted range's upper end
 * @param tolerance the allowed deviation beyond the interval
 * @param outcome   compatible, excluded, or not_available when the estimate does not count
 */
public record Prediction(Regime regime, String rule, double low, double high, double tolerance,
                         Compatibility outcome) {
}
