package org.rscale.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A dimensionless level against depth: logarithmic depth axis over whole decades, linear value axis, one marker
 * per network, and horizontal threshold lines across the depth range (dashed, in the reference colours, named
 * in the legend). Drawn for the coherence kappa = QV2/QV1 of the hidden states, which lies between 1 (rough) and
 * 2 (smooth), with the thresholds of the verdict.
 *
 * <p>The value axis covers the points, the thresholds and the given span (kappa: [1, 2]), padded by 4%. Non-finite values and depths that are
 * not positive are omitted and counted in {@link Figure#notes()}.
 *
 * @param title      short title; empty for none
 * @param yTitle     the value axis title, e.g. {@code κ = QV2/QV1 of h_k}
 * @param label      the points' legend text
 * @param depths     the depth of each point
 * @param values     the values, same length
 * @param thresholds the horizontal lines
 * @param spanLow    the value axis reaches at least down to this (NaN: no requirement)
 * @param spanHigh   the value axis reaches at least up to this (NaN: no requirement)
 */
public record LevelFigure(String title, String yTitle, String label, double[] depths, double[] values,
                          List<Threshold> thresholds, double spanLow, double spanHigh) {

    /**
     * A horizontal line.
     *
     * @param label legend text, e.g. {@code smooth from 1.75}
     * @param value its height
     */
    public record Threshold(String label, double value) {
    }

    /**
     * Checks and copies.
     *
     * @param title short title
     * @param yTitle the value axis title
     * @param label the points' legend text
     * @param depths the depths
     * @param values the values
     * @param thresholds the horizontal lines
     * @param spanLow the value axis reaches at least down to this (NaN: no requirement)
     * @param spanHigh the value axis reaches at least up to this (NaN: no requirement)
     * @throws IllegalArgumentException when the lengths differ or there is no point
     */
    public LevelFigure {
        Objects.requireNonNull(title, "title");
        depths = depths.clone();
        values = values.clone();
        thresholds = List.copyOf(thresholds);
        if (depths.length != values.length || depths.length == 0) {
            throw new IllegalArgumentException("level figure '" + title + "': " + depths.length + " depths and "
                    + values.length + " values");
        }
    }

    /** @return the figure in the single-column style */
    public Figure draw() {
        return draw(PaperStyle.singleColumn());
    }

    /**
     * Draws the figure.
     *
     * @param style the paper style
     * @return the figure
     * @throws IllegalArgumentException when no point is finite
     */
    public Figure draw(PaperStyle style) {
        List<String> notes = new ArrayList<>();
        double[] x = new double[depths.length];
        double[] y = new double[depths.length];
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        for (int i = 0; i < depths.length; i++) {
            if (Double.isFinite(values[i]) && depths[i] > 0 && Double.isFinite(depths[i])) {
                x[n] = depths[i];
                y[n] = values[i];
                lo = Math.min(lo, y[n]);
                hi = Math.max(hi, y[n]);
                xMin = Math.min(xMin, x[n]);
                xMax = Math.max(xMax, x[n]);
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("level figure '" + title + "': no finite value to draw");
        }
        if (n < depths.length) {
            notes.add(label + ": " + (depths.length - n) + " non-finite values omitted");
        }
        for (Threshold t : thresholds) {
            lo = Math.min(lo, t.value());
            hi = Math.max(hi, t.value());
        }
        if (!Double.isNaN(spanLow)) {
            lo = Math.min(lo, spanLow);
        }
        if (!Double.isNaN(spanHigh)) {
            hi = Math.max(hi, spanHigh);
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double pad = 0.04 * (hi - lo);
        PaperChart chart = new PaperChart(style, title, "depth L", yTitle, Styler.LegendPosition.OutsideS);
        chart.logX(DecadeRange.covering(xMin, xMax));
        chart.linearY(lo - pad, hi + pad);
        XYSeries pts = chart.addSeries(label, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(style.marker(0));
        pts.setMarkerColor(style.color(0));
        pts.setLineColor(style.color(0));
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            XYSeries line = chart.addSeries(t.label(), new double[] {xMin, xMax}, new double[] {t.value(), t.value()});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(style.color(i + 1));
            line.setLineStyle(style.dashedLine(i + 1));
        }
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }
}
