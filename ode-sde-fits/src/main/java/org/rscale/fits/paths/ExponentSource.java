package org.rscale.fits.paths;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * Where the rescaling exponent of the limit analysis comes from: the {@code beta} of
 * {@code L^beta T_floor(tL)} (convergence) and the {@code gamma} of {@code L^(gamma-1) sum_{k<tL} T_k}
 * (roughness, trend/noise decomposition). SCIENCE.md section 6 writes both with the fitted beta; the
 * sources do not fix which fit, so this is a setting.
 *
 * <pre>
 *   key              exponent                                     agrees with the drift's scaling in
 *   max_norm         -slope of the judged tensor's max norm       H1 (ODE): beta; the reference code's choice
 *   cumulative_sum   1 - slope of its cumulative-sum norm         H1: beta; H2: 1 (sum_k T_k stays O(1))
 *   fixed            a given number                               what the user says
 * </pre>
 * In the diffusive regime the max norm scales like {@code L^-1/2} while the drift, which the trend
 * estimates, is of size {@code 1/L}: {@code max_norm} then rescales the cumulative sums by
 * {@code L^-1/2}, which shrinks the trend and the noise path with depth; {@code cumulative_sum} keeps them
 * of order 1. The default is {@code max_norm} (SCIENCE.md, the reference code).
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, arXiv:2105.12245 (hypotheses 1 and 2).
 */
public enum ExponentSource {
    /** beta = -slope of the max norm. */
    MAX_NORM("max_norm"),
    /** gamma = 1 - slope of the cumulative-sum norm. */
    CUMULATIVE_SUM("cumulative_sum"),
    /** a given exponent. */
    FIXED("fixed");

    private final String key;

    ExponentSource(String key) {
        this.key = key;
    }

    /** @return the on-disk name ({@code limits.json}) */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * @param key an on-disk name
     * @return the source of that name
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static ExponentSource of(String key) {
        for (ExponentSource s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException("exponent source '" + key + "' is not one of max_norm, cumulative_sum, fixed");
    }
}
