package org.rscale.fits.sweep;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.fits.Estimate;
import org.rscale.fits.Prediction;

/**
 * The limit evidence of one group as {@code verdict.json} writes it ({@code limit_evidence}): every item the
 * upgraded verdict weighed, with its interval and what each regime predicts for it, and the comparison of
 * the networks with each candidate limit.
 *
 * <pre>
 *   item                              estimate                                                   source
 *   convergence_rate                  -slope of the sup distance between consecutive depths'      convergence.csv, rates.csv
 *                                     rescaled curves L^beta T_floor(tL)
 *   hurst                             median Hurst exponent of the cumulative paths' entries at   roughness.csv (pooled)
 *                                     the deepest depth, order-statistic interval
 *   noise_quadratic_variation_slope   slope of the raw noise path's quadratic variation           denoised.csv, rates.csv
 *                                     sum_k ||T_k - Tbar_k||^2 against depth
 *   denoised_loss_ratio               median over the deepest depth's cells of                    denoised.csv
 *                                     denoised_loss / train_loss (reported, not decisive)
 *   limit_comparison                  the slope of the best-matching candidate's error            comparison.csv, rates.csv
 *                                     (categorical: which candidates converge)
 * </pre>
 *
 * @param items       the evidence items, in the order above (those that could be computed)
 * @param candidates  the comparison with each candidate limit
 * @param best        the best match: the converging ODE candidate with the smallest error at the deepest depth,
 *                    else the SDE when it converges; empty when none converges (the SDE driven by each network's
 *                    own noise nests the linear ODE: when the noise vanishes it converges as well, often closer)
 * @param inputSource where the compared inputs came from
 * @param notes       what could not be computed, and why
 */
public record LimitEvidence(List<Item> items, List<CandidateEvidence> candidates, Optional<String> best,
                            String inputSource, List<String> notes) {

    /** Item key. */
    public static final String CONVERGENCE_RATE = "convergence_rate";
    /** Item key. */
    public static final String HURST = "hurst";
    /** Item key. */
    public static final String NOISE_QV_SLOPE = "noise_quadratic_variation_slope";
    /** Item key. */
    public static final String DENOISED_LOSS_RATIO = "denoised_loss_ratio";
    /** Item key. */
    public static final String LIMIT_COMPARISON = "limit_comparison";

    // Copies.
    public LimitEvidence {
        items = List.copyOf(items);
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    /**
     * One piece of limit evidence.
     *
     * @param quantity    the item's key
     * @param estimate    the estimate with its interval; empty for a categorical item without a rate
     * @param source      what it was computed from, in words
     * @param counts      whether it entered the decision (enough depths, a usable fit)
     * @param note        why it does not count, or a remark; empty otherwise
     * @param predictions one per regime that makes one
     */
    public record Item(String quantity, Optional<Estimate> estimate, String source, boolean counts, String note,
                       List<Prediction> predictions) {
        // Copies.
        public Item {
            predictions = List.copyOf(predictions);
        }
    }

    /**
     * The networks against one candidate limit.
     *
     * @param candidate    the label
     * @param equation     the equation's key
     * @param convergence  exact, converging, not-converging, undetermined, or not-available
     * @param rate         the slope of log(max error) against log(L) with its interval
     * @param r2           R^2 of that fit, when fitted
     * @param nDepths      depths in the fit
     * @param deepestError the mean max error at the deepest depth compared
     * @param predicted    what the regimes predict for this candidate, in words
     * @param source       how the candidate was built, or why it is not available
     */
    public record CandidateEvidence(String candidate, String equation, String convergence, Optional<Estimate> rate,
                                    OptionalDouble r2, int nDepths, OptionalDouble deepestError, String predicted,
                                    String source) {
    }

    /**
     * @param key an item's key
     * @return the item, if present
     */
    public Optional<Item> item(String key) {
        return items.stream().filter(i -> i.quantity().equals(key)).findFirst();
    }
}
