package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The histogram of a sample: the JMLR paper's Figure 2 (the output and gradient ratios of 10,000
 * networks at initialisation).
 *
 * <p>Bins as numpy's and seaborn's {@code bins="auto"}: equal bins over [min, max] of the finite
 * values, of width the smaller of the Freedman-Diaconis width {@code 2 IQR n^(-1/3)} and Sturges'
 * {@code (max - min) / (log2 n + 1)} (Sturges' alone when the interquartile range is 0); the count
 * of bins is {@code ceil((max - min) / width)}, at most {@value #MAX_BINS}. The bars are one filled
 * outline; the y axis counts networks. A vertical line marks the median.
 *
 * <p>Edge cases: non-finite values are left out and counted in the legend and
 * {@link Figure#notes()}; a sample of one value (or all equal) gets one bin of width 1 around it; no
 * finite value: {@link IllegalArgumentException} from {@link #draw}.
 *
 * @param title  short title; empty for none
 * @param xTitle the quantity, e.g. {@code ‖h_L‖ / ‖h_0‖}
 * @param label  what the sample is, for the legend, e.g. {@code 10000 networks, L = 1000, β = 0.5}
 * @param values the sample; copied
 */
public record HistogramFigure(String title, String xTitle, String label, double[] values) {

    /** The most bins drawn. */
    public static final int MAX_BINS = 200;

    /**
     * Checks and copies.
     *
     * @param title  the title
     * @param xTitle the x axis title
     * @param label  the legend entry
     * @param values the sample
     */
    public HistogramFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xTitle, "xTitle");
        Objects.requireNonNull(label, "label");
        values = values.clone();
        if (values.length == 0) {
            throw new IllegalArgumentException("histogram '" + title + "' has no values");
        }
    }

    /**
     * The bin edges of numpy's {@code bins="auto"} for finite values.
     *
     * @param sorted the finite values, ascending, at least one
     * @return the edges, ascending, at least two
     */
    static double[] edges(double[] sorted) {
        int n = sorted.length;
        double min = sorted[0];
        double max = sorted[n - 1];
        if (!(max > min)) {
            return new double[] {min - 0.5, min + 0.5};
        }
        double sturges = (max - min) / (Math.log(n) / Math.log(2) + 1);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double width = iqr > 0 ? Math.min(sturges, 2 * iqr * Math.pow(n, -1.0 / 3)) : sturges;
        int bins = (int) Math.min(MAX_BINS, Math.max(1, Math.ceil((max - min) / width)));
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = i == bins ? max : min + i * (max - min) / bins;
        }
        return e;
    }

    /** numpy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /**
     * @param style the paper style
     * @return the figure
     */
    public Figure draw(PaperStyle style) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("histogram '" + title + "': no finite value");
        }
        List<String> notes = new ArrayList<>();
        int omitted = values.length - finite.length;
        if (omitted > 0) {
            notes.add(omitted + " of " + values.length + " values are not finite and are not counted");
        }
        double[] e = edges(finite);
        int bins = e.length - 1;
        long[] counts = new long[bins];
        double width = (e[bins] - e[0]) / bins;
        for (double v : finite) {
            counts[Math.min(bins - 1, (int) ((v - e[0]) / width))]++;
        }
        long most = 0;
        for (long c : counts) {
            most = Math.max(most, c);
        }
        double[] px = new double[2 * bins + 2];
        double[] py = new double[2 * bins + 2];
        px[0] = e[0];
        for (int i = 0; i < bins; i++) {
            px[2 * i + 1] = e[i];
            py[2 * i + 1] = counts[i];
            px[2 * i + 2] = e[i + 1];
            py[2 * i + 2] = counts[i];
        }
        px[2 * bins + 1] = e[bins];
        PaperChart chart = new PaperChart(style, title, xTitle, "networks", Styler.LegendPosition.OutsideS);
        double pad = 0.02 * (e[bins] - e[0]);
        chart.linearX(e[0] - pad, e[bins] + pad);
        chart.linearY(0, most * 1.05);
        XYSeries bars = chart.addSeries(label + ", " + bins + " bins" + (omitted > 0 ? " (" + omitted
                + " not finite, left out)" : ""), px, py);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color c = style.color(0);
        bars.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
        bars.setLineColor(PaperStyle.darker(c));
        bars.setLineStyle(new BasicStroke(style.px(0.5)));
        bars.setMarker(SeriesMarkers.NONE);
        double median = quantile(finite, 0.5);
        XYSeries med = chart.addSeries("median " + FigureText.number(median), new double[] {median, median},
                new double[] {0, most * 1.05});
        med.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        med.setLineColor(PaperStyle.INK);
        med.setLineStyle(style.dashedLine(0));
        med.setMarker(SeriesMarkers.NONE);
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }
}
