package org.rscale.fits.paths;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;

/**
 * The roughness of one cell's tensor.
 *
 * @param cell      the cell's id
 * @param depth     L
 * @param seed      the seed, null when unknown
 * @param roughness the measurement
 */
public record CellRoughness(String cell, int depth, Integer seed, PathRoughness roughness) {
}
