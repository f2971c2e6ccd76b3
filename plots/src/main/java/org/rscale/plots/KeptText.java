package org.rscale.plots;

import java.awt.Font;
import java.util.List;
import java.util.Map;

/**
 * A chart that paints text of its own (beyond XChart's title, axis titles and legend): the strings it may draw,
 * so that {@link FigureFiles} keeps them as text in an SVG ({@link TextKeepingGraphics}). The chart must draw each
 * as the filled outline of a {@code TextLayout} at the origin, under a transform that places it, as XChart does.
 */
interface KeptText {
    /** @return the strings drawn upright (under the current transform), each with the fonts it may be drawn in */
    Map<String, List<Font>> upright();

    /** @return the strings drawn as outlines rotated by −90° (a y axis title), with their fonts */
    Map<String, List<Font>> rotated();
}
