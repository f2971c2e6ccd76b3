package org.rscale.fits.paths;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;

/**
 * The Hurst exponents of every entry of every cell at the deepest depth, pooled.
 *
 * @param tensor the tensor
 * @param depth  the deepest depth
 * @param cells  the cells pooled
 * @param hurst  the median over all their entries, empty when none has an estimate
 */
public record PooledRoughness(String tensor, int depth, List<String> cells, Optional<MedianEstimate> hurst) {
    // Copies.
    public PooledRoughness {
        cells = List.copyOf(cells);
    }
}
