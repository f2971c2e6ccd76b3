package org.rscale.plots;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Log-log plot of weight statistics against depth for one experiment group and one tensor, with
 * the fitted power laws: SCIENCE.md section 7, "log-log plots against depth with OLS lines and
 * slopes in the legend".
 *
 * <p>Each {@link Series} is drawn as markers, one per cell (several seeds at one depth give
 * several markers), in its own colour and shape. When it has a {@link FittedLine}
 * <pre>
 *   log(value) = intercept + slope * log(L)        (natural logarithms)
 * </pre>
 * the line {@code value = exp(intercept) * L^slope} is drawn dashed, in a darker shade of the same
 * colour and over all markers, from the smallest to the largest depth of the series, and the legend entry reads
 * {@code max norm: slope −0.21 [−0.24, −0.18]}: the slope and its confidence interval, whose level
 * is written after it when it is not 95%. Both axes are logarithmic over whole decades.
 *
 * <p>Edge cases:
 * <ul>
 *   <li>A value that is zero, negative, NaN or infinite cannot be placed on a logarithmic axis: it
 *       is omitted, the series' legend entry says how many ({@code (2 values ≤ 0 omitted)}) and
 *       {@link Figure#notes()} repeats it. The fitted line is drawn regardless; it was fitted
 *       upstream.</li>
 *   <li>A series none of whose values can be drawn is left out entirely (points and line), with a
 *       note; if that leaves nothing, {@link #draw} throws {@link IllegalArgumentException}.</li>
 *   <li>No series, a series without points, arrays of different lengths, a depth that is not
 *       finite and positive, or two series with one label: {@link IllegalArgumentException} when
 *       the record is built.</li>
 * </ul>
 *
 * @param title       short title, e.g. {@code "tanh, shared δ"}; empty for none
 * @param tensorLabel the tensor the statistics describe, e.g. {@code "A_k"} or {@code "|δ_k| A_k"};
 *                    the y axis reads {@code statistic of A_k}
 * @param series      the statistics, drawn in this order; not empty
 */
public record ScalingFigure(String title, String tensorLabel, List<ScalingFigure.Series> series) {

    /**
     * Checks and copies the components.
     *
     * @param title       short title; empty for none
     * @param tensorLabel the tensor, e.g. {@code A_k}
     * @param series      the statistics; not empty, labels unique
     * @throws IllegalArgumentException if there is no series or two series share a label
     */
    public ScalingFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tensorLabel, "tensorLabel");
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("scaling figure '" + title + "' has no series");
        }
        Set<String> labels = new HashSet<>();
        for (Series s : series) {
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException("scaling figure '" + title + "' has two series labelled '"
                        + s.label() + "'");
            }
        }
    }

    /**
     * A fitted power law {@code log(value) = intercept + slope log(L)} (natural logarithms) with a
     * confidence interval for the slope, stored as explicit bounds with their level.
     *
     * @param slope     the fitted exponent
     * @param intercept the fitted intercept, in natural-log units
     * @param slopeLow  lower bound of the slope's interval; NaN when there is none
     * @param slopeHigh upper bound of the slope's interval; NaN when there is none
     * @param level     the interval's confidence level in (0, 1), e.g. 0.95
     */
    public record FittedLine(double slope, double intercept, double slopeLow, double slopeHigh, double level) {

        /**
         * Checks the components.
         *
         * @param slope     the fitted exponent, finite
         * @param intercept the intercept in natural-log units, finite
         * @param slopeLow  lower bound of the slope's interval, or NaN
         * @param slopeHigh upper bound of the slope's interval, or NaN
         * @param level     the interval's level in (0, 1)
         * @throws IllegalArgumentException if slope or intercept is not finite, exactly one bound is NaN, the bounds are reversed, or the level is outside (0, 1)
         */
        public FittedLine {
            if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
                throw new IllegalArgumentException("fitted line needs a finite slope and intercept, got slope "
                        + slope + ", intercept " + intercept);
            }
            if (Double.isNaN(slopeLow) != Double.isNaN(slopeHigh) || slopeLow > slopeHigh) {
                throw new IllegalArgumentException("slope interval must be [low, high] with low <= high, or both NaN; got ["
                        + slopeLow + ", " + slopeHigh + "]");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
            }
        }

        /**
         * A line with a 95% interval.
         *
         * @param slope     the fitted exponent
         * @param intercept the intercept, natural-log units
         * @param slopeLow  lower bound of the 95% interval
         * @param slopeHigh upper bound of the 95% interval
         * @return the line
         */
        public static FittedLine of(double slope, double intercept, double slopeLow, double slopeHigh) {
            return new FittedLine(slope, intercept, slopeLow, slopeHigh, 0.95);
        }

        /**
         * @param depth the depth L, positive
         * @return {@code exp(intercept + slope * ln L)}
         */
        public double valueAt(double depth) {
            return Math.exp(intercept + slope * Math.log(depth));
        }

        /**
         * The legend text, e.g. {@code slope −0.21 [−0.24, −0.18]}, with {@code (90%)} appended when
         * the level is not 95%. Decimals: two, or as many as needed (up to four) to show the
         * interval's width.
         *
         * @return the text
         */
        public String legendText() {
            if (Double.isNaN(slopeLow)) {
                return "slope " + FigureText.fixed(slope, 2);
            }
            double width = slopeHigh - slopeLow;
            int decimals = width > 0 ? (int) Math.ceil(-Math.log10(width)) : 4;
            decimals = Math.max(2, Math.min(4, decimals));
            String text = "slope " + FigureText.fixed(slope, decimals) + " [" + FigureText.fixed(slopeLow, decimals)
                    + ", " + FigureText.fixed(slopeHigh, decimals) + "]";
            if (Math.abs(level - 0.95) > 1e-9) {
                text += " (" + FigureText.number(100 * level) + "%)";
            }
            return text;
        }
    }

    /**
     * One statistic: its value in every cell, and optionally its fitted line.
     *
     * @param label  the statistic, e.g. {@code "max norm"}; unique within a figure
     * @param depths the depth L of every cell, finite and positive; copied
     * @param values the statistic in every cell, same length as {@code depths}; copied; values
     *               that cannot go on a log axis are omitted when drawing
     * @param fit    the fitted line, or null for none
     */
    public record Series(String label, double[] depths, double[] values, FittedLine fit) {

        /**
         * Checks and copies the components.
         *
         * @param label  the statistic, not blank
         * @param depths the depths, finite and positive; copied
         * @param values the values, same length; copied
         * @param fit    the fitted line, or null
         * @throws IllegalArgumentException if the label is blank, the arrays are empty or differ in length, or a depth is not finite and positive
         */
        public Series {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("series label is blank");
            }
            depths = depths.clone();
            values = values.clone();
            if (depths.length == 0) {
                throw new IllegalArgumentException("series '" + label + "' has no points");
            }
            if (depths.length != values.length) {
                throw new IllegalArgumentException("series '" + label + "' has " + depths.length + " depths but "
                        + values.length + " values");
            }
            for (int i = 0; i < depths.length; i++) {
                if (!(depths[i] > 0) || Double.isInfinite(depths[i])) {
                    throw new IllegalArgumentException("series '" + label + "': depth " + depths[i] + " at index " + i
                            + " is not finite and positive");
                }
            }
        }

        /**
         * @param label  the statistic
         * @param depths the depths
         * @param values the values
         * @return a series without fitted line
         */
        public static Series of(String label, double[] depths, double[] values) {
            return new Series(label, depths, values, null);
        }

        /**
         * @param label  the statistic
         * @param depths the depths
         * @param values the values
         * @param fit    the fitted line
         * @return a series with a fitted line
         */
        public static Series of(String label, double[] depths, double[] values, FittedLine fit) {
            return new Series(label, depths, values, Objects.requireNonNull(fit, "fit"));
        }

        /** @return a copy of the depths */
        @Override
        public double[] depths() {
            return depths.clone();
        }

        /** @return a copy of the values */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * Name of the chart series holding the fitted line of a statistic (not shown in the legend).
     *
     * @param label the statistic's label
     * @return {@code label + " (fit)"}
     */
    public static String fitSeriesName(String label) {
        return label + " (fit)";
    }

    /**
     * Draws the figure in the single-column style.
     *
     * @return the figure
     * @throws IllegalArgumentException if no value of any series can be drawn
     */
    public Figure draw() {
        return draw(PaperStyle.singleColumn());
    }

    /**
     * Draws the figure. Chart series: for each drawn statistic, its points under its label (legend
     * text: label, slope, omissions) and, with a fit, a two-point line under
     * {@link #fitSeriesName(String)} from the smallest to the largest depth.
     *
     * @param style the paper style
     * @return the figure
     * @throws IllegalArgumentException if no value of any series can be drawn
     */
    public Figure draw(PaperStyle style) {
        List<String> notes = new ArrayList<>();
        List<Series> drawn = new ArrayList<>();
        List<LogPoints> points = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = 0;
        for (Series s : series) {
            LogPoints p = LogPoints.of(s.depths, s.values);
            if (p.size() == 0) {
                notes.add("'" + s.label + "': none of its " + s.values.length
                        + " values is finite and positive; the series is not drawn");
                continue;
            }
            drawn.add(s);
            points.add(p);
            for (double d : s.depths) {
                xMin = Math.min(xMin, d);
                xMax = Math.max(xMax, d);
            }
            yMin = Math.min(yMin, p.yMin());
            yMax = Math.max(yMax, p.yMax());
            if (p.omitted() > 0) {
                notes.add("'" + s.label + "': " + p.omissionText() + " (logarithmic axis)");
            }
        }
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("scaling figure '" + title
                    + "': nothing to plot, no series has a finite positive value");
        }
        for (Series s : drawn) {
            if (s.fit != null) {
                double lo = min(s.depths);
                double hi = max(s.depths);
                double a = s.fit.valueAt(lo);
                double b = s.fit.valueAt(hi);
                if (!(a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b))) {
                    throw new IllegalArgumentException("fitted line of '" + s.label + "' is not finite and positive over ["
                            + lo + ", " + hi + "]: " + a + ", " + b);
                }
                yMin = Math.min(yMin, Math.min(a, b));
                yMax = Math.max(yMax, Math.max(a, b));
            }
        }

        PaperChart chart = new PaperChart(style, title, "depth L", "statistic of " + tensorLabel,
                Styler.LegendPosition.OutsideS);
        chart.logXData(xMin, xMax);
        chart.logYData(yMin, yMax);

        for (int i = 0; i < drawn.size(); i++) {
            Series s = drawn.get(i);
            LogPoints p = points.get(i);
            StringBuilder legend = new StringBuilder(s.label);
            if (s.fit != null) {
                legend.append(": ").append(s.fit.legendText());
            }
            if (p.omitted() > 0) {
                legend.append("\n(").append(p.omissionText()).append(')');
            }
            XYSeries pts = chart.addSeries(s.label, p.x(), p.y());
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(style.marker(i));
            pts.setMarkerColor(style.color(i));
            pts.setLineColor(style.color(i));
            pts.setLabel(legend.toString());
        }
        // fitted lines on top of all markers, in a darker shade so they show over their own points
        for (int i = 0; i < drawn.size(); i++) {
            Series s = drawn.get(i);
            if (s.fit == null) {
                continue;
            }
            double lo = min(s.depths);
            double hi = max(s.depths);
            XYSeries line = chart.addSeries(fitSeriesName(s.label), new double[] {lo, hi},
                    new double[] {s.fit.valueAt(lo), s.fit.valueAt(hi)});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(PaperStyle.darker(style.color(i)));
            line.setLineStyle(style.dashedLine(i));
            line.setShowInLegend(false);
        }
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
