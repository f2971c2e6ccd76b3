package org.rscale.cli;

import org.rscale.plots.FigureOptions;

import picocli.CommandLine.Option;

/**
 * The figure options of {@code plot}, {@code report} and {@code demo}: those of {@link StudyFigureOptions} and the
 * weight entry path figures show; their defaults are {@link FigureOptions#DEFAULTS} (through
 * {@link LibraryDefaults}).
 */
final class FigureOptionsMixin extends StudyFigureOptions {
    @Option(names = "--entry", paramLabel = "I,J",
            description = "the weight entry the path figures show, e.g. 3,7 (auto: the one of largest mean |value|) "
                    + "(default: ${DEFAULT-VALUE})")
    String entry;

    /** @return the options */
    @Override
    FigureOptions options() {
        return options(FigureOptions.entryOf(entry));
    }
}
