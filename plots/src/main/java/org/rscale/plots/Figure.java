package org.rscale.plots;

import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYChart;

/**
 * A finished figure: the chart, the style it was drawn with (which fixes the PNG resolution) and
 * notes on what the figure leaves out (omitted points, a shortened legend), for the caller to
 * report; the same facts also appear in the legend.
 *
 * <p>The chart is a mutable XChart object: callers may restyle it before writing, but figure
 * builders never touch it again.
 *
 * @param chart the chart, ready to render
 * @param style the style it was built with
 * @param notes one sentence per omission, empty when the figure shows all its input
 */
public record Figure(XYChart chart, PaperStyle style, List<String> notes) {

    /**
     * Checks and copies the components.
     *
     * @param chart the chart
     * @param style the style it was built with
     * @param notes the omissions, one sentence each
     */
    public Figure {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(style, "style");
        notes = List.copyOf(notes);
    }
}
