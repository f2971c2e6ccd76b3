package org.rscale.report;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's typography for the plain-text formulas of the analysis' prose: the verdict's sentences, reasons and
 * notes are ASCII in {@code verdict.json}, CSV and the terminal ({@code sigma'(0)}, {@code A-bar(t)},
 * {@code R^2}, {@code +/- 0.15}, {@code >= 1.75}, {@code e_nn/sqrt(f)}); the HTML page shows them typeset
 * ({@code σ′(0)}, {@code Ā(t)}, {@code R²}, {@code ± 0.15}, {@code ≥ 1.75}, {@code e_nn/√f}). Words are never
 * changed, only symbols, so the page's sentence and the terminal's are the same sentence.
 *
 * <p>Applied at HTML rendering only ({@link HtmlReport}, {@link StudySection}), after {@link Numbers#text} (Greek
 * letters, minus signs); identifiers such as {@code q_over_f} and commands are left as they are.
 */
public final class Typography {

    /** {@code sigma'(0)} after {@link Numbers#text}: a prime (or two) after σ. */
    private static final Pattern PRIME = Pattern.compile("σ('{1,2})");
    /** An overlined letter: {@code A-bar}, {@code b-bar}, {@code δ-bar}. */
    private static final Pattern BAR = Pattern.compile("(?<![\\w-])([A-Za-zδσ])-bar(?![\\w-])");
    /** An integer exponent: {@code R^2}, {@code U[0, 1]^64}. */
    private static final Pattern POWER = Pattern.compile("\\^([0-9]+)(?![0-9.])");
    /** A square root of one letter: {@code sqrt(f)}. */
    private static final Pattern ROOT_OF_LETTER = Pattern.compile("\\bsqrt\\(([A-Za-z])\\)");
    /** Any other square root keeps its parentheses: {@code sqrt(2B)}. */
    private static final Pattern ROOT = Pattern.compile("\\bsqrt\\(");
    /** A comparison between spaces or after a bracket: {@code L >= 32}, {@code (<= 0.1)}. */
    private static final Pattern COMPARISON = Pattern.compile("(^|[\\s(\\[])(>=|<=|!=)(?=\\s)");
    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Typography() {
    }

    /**
     * @param plain a sentence of the analysis' prose, as {@code verdict.json} or the terminal has it
     * @return the same sentence typeset for the page (not yet escaped for HTML)
     */
    public static String of(String plain) {
        if (plain == null) {
            return "";
        }
        String s = Numbers.text(plain);
        s = PRIME.matcher(s).replaceAll(m -> m.group(1).length() == 1 ? "σ′" : "σ″");
        s = BAR.matcher(s).replaceAll("$1\u0304");
        s = POWER.matcher(s).replaceAll(m -> superscript(m.group(1)));
        s = ROOT_OF_LETTER.matcher(s).replaceAll("√$1");
        s = ROOT.matcher(s).replaceAll("√(");
        s = COMPARISON.matcher(s).replaceAll(m -> m.group(1) + switch (m.group(2)) {
            case ">=" -> "≥";
            case "<=" -> "≤";
            default -> "≠";
        });
        // A and a combining macron as one character (Ā) where Unicode has one
        return Normalizer.normalize(s.replace("+/-", "±"), Normalizer.Form.NFC);
    }

    private static String superscript(String digits) {
        StringBuilder b = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            b.append(SUPERSCRIPT_DIGITS.charAt(digits.charAt(i) - '0'));
        }
        return Matcher.quoteReplacement(b.toString());
    }
}
