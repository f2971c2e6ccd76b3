package org.rscale.fits.paths;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;

/**
 * The limit analysis of one group.
 *
 * @param group            the group id
 * @param tensor           the judged tensor
 * @param biasTensor       its bias counterpart, when the cells have it
 * @param exponent         the rescaling exponent, empty when it could not be determined
 * @param exponentNote     how it was determined, or why not
 * @param convergence      per tensor, empty without an exponent
 * @param roughness        per cell and tensor
 * @param pooled           per tensor, the deepest depth's cells pooled
 * @param trends           per tensor, empty when not available
 * @param trendNote        {@value LimitAnalysis#OK} or why there is no trend
 * @param deltaBar         the constant delta-bar on the trend grid, when it applies
 * @param denoised         per cell and tensor, empty without a trend
 * @param noisePaths       the deepest depth's first cell's noise path per tensor
 * @param rates            log-log fits against depth
 */
public record GroupLimits(String group, String tensor, Optional<String> biasTensor, OptionalDouble exponent,
                          String exponentNote, List<LimitConvergence> convergence, List<CellRoughness> roughness,
                          List<PooledRoughness> pooled, List<TrendNoiseDecomposition> trends, String trendNote,
                          Optional<SampledPath> deltaBar, List<DenoisedCell> denoised, List<NoisePath> noisePaths,
                          List<RateFit> rates) {
    // Copies.
    public GroupLimits {
        convergence = List.copyOf(convergence);
        roughness = List.copyOf(roughness);
        pooled = List.copyOf(pooled);
        trends = List.copyOf(trends);
        denoised = List.copyOf(denoised);
        noisePaths = List.copyOf(noisePaths);
        rates = List.copyOf(rates);
    }

    /**
     * @param t a tensor
     * @return its convergence, if computed
     */
    public Optional<LimitConvergence> convergenceOf(String t) {
        return convergence.stream().filter(c -> c.tensor().equals(t)).findFirst();
    }

    /**
     * @param t a tensor
     * @return its trend/noise decomposition, if computed
     */
    public Optional<TrendNoiseDecomposition> trendOf(String t) {
        return trends.stream().filter(c -> c.tensor().equals(t)).findFirst();
    }

    /**
     * @param t        a tensor
     * @param quantity a rate quantity, e.g. {@value LimitAnalysis#CONVERGENCE_SUP}
     * @return its fit, if any
     */
    public Optional<ScalingFit> rate(String t, String quantity) {
        return rates.stream().filter(r -> r.tensor().equals(t) && r.quantity().equals(quantity)).findFirst()
                .map(RateFit::fit);
    }
}
