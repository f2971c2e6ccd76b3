package org.rscale.fits.paths;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;

/**
 * A noise path of one cell.
 *
 * @param tensor the tensor
 * @param cell   the cell's id
 * @param depth  L
 * @param path   {@code W_L(k/L)}, {@code k = 0 .. L}
 */
public record NoisePath(String tensor, String cell, int depth, SampledPath path) {
}
