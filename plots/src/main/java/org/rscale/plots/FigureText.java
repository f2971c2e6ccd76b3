package org.rscale.plots;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How numbers are written on figures: a true minus sign (U+2212), powers of ten with superscript
 * exponents ({@code 10⁻³}), no floating-point noise ({@code 0.30000000000000004} is {@code 0.3}).
 */
final class FigureText {

    /** The minus sign used on figures, wider than a hyphen. */
    static final char MINUS = '\u2212';

    private static final String SUPERSCRIPT_DIGITS = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
    private static final char SUPERSCRIPT_MINUS = '\u207B';

    private FigureText() {
    }

    /**
     * @param n an exponent
     * @return {@code 10} followed by {@code n} in superscript, e.g. {@code 10⁻³}
     */
    static String decade(int n) {
        return "10" + superscript(n);
    }

    /**
     * @param n an integer
     * @return {@code n} in superscript digits
     */
    static String superscript(int n) {
        String digits = Integer.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder(digits.length() + 1);
        if (n < 0) {
            sb.append(SUPERSCRIPT_MINUS);
        }
        for (int i = 0; i < digits.length(); i++) {
            sb.append(SUPERSCRIPT_DIGITS.charAt(digits.charAt(i) - '0'));
        }
        return sb.toString();
    }

    /**
     * A compact rendering of any value, rounded to four significant digits: plain decimals between
     * 10⁻³ and 10⁴ ({@code 0.0025}, {@code 0.01}, {@code 250}), except that powers of ten from
     * 10³ up and 10⁻³ down are written {@code 10ⁿ}; {@code m×10ⁿ} outside; {@code "NaN"} and
     * {@code "∞"} for the others.
     *
     * @param v the value
     * @return its text
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221E" : MINUS + "\u221E";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(b.doubleValue());
        boolean powerOfTen = b.unscaledValue().abs().equals(java.math.BigInteger.ONE);
        if (a >= 1e-3 && a < 1e4 && !(powerOfTen && (a <= 1e-3 || a >= 1e3))) {
            return minus(b.toPlainString());
        }
        int exp = b.precision() - b.scale() - 1;
        BigDecimal mantissa = b.movePointLeft(exp).stripTrailingZeros();
        String sign = b.signum() < 0 ? String.valueOf(MINUS) : "";
        if (mantissa.abs().compareTo(BigDecimal.ONE) == 0) {
            return sign + decade(exp);
        }
        return minus(mantissa.toPlainString()) + "\u00D7" + decade(exp);
    }

    /**
     * @param v        the value
     * @param decimals digits after the point
     * @return {@code v} rounded half-even to {@code decimals} places, with a true minus sign;
     *         a value that rounds to zero is written without sign
     */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return number(v);
        }
        BigDecimal b = new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN);
        if (b.signum() == 0) {
            b = b.abs();
        }
        return minus(b.toPlainString());
    }

    /**
     * A tick label on a linear axis: at most six significant digits, no floating-point noise.
     *
     * @param v the tick value
     * @return its text
     */
    static String tick(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(b.doubleValue());
        if (a >= 1e-4 && a < 1e6) {
            return minus(b.toPlainString());
        }
        return number(v);
    }

    /**
     * A rescaled quantity as an axis title with a real superscript: {@code Lᵝ Aₖ[7,7]  (β = 0.21)}.
     *
     * @param label the quantity, e.g. {@code Aₖ[7,7]}
     * @param beta  the exponent
     * @return the title
     */
    static String rescaled(String label, double beta) {
        return "L\u1D5D " + label + "  (\u03B2 = " + fixed(beta, 2) + ")";
    }

    /**
     * @param s a decimal string
     * @return it with every hyphen-minus replaced by a true minus sign
     */
    static String minus(String s) {
        return s.replace('-', MINUS);
    }
}
