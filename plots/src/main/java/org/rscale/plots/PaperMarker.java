package org.rscale.plots;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.knowm.xchart.style.markers.Marker;

/**
 * A data marker drawn with a stroke proportional to the figure's resolution (XChart's own markers
 * use a one-pixel stroke, which vanishes at 300 dpi), filled or as an outline. Cross and plus are
 * always outlines. The colour is set by the chart before painting.
 */
public final class PaperMarker extends Marker {

    /** The marker shapes, all of the same visual size. */
    public enum Shape {
        /** A disc. */
        CIRCLE,
        /** A square, a little smaller than the disc's bounding box so it weighs the same. */
        SQUARE,
        /** A triangle pointing up. */
        TRIANGLE_UP,
        /** A triangle pointing down. */
        TRIANGLE_DOWN,
        /** A square turned by 45 degrees. */
        DIAMOND,
        /** An x. */
        CROSS,
        /** A +. */
        PLUS
    }

    private final Shape shape;
    private final boolean filled;
    private final BasicStroke stroke;

    /**
     * @param shape       the shape
     * @param filled      filled, or drawn as an outline (cross and plus are always lines)
     * @param strokePixels outline and line width in pixels, at least 1
     */
    public PaperMarker(Shape shape, boolean filled, float strokePixels) {
        this.shape = shape;
        this.filled = filled;
        this.stroke = new BasicStroke(Math.max(1f, strokePixels), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    }

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return whether the marker is filled */
    public boolean filled() {
        return filled;
    }

    /**
     * Paints the marker centred on a point, in the graphics' current colour.
     *
     * @param g          the graphics; its stroke is changed
     * @param xOffset    centre x in pixels
     * @param yOffset    centre y in pixels
     * @param markerSize nominal diameter in pixels
     */
    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        double r = markerSize / 2.0;
        java.awt.Shape outline;
        boolean lines = false;
        switch (shape) {
            case CIRCLE -> outline = new Ellipse2D.Double(xOffset - r, yOffset - r, 2 * r, 2 * r);
            case SQUARE -> {
                double h = r * 0.88;
                outline = new Rectangle2D.Double(xOffset - h, yOffset - h, 2 * h, 2 * h);
            }
            case TRIANGLE_UP -> outline = triangle(xOffset, yOffset, r * 1.15, 1);
            case TRIANGLE_DOWN -> outline = triangle(xOffset, yOffset, r * 1.15, -1);
            case DIAMOND -> {
                double h = r * 1.2;
                Path2D.Double p = new Path2D.Double();
                p.moveTo(xOffset, yOffset - h);
                p.lineTo(xOffset + h, yOffset);
                p.lineTo(xOffset, yOffset + h);
                p.lineTo(xOffset - h, yOffset);
                p.closePath();
                outline = p;
            }
            case CROSS -> {
                double h = r * 0.85;
                Path2D.Double p = new Path2D.Double();
                p.moveTo(xOffset - h, yOffset - h);
                p.lineTo(xOffset + h, yOffset + h);
                p.moveTo(xOffset - h, yOffset + h);
                p.lineTo(xOffset + h, yOffset - h);
                outline = p;
                lines = true;
            }
            default -> { // PLUS
                double h = r * 1.05;
                Path2D.Double p = new Path2D.Double();
                p.moveTo(xOffset - h, yOffset);
                p.lineTo(xOffset + h, yOffset);
                p.moveTo(xOffset, yOffset - h);
                p.lineTo(xOffset, yOffset + h);
                outline = p;
                lines = true;
            }
        }
        if (lines) {
            g.setStroke(new BasicStroke(stroke.getLineWidth() * 1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(outline);
        } else if (filled) {
            g.fill(outline);
        } else {
            g.setStroke(stroke);
            g.draw(outline);
        }
    }

    private static java.awt.Shape triangle(double x, double y, double r, int up) {
        // equilateral triangle with circumradius r, centroid at (x, y)
        Path2D.Double p = new Path2D.Double();
        double s = Math.sqrt(3) / 2 * r;
        p.moveTo(x, y - up * r);
        p.lineTo(x + s, y + up * r / 2);
        p.lineTo(x - s, y + up * r / 2);
        p.closePath();
        return p;
    }
}
