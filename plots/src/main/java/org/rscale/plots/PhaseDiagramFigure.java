package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A heatmap over (H, beta) of a cell statistic, with the theoretical boundary
 * {@code beta*(H) = max(H, 1/2)} drawn over it: the JMLR paper's Figure 7 (the mean over a cell's
 * networks and inputs of log10 of the output or gradient change at initialisation, fbm weights of
 * Hurst index H, branch scale L^-beta). Below the boundary the change explodes, above it the
 * network stays at the identity, on it the limit is non-trivial (SCIENCE 6).
 *
 * <p>Colours ({@link Scale#LOG_CHANGE}): a diverging scale centred at 0 over [-1, 1] (ColorBrewer's
 * RdBu, blue for a small change, red for a large one), values beyond the range in the end colours;
 * a cell whose statistic is +infinity (an overflow in some row) is black, NaN (undefined) grey,
 * -infinity (no change at all) yellow; the legend below the plot names each and counts its cells.
 * Cells span half-way to their neighbours; H runs along x, beta up the y axis. The same figure with
 * {@link Scale#ACCURACY} shows test accuracies after training (the paper's Figure 9: [0, 1], no
 * boundary).
 *
 * <p>XChart's {@code HeatMapChart} cannot draw a curve over the cells nor colour non-finite cells
 * apart, so this figure paints itself (still an XChart chart, written as PNG and SVG by
 * {@link FigureFiles}); its one chart series, the boundary, serves the SVG's description.
 *
 * @param title       short title; empty for none
 * @param colourTitle what the colours show, e.g. {@code mean log₁₀ ‖h_L − h_0‖/‖h_0‖}
 * @param hursts      the H of the columns, ascending, at least two; copied
 * @param betas       the beta of the rows, ascending, at least two; copied
 * @param cells       {@code cells[b][h]}; copied
 * @param scale       the colour scale: {@link Scale#LOG_CHANGE} (with the boundary) or {@link Scale#ACCURACY}
 */
public record PhaseDiagramFigure(String title, String colourTitle, double[] hursts, double[] betas,
                                 double[][] cells, Scale scale) {

    /** The label of the boundary in the legend. */
    public static final String BOUNDARY_LABEL = CriticalScale.FORMULA + ", theory";

    /**
     * The colour scale of a diagram: the diverging RdBu over [low, high], centred at their midpoint.
     *
     * @param low      the value of the bottom colour
     * @param high     the value of the top colour
     * @param barTitle the colour bar's title
     * @param boundary whether the theoretical boundary beta*(H) is drawn
     * @param clipped  whether values go beyond the range (the bar's ends then read "≤" and "≥", and the
     *                 legend always lists the non-finite cells)
     */
    public record Scale(double low, double high, String barTitle, boolean boundary, boolean clipped) {
        /** The mean log10 change at initialisation: [-1, 1], centred at 0, with the boundary. */
        public static final Scale LOG_CHANGE = new Scale(-1, 1, "log₁₀ change", true, true);
        /** A test accuracy: [0, 1], centred at 1/2, no boundary. */
        public static final Scale ACCURACY = new Scale(0, 1, "test accuracy", false, false);

        /**
         * Checks.
         *
         * @param low      the bottom
         * @param high     the top
         * @param barTitle the bar's title
         * @param boundary whether the boundary is drawn
         * @param clipped  whether values go beyond the range
         */
        public Scale {
            Objects.requireNonNull(barTitle, "barTitle");
            if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("colour scale needs finite low < high, got " + low + ", " + high);
            }
        }

        /**
         * @param v a cell's statistic
         * @return its colour: RdBu over [low, high] (beyond: the end colours), +inf black, NaN grey, -inf yellow
         */
        public Color colour(double v) {
            if (Double.isNaN(v)) {
                return UNDEFINED;
            }
            if (v == Double.POSITIVE_INFINITY) {
                return OVERFLOW;
            }
            if (v == Double.NEGATIVE_INFINITY) {
                return NO_CHANGE;
            }
            double u = (Math.min(high, Math.max(low, v)) - low) / (high - low) * (SCALE.length - 1);
            int lo = Math.min((int) Math.floor(u), SCALE.length - 2);
            double f = u - lo;
            int a = SCALE[lo];
            int b = SCALE[lo + 1];
            return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
        }
    }

    /** RdBu of ColorBrewer, from -1 (dark blue) through 0 (near white) to +1 (dark red). */
    private static final int[] SCALE = {0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7,
        0xF4A582, 0xD6604D, 0xB2182B, 0x67001F};
    /** +infinity. */
    static final Color OVERFLOW = Color.BLACK;
    /** NaN. */
    static final Color UNDEFINED = new Color(0x9E9E9E);
    /** -infinity. */
    static final Color NO_CHANGE = new Color(0xF0E442);

    /**
     * Checks and copies.
     *
     * @param title       the title
     * @param colourTitle the colour bar's title
     * @param hursts      the columns' H
     * @param betas       the rows' beta
     * @param cells       the statistic per cell
     * @param scale       the colour scale
     * @throws IllegalArgumentException for fewer than two rows or columns, unsorted axes or a
     *                                  cell array of another shape
     */
    public PhaseDiagramFigure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(colourTitle, "colourTitle");
        Objects.requireNonNull(scale, "scale");
        hursts = ascending(hursts, "H");
        betas = ascending(betas, "β");
        if (cells.length != betas.length) {
            throw new IllegalArgumentException("phase diagram: " + cells.length + " rows of cells for " + betas.length
                    + " betas");
        }
        double[][] copy = new double[cells.length][];
        for (int b = 0; b < cells.length; b++) {
            if (cells[b].length != hursts.length) {
                throw new IllegalArgumentException("phase diagram: row " + b + " has " + cells[b].length
                        + " cells for " + hursts.length + " Hurst indices");
            }
            copy[b] = cells[b].clone();
        }
        cells = copy;
    }

    private static double[] ascending(double[] v, String name) {
        if (v.length < 2) {
            throw new IllegalArgumentException("phase diagram needs at least two values of " + name);
        }
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1]) || !Double.isFinite(v[i]) || !Double.isFinite(v[0])) {
                throw new IllegalArgumentException("phase diagram: values of " + name + " must be finite and ascending");
            }
        }
        return v.clone();
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    /** @return the figure in a style 3.4 in wide and 3.3 in high (one column) */
    public Figure draw() {
        return draw(new PaperStyle(3.4, 3.3, 300, 8));
    }

    /**
     * @param style the paper style (its height is the whole canvas')
     * @return the figure; its notes count the non-finite cells
     */
    public Figure draw(PaperStyle style) {
        int[] counts = new int[3];
        for (double[] row : cells) {
            for (double v : row) {
                counts[0] += v == Double.POSITIVE_INFINITY ? 1 : 0;
                counts[1] += Double.isNaN(v) ? 1 : 0;
                counts[2] += v == Double.NEGATIVE_INFINITY ? 1 : 0;
            }
        }
        List<String> notes = new ArrayList<>();
        if (counts[0] + counts[1] + counts[2] > 0) {
            notes.add(counts[0] + " cells +∞ (overflow), " + counts[1] + " NaN (undefined), " + counts[2]
                    + " −∞ (no change)");
        }
        return new Figure(new Chart(this, style, counts), style, notes);
    }

    /** Cell edges half-way between neighbours, the ends half a spacing out. */
    static double[] edges(double[] v) {
        int n = v.length;
        double[] e = new double[n + 1];
        e[0] = v[0] - (v[1] - v[0]) / 2;
        e[n] = v[n - 1] + (v[n - 1] - v[n - 2]) / 2;
        for (int i = 1; i < n; i++) {
            e[i] = (v[i - 1] + v[i]) / 2;
        }
        return e;
    }

    /** The heatmap, painted by hand. */
    private static final class Chart extends XYChart implements KeptText {
        /** The strings painted, with their fonts (filled by {@link #text}). */
        private final Map<String, List<Font>> painted = new HashMap<>();
        private final PhaseDiagramFigure fig;
        private final PaperStyle style;
        private final int[] counts;
        private final double[] hEdges;
        private final double[] bEdges;

        Chart(PhaseDiagramFigure fig, PaperStyle style, int[] counts) {
            super(style.widthPixels(), style.heightPixels());
            this.fig = fig;
            this.style = style;
            this.counts = counts.clone();
            this.hEdges = edges(fig.hursts);
            this.bEdges = edges(fig.betas);
            setTitle(fig.title.isBlank() ? fig.colourTitle : fig.title);
            setXAxisTitle("Hurst index H");
            setYAxisTitle("β (branch scale L^−β); colours: " + fig.colourTitle + " in [" + FigureText.number(fig.scale.low())
                    + ", " + FigureText.number(fig.scale.high()) + "]");
            double[] bx = boundaryX();
            double[] by = new double[bx.length];
            for (int i = 0; i < bx.length; i++) {
                by[i] = CriticalScale.ofHurst(bx[i]);
            }
            if (fig.scale.boundary()) {
                XYSeries s = addSeries(BOUNDARY_LABEL, bx, by);
                s.setShowInLegend(true);
            }
        }

        private double[] boundaryX() {
            double a = hEdges[0];
            double b = hEdges[hEdges.length - 1];
            return a < 0.5 && b > 0.5 ? new double[] {a, 0.5, b} : new double[] {a, b};
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Font small = style.smallFont();
            Font big = style.titleFont();
            double digit = small.createGlyphVector(g.getFontRenderContext(), "0").getVisualBounds().getHeight();
            double line = small.getSize2D() * 1.3;
            double pad = style.px(4);
            double gap = style.px(3);
            boolean titled = !fig.title.isBlank();
            double top = pad + (titled ? big.getSize2D() * 1.5 : digit);
            // below the plot: tick labels, the axis title, then the legend rows (boundary, +inf, NaN, -inf if any)
            int legendRows = legendRows();
            double xLabels = gap + digit;
            double xTitle = xLabels + gap + big.getSize2D();
            double bottom = height - pad - legendRows * line - gap - xTitle;
            double left = pad + big.getSize2D() * 1.2 + width(g, small, "0.0") + gap;
            double barWidth = style.px(7);
            double barLabels = style.px(3) + barLabelWidth(g, small, fig.scale);
            TextLayout barTitle = new TextLayout(fig.scale.barTitle(), big, g.getFontRenderContext());
            double right = width - pad - barTitle.getAscent() - barTitle.getDescent() - style.px(4) - barLabels
                    - barWidth - style.px(8);
            Rectangle2D plot = new Rectangle2D.Double(left, top, right - left, bottom - top);
            paintCells(g, plot);
            if (fig.scale.boundary()) {
                paintBoundary(g, plot);
            }
            g.setColor(PaperStyle.INK);
            g.setStroke(new BasicStroke(style.px(0.6)));
            g.draw(plot);
            if (titled) {
                text(g, big.deriveFont(Font.BOLD), fig.title, plot.getCenterX() - width(g, big, fig.title) / 2,
                        pad + big.getSize2D());
            }
            paintAxes(g, plot, small, big, digit, gap, plot.getMaxY() + xTitle);
            paintColourBar(g, plot, small, big, digit, barWidth);
            paintLegend(g, plot, small, line, plot.getMaxY() + xTitle + gap + line);
        }

        private double sx(Rectangle2D plot, double h) {
            return plot.getMinX() + (h - hEdges[0]) / (hEdges[hEdges.length - 1] - hEdges[0]) * plot.getWidth();
        }

        private double sy(Rectangle2D plot, double b) {
            return plot.getMaxY() - (b - bEdges[0]) / (bEdges[bEdges.length - 1] - bEdges[0]) * plot.getHeight();
        }

        private void paintCells(Graphics2D g, Rectangle2D plot) {
            Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            for (int b = 0; b < fig.betas.length; b++) {
                long y0 = Math.round(sy(plot, bEdges[b + 1]));
                long y1 = Math.round(sy(plot, bEdges[b]));
                for (int h = 0; h < fig.hursts.length; h++) {
                    long x0 = Math.round(sx(plot, hEdges[h]));
                    long x1 = Math.round(sx(plot, hEdges[h + 1]));
                    g.setColor(fig.scale.colour(fig.cells[b][h]));
                    // one pixel more than the cell, under its neighbours: no seams where an SVG renderer anti-aliases
                    g.fillRect((int) x0, (int) y0, (int) (x1 - x0) + 1, (int) (y1 - y0) + 1);
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa == null ? RenderingHints.VALUE_ANTIALIAS_ON : aa);
        }

        private void paintBoundary(Graphics2D g, Rectangle2D plot) {
            Shape clip = g.getClip();
            g.clip(plot);
            double[] bx = boundaryX();
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < bx.length; i++) {
                double x = sx(plot, bx[i]);
                double y = sy(plot, CriticalScale.ofHurst(bx[i]));
                if (i == 0) {
                    p.moveTo(x, y);
                } else {
                    p.lineTo(x, y);
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(style.px(2.4), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(style.px(1.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
            g.setClip(clip);
        }

        private void paintAxes(Graphics2D g, Rectangle2D plot, Font small, Font big, double digit, double gap,
                               double titleBaseline) {
            double tick = style.px(3.5);
            Ticks x = Ticks.linear(hEdges[0], hEdges[hEdges.length - 1], 5);
            for (int i = 0; i < x.values().length; i++) {
                double px = sx(plot, x.values()[i]);
                g.draw(new Line2D.Double(px, plot.getMaxY(), px, plot.getMaxY() - tick));
                g.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMinY() + tick));
                String l = x.labels()[i];
                text(g, small, l, px - width(g, small, l) / 2, plot.getMaxY() + gap + digit);
            }
            String xt = "Hurst index H";
            text(g, big, xt, plot.getCenterX() - width(g, big, xt) / 2, titleBaseline);
            Ticks y = Ticks.linear(bEdges[0], bEdges[bEdges.length - 1], 6);
            double widest = 0;
            for (int i = 0; i < y.values().length; i++) {
                double py = sy(plot, y.values()[i]);
                g.draw(new Line2D.Double(plot.getMinX(), py, plot.getMinX() + tick, py));
                g.draw(new Line2D.Double(plot.getMaxX(), py, plot.getMaxX() - tick, py));
                String l = y.labels()[i];
                widest = Math.max(widest, width(g, small, l));
                text(g, small, l, plot.getMinX() - gap - width(g, small, l), py + digit / 2);
            }
            String yt = "β";
            AffineTransform saved = g.getTransform();
            double cx = plot.getMinX() - 2 * gap - widest;
            g.rotate(-Math.PI / 2, cx, plot.getCenterY());
            text(g, big, yt, cx - width(g, big, yt) / 2, plot.getCenterY());
            g.setTransform(saved);
        }

        private void paintColourBar(Graphics2D g, Rectangle2D plot, Font small, Font big, double digit,
                                    double barWidth) {
            double x0 = plot.getMaxX() + style.px(8);
            int steps = 256;
            double h = plot.getHeight() / steps;
            Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            Scale sc = fig.scale;
            for (int i = 0; i < steps; i++) {
                double v = sc.low() + (i + 0.5) / steps * (sc.high() - sc.low());
                g.setColor(sc.colour(v));
                long ya = Math.round(plot.getMaxY() - (i + 1) * h);
                long yb = Math.round(plot.getMaxY() - i * h);
                g.fillRect((int) Math.round(x0), (int) ya, (int) Math.round(barWidth), (int) (yb - ya) + 1);
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa == null ? RenderingHints.VALUE_ANTIALIAS_ON : aa);
            g.setColor(PaperStyle.INK);
            g.draw(new Rectangle2D.Double(x0, plot.getMinY(), barWidth, plot.getHeight()));
            for (int i = 0; i <= 4; i++) {
                double v = sc.low() + i * (sc.high() - sc.low()) / 4;
                double py = plot.getMaxY() - i / 4.0 * plot.getHeight();
                g.draw(new Line2D.Double(x0 + barWidth, py, x0 + barWidth + style.px(2), py));
                text(g, small, barLabel(sc, i, v), x0 + barWidth + style.px(3), py + digit / 2);
            }
            AffineTransform saved = g.getTransform();
            // turned a quarter counter-clockwise, the title's ascent points left of its baseline
            String barTitle = sc.barTitle();
            TextLayout title = new TextLayout(barTitle, big, g.getFontRenderContext());
            double cx = x0 + barWidth + style.px(3) + barLabelWidth(g, small, sc) + style.px(4) + title.getAscent();
            g.rotate(-Math.PI / 2, cx, plot.getCenterY());
            text(g, big, barTitle, cx - width(g, big, barTitle) / 2, plot.getCenterY());
            g.setTransform(saved);
        }

        /** The legend's rows: the boundary, +inf and NaN (on a clipped scale or when present), -inf when present. */
        private int legendRows() {
            int rows = fig.scale.boundary() ? 1 : 0;
            rows += fig.scale.clipped() || counts[0] > 0 ? 1 : 0;
            rows += fig.scale.clipped() || counts[1] > 0 ? 1 : 0;
            return rows + (counts[2] > 0 ? 1 : 0);
        }

        private void paintLegend(Graphics2D g, Rectangle2D plot, Font small, double line, double y0) {
            double x = plot.getMinX();
            double sw = style.px(9);
            double y = y0 - line;
            if (fig.scale.boundary()) {
                y += line;
                g.setStroke(new BasicStroke(style.px(1.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.setColor(Color.BLACK);
                g.draw(new Line2D.Double(x, y - line * 0.3, x + sw, y - line * 0.3));
                text(g, small, BOUNDARY_LABEL, x + sw + style.px(4), y);
            }
            boolean clipped = fig.scale.clipped();
            Object[][] entries = {
                {OVERFLOW, "+∞ (overflow): " + counts[0] + " cells", clipped || counts[0] > 0},
                {UNDEFINED, "NaN (undefined): " + counts[1] + " cells", clipped || counts[1] > 0},
                {NO_CHANGE, "−∞ (no change): " + counts[2] + " cells", counts[2] > 0},
            };
            g.setStroke(new BasicStroke(style.px(0.5)));
            for (Object[] e : entries) {
                if (!(Boolean) e[2]) {
                    continue;
                }
                y += line;
                Rectangle2D box = new Rectangle2D.Double(x, y - line * 0.65, sw, line * 0.6);
                g.setColor((Color) e[0]);
                g.fill(box);
                g.setColor(PaperStyle.INK);
                g.draw(box);
                text(g, small, (String) e[1], x + sw + style.px(4), y);
            }
        }

        /** The i-th of the bar's five labels, with "≤" and "≥" at the ends of a clipped scale. */
        private static String barLabel(Scale sc, int i, double v) {
            String l = FigureText.number(v);
            return !sc.clipped() ? l : i == 0 ? "≤ " + l : i == 4 ? "≥ " + l : l;
        }

        private static double barLabelWidth(Graphics2D g, Font small, Scale sc) {
            double widest = 0;
            for (int i = 0; i <= 4; i++) {
                widest = Math.max(widest, width(g, small, barLabel(sc, i, sc.low() + i * (sc.high() - sc.low()) / 4)));
            }
            return widest;
        }

        private static double width(Graphics2D g, Font f, String s) {
            return f.getStringBounds(s, g.getFontRenderContext()).getWidth();
        }

        /**
         * Text as filled glyph outlines at the origin of a translated canvas, as XChart draws its text: a PNG and PDF
         * get the outlines, an SVG the text itself ({@link KeptText}).
         */
        private void text(Graphics2D g, Font font, String s, double x, double baseline) {
            painted.computeIfAbsent(s, k -> new ArrayList<>());
            if (!painted.get(s).contains(font)) {
                painted.get(s).add(font);
            }
            TextLayout layout = new TextLayout(s, font, g.getFontRenderContext());
            AffineTransform saved = g.getTransform();
            g.translate(x, baseline);
            g.fill(layout.getOutline(null));
            g.setTransform(saved);
        }

        @Override
        public Map<String, List<Font>> upright() {
            // the strings follow from the layout: paint once on a scratch canvas to learn them
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            try {
                paint(g, getWidth(), getHeight());
            } finally {
                g.dispose();
            }
            return new HashMap<>(painted);
        }

        @Override
        public Map<String, List<Font>> rotated() {
            return Map.of();
        }
    }
}
