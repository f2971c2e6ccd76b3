package org.rscale.fits;

import java.util.List;

/**
 * One quantity a verdict weighed, its estimate, the quality of the fit(s) behind it, and what each
 * regime predicts for it.
 *
 * @param quantity    which quantity
 * @param estimate    the slope (or gap) with its interval
 * @param r2          R^2 of the log-log fit; for the gap, the smaller of the two fits'
 * @param nPoints     cells used; for the gap, the smaller of the two fits'
 * @param nDepths     distinct depths used; for the gap, the smaller of the two fits'
 * @param counts      whether the fit(s) count as evidence (see {@link RegimeCriteria#counts})
 * @param predictions one prediction per regime that makes one; unmodifiable
 */
public record Evidence(EvidenceQuantity quantity, Estimate estimate, double r2, int nPoints, int nDepths,
                       boolean counts, List<Prediction> predictions) {

    /**
     * Copies the predictions.
     *
     * @param quantity which quantity
     * @param estimate the slope (or gap) with its interval
     * @param r2 R^2 of the log-log fit; for the gap, the smaller of the two fits'
     * @param nPoints cells used; for the gap, the smaller of the two fits'
     * @param nDepths distinct depths used; for the gap, the smaller of the two fits'
     * @param counts whether the fit(s) count as evidence (see {@link RegimeCriteria#counts})
     * @param predictions one prediction per regime that makes one; unmodifiable
     */
    public Evidence {
        predictions = List.copyOf(predictions);
    }
}
