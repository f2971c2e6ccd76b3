package org.rscale.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.rscale.plots.FigureOptions;

import picocli.CommandLine.Option;

/**
 * The figure options of {@code plot}, {@code report} and {@code demo}; their defaults are
 * {@link FigureOptions#DEFAULTS} (through {@link LibraryDefaults}).
 */
final class FigureOptionsMixin {
    @Option(names = "--formats", paramLabel = "LIST", split = ",",
            description = "figure files to write: png, svg (text kept as text), pdf (vectors) (default: ${DEFAULT-VALUE})")
    List<String> formats = new ArrayList<>();

    @Option(names = "--width", paramLabel = "W",
            description = "figure width: single (one column, 3.4 in) or double (text width, 7 in) (default: ${DEFAULT-VALUE})")
    String width;

    @Option(names = "--entry", paramLabel = "I,J",
            description = "the weight entry the path figures show, e.g. 3,7 (auto: the one of largest mean |value|) "
                    + "(default: ${DEFAULT-VALUE})")
    String entry;

    @Option(names = "--no-titles", negatable = false,
            description = "draw the figures without titles (a paper's caption replaces them)")
    boolean noTitles;

    /** @return the options */
    FigureOptions options() {
        EnumSet<FigureOptions.Format> f = EnumSet.noneOf(FigureOptions.Format.class);
        for (String s : formats) {
            f.add(FigureOptions.Format.of(s));
        }
        return new FigureOptions(f.isEmpty() ? FigureOptions.DEFAULTS.formats() : f,
                width == null ? FigureOptions.DEFAULTS.width() : FigureOptions.Width.of(width),
                FigureOptions.entryOf(entry), !noTitles);
    }
}
