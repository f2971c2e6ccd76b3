package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleUnaryOperator;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * An XChart {@link XYChart} with the paper style applied and the axes drawn our way, because
 * XChart's own ticks do not suit a paper:
 * <ul>
 *   <li>logarithmic axes are labelled at whole decades as {@code 10ⁿ} with long decade ticks and
 *       short ticks at 2..9 (XChart writes {@code 1E-3}, draws all ticks alike, and switches to
 *       linear tick positions as soon as a custom label formatter is set);</li>
 *   <li>linear axes get ticks at 1, 2 or 5 times a power of ten (XChart puts ticks on data values
 *       when the x values are equally spaced, e.g. {@code 0, 0.09, 0.18} for {@code t = k/L});</li>
 *   <li>the height grows with a legend placed below the plot, so the plot area has the same size
 *       whatever the number of legend entries.</li>
 * </ul>
 * XChart still lays the chart out with its own tick labels (drawn transparent, so they reserve the
 * space); tick marks point inwards on all four sides, there is no grid.
 */
final class PaperChart extends XYChart {

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private final PaperStyle style;
    /** Decades of a log x axis, or null for a linear one. */
    private DecadeRange xDecades;
    /** Decades of a log y axis, or null for a linear one. */
    private DecadeRange yDecades;
    /** Whether an axis is logarithmic over a data range (ticks from {@link Ticks#logarithmic(double, double)}). */
    private boolean xLog;
    private boolean yLog;
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;

    /**
     * @param style          the paper style
     * @param title          short title, or empty for none
     * @param xTitle         x axis title
     * @param yTitle         y axis title
     * @param legendPosition where the legend goes
     */
    PaperChart(PaperStyle style, String title, String xTitle, String yTitle, Styler.LegendPosition legendPosition) {
        super(style.widthPixels(), style.heightPixels());
        this.style = style;
        setTitle(title == null ? "" : title.strip());
        setXAxisTitle(xTitle);
        setYAxisTitle(yTitle);
        style.apply(this, legendPosition);
        XYStyler s = getStyler();
        s.setAxisTicksMarksVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setXAxisTickLabelsColor(TRANSPARENT);
        s.setYAxisTickLabelsColor(TRANSPARENT);
    }

    /**
     * Makes the x axis logarithmic over whole decades.
     *
     * @param decades the axis range
     */
    void logX(DecadeRange decades) {
        XYStyler s = getStyler();
        s.setXAxisLogarithmic(true);
        s.setXAxisDecimalPattern("0E0");
        xDecades = decades;
        xMin = decades.min();
        xMax = decades.max();
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
    }

    /**
     * Makes the x axis logarithmic over the data's range, padded by 4% of its span in log space (at least a
     * factor 1.12 on each side): no axis starting at 1 for depths from 3.
     *
     * @param min the smallest value drawn, positive
     * @param max the largest value drawn
     */
    void logXData(double min, double max) {
        double[] r = padLog(min, max);
        XYStyler s = getStyler();
        s.setXAxisLogarithmic(true);
        s.setXAxisDecimalPattern("0E0");
        xDecades = null;
        xLog = true;
        xMin = r[0];
        xMax = r[1];
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
    }

    /**
     * Makes the y axis logarithmic over the data's range, padded as {@link #logXData}.
     *
     * @param min the smallest value drawn, positive
     * @param max the largest value drawn
     */
    void logYData(double min, double max) {
        double[] r = withDecade(padLog(min, max));
        XYStyler s = getStyler();
        s.setYAxisLogarithmic(true);
        s.setYAxisDecimalPattern("0.0E0");
        yDecades = null;
        yLog = true;
        yMin = r[0];
        yMax = r[1];
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
    }

    /**
     * A log range that holds a power of ten, when one lies within a factor 3 of it: XChart reserves room for the
     * y axis title beside its own labels, which it puts at powers of ten only; a range without one (losses from
     * 1.3 to 4) would leave the title on top of the labels drawn here.
     */
    static double[] withDecade(double[] r) {
        double below = Math.pow(10, Math.floor(Math.log10(r[0])));
        double above = below * 10;
        if (above <= r[1]) {
            return r;
        }
        if (r[0] / below <= 3) {
            return new double[] {below / 1.05, r[1]};
        }
        if (above / r[1] <= 3) {
            return new double[] {r[0], above * 1.05};
        }
        return r;
    }

    /** [min, max] widened in log space by 4% of the span, at least a factor 1.12, at least a factor 3 wide. */
    static double[] padLog(double min, double max) {
        double a = Math.log10(min);
        double b = Math.log10(max);
        if (b - a < Math.log10(3)) {
            double mid = (a + b) / 2;
            a = mid - Math.log10(3) / 2;
            b = mid + Math.log10(3) / 2;
        }
        double pad = Math.max(0.04 * (b - a), Math.log10(1.12));
        return new double[] {Math.pow(10, a - pad), Math.pow(10, b + pad)};
    }

    /**
     * Makes the y axis logarithmic from {@code 10^low} to {@code max}.
     *
     * @param decades the labelled decades
     * @param max     the top of the axis, at least {@code decades.max()} (more leaves a band above
     *                the top decade, e.g. for markers of diverged cells)
     */
    void logY(DecadeRange decades, double max) {
        XYStyler s = getStyler();
        s.setYAxisLogarithmic(true);
        // XChart lays out its own (transparent) labels: these are a little wider than ours
        s.setYAxisDecimalPattern("0.0E0");
        yDecades = decades;
        yMin = decades.min();
        yMax = Math.max(max, decades.max());
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
    }

    /**
     * Makes the x axis linear over a fixed range.
     *
     * @param min left end
     * @param max right end, greater than {@code min}
     */
    void linearX(double min, double max) {
        xDecades = null;
        xLog = false;
        xMin = min;
        xMax = max;
        getStyler().setXAxisMin(min);
        getStyler().setXAxisMax(max);
    }

    /**
     * Makes the y axis linear over a fixed range.
     *
     * @param min bottom
     * @param max top, greater than {@code min}
     */
    void linearY(double min, double max) {
        yDecades = null;
        yLog = false;
        yMin = min;
        yMax = max;
        getStyler().setYAxisMin(min);
        getStyler().setYAxisMax(max);
        // XChart places the axis title beside its own (transparent) labels: make those at least as
        // wide as the labels painted here, or the title overlaps them
        getStyler().setYAxisDecimalPattern(widerPattern(Ticks.linear(min, max, 12)));
    }

    /** A DecimalFormat pattern with one more decimal than the widest label of {@code ticks}. */
    static String widerPattern(Ticks ticks) {
        int decimals = 0;
        for (String label : ticks.labels()) {
            if (label != null && label.indexOf('.') >= 0) {
                decimals = Math.max(decimals, label.length() - label.indexOf('.') - 1);
            }
        }
        return "0." + "0".repeat(decimals + 1);
    }

    /**
     * Sets the final canvas height: the style's height plus the height of a legend below the plot
     * (one entry per line). Hides the legend when no series is shown in it. Call after all series
     * are added.
     */
    void fitHeightToLegend() {
        boolean anyInLegend = false;
        for (XYSeries s : getSeriesMap().values()) {
            anyInLegend |= s.isShowInLegend();
        }
        getStyler().setLegendVisible(anyInLegend);
        setHeight(style.heightPixels());
        if (!anyInLegend || getStyler().getLegendPosition() != Styler.LegendPosition.OutsideS) {
            return;
        }
        // one entry per line: XChart's one-row layout spaces entries by a fixed 20 px and overlaps
        // them at paper sizes
        getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        Rectangle2D bounds = measureLegend();
        setHeight(style.heightPixels() + (int) Math.ceil(bounds.getHeight()) + style.px(3));
    }

    /** Paints the chart once off screen and returns the legend's bounds. */
    private Rectangle2D measureLegend() {
        BufferedImage scratch = new BufferedImage(getWidth(), getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            paint(g, getWidth(), getHeight());
        } finally {
            g.dispose();
        }
        return legend.getBounds();
    }

    /**
     * Paints the chart with XChart, then the tick marks and tick labels of both axes.
     *
     * @param g      the graphics
     * @param width  canvas width in pixels
     * @param height canvas height in pixels
     */
    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        super.paint(g, width, height);
        if (Double.isNaN(xMin) || Double.isNaN(yMin)) {
            throw new IllegalStateException("both axes must be set up before painting");
        }
        Rectangle2D plotBounds = plot.getBounds();
        Font font = style.smallFont();
        g.setFont(font);
        g.setColor(PaperStyle.INK);
        g.setStroke(new BasicStroke(style.px(0.6)));
        FontMetrics fm = g.getFontMetrics(font);
        // visual height of a digit: labels are aligned on their base digits, exponents stick out
        double digit = font.createGlyphVector(g.getFontRenderContext(), "0").getVisualBounds().getHeight();
        double gap = getStyler().getAxisTickPadding() + style.px(1);
        Ticks x = xLog ? Ticks.logarithmic(xMin, xMax) : xDecades != null
                ? Ticks.logarithmic(xDecades, xMax)
                : Ticks.linear(xMin, xMax, Math.max(2, (int) (plotBounds.getWidth() / style.px(50))));
        Ticks y = yLog ? Ticks.logarithmic(yMin, yMax) : yDecades != null
                ? Ticks.logarithmic(yDecades, yMax)
                : Ticks.linear(yMin, yMax, Math.max(2, (int) (plotBounds.getHeight() / style.px(24))));
        double major = style.px(3.5);
        double minor = style.px(2);

        for (int i = 0; i < x.values().length; i++) {
            double sx = getScreenXFromChart(x.values()[i]);
            double len = x.major()[i] ? major : minor;
            g.draw(new Line2D.Double(sx, plotBounds.getMaxY(), sx, plotBounds.getMaxY() - len));
            g.draw(new Line2D.Double(sx, plotBounds.getMinY(), sx, plotBounds.getMinY() + len));
        }
        for (int i = 0; i < y.values().length; i++) {
            double sy = getScreenYFromChart(y.values()[i]);
            double len = y.major()[i] ? major : minor;
            g.draw(new Line2D.Double(plotBounds.getMinX(), sy, plotBounds.getMinX() + len, sy));
            g.draw(new Line2D.Double(plotBounds.getMaxX(), sy, plotBounds.getMaxX() - len, sy));
        }

        double widest = 0;
        for (String label : x.labels()) {
            widest = label == null ? widest : Math.max(widest, fm.stringWidth(label));
        }
        int xStep = labelStep(x, this::getScreenXFromChart, widest + style.px(4));
        double baseline = plotBounds.getMaxY() + gap + digit;
        int k = 0;
        for (int i = 0; i < x.values().length; i++) {
            String label = x.labels()[i];
            if (label != null && k++ % xStep == 0) {
                double sx = getScreenXFromChart(x.values()[i]);
                drawText(g, font, label, sx - fm.stringWidth(label) / 2.0, baseline);
            }
        }
        int yStep = labelStep(y, this::getScreenYFromChart, digit * 1.9);
        double right = plotBounds.getMinX() - gap;
        k = 0;
        for (int i = 0; i < y.values().length; i++) {
            String label = y.labels()[i];
            if (label != null && k++ % yStep == 0) {
                double sy = getScreenYFromChart(y.values()[i]);
                drawText(g, font, label, right - fm.stringWidth(label), sy + digit / 2);
            }
        }
    }

    /**
     * Draws text as filled glyph outlines, as XChart does for all its text (PNG, PDF), or as text on a canvas
     * that keeps text ({@link TextKeepingGraphics}, the SVG).
     */
    private static void drawText(Graphics2D g, Font font, String text, double x, double baseline) {
        if (g instanceof TextKeepingGraphics) {
            g.setFont(font);
            g.drawString(text, (float) x, (float) baseline);
            return;
        }
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        g.fill(layout.getOutline(AffineTransform.getTranslateInstance(x, baseline)));
    }

    /**
     * @return the smallest k such that labelling every k-th labelled tick leaves {@code room}
     *         pixels per label
     */
    private static int labelStep(Ticks ticks, DoubleUnaryOperator screen, double room) {
        double first = Double.NaN;
        double second = Double.NaN;
        for (int i = 0; i < ticks.values().length && Double.isNaN(second); i++) {
            if (ticks.labels()[i] != null) {
                if (Double.isNaN(first)) {
                    first = screen.applyAsDouble(ticks.values()[i]);
                } else {
                    second = screen.applyAsDouble(ticks.values()[i]);
                }
            }
        }
        if (Double.isNaN(second)) {
            return 1;
        }
        double spacing = Math.abs(second - first);
        int step = 1;
        while (step * spacing < room && step < ticks.values().length) {
            step++;
        }
        return step;
    }
}
