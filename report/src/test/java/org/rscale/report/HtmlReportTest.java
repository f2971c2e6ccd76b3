package org.rscale.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page is self-contained, escapes what it shows, embeds every figure with its caption. */
class HtmlReportTest {

    private static final String SVG = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n"
            + "<svg width=\"3in\" height=\"2in\" viewBox=\"0 0 300 200\"><defs><clipPath id=\"clip1\"><rect/></clipPath>"
            + "</defs><g clip-path=\"url(#clip1)\"><use xlink:href=\"#clip1\"/></g></svg>";

    @Test
    void inlineSvgsGetTheirOwnIdsAndThePageSizesThem() {
        String a = InlineSvg.of(SVG.getBytes(StandardCharsets.UTF_8), "f-0", "all/scaling_A");
        assertTrue(a.startsWith("<svg"), a);
        assertFalse(a.contains("DOCTYPE") || a.contains("<?xml"), a);
        assertTrue(a.contains("id=\"f-0-clip1\"") && a.contains("url(#f-0-clip1)") && a.contains("href=\"#f-0-clip1\""), a);
        assertFalse(a.contains("width=\"3in\""), "the page sizes the figure: " + a);
        assertTrue(a.contains("viewBox=\"0 0 300 200\"") && a.contains("aria-label=\"all/scaling_A\""), a);
    }

    @Test
    void thePageIsSelfContainedAndShowsEveryFigure(@TempDir Path tmp) throws IOException {
        Path figures = Files.createDirectories(tmp.resolve("figures/all"));
        Files.writeString(figures.resolve("scaling_A.svg"), SVG);
        Files.writeString(figures.resolve("scaling_A.png"), "png");
        Files.write(figures.resolve("mystery_plot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        List<FigureEntry> found = SweepReport.figures(tmp.resolve("figures"));
        assertEquals(List.of("scaling_A", "mystery_plot"), found.stream().map(FigureEntry::baseName).toList());
        assertTrue(found.get(0).known() && !found.get(1).known());

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("activation", "tanh <b>");
        Decision d = new Decision("all", "tanh, shared δ", "ode", "The networks approach an ODE limit.", "high",
                "High confidence.", List.of("a < b"), List.of(new EvidenceRow("max_norm_slope", "scaling", "−0.21",
                "[−0.22, −0.20] (95%)", List.of(new EvidenceRow.PredictionCell("ode", "−β", "yes")), "ode", true, true,
                "")),
                List.of("ode"), List.of());
        SweepReport r = new SweepReport(tmp, "demo", "fit", List.of(d), found, settings,
                List.of(new CellRow("L00003_s0", 3, 0, "converged", 3, 6.6e-4, 5.4e-4, 0.1, "")),
                Map.of("rscale version", "0.1"), List.of("rscale report x"), List.of());
        String html = HtmlReport.render("rscale report: demo", List.of(r), List.of());
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://")
                || html.contains("@import") || html.contains("url(http"), "nothing is loaded from elsewhere");
        assertTrue(html.contains("tanh &lt;b&gt;") && html.contains("a &lt; b"), "text is escaped");
        assertTrue(html.indexOf("The networks approach an ODE limit.") < html.indexOf("Reasons"), "the decision first");
        assertEquals(2, html.split("<figure ", -1).length - 1, "every figure");
        assertEquals(2, html.split("<figcaption>", -1).length - 1, "every figure has a caption");
        assertTrue(html.contains("<code>all/mystery_plot</code></figcaption>"), "an unknown figure shows its name");
        assertTrue(html.contains("src=\"data:image/png;base64,"), "a figure without SVG is embedded as PNG");
        assertTrue(html.contains("1 converged"), html);
    }

    @Test
    void everyTableSitsInAScrollContainerAndTheEvidenceWraps(@TempDir Path tmp) {
        Decision d = new Decision("all", "tanh, shared δ", "ode", "ode: the networks follow the linear ODE dH/dt = "
                + "sigma'(0) (A-bar(t) H + b-bar(t)); judged on 13 depths L = 39..917 (L >= 32).", "high",
                "High confidence.", List.of("kappa = 2.000 (ode: smooth increments (>= 1.75)); R^2 0.97"),
                List.of(new EvidenceRow("quadratic_variation_slope", "weights, corroborates", "1.561e+06",
                        "[4.425e+05, 7.406e+06] (97.85%)", List.of(new EvidenceRow.PredictionCell("ode",
                        "a drift within the diffusion's sampling noise (<= 1)", "no")), "against ode", true, true,
                        "median of v2/(q sqrt(2B)) over the deepest third")),
                List.of("ode"), List.of());
        SweepReport r = new SweepReport(tmp, "demo", "fit", List.of(d), List.of(), Map.of("activation", "tanh"),
                List.of(new CellRow("L00003_s0", 3, 0, "converged", 3, 6.6e-4, 5.4e-4, 0.1, "")),
                Map.of("rscale version", "0.1"), List.of("rscale report x"), List.of());
        String html = HtmlReport.render("rscale report: demo", List.of(r), List.of());
        int tables = html.split("<table", -1).length - 1;
        assertEquals(4, tables, "evidence, settings, cells, provenance");
        assertEquals(tables, html.split("<div class=\"table-wrap\"><table", -1).length - 1,
                "every table in its container");
        assertTrue(html.matches("(?s).*\\.table-wrap \\{[^}]*overflow-x: auto.*"), "the container scrolls, not the page");
        assertTrue(html.contains("<code>quadratic_<wbr>variation_<wbr>slope</code>"), "identifiers may wrap");
        assertTrue(html.contains("<span class=\"unbroken\">[4.425e+05, 7.406e+06]</span> "
                + "<span class=\"unbroken\">(97.85%)</span>"), "an interval wraps before its level only");
        assertTrue(html.contains("dH/dt = σ′(0) (Ā(t) H + b̄(t)); judged on 13 depths L = 39..917 (L ≥ 32).</p>"),
                "the sentence is typeset");
        assertTrue(html.contains("κ = 2.000 (ode: smooth increments (≥ 1.75)); R² 0.97"), "the reasons are typeset");
        assertTrue(html.contains("(≤ 1)") && html.contains("v2/(q √(2B))"), "the evidence is typeset");
        for (String ascii : List.of("sigma'", "A-bar", "&gt;=", "&lt;=", "R^2", "sqrt(", "+/-")) {
            assertFalse(html.contains(ascii), "no ASCII formula on the page: " + ascii);
        }
    }
}
