package org.rscale.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the report writes numbers and formulas: a true minus sign, fixed decimals, Greek letters for the paper's
 * symbols ({@code beta} is β).
 */
final class Numbers {

    private static final Pattern SYMBOL = Pattern.compile("\\b(beta|alpha|delta|sigma|kappa)\\b");
    /** A hyphen-minus that is a minus sign: at the start or after a space or bracket, before a digit or symbol. */
    private static final Pattern MINUS = Pattern.compile("(^|[\\s(\\[=,])-(?=[0-9.βαδσκ])");

    private Numbers() {
    }

    /**
     * @param v        a value
     * @param decimals digits after the point
     * @return it rounded half-even, with a true minus sign; empty for NaN
     */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        BigDecimal b = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
        if (b.signum() == 0) {
            b = b.abs();
        }
        return b.toPlainString().replace('-', '−');
    }

    /**
     * @param v a value
     * @return four significant digits, with a true minus sign; empty for NaN or null
     */
    static String compact(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        double a = Math.abs(v);
        String s = a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(java.util.Locale.ROOT, "%.3e", v)
                : new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s.replace('-', '−');
    }

    /**
     * @param level a confidence level in (0, 1)
     * @return e.g. {@code 95%}
     */
    static String percent(double level) {
        return new BigDecimal(100 * level).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * @param s text from an analysis file
     * @return it with the paper's symbols in Greek and minus signs before numbers
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        Matcher m = SYMBOL.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String g;
            switch (m.group(1)) {
                case "beta": g = "β"; break;
                case "alpha": g = "α"; break;
                case "delta": g = "δ"; break;
                case "sigma": g = "σ"; break;
                default: g = "κ"; break;
            }
            m.appendReplacement(sb, g);
        }
        m.appendTail(sb);
        // a minus sign before a number or symbol, and between two terms ("-2 beta - 1")
        return MINUS.matcher(sb).replaceAll("$1−").replace(" - ", " − ");
    }
}
