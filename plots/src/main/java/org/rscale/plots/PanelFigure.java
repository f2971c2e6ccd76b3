package org.rscale.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.knowm.xchart.XYChart;

/**
 * Several figures side by side in one file, each keeping its own axes and legend: the JMLR
 * paper's "one panel per beta" figures (seaborn's {@code relplot(col=...)}). The panels are drawn
 * in the given order, left to right and then row by row ({@code columns} per row), top-aligned, on a
 * canvas as wide as the widest row and as high as the rows' heights summed; the PNG and SVG get the
 * first panel's resolution.
 *
 * <p>The composite chart paints each panel's chart into its own region, so PNG, SVG and PDF stay the
 * same drawing; the SVG keeps the panels' titles, axis titles and legends as text. Its description
 * (the SVG's {@code <desc>}) lists the panels' titles.
 *
 * @param title   what the figure shows, e.g. {@code output change against depth} (the SVG's title)
 * @param panels  the panels, at least one, all drawn in styles of one resolution
 * @param columns panels per row, at least 1
 */
public record PanelFigure(String title, List<Figure> panels, int columns) {

    /**
     * All panels in one row.
     *
     * @param title  the title
     * @param panels the panels
     */
    public PanelFigure(String title, List<Figure> panels) {
        this(title, panels, Math.max(1, panels.size()));
    }

    /**
     * Checks and copies.
     *
     * @param title   the title
     * @param panels  the panels
     * @param columns panels per row
     * @throws IllegalArgumentException if there is no panel, their resolutions differ or columns is below 1
     */
    public PanelFigure {
        Objects.requireNonNull(title, "title");
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panel figure '" + title + "' has no panel");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("panel figure '" + title + "' needs at least one column");
        }
        for (Figure f : panels) {
            if (f.style().dpi() != panels.get(0).style().dpi()) {
                throw new IllegalArgumentException("panel figure '" + title + "' mixes resolutions");
            }
        }
    }

    /** @return the composite figure; its notes are the panels' notes, prefixed by their titles */
    public Figure draw() {
        List<String> notes = new ArrayList<>();
        for (Figure f : panels) {
            for (String n : f.notes()) {
                notes.add(f.chart().getTitle() + ": " + n);
            }
        }
        return new Figure(new Composite(title, panels, columns), panels.get(0).style(), notes);
    }

    /** The panels' charts painted side by side, row by row. */
    private static final class Composite extends XYChart implements KeptText {
        private final List<Figure> panels;
        private final int columns;

        Composite(String title, List<Figure> panels, int columns) {
            super(width(panels, columns), height(panels, columns));
            this.panels = panels;
            this.columns = columns;
            setTitle(title);
            XYChart first = panels.get(0).chart();
            StringBuilder x = new StringBuilder(first.getXAxisTitle());
            List<String> titles = new ArrayList<>();
            for (Figure f : panels) {
                titles.add(f.chart().getTitle());
            }
            x.append(" (panels: ").append(String.join(" | ", titles)).append(')');
            setXAxisTitle(x.toString());
            setYAxisTitle(first.getYAxisTitle());
        }

        private static int width(List<Figure> panels, int columns) {
            int widest = 0;
            for (int row = 0; row * columns < panels.size(); row++) {
                int w = 0;
                for (Figure f : panels.subList(row * columns, Math.min(panels.size(), (row + 1) * columns))) {
                    w += f.chart().getWidth();
                }
                widest = Math.max(widest, w);
            }
            return widest;
        }

        private static int height(List<Figure> panels, int columns) {
            int total = 0;
            for (int row = 0; row * columns < panels.size(); row++) {
                total += rowHeight(panels, columns, row);
            }
            return total;
        }

        private static int rowHeight(List<Figure> panels, int columns, int row) {
            int h = 0;
            for (Figure f : panels.subList(row * columns, Math.min(panels.size(), (row + 1) * columns))) {
                h = Math.max(h, f.chart().getHeight());
            }
            return h;
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (int row = 0; row * columns < panels.size(); row++) {
                int x = 0;
                for (Figure f : panels.subList(row * columns, Math.min(panels.size(), (row + 1) * columns))) {
                    XYChart c = f.chart();
                    Graphics2D sub = (Graphics2D) g.create();
                    try {
                        sub.translate(x, y);
                        sub.clipRect(0, 0, c.getWidth(), c.getHeight());
                        c.paint(sub, c.getWidth(), c.getHeight());
                    } finally {
                        sub.dispose();
                    }
                    x += c.getWidth();
                }
                y += rowHeight(panels, columns, row);
            }
        }

        @Override
        public Map<String, List<Font>> upright() {
            Map<String, List<Font>> out = new HashMap<>();
            for (Figure f : panels) {
                FigureFiles.strings(f).forEach((k, v) -> out.merge(k, v, PanelFigure::union));
            }
            return out;
        }

        @Override
        public Map<String, List<Font>> rotated() {
            Map<String, List<Font>> out = new HashMap<>();
            for (Figure f : panels) {
                FigureFiles.rotatedStrings(f).forEach((k, v) -> out.merge(k, v, PanelFigure::union));
            }
            return out;
        }
    }

    private static List<Font> union(List<Font> a, List<Font> b) {
        List<Font> out = new ArrayList<>(a);
        for (Font f : b) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
