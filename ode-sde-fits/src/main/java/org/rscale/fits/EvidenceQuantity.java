package org.rscale.fits;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The quantities a regime verdict weighs, each a log-log slope against depth or a difference of two:
 * <pre>
 *   key                          quantity                                   ode          sde    neither
 *   max_norm_slope               slope of max_k ||T_k||                     -beta        -1/2   0
 *   increment_slope              slope of max_k ||T_k - T_{k-1}|| (raw)     -beta - 1    -1/2   0
 *   smoothness_gap               max_norm_slope - increment_slope           1            0      0
 *   quadratic_variation_slope    slope of sum_k ||T_k - T_{k-1}||^2         -2 beta - 1  0      1 - 2 beta
 *   root_ssq_slope               slope of sqrt(sum_k ||T_k||^2)             1/2 - beta   0      1/2 - beta
 * </pre>
 * (SCIENCE.md section 5; beta = -max_norm_slope.)
 */
public enum EvidenceQuantity {
    /** Slope of the max norm. */
    MAX_NORM_SLOPE("max_norm_slope"),
    /** Slope of the raw (f = 0) increment. */
    INCREMENT_SLOPE("increment_slope"),
    /** Max-norm slope minus raw-increment slope. */
    SMOOTHNESS_GAP("smoothness_gap"),
    /** Slope of the quadratic variation. */
    QUADRATIC_VARIATION_SLOPE("quadratic_variation_slope"),
    /** Slope of the root sum of squares. */
    ROOT_SSQ_SLOPE("root_ssq_slope");

    private final String key;

    EvidenceQuantity(String key) {
        this.key = key;
    }

    /** @return the on-disk name ({@code verdict.json}) */
    @JsonValue
    public String key() {
        return key;
    }
}
