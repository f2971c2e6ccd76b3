package org.rscale.cli;

import org.rscale.analysis.DepthRange;

import picocli.CommandLine.Option;

/**
 * Options of the weight analysis shared by {@code analyze}, {@code fit}, {@code plot} and {@code demo}.
 */
final class AnalysisOptions {
    @Option(names = "--increment-exponent", paramLabel = "F", defaultValue = "0",
            description = "f in the increment statistic L^f max_k ||T_k - T_{k-1}|| (default: ${DEFAULT-VALUE}, "
                    + "the raw increment)")
    double incrementExponent;

    @Option(names = "--level", paramLabel = "P", defaultValue = "0.95",
            description = "confidence level of every interval (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--min-depth", paramLabel = "L",
            description = "judge the sweep on depths L and deeper only (default: every depth for the weight-level "
                    + "fits; 'rscale fit' judges the hidden states from L = 2 x --modes = 32 unless given)")
    Integer minDepth;

    @Option(names = "--max-depth", paramLabel = "L",
            description = "judge the sweep on depths up to L only (default: no upper end)")
    Integer maxDepth;

    /** @return the weight-level fits' depth range */
    DepthRange range() {
        return DepthRange.of(minDepth, maxDepth);
    }
}
