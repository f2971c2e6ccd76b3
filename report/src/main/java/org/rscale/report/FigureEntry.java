package org.rscale.report;

import java.nio.file.Path;
import java.util.Optional;

import org.rscale.plots.FigureCatalog;

/**
 * One figure of a sweep: its files and its caption.
 *
 * @param group    the group directory it lies in ({@code all}, a group id), or empty for a figure of the whole
 *                 sweep
 * @param baseName the file name without extension
 * @param svg      the SVG file, if drawn
 * @param png      the PNG file, if drawn
 * @param caption  what it shows and what to look for ({@link FigureCatalog}), or the file name for an unknown kind
 */
public record FigureEntry(String group, String baseName, Optional<Path> svg, Optional<Path> png, String caption) {

    /**
     * @param group    the group directory
     * @param baseName the file name without extension
     * @param svg      the SVG, or null
     * @param png      the PNG, or null
     * @return the entry with the catalog's caption
     */
    public static FigureEntry of(String group, String baseName, Path svg, Path png) {
        return new FigureEntry(group, baseName, Optional.ofNullable(svg), Optional.ofNullable(png),
                FigureCatalog.captionOf(baseName));
    }

    /** @return whether the catalog knows this kind of figure */
    public boolean known() {
        return FigureCatalog.of(baseName).isPresent();
    }
}
