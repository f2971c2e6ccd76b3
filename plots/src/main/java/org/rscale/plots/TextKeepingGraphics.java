package org.rscale.plots;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;

/**
 * A vector canvas that keeps a chart's text as text: XChart draws every string as the filled outline of its glyphs,
 * which an SVG then holds as paths (not searchable, not editable, not selectable). This canvas knows the strings
 * the chart will draw (titles, legend entries) and, when a filled shape is exactly the outline of one of them,
 * records the string instead ({@code drawString} at the same origin, in the same font, under the same transform),
 * which the SVG writes as a {@code <text>} element. Fills in a fully transparent colour (the placeholders XChart
 * lays its own tick labels out with) are dropped.
 *
 * <p>Outlines are compared exactly, segment by segment to 1/1000 pixel, in both font render contexts XChart uses;
 * a shape that matches no string (a marker, a line) is filled as usual. The y axis title is drawn by XChart as an
 * outline rotated by −90°; the match records the rotation too.
 */
final class TextKeepingGraphics extends VectorGraphics2D {

    /** A string, its font and the rotation its outline was drawn with. */
    private record Text(String text, Font font, double rotation) {
    }

    private static final List<FontRenderContext> CONTEXTS = List.of(new FontRenderContext(null, true, false),
            new FontRenderContext(null, true, true), new FontRenderContext(null, false, true),
            new FontRenderContext(null, false, false));

    private final Map<String, Text> outlines = new HashMap<>();

    /**
     * @param strings the strings that may be drawn, each with the fonts it may be drawn in
     * @param rotated the strings that may be drawn rotated by −90° (the y axis title), with their fonts
     */
    TextKeepingGraphics(Map<String, List<Font>> strings, Map<String, List<Font>> rotated) {
        register(strings, 0);
        register(rotated, -Math.PI / 2);
        register(rotated, 0);
    }

    private void register(Map<String, List<Font>> strings, double rotation) {
        AffineTransform rot = rotation == 0 ? null : AffineTransform.getRotateInstance(rotation, 0, 0);
        for (Map.Entry<String, List<Font>> e : strings.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                continue;
            }
            for (Font f : e.getValue()) {
                for (FontRenderContext frc : CONTEXTS) {
                    Shape outline = new TextLayout(e.getKey(), f, frc).getOutline(rot);
                    outlines.putIfAbsent(signature(outline), new Text(e.getKey(), f, rotation));
                }
            }
        }
    }

    @Override
    public void fill(Shape s) {
        if (getColor() != null && getColor().getAlpha() == 0) {
            return;
        }
        Text t = outlines.isEmpty() ? null : outlines.get(signature(s));
        if (t == null) {
            super.fill(s);
            return;
        }
        Font before = getFont();
        AffineTransform at = getTransform();
        setFont(t.font());
        if (t.rotation() != 0) {
            rotate(t.rotation());
        }
        drawString(t.text(), 0f, 0f);
        setTransform(at);
        setFont(before);
    }

    /** The shape's path, segment types and coordinates to 1/1000 pixel. */
    private static String signature(Shape s) {
        StringBuilder sb = new StringBuilder(256);
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            sb.append(type);
            int n = type == PathIterator.SEG_CUBICTO ? 6 : type == PathIterator.SEG_QUADTO ? 4
                    : type == PathIterator.SEG_CLOSE ? 0 : 2;
            for (int i = 0; i < n; i++) {
                sb.append(',').append(String.format(Locale.ROOT, "%.3f", c[i]));
            }
            sb.append(';');
            if (sb.length() > 200_000) {
                break;
            }
        }
        return sb.toString();
    }
}
