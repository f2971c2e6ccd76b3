package org.rscale.cli;

import org.rscale.analysis.AnalysisSettings;
import org.rscale.sweeps.InvalidInputException;

import picocli.CommandLine.Option;

/**
 * Options of the weight analysis shared by {@code analyze}, {@code fit}, {@code plot}, {@code report} and
 * {@code demo}; their defaults are {@link AnalysisSettings#DEFAULTS} (through {@link LibraryDefaults}).
 */
final class AnalysisOptions {
    @Option(names = "--increment-exponent", paramLabel = "F",
            description = "f in the increment statistic L^f\u00A0max_k\u00A0||T_k\u00A0-\u00A0T_{k-1}|| (default: "
                    + "${DEFAULT-VALUE}, the raw increment)")
    double incrementExponent;

    @Option(names = "--level", paramLabel = "P",
            description = "confidence level of every interval (default: ${DEFAULT-VALUE})")
    double level;

    /** @return the settings */
    AnalysisSettings settings() {
        try {
            return new AnalysisSettings(incrementExponent, level);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--level / --increment-exponent: " + e.getMessage());
        }
    }
}
