package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A quantity against depth, its mean over networks with a shaded confidence band: one panel of the
 * JMLR paper's Figures 1, 3, 4 and 5 (output or gradient change against depth for one beta).
 *
 * <p>The mean is a line with markers, the band a filled polygon between the interval's bounds. The
 * x axis is linear over the depths (the paper's depths are evenly spaced); the y axis is linear, or
 * logarithmic over whole decades when the finite positive values span more than
 * {@value #LOG_SPAN} (an exploding regime), so that every panel shows its own data.
 *
 * <p>Edge cases: a depth whose mean is not finite is omitted, and the legend and
 * {@link Figure#notes()} say how many; a band bound that is not finite (one network) leaves the
 * band out at that depth; on a logarithmic axis a lower bound at or below zero is drawn at the
 * axis' bottom, with a note. No depth with a finite mean: {@link IllegalArgumentException} from
 * {@link #draw}.
 *
 * @param title     the panel's title, e.g. {@code β = 0.5}
 * @param yTitle    the quantity, e.g. {@code ‖h_L − h_0‖ / ‖h_0‖}
 * @param meanLabel the mean's legend entry, e.g. {@code mean of 50 networks}
 * @param bandLabel the band's legend entry, e.g. {@code 95% interval of the mean}
 * @param depths    the depths, ascending, finite and positive; copied
 * @param mean      the mean at each depth; copied
 * @param low       the band's lower bound at each depth; copied
 * @param high      the band's upper bound at each depth; copied
 */
public record DepthBandFigure(String title, String yTitle, String meanLabel, String bandLabel, double[] depths,
                              double[] mean, double[] low, double[] high) {

    /** The ratio of the largest to the smallest positive value above which the y axis is logarithmic. */
    public static final double LOG_SPAN = 100;

    /**
     * Checks and copies.
     *
     * @param title     the title
     * @param yTitle    the y axis title
     * @param meanLabel the mean's legend entry
     * @param bandLabel the band's legend entry
     * @param depths    the depths
     * @param mean      the means
     * @param low       the lower bounds
     * @param high      the upper bounds
     * @throws IllegalArgumentException for arrays of different lengths, none, or a bad depth
     */
    public DepthBandFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yTitle, "yTitle");
        Objects.requireNonNull(meanLabel, "meanLabel");
        Objects.requireNonNull(bandLabel, "bandLabel");
        depths = depths.clone();
        mean = mean.clone();
        low = low.clone();
        high = high.clone();
        if (depths.length == 0 || mean.length != depths.length || low.length != depths.length
                || high.length != depths.length) {
            throw new IllegalArgumentException("depth band figure '" + title + "' needs equally long, non-empty arrays");
        }
        for (int i = 0; i < depths.length; i++) {
            if (!(depths[i] > 0) || Double.isInfinite(depths[i]) || i > 0 && !(depths[i] > depths[i - 1])) {
                throw new IllegalArgumentException("depth band figure '" + title + "': depths must be positive and "
                        + "ascending, got " + depths[i] + " at index " + i);
            }
        }
    }

    /**
     * @param style the paper style
     * @return the figure
     */
    public Figure draw(PaperStyle style) {
        List<String> notes = new ArrayList<>();
        int n = depths.length;
        double[] x = new double[n];
        double[] m = new double[n];
        int kept = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(mean[i])) {
                continue;
            }
            x[kept] = depths[i];
            m[kept++] = mean[i];
            for (double v : new double[] {mean[i], low[i], high[i]}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    if (v > 0) {
                        minPositive = Math.min(minPositive, v);
                    }
                }
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("depth band figure '" + title + "': no finite mean to draw");
        }
        if (kept < n) {
            notes.add((n - kept) + " of " + n + " depths have no finite mean (overflow) and are not drawn");
        }
        boolean log = minPositive < Double.POSITIVE_INFINITY && hi / minPositive > LOG_SPAN;
        PaperChart chart = new PaperChart(style, title, "depth L", yTitle, Styler.LegendPosition.OutsideS);
        double span = depths[n - 1] - depths[0];
        double pad = span > 0 ? 0.03 * span : Math.max(1, 0.1 * depths[0]);
        chart.linearX(0, depths[n - 1] + pad);
        double bottom;
        if (log) {
            DecadeRange decades = DecadeRange.covering(minPositive, hi);
            chart.logY(decades, decades.max());
            bottom = decades.min();
        } else {
            if (!(hi > lo)) {
                double p = lo == 0 ? 1 : 0.1 * Math.abs(lo);
                lo -= p;
                hi += p;
            }
            double p = 0.05 * (hi - lo);
            bottom = lo - p;
            chart.linearY(bottom, hi + p);
        }
        int clipped = addBand(chart, style, bottom, log);
        if (clipped > 0) {
            notes.add(clipped + " lower bounds at or below 0 drawn at the axis' bottom (logarithmic axis)");
        }
        XYSeries s = chart.addSeries(meanLabel + (kept < n ? " (" + (n - kept) + " depths overflowed)" : ""),
                java.util.Arrays.copyOf(x, kept), java.util.Arrays.copyOf(m, kept));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(style.color(0));
        s.setMarkerColor(style.color(0));
        s.setMarker(style.marker(0));
        s.setLineStyle(new BasicStroke(style.px(1.0f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    /** The band as one polygon over the depths where both bounds are finite; returns the clipped bounds. */
    private int addBand(PaperChart chart, PaperStyle style, double bottom, boolean log) {
        List<double[]> upper = new ArrayList<>();
        List<double[]> lower = new ArrayList<>();
        int clipped = 0;
        for (int i = 0; i < depths.length; i++) {
            if (Double.isFinite(mean[i]) && Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                double l = low[i];
                if (log && l <= bottom) {
                    clipped += l <= 0 ? 1 : 0;
                    l = bottom;
                }
                upper.add(new double[] {depths[i], high[i]});
                lower.add(new double[] {depths[i], l});
            }
        }
        if (upper.size() < 2) {
            return clipped;
        }
        int k = upper.size();
        double[] px = new double[2 * k];
        double[] py = new double[2 * k];
        for (int i = 0; i < k; i++) {
            px[i] = upper.get(i)[0];
            py[i] = upper.get(i)[1];
            px[2 * k - 1 - i] = lower.get(i)[0];
            py[2 * k - 1 - i] = lower.get(i)[1];
        }
        XYSeries band = chart.addSeries(bandLabel, px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color c = style.color(0);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        return clipped;
    }
}
