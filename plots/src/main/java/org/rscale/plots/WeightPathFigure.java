package org.rscale.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One weight entry against layer time for several depths overlaid: does {@code L^γ A_k[i,j]},
 * seen as a function of {@code t = k/L}, converge to a curve as L grows (the ODE regime of
 * SCIENCE.md section 5), or not? SCIENCE.md section 7, "weight entries against k/L for several
 * depths overlaid".
 *
 * <p>A curve of depth L has one point per layer: {@code (t_k, L^γ v_k)} with {@code t_k = k/L},
 * {@code k = 0..L-1}, so t runs over {@code [0, (L-1)/L]}; the x axis is fixed to [0, 1]. Curves
 * are thin lines; a curve of at most {@value #MARKER_MAX_DEPTH} layers also gets small markers so
 * its discrete layers show. Colours run along a ramp by log-depth, dark for the shallowest to light
 * green for the deepest, with lightness monotone so the order survives grey print. Curves are drawn
 * deepest first, so the dense deep curves lie under the shallow ones; the legend ({@code L = 100},
 * below the plot) lists them in that drawing order.
 *
 * <p>The y axis reads {@code A_k[3,7]} without rescaling, {@code L^0.2 · A_k[3,7]} with
 * {@code γ = 0.2} and {@code L · A_k[3,7]} with {@code γ = 1}.
 *
 * <p>Edge cases:
 * <ul>
 *   <li>NaN or infinite values are omitted (the line joins their neighbours); the legend entry and
 *       {@link Figure#notes()} say how many. A curve with no finite value is left out, with a note;
 *       if no curve is left, {@link #draw} throws {@link IllegalArgumentException}.</li>
 *   <li>More than {@value #LEGEND_MAX} curves: the legend lists {@value #LEGEND_SHOWN} of them, evenly
 *       spread over the depths and including the shallowest and deepest, with a note.</li>
 *   <li>No curve, a curve whose length is not its depth, a depth below 1, two curves of one depth,
 *       or a non-finite exponent: {@link IllegalArgumentException} when the record is built.</li>
 * </ul>
 *
 * @param title           short title; empty for none
 * @param entryLabel      the entry, e.g. {@code "A_k[3,7]"}
 * @param rescaleExponent γ: values are multiplied by {@code L^γ}; 0 for none
 * @param curves          one curve per depth, in any order; not empty
 */
public record WeightPathFigure(String title, String entryLabel, double rescaleExponent, List<WeightPathFigure.Curve> curves) {

    /** Curves with at most this many layers get markers. */
    public static final int MARKER_MAX_DEPTH = 64;
    /** With more curves than this, the legend lists only {@link #LEGEND_SHOWN} of them. */
    public static final int LEGEND_MAX = 8;
    /** Number of legend entries when the legend is shortened. */
    public static final int LEGEND_SHOWN = 6;

    /**
     * Checks and copies the components.
     *
     * @param title           short title; empty for none
     * @param entryLabel      the entry, e.g. {@code A_k[3,7]}
     * @param rescaleExponent γ, finite; 0 for no rescaling
     * @param curves          one curve per depth; not empty
     * @throws IllegalArgumentException if there is no curve, two curves share a depth, or γ is not finite
     */
    public WeightPathFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(entryLabel, "entryLabel");
        curves = List.copyOf(curves);
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("weight path figure of '" + entryLabel + "' has no curve");
        }
        if (!Double.isFinite(rescaleExponent)) {
            throw new IllegalArgumentException("rescale exponent must be finite, got " + rescaleExponent);
        }
        Set<Integer> depths = new HashSet<>();
        for (Curve c : curves) {
            if (!depths.add(c.depth())) {
                throw new IllegalArgumentException("weight path figure of '" + entryLabel + "' has two curves of depth L = "
                        + c.depth());
            }
        }
    }

    /**
     * The values of one weight entry in every layer of a network of depth L.
     *
     * @param depth  the depth L, at least 1
     * @param values {@code values[k]} is the entry in layer k, {@code k = 0..L-1}; length L; copied
     * @param seed   the network's seed, or null when unknown (the legend then names the depth only)
     */
    public record Curve(int depth, double[] values, Integer seed) {

        /**
         * A curve of unknown seed.
         *
         * @param depth  the depth L
         * @param values one value per layer
         */
        public Curve(int depth, double[] values) {
            this(depth, values, null);
        }

        /**
         * Checks and copies the components.
         *
         * @param depth  the depth L, at least 1
         * @param values one value per layer, length L; copied
         * @param seed   the seed, or null
         * @throws IllegalArgumentException if the depth is below 1 or the length differs from it
         */
        public Curve {
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, got " + depth);
            }
            values = values.clone();
            if (values.length != depth) {
                throw new IllegalArgumentException("curve of depth L = " + depth + " has " + values.length
                        + " values; expected one per layer, " + depth);
            }
        }

        /** @return a copy of the values */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * A figure without title or rescaling.
     *
     * @param entryLabel the entry, e.g. {@code "A_k[3,7]"}
     * @param curves     one curve per depth
     * @return the figure description
     */
    public static WeightPathFigure of(String entryLabel, List<Curve> curves) {
        return new WeightPathFigure("", entryLabel, 0, curves);
    }

    /**
     * @param depth a depth
     * @return the chart series name (and legend text) of its curve, {@code "L = 100"}
     */
    public static String seriesName(int depth) {
        return "L = " + depth;
    }

    /**
     * @param depth a depth
     * @param seed  a seed, or null
     * @return the legend text of a network, {@code "L = 917, seed 0"} (the depth alone when the seed is unknown)
     */
    public static String legendName(int depth, Integer seed) {
        return seed == null ? seriesName(depth) : seriesName(depth) + ", seed " + seed;
    }

    /**
     * @return the y axis title: the entry label, preceded by {@code L^γ · } when γ is not 0
     *         ({@code L · } when γ is 1)
     */
    public String yAxisTitle() {
        if (rescaleExponent == 0) {
            return entryLabel;
        }
        if (rescaleExponent == 1) {
            return "L \u00B7 " + entryLabel;
        }
        return FigureText.rescaled(entryLabel, rescaleExponent);
    }

    /**
     * Draws the figure in the single-column style.
     *
     * @return the figure
     * @throws IllegalArgumentException if no curve has a finite value
     */
    public Figure draw() {
        return draw(PaperStyle.singleColumn());
    }

    /**
     * Draws the figure: one chart series per drawn curve, named {@link #seriesName(int)}, with
     * {@code x[k] = k/L} and {@code y[k] = L^γ values[k]} over the finite values.
     *
     * @param style the paper style
     * @return the figure
     * @throws IllegalArgumentException if no curve has a finite value
     */
    public Figure draw(PaperStyle style) {
        List<Curve> sorted = new ArrayList<>(curves);
        sorted.sort(Comparator.comparingInt(Curve::depth).reversed());
        List<String> notes = new ArrayList<>();
        List<Curve> drawn = new ArrayList<>();
        for (Curve c : sorted) {
            int finite = 0;
            for (double v : c.values) {
                finite += Double.isFinite(v) ? 1 : 0;
            }
            if (finite == 0) {
                notes.add(seriesName(c.depth) + ": no finite value; the curve is not drawn");
            } else {
                drawn.add(c);
            }
        }
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("weight path figure of '" + entryLabel
                    + "': nothing to plot, no curve has a finite value");
        }
        double logMin = Math.log(drawn.get(drawn.size() - 1).depth);
        double logMax = Math.log(drawn.get(0).depth);
        Set<Integer> inLegend = legendEntries(drawn.size());
        if (inLegend.size() < drawn.size()) {
            notes.add("the legend lists " + inLegend.size() + " of the " + drawn.size()
                    + " depths; colour runs from dark (shallowest) to light (deepest)");
        }

        List<double[][]> xy = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : drawn) {
            int L = c.depth;
            double scale = Math.pow(L, rescaleExponent);
            double[] x = new double[L];
            double[] y = new double[L];
            int n = 0;
            for (int k = 0; k < L; k++) {
                if (Double.isFinite(c.values[k])) {
                    x[n] = (double) k / L;
                    // rescaled entry L^γ v_k
                    y[n] = scale * c.values[k];
                    lo = Math.min(lo, y[n]);
                    hi = Math.max(hi, y[n]);
                    n++;
                }
            }
            int omitted = L - n;
            if (omitted > 0) {
                notes.add(seriesName(L) + ": " + omitted + " NaN/infinite " + (omitted == 1 ? "value" : "values")
                        + " omitted");
            }
            xy.add(new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)});
        }
        if (!(hi > lo)) {
            // a constant entry: centre it in a range of +-10% (or +-1 around zero)
            double pad = lo == 0 ? 1 : 0.1 * Math.abs(lo);
            lo -= pad;
            hi += pad;
        }
        if (!Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException("weight path figure of '" + entryLabel
                    + "': the rescaled values overflow, range [" + lo + ", " + hi + "]");
        }

        PaperChart chart = new PaperChart(style, title, "t = k/L", yAxisTitle(), Styler.LegendPosition.OutsideS);
        chart.linearX(0, 1);
        chart.linearY(lo, hi);
        for (int i = 0; i < drawn.size(); i++) {
            int L = drawn.get(i).depth;
            double[][] p = xy.get(i);
            int omitted = L - p[0].length;
            double[][] drawnPoints = CurveEnvelope.of(p[0], p[1]);
            XYSeries s = chart.addSeries(seriesName(L), drawnPoints[0], drawnPoints[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            double t = logMax > logMin ? (Math.log(L) - logMin) / (logMax - logMin) : 0;
            s.setLineColor(style.ramp(t));
            s.setMarkerColor(style.ramp(t));
            s.setLineStyle(style.thinLine());
            if (L <= MARKER_MAX_DEPTH) {
                s.setMarker(style.marker(i));
            } else {
                s.setMarker(SeriesMarkers.NONE);
            }
            s.setLabel(legendName(L, drawn.get(i).seed) + (omitted > 0 ? " (" + omitted + " omitted)" : ""));
            s.setShowInLegend(inLegend.contains(i));
        }
        chart.getStyler().setMarkerSize(style.smallMarkerSize());
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    /** Indices (in drawing order) of the curves listed in the legend. */
    private static Set<Integer> legendEntries(int count) {
        Set<Integer> shown = new HashSet<>();
        if (count <= LEGEND_MAX) {
            for (int i = 0; i < count; i++) {
                shown.add(i);
            }
            return shown;
        }
        for (int j = 0; j < LEGEND_SHOWN; j++) {
            shown.add((int) Math.round(j * (count - 1) / (double) (LEGEND_SHOWN - 1)));
        }
        return shown;
    }
}
