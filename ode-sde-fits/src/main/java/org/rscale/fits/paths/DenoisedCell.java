package org.rscale.fits.paths;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;

/**
 * One cell's decomposition and losses.
 *
 * @param cell           the cell's id
 * @param depth          L
 * @param seed           the seed, null when unknown
 * @param inTrend        whether the cell is one of the trend cells
 * @param tensor         the tensor of {@link #noise()}
 * @param noise          the noise's quadratic variation and share
 * @param trainLoss      the original network's mean squared error on its training set, recomputed
 * @param denoisedLoss   the denoised network's, on the same set
 * @param finalTrainLoss the final epoch-average training loss from run.json, null when unknown
 * @param lossNote       {@value LimitAnalysis#OK} or why there is no loss
 */
public record DenoisedCell(String cell, int depth, Integer seed, boolean inTrend, String tensor, NoiseStatistics noise,
                           OptionalDouble trainLoss, OptionalDouble denoisedLoss, Double finalTrainLoss,
                           String lossNote) {
}
