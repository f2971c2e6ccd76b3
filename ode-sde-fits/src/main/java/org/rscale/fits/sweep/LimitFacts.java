package org.rscale.fits.sweep;

import java.util.List;
import java.util.Optional;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.limit.LimitComparison;

/**
 * The measurements of one group that {@link LimitVerdictRule} weighs beside the first verdict: plain values,
 * so that the rule is a pure function (tests build them by hand).
 *
 * @param convergence  the log-log fit of the sup distance between consecutive depths' rescaled curves of the
 *                     judged tensor against depth ({@code convergence_sup} in rates.csv)
 * @param hurst        the pooled median Hurst exponent of the judged tensor's cumulative paths at the deepest depth
 * @param hurstDepth   that depth (0 when unknown)
 * @param noiseQv      the log-log fit of the raw noise quadratic variation against depth
 *                     ({@code raw_noise_quadratic_variation} in rates.csv)
 * @param lossRatios   denoised_loss / train_loss of the deepest depth's cells (empty when not available)
 * @param comparison   the comparison with the candidate limits
 * @param candidates   how each candidate was built, or why it is not available
 * @param inputSource  where the compared inputs came from
 * @param notes        what could not be computed
 */
public record LimitFacts(Optional<ScalingFit> convergence, Optional<MedianEstimate> hurst, int hurstDepth,
                         Optional<ScalingFit> noiseQv, double[] lossRatios, Optional<LimitComparison> comparison,
                         List<SweepLimits.CandidateInfo> candidates, String inputSource, List<String> notes) {

    // Copies.
    public LimitFacts {
        lossRatios = lossRatios.clone();
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    /** @return no limit evidence at all */
    public static LimitFacts none() {
        return new LimitFacts(Optional.empty(), Optional.empty(), 0, Optional.empty(), new double[0], Optional.empty(),
                List.of(), "none", List.of());
    }

    /** @return the ratios; a copy */
    @Override
    public double[] lossRatios() {
        return lossRatios.clone();
    }
}
