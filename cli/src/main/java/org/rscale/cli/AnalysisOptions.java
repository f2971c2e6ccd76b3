package org.rscale.cli;

import picocli.CommandLine.Option;

/**
 * Options of the weight analysis shared by {@code analyze}, {@code plot} and {@code demo}.
 */
final class AnalysisOptions {
    @Option(names = "--increment-exponent", paramLabel = "F", defaultValue = "0",
            description = "f in the increment statistic L^f max_k ||T_k - T_{k-1}|| (default: ${DEFAULT-VALUE}, "
                    + "the raw increment)")
    double incrementExponent;

    @Option(names = "--level", paramLabel = "P", defaultValue = "0.95",
            description = "confidence level of every interval (default: ${DEFAULT-VALUE})")
    double level;
}
