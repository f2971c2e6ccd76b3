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
     * @param s text, or null
     * @return it escaped for a double-quoted attribute value
     */
    static String attribute(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
