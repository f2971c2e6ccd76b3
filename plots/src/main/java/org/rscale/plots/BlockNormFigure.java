package org.rscale.plots;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The operator norm of every block of convolutional ResNets against their depth, log-log, with the largest
 * of each network highlighted and its fitted power law: the CIFAR figure of the paper (SCIENCE.md 7, "the CIFAR
 * per-block spectral norms against depth"; the reference code's {@code plot_max_norms}).
 *
 * <pre>
 * series           drawn as
 * each block       outlined circles, light blue, one per block of every network
 * max over blocks  filled vermillion squares, one per network, joined by depth (with one network per depth);
 *                  legend with the fitted
 *                  slope and interval (slope = -beta of conv1, -alpha of conv2)
 * fit              dashed, darker, from the smallest to the largest depth
 * </pre>
 * Axes: logarithmic over whole decades; values that are not finite and positive are omitted and counted in
 * {@link Figure#notes()}.
 *
 * @param title       short title; empty for none
 * @param tensorLabel the kernels, e.g. {@code conv1 (A_k)}; the y axis reads {@code operator norm of ...}
 * @param blockDepths the depth of the network of every block; copied
 * @param blockNorms  the operator norm of every block, same length; copied
 * @param depths      the depth of every network; copied
 * @param maxima      the largest block norm of every network, same length; copied
 * @param fit         the fit of log(max) against log(depth), or null
 */
public record BlockNormFigure(String title, String tensorLabel, double[] blockDepths, double[] blockNorms,
                              double[] depths, double[] maxima, ScalingFigure.FittedLine fit) {

    /**
     * Checks and copies.
     *
     * @param title short title; empty for none
     * @param tensorLabel the kernels
     * @param blockDepths the depth of every block's network
     * @param blockNorms the norm of every block
     * @param depths the depth of every network
     * @param maxima the largest block norm of every network
     * @param fit the fit of the maxima, or null
     * @throws IllegalArgumentException when the arrays of a pair differ in length or there is no network
     */
    public BlockNormFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tensorLabel, "tensorLabel");
        blockDepths = blockDepths.clone();
        blockNorms = blockNorms.clone();
        depths = depths.clone();
        maxima = maxima.clone();
        if (blockDepths.length != blockNorms.length || depths.length != maxima.length) {
            throw new IllegalArgumentException("block norm figure '" + title + "': arrays of different lengths");
        }
        if (depths.length == 0) {
            throw new IllegalArgumentException("block norm figure '" + title + "' has no network");
        }
    }

    /** @return the legend label of the maxima */
    static String maxLabel(ScalingFigure.FittedLine fit) {
        return fit == null ? "max over blocks" : "max over blocks: " + fit.legendText();
    }

    /**
     * Draws the figure in the single-column style.
     *
     * @return the figure
     * @throws IllegalArgumentException when no maximum is finite and positive
     */
    public Figure draw() {
        return draw(PaperStyle.singleColumn());
    }

    /**
     * Draws the figure.
     *
     * @param style the paper style
     * @return the figure
     * @throws IllegalArgumentException when no maximum is finite and positive
     */
    public Figure draw(PaperStyle style) {
        List<String> notes = new ArrayList<>();
        LogPoints blocks = LogPoints.of(blockDepths, blockNorms);
        LogPoints max = LogPoints.of(depths, maxima);
        if (max.size() == 0) {
            throw new IllegalArgumentException("block norm figure '" + title + "': no maximum is finite and positive");
        }
        if (blocks.omitted() > 0) {
            notes.add("block norms: " + blocks.omissionText() + " (logarithmic axis)");
        }
        if (max.omitted() > 0) {
            notes.add("maxima: " + max.omissionText() + " (logarithmic axis)");
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        for (double d : depths) {
            xMin = Math.min(xMin, d);
            xMax = Math.max(xMax, d);
        }
        double yMin = max.yMin();
        double yMax = max.yMax();
        if (blocks.size() > 0) {
            yMin = Math.min(yMin, blocks.yMin());
            yMax = Math.max(yMax, blocks.yMax());
        }
        if (fit != null) {
            yMin = Math.min(yMin, Math.min(fit.valueAt(xMin), fit.valueAt(xMax)));
            yMax = Math.max(yMax, Math.max(fit.valueAt(xMin), fit.valueAt(xMax)));
        }
        PaperChart chart = new PaperChart(style, title, "depth L", "operator norm of " + tensorLabel,
                Styler.LegendPosition.OutsideS);
        chart.logXData(xMin, xMax);
        chart.logYData(yMin, yMax);
        if (blocks.size() > 0) {
            Color light = new Color(0x56B4E9);
            XYSeries each = chart.addSeries("each block (" + blocks.size() + ")", blocks.x(), blocks.y());
            each.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            each.setMarker(style.marker(PaperMarker.Shape.CIRCLE, false));
            each.setMarkerColor(light);
            each.setLineColor(light);
        }
        Color accent = new Color(0xD55E00);
        double[][] sorted = sortedByX(max.x(), max.y());
        XYSeries m = chart.addSeries(maxLabel(fit), sorted[0], sorted[1]);
        // joined by depth when there is one network per depth; several seeds per depth stay apart
        m.setXYSeriesRenderStyle(distinct(sorted[0]) ? XYSeries.XYSeriesRenderStyle.Line
                : XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarker(style.marker(PaperMarker.Shape.SQUARE, true));
        m.setMarkerColor(accent);
        m.setLineColor(accent);
        m.setLineStyle(style.thinLine());
        if (fit != null) {
            XYSeries line = chart.addSeries(ScalingFigure.fitSeriesName("max over blocks"), new double[] {xMin, xMax},
                    new double[] {fit.valueAt(xMin), fit.valueAt(xMax)});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(PaperStyle.darker(accent));
            line.setLineStyle(style.dashedLine(0));
            line.setShowInLegend(false);
        }
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    private static boolean distinct(double[] sortedX) {
        for (int i = 1; i < sortedX.length; i++) {
            if (sortedX[i] == sortedX[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The points by increasing x (several seeds at one depth: by y too), for the joining line. */
    private static double[][] sortedByX(double[] x, double[] y) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
        double[][] out = new double[2][x.length];
        for (int i = 0; i < order.length; i++) {
            out[0][i] = x[order[i]];
            out[1][i] = y[order[i]];
        }
        return out;
    }
}
