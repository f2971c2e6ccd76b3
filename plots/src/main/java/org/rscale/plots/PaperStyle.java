package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The look shared by every rscale figure: physical size, resolution, fonts, colours, markers and
 * line styles, so that figures from different commands sit together in one paper.
 *
 * <p>Sizes are given in print units and converted to pixels once: a length of {@code p} points
 * is {@code round(p * dpi / 72)} pixels. The chart canvas is {@code widthInches * dpi} pixels wide,
 * so the PNG printed at {@code dpi} (the resolution written into it) has the nominal width and
 * every font has its nominal point size. The SVG has the same layout and declares the same
 * physical size in inches.
 *
 * <pre>
 * role                        size (points)    at 300 dpi
 * axis titles, chart title    fontPoints       8 pt = 33 px
 * tick labels, legend         fontPoints - 1   7 pt = 29 px
 * fitted and reference lines 1.0, dashed       4 px
 * dense curves (weight paths) 0.7              3 px
 * markers                     3.5 (diameter)   15 px
 * tick marks                  3.5 / 2 (minor)  15 px / 8 px
 * </pre>
 *
 * <p>Colours are the Okabe–Ito colour-blind-safe palette; every series also has its own marker
 * shape and, for lines, its own dash pattern, so figures stay readable in grey print. Depth-graded
 * curves use a viridis-like ramp whose lightness is monotone in depth.
 *
 * <p>A style is an immutable value; figures take it as an argument, there are no global knobs.
 *
 * @param widthInches  width of the whole figure in inches (3.4 for one column of a two-column paper)
 * @param heightInches height of the figure without a legend placed below the plot; such a legend
 *                     adds its own height, so plots keep the same size whatever the number of entries
 * @param dpi          resolution of the PNG, in pixels per inch
 * @param fontPoints   size of axis titles in points; tick labels and legend are one point smaller
 */
public record PaperStyle(double widthInches, double heightInches, int dpi, double fontPoints) {

    /** Okabe–Ito colours in the order series receive them (yellow left out: invisible on white). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
    };

    /** Marker shapes in the order series receive them. */
    private static final PaperMarker.Shape[] SHAPES = {
        PaperMarker.Shape.CIRCLE, PaperMarker.Shape.SQUARE, PaperMarker.Shape.TRIANGLE_UP,
        PaperMarker.Shape.DIAMOND, PaperMarker.Shape.TRIANGLE_DOWN, PaperMarker.Shape.CROSS,
        PaperMarker.Shape.PLUS,
    };

    /** Dash patterns (on, off, ... in points) in the order fitted lines receive them. */
    private static final float[][] DASHES = {
        {4f, 2f}, {1.2f, 1.6f}, {6f, 2f, 1.2f, 2f}, {2.5f, 1.5f}, {8f, 2.5f}, {4f, 1.5f, 1.2f, 1.5f, 1.2f, 1.5f},
    };

    /** Anchors of a viridis-like ramp, from t = 0 (dark purple) to t = 1 (green); yellow left out. */
    private static final int[] RAMP = {0x440154, 0x472C7A, 0x3B518B, 0x2C718E, 0x21908D, 0x27AD81, 0x5CC863};

    /** Colour of text, axes and the plot frame. */
    static final Color INK = new Color(0x202020);

    /**
     * Checks the components.
     *
     * @param widthInches  figure width in inches, in (0, 100)
     * @param heightInches figure height without a legend below the plot, in (0, 100)
     * @param dpi          PNG resolution, 72 to 1200
     * @param fontPoints   axis title size in points, 4 to 30
     * @throws IllegalArgumentException if a component is out of range
     */
    public PaperStyle {
        if (!(widthInches > 0 && widthInches < 100) || !(heightInches > 0 && heightInches < 100)) {
            throw new IllegalArgumentException("figure size must be between 0 and 100 inches, got "
                    + widthInches + " x " + heightInches);
        }
        if (dpi < 72 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be between 72 and 1200, got " + dpi);
        }
        if (!(fontPoints >= 4 && fontPoints <= 30)) {
            throw new IllegalArgumentException("fontPoints must be between 4 and 30, got " + fontPoints);
        }
    }

    /**
     * One column of a two-column paper (ICML, NeurIPS): 3.4 in wide, plot area about 3.4 x 2.6 in,
     * 300 dpi, 8 pt axis titles.
     *
     * @return the single-column style
     */
    public static PaperStyle singleColumn() {
        return new PaperStyle(3.4, 2.6, 300, 8);
    }

    /**
     * The full text width of a two-column paper: 7 in wide, 3.2 in high, 300 dpi, 9 pt axis titles.
     *
     * @return the double-column style
     */
    public static PaperStyle doubleColumn() {
        return new PaperStyle(7.0, 3.2, 300, 9);
    }

    /**
     * @param points a length in points (1/72 in)
     * @return the same length in pixels of the PNG canvas, at least 1
     */
    public int px(double points) {
        return Math.max(1, (int) Math.round(points * dpi / 72.0));
    }

    /** @return the canvas width in pixels */
    public int widthPixels() {
        return (int) Math.round(widthInches * dpi);
    }

    /** @return the canvas height in pixels, before a legend below the plot is added */
    public int heightPixels() {
        return (int) Math.round(heightInches * dpi);
    }

    /**
     * The colour of the {@code i}-th series; the palette repeats after seven series.
     *
     * @param i series index, from 0
     * @return its colour
     */
    public Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * The filled marker of the {@code i}-th series; shapes (like colours) repeat after seven series.
     *
     * @param i series index, from 0
     * @return its marker
     */
    public PaperMarker marker(int i) {
        return new PaperMarker(SHAPES[Math.floorMod(i, SHAPES.length)], true, px(0.9));
    }

    /**
     * A marker of a given shape with this style's stroke width.
     *
     * @param shape  the shape
     * @param filled filled, or drawn as an outline
     * @return the marker
     */
    public PaperMarker marker(PaperMarker.Shape shape, boolean filled) {
        return new PaperMarker(shape, filled, px(0.9));
    }

    /** @return the marker diameter in pixels */
    public int markerSize() {
        return px(3.5);
    }

    /** @return the marker diameter in pixels for dense data (weight paths) */
    public int smallMarkerSize() {
        return px(2.2);
    }

    /** @return the thin solid stroke of dense curves (thousands of points) */
    public BasicStroke thinLine() {
        return new BasicStroke(px(0.7), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * The dashed stroke of the {@code i}-th fitted or reference line; patterns repeat after six.
     *
     * @param i line index, from 0
     * @return its stroke
     */
    public BasicStroke dashedLine(int i) {
        float[] pattern = DASHES[Math.floorMod(i, DASHES.length)];
        float[] dash = new float[pattern.length];
        for (int j = 0; j < pattern.length; j++) {
            dash[j] = pattern[j] * dpi / 72f;
        }
        return new BasicStroke(px(1.0), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /**
     * A colour on the depth ramp: dark purple at 0, through blue and teal, to green at 1; its
     * lightness grows monotonically, so the order survives grey print.
     *
     * @param t position in [0, 1]; clamped
     * @return the colour
     */
    public Color ramp(double t) {
        double u = Double.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
        int lo = Math.min((int) Math.floor(u), RAMP.length - 2);
        double f = u - lo;
        int a = RAMP[lo];
        int b = RAMP[lo + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    /**
     * @param c a colour
     * @return the same hue at 65% of its brightness, for a line drawn over markers of colour {@code c}
     */
    static Color darker(Color c) {
        return new Color((int) (c.getRed() * 0.65), (int) (c.getGreen() * 0.65), (int) (c.getBlue() * 0.65));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    /** @return the font of axis titles */
    Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, px(fontPoints));
    }

    /** @return the font of tick labels and legend entries */
    Font smallFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, px(fontPoints - 1));
    }

    /**
     * Applies fonts, colours, paddings and grid to a chart; series styles are set by each figure.
     *
     * @param chart the chart; modified
     * @param legendPosition where the legend goes
     */
    void apply(XYChart chart, Styler.LegendPosition legendPosition) {
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(INK);
        s.setBaseFont(smallFont());
        s.setChartTitleFont(titleFont().deriveFont(Font.BOLD));
        s.setChartTitleVisible(chart.getTitle() != null && !chart.getTitle().isBlank());
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(px(3));
        s.setChartPadding(px(4));
        s.setAxisTitleFont(titleFont());
        s.setAxisTickLabelsFont(smallFont());
        s.setAxisTickLabelsColor(INK);
        s.setAxisTitlePadding(px(4));
        s.setAxisTickPadding(px(2.5));
        s.setAxisTickMarkLength(0);
        s.setAxisTicksLineVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setPlotTicksMarksVisible(false);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(INK);
        s.setPlotMargin(0);
        s.setPlotContentSize(0.94);
        s.setLegendVisible(true);
        s.setLegendPosition(legendPosition);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendFont(smallFont());
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(new Color(0xBBBBBB));
        s.setLegendPadding(px(4));
        s.setLegendSeriesLineLength(px(16));
        s.setMarkerSize(markerSize());
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }
}
