package org.rscale.analysis;

import java.nio.file.Path;

import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.run.StateDictLayout;

/**
 * How the kernels of convolutional cells are measured: how many singular values to keep, how strides enter
 * the operator norm, how to read kernels trained elsewhere, and where the per-cell spectra are kept between
 * runs (they cost seconds to minutes per cell at the paper's width, so {@code analyze}, {@code fit} and
 * {@code plot} compute each cell's once).
 *
 * @param topK       singular values kept per kernel, at least 1 (default {@value ConvNetSpectra#DEFAULT_TOP_K},
 *                   the reference code's)
 * @param strideRule how a stride enters the norm (default {@link StrideRule#DEFAULT})
 * @param layout     names and input size of {@code state_dict} kernels (default torchvision names, 32 x 32)
 * @param cacheDir   where each cell's spectra are kept ({@code <analysis>/conv/}), or null to keep nothing
 * @param jobs       how many conv cells are measured at a time, each on one thread (default 1)
 */
public record ConvAnalysisSettings(int topK, StrideRule strideRule, StateDictLayout layout, Path cacheDir, int jobs) {

    /**
     * Validates.
     *
     * @param topK singular values kept per kernel, at least 1
     * @param strideRule how a stride enters the norm
     * @param layout names and input size of state_dict kernels
     * @param cacheDir where each cell's spectra are kept, or null
     * @param jobs how many conv cells are measured at a time, at least 1
     * @throws InvalidInputException naming the value when {@code topK < 1}, {@code jobs < 1} or a rule or layout
     *                               is null
     */
    public ConvAnalysisSettings {
        if (jobs < 1) {
            throw new InvalidInputException("conv cells measured at a time (--conv-jobs) must be at least 1, got " + jobs);
        }
        if (topK < 1) {
            throw new InvalidInputException("number of singular values kept per kernel must be at least 1, got " + topK);
        }
        if (strideRule == null || layout == null) {
            throw new InvalidInputException("conv analysis settings: stride rule and state_dict layout must be given");
        }
    }

    /**
     * @param cacheDir where each cell's spectra are kept, or null
     * @return the defaults
     */
    public static ConvAnalysisSettings defaults(Path cacheDir) {
        return new ConvAnalysisSettings(ConvNetSpectra.DEFAULT_TOP_K, StrideRule.DEFAULT, StateDictLayout.DEFAULT, cacheDir,
                1);
    }

    /**
     * @param k singular values kept per kernel
     * @return these settings keeping {@code k}
     */
    public ConvAnalysisSettings withTopK(int k) {
        return new ConvAnalysisSettings(k, strideRule, layout, cacheDir, jobs);
    }

    /**
     * @param dir another cache directory, or null
     * @return these settings keeping spectra there
     */
    public ConvAnalysisSettings withCacheDir(Path dir) {
        return new ConvAnalysisSettings(topK, strideRule, layout, dir, jobs);
    }
}
