package org.rscale.report;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SVG file made fit to sit inline in an HTML page beside other SVGs: the XML declaration and DOCTYPE dropped,
 * every {@code id} and every reference to one ({@code url(#id)}, {@code href="#id"}) given a prefix so that two
 * figures' clip paths never collide, and the root sized by the page (its {@code viewBox} kept).
 */
final class InlineSvg {

    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern URL_REF = Pattern.compile("url\\(#([^)]+)\\)");
    private static final Pattern HREF = Pattern.compile("(xlink:href|href)=\"#([^\"]+)\"");
    private static final Pattern WIDTH_INCHES = Pattern.compile("\\swidth=\"([0-9.]+)in\"");
    private static final Pattern ROOT_SIZE = Pattern.compile("\\s(width|height)=\"[^\"]*\"");

    private InlineSvg() {
    }

    /**
     * @param svg    an SVG document (UTF-8)
     * @param prefix a prefix unique on the page, letters, digits and hyphens
     * @param label  an accessible label for the figure
     * @return the {@code <svg>} element, ready to embed
     * @throws IllegalArgumentException when the document has no {@code <svg>} root
     */
    static String of(byte[] svg, String prefix, String label) {
        String text = new String(svg, StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document (no <svg> element)");
        }
        text = text.substring(start);
        text = replace(ID, text, m -> "id=\"" + prefix + "-" + m.group(1) + "\"");
        text = replace(URL_REF, text, m -> "url(#" + prefix + "-" + m.group(1) + ")");
        text = replace(HREF, text, m -> m.group(1) + "=\"#" + prefix + "-" + m.group(2) + "\"");
        int rootEnd = text.indexOf('>');
        String root = ROOT_SIZE.matcher(text.substring(0, rootEnd)).replaceAll("");
        root += " role=\"img\" aria-label=\"" + HtmlText.attribute(label) + "\" class=\"figure\"";
        return root + text.substring(rootEnd);
    }

    /**
     * @param svg an SVG document (UTF-8)
     * @return the width its root declares in inches ({@code width="7.0000in"}), or 0 when it declares none in inches
     */
    static double widthInches(byte[] svg) {
        String text = new String(svg, 0, Math.min(svg.length, 4096), StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        int end = start < 0 ? -1 : text.indexOf('>', start);
        if (end < 0) {
            return 0;
        }
        Matcher m = WIDTH_INCHES.matcher(text.substring(start, end));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
