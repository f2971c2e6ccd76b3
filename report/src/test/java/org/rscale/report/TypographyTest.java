package org.rscale.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The page typesets the verdict's plain-text formulas and changes no word. */
class TypographyTest {

    /** The demo's decision sentence as verdict.json and the terminal have it. */
    private static final String DEMO = "ode: the hidden states are smooth, their diffusion vanishes and their drift "
            + "stays finite, so the networks follow the linear ODE dH/dt = sigma'(0) (A-bar(t) H + b-bar(t)) with "
            + "their own smooth coefficients; coefficients not identified (spread D_cons 0.362 at L = 917, slope "
            + "0.337 [0.249, 0.425]); judged on 13 depths L = 39..917 (L >= 32).";

    @Test
    void formulasAreTypeset() {
        assertEquals("ode: the hidden states are smooth, their diffusion vanishes and their drift stays finite, so "
                + "the networks follow the linear ODE dH/dt = σ′(0) (Ā(t) H + b̄(t)) with their own smooth "
                + "coefficients; coefficients not identified (spread D_cons 0.362 at L = 917, slope 0.337 [0.249, "
                + "0.425]); judged on 13 depths L = 39..917 (L ≥ 32).", Typography.of(DEMO));
        assertEquals("the neural ODE dH/dt = δ̄ σ(Ā(t) H + b̄(t))",
                Typography.of("the neural ODE dH/dt = delta-bar sigma(A-bar(t) H + b-bar(t))"));
        assertEquals("σ″(0)/2 and σ′(0)", Typography.of("sigma''(0)/2 and σ'(0)"));
        assertEquals("the max_norm fit of delta_A (R² 0.514, 44 depths)",
                Typography.of("the max_norm fit of delta_A (R^2 0.514, 44 depths)"));
        assertEquals("(interval meets 0 ± 0.15); (≥ 1.75); (≤ 0.1); x ≠ 0",
                Typography.of("(interval meets 0 +/- 0.15); (>= 1.75); (<= 0.1); x != 0"));
        assertEquals("e_nn/√f and v2/(q √(2B))", Typography.of("e_nn/sqrt(f) and v2/(q sqrt(2B))"));
        assertEquals("x ~ U[0, 1]⁶⁴, L^0.34, L^−β", Typography.of("x ~ U[0, 1]^64, L^0.34, L^−β"),
                "integer powers only");
        assertEquals("−β − 1", Typography.of("-beta - 1"), "Greek letters and minus signs as in Numbers.text");
        assertEquals("", Typography.of(null));
    }

    @Test
    void identifiersAndCommandsAreLeftAlone() {
        for (String s : List.of("q_over_f_max", "v2_over_noise", "rscale fit runs/x --min-depth=64",
                "init-scan", "a-bar-chart", "the sub-bar", "L = 39..917")) {
            assertEquals(s, Typography.of(s));
        }
    }

    @Test
    void noWordChanges() {
        for (String s : List.of(DEMO, "the rough-part SDE is not available (no sigma'(0), or no network measured): "
                + "not credited", "median of v2/(q sqrt(2B)) over the deepest third (L = 1469..9100) (88 networks)")) {
            assertEquals(words(Numbers.text(s)), words(Typography.of(s)), s);
        }
    }

    /** The words of a text, without the symbols the typography replaces. */
    private static List<String> words(String s) {
        Matcher m = Pattern.compile("[A-Za-z]{2,}").matcher(s.replace("-bar", " ").replace("sqrt", " "));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
