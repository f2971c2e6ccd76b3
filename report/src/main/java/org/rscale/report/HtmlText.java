package org.rscale.report;

/** Escaping for HTML text and attribute values. */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * @param s text, or null
     * @return it escaped for an HTML text node
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * @param s prose of the analysis (a sentence or reason, plain text), or null
     * @return it typeset ({@link Typography}) and escaped
     */
    static String prose(String s) {
        return text(Typography.of(s));
    }

    /**
     * @param s prose of the analysis for a narrow table cell (a prediction, a note), or null
     * @return it typeset ({@link Typography}), escaped, with break opportunities in long identifiers
     */
    static String cell(String s) {
        return breakable(Typography.of(s));
    }

    /**
     * @param s text holding identifiers such as {@code quadratic_variation_slope}, or null
     * @return it escaped, with a break opportunity after each underscore, so that a narrow table column wraps
     *         the identifier instead of running off the page
     */
    static String breakable(String s) {
        return text(s).replace("_", "_<wbr>");
    }

    /**
     * @param s text, or null
     * @return it escaped for a double-quoted attribute value
     */
    static String attribute(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
