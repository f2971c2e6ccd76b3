package org.rscale.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYChart;

/**
 * Several figures side by side in one file, each keeping its own axes and legend: the JMLR
 * paper's "one panel per beta" figures (seaborn's {@code relplot(col=...)}). The panels are drawn
 * in the given order, left to right, top-aligned, on a canvas as wide as their sum and as high as
 * the highest; the PNG and SVG get the first panel's resolution.
 *
 * <p>The composite chart paints each panel's chart into its own region, so PNG and SVG stay the
 * same drawing. Its description (the SVG's {@code <desc>}) lists the panels' titles.
 *
 * @param title  what the figure shows, e.g. {@code output change against depth} (the SVG's title)
 * @param panels the panels, at least one, all drawn in styles of one resolution
 */
public record PanelFigure(String title, List<Figure> panels) {

    /**
     * Checks and copies.
     *
     * @param title  the title
     * @param panels the panels
     * @throws IllegalArgumentException if there is no panel or their resolutions differ
     */
    public PanelFigure {
        Objects.requireNonNull(title, "title");
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panel figure '" + title + "' has no panel");
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
        return new Figure(new Composite(title, panels), panels.get(0).style(), notes);
    }

    /** The panels' charts painted side by side. */
    private static final class Composite extends XYChart {
        private final List<Figure> panels;

        Composite(String title, List<Figure> panels) {
            super(width(panels), height(panels));
            this.panels = panels;
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

        private static int width(List<Figure> panels) {
            int w = 0;
            for (Figure f : panels) {
                w += f.chart().getWidth();
            }
            return w;
        }

        private static int height(List<Figure> panels) {
            int h = 0;
            for (Figure f : panels) {
                h = Math.max(h, f.chart().getHeight());
            }
            return h;
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (Figure f : panels) {
                XYChart c = f.chart();
                Graphics2D sub = (Graphics2D) g.create(x, 0, c.getWidth(), c.getHeight());
                try {
                    c.paint(sub, c.getWidth(), c.getHeight());
                } finally {
                    sub.dispose();
                }
                x += c.getWidth();
            }
        }
    }
}
