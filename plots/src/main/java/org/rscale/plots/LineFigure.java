package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves against {@code t} in [0, 1] on linear axes, each drawn in one of three roles: SCIENCE.md section 7,
 * "weight entries against k/L for several depths overlaid" with the limit curve, hidden states {@code h_k}
 * against {@code k/L} with the integrated limits, and the trend/noise decomposition of one weight entry.
 *
 * <pre>
 * role         drawn as                                                        legend
 * DEPTH        thin solid line, colour on the depth ramp (dark shallow, light   "L = 100" (at most six, spread)
 *              deep), markers when at most 64 points
 * REFERENCE    thick (1.3 pt) solid or dashed line, on top: black, vermillion,   its label
 *              orange, then the palette
 * </pre>
 * The y range covers every finite value, padded by 4%; non-finite values are omitted and counted in
 * {@link Figure#notes()}.
 *
 * @param title  short title; empty for none
 * @param xTitle the x axis title, e.g. {@code t = k/L}
 * @param yTitle the y axis title
 * @param curves the curves, drawn in this order (depth curves should come first); not empty
 * @param xMin   the left end of the x axis (0 for {@code t = k/L})
 * @param xMax   the right end of the x axis (1 for {@code t = k/L}), above {@code xMin}
 */
public record LineFigure(String title, String xTitle, String yTitle, List<LineFigure.Curve> curves, double xMin,
                         double xMax) {

    /**
     * A figure against {@code t} in [0, 1].
     *
     * @param title short title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @param curves the curves
     */
    public LineFigure(String title, String xTitle, String yTitle, List<LineFigure.Curve> curves) {
        this(title, xTitle, yTitle, curves, 0, 1);
    }

    /**
     * @param min the left end of the x axis
     * @param max the right end, above {@code min}
     * @return this figure over another x range
     */
    public LineFigure withXRange(double min, double max) {
        return new LineFigure(title, xTitle, yTitle, curves, min, Math.max(max, min + 1e-9));
    }

    /** How a curve is drawn. */
    public enum Role {
        /** One depth among several: thin, on the depth ramp. */
        DEPTH,
        /** A limit, a trend, a reference: thick, in a palette colour, on top. */
        REFERENCE
    }

    /**
     * One curve.
     *
     * @param label  legend text; unique within a figure
     * @param t      abscissas in [0, 1]; copied
     * @param y      ordinates, same length; copied
     * @param role   how it is drawn
     * @param depth  for a {@link Role#DEPTH} curve its depth (for the colour ramp), else 0
     * @param dashed for a {@link Role#REFERENCE} curve, whether it is dashed
     */
    public record Curve(String label, double[] t, double[] y, Role role, int depth, boolean dashed) {
        /**
         * Checks and copies.
         *
         * @param label legend text
         * @param t abscissas
         * @param y ordinates
         * @param role how it is drawn
         * @param depth the depth of a depth curve
         * @param dashed whether a reference curve is dashed
         */
        public Curve {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(role, "role");
            t = t.clone();
            y = y.clone();
            if (t.length != y.length || t.length == 0) {
                throw new IllegalArgumentException("curve '" + label + "' has " + t.length + " abscissas and " + y.length
                        + " ordinates");
            }
        }

        /**
         * @param label legend text
         * @param t     abscissas
         * @param y     ordinates
         * @param depth its depth
         * @return a depth curve
         */
        public static Curve depth(String label, double[] t, double[] y, int depth) {
            return new Curve(label, t, y, Role.DEPTH, depth, false);
        }

        /**
         * @param label  legend text
         * @param t      abscissas
         * @param y      ordinates
         * @param dashed whether dashed
         * @return a reference curve
         */
        public static Curve reference(String label, double[] t, double[] y, boolean dashed) {
            return new Curve(label, t, y, Role.REFERENCE, 0, dashed);
        }

        /** @return a copy of the abscissas */
        @Override
        public double[] t() {
            return t.clone();
        }

        /** @return a copy of the ordinates */
        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /**
     * Checks and copies.
     *
     * @param title short title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @param curves the curves; not empty, labels unique
     * @param xMin the left end of the x axis
     * @param xMax the right end of the x axis
     */
    public LineFigure {
        Objects.requireNonNull(title, "title");
        curves = List.copyOf(curves);
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("line figure '" + title + "' has no curve");
        }
        Set<String> labels = new HashSet<>();
        for (Curve c : curves) {
            if (!labels.add(c.label())) {
                throw new IllegalArgumentException("line figure '" + title + "' has two curves labelled '" + c.label() + "'");
            }
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
     * @throws IllegalArgumentException when no curve has a finite value
     */
    public Figure draw(PaperStyle style) {
        List<String> notes = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int minDepth = Integer.MAX_VALUE;
        int maxDepth = 0;
        List<double[][]> kept = new ArrayList<>();
        for (Curve c : curves) {
            double[] x = new double[c.t.length];
            double[] y = new double[c.t.length];
            int n = 0;
            for (int i = 0; i < c.t.length; i++) {
                if (Double.isFinite(c.y[i]) && Double.isFinite(c.t[i])) {
                    x[n] = c.t[i];
                    y[n] = c.y[i];
                    lo = Math.min(lo, y[n]);
                    hi = Math.max(hi, y[n]);
                    n++;
                }
            }
            if (n < c.t.length) {
                notes.add(c.label + ": " + (c.t.length - n) + " non-finite values omitted");
            }
            kept.add(new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)});
            if (c.role == Role.DEPTH) {
                minDepth = Math.min(minDepth, c.depth);
                maxDepth = Math.max(maxDepth, c.depth);
            }
        }
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("line figure '" + title + "': no finite value to draw");
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : 0.1 * Math.abs(lo);
            lo -= pad;
            hi += pad;
        }
        double pad = 0.04 * (hi - lo);
        PaperChart chart = new PaperChart(style, title, xTitle, yTitle, Styler.LegendPosition.OutsideS);
        chart.linearX(xMin, xMax);
        chart.linearY(lo - pad, hi + pad);
        double logMin = Math.log(Math.max(1, minDepth));
        double logMax = Math.log(Math.max(1, maxDepth));
        int depthCurves = 0;
        for (Curve c : curves) {
            depthCurves += c.role == Role.DEPTH ? 1 : 0;
        }
        Set<Integer> legend = legendEntries(depthCurves);
        int di = 0;
        int ri = 0;
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            double[][] p = kept.get(i);
            if (p[0].length == 0) {
                continue;
            }
            double[][] drawnPoints = CurveEnvelope.of(p[0], p[1]);
            XYSeries s = chart.addSeries(c.label, drawnPoints[0], drawnPoints[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            if (c.role == Role.DEPTH) {
                double u = logMax > logMin ? (Math.log(c.depth) - logMin) / (logMax - logMin) : 0;
                Color col = style.ramp(u);
                s.setLineColor(col);
                s.setMarkerColor(col);
                s.setLineStyle(style.thinLine());
                s.setMarker(p[0].length <= WeightPathFigure.MARKER_MAX_DEPTH ? style.marker(di) : SeriesMarkers.NONE);
                s.setShowInLegend(legend.contains(di));
                di++;
            } else {
                Color col = ri == 0 ? PaperStyle.INK : style.color(ri == 1 ? 1 : ri == 2 ? 4 : ri + 1);
                // reference lines: black, vermillion, orange, then the palette
                s.setLineColor(col);
                s.setMarker(SeriesMarkers.NONE);
                BasicStroke stroke = c.dashed ? style.dashedLine(0) : new BasicStroke(style.px(1.3),
                        BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
                if (c.dashed) {
                    stroke = new BasicStroke(style.px(1.3), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            stroke.getDashArray(), 0f);
                }
                s.setLineStyle(stroke);
                ri++;
            }
        }
        if (depthCurves > legend.size()) {
            notes.add("the legend lists " + legend.size() + " of the " + depthCurves + " depths");
        }
        chart.getStyler().setMarkerSize(style.smallMarkerSize());
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    private static Set<Integer> legendEntries(int count) {
        Set<Integer> shown = new HashSet<>();
        if (count <= WeightPathFigure.LEGEND_MAX) {
            for (int i = 0; i < count; i++) {
                shown.add(i);
            }
            return shown;
        }
        for (int j = 0; j < WeightPathFigure.LEGEND_SHOWN; j++) {
            shown.add((int) Math.round(j * (count - 1) / (double) (WeightPathFigure.LEGEND_SHOWN - 1)));
        }
        return shown;
    }
}
