package org.rscale.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.rscale.plots.FigureOptions;

import picocli.CommandLine.Option;

/**
 * The figure options every command that draws figures takes: formats, width and titles ({@code init-scan},
 * {@code init-train}; {@link FigureOptionsMixin} adds the weight entry for {@code plot}, {@code report} and
 * {@code demo}). Their defaults are {@link FigureOptions#DEFAULTS} (through {@link LibraryDefaults}).
 */
class StudyFigureOptions {
    @Option(names = "--formats", paramLabel = "LIST", split = ",",
            description = "figure files to write: png, svg (text kept as text), pdf (vectors) (default: ${DEFAULT-VALUE})")
    List<String> formats = new ArrayList<>();

    @Option(names = "--width", paramLabel = "W",
            description = "figure width: single (one column, 3.4 in) or double (text width, 7 in) (default: ${DEFAULT-VALUE})")
    String width;

    @Option(names = "--no-titles", negatable = false,
            description = "draw the figures without titles (a paper's caption replaces them)")
    boolean noTitles;

    /** @return the options, no weight entry chosen */
    FigureOptions options() {
        return options(Optional.empty());
    }

    /**
     * @param entry the weight entry path figures show, or empty for auto
     * @return the options
     */
    final FigureOptions options(Optional<int[]> entry) {
        EnumSet<FigureOptions.Format> f = EnumSet.noneOf(FigureOptions.Format.class);
        for (String s : formats) {
            f.add(FigureOptions.Format.of(s));
        }
        return new FigureOptions(f.isEmpty() ? FigureOptions.DEFAULTS.formats() : f,
                width == null ? FigureOptions.DEFAULTS.width() : FigureOptions.Width.of(width), entry, !noTitles);
    }

    /** @return the formats written, for the closing line: "PNG, SVG and PDF" */
    String formatsText() {
        List<String> names = options().formats().stream().sorted().map(Enum::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
