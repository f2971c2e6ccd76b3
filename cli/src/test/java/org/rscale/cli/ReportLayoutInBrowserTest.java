package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.report.CellRow;
import org.rscale.report.Decision;
import org.rscale.report.EvidenceRow;
import org.rscale.report.HtmlReport;
import org.rscale.report.SweepReport;

/**
 * The report page fits a desktop window of 1200 and of 800 pixels in a real browser (headless Chromium): nothing
 * runs off the right edge of the page, and no table needs its scroll bar, with an evidence table as long and as wide
 * as a real verdict's (identifiers such as {@code quadratic_variation_slope}, intervals of seven-digit numbers,
 * notes of a paragraph), two groups side by side, long settings, paths and notes; and a closed section (the
 * cells) prints, although it stays folded on screen. Saves screenshots under
 * {@code target/report-screenshots/}. Skipped like {@link ReportInBrowserTest} where no Chromium is installed.
 */
class ReportLayoutInBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    /**
     * What the layout test asks the page (every {@code details} opened first): the page's width against the
     * window's, the table containers that scroll, tables outside a container, elements past the right edge.
     */
    static final String LAYOUT = "(() => {"
            + "document.querySelectorAll('details').forEach(d => d.open = true);"
            + "const doc = document.documentElement;"
            + "const scrolling = [...document.querySelectorAll('.table-wrap')]"
            + "  .filter(w => w.scrollWidth > w.clientWidth + 1)"
            + "  .map(w => (w.querySelector('table').className || 'table') + ' ' + w.scrollWidth + ' > ' + w.clientWidth"
            + "    + ': ' + w.textContent.slice(0, 60));"
            + "const bare = [...document.querySelectorAll('table')]"
            + "  .filter(t => !t.parentElement.classList.contains('table-wrap')).length;"
            + "const outside = [...document.body.querySelectorAll('*')]"
            + "  .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1 && !e.closest('.table-wrap, pre'))"
            + "  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));"
            + "return {window: window.innerWidth, client: doc.clientWidth, scroll: doc.scrollWidth, scrolling, bare,"
            + "  outside, evidence: document.querySelectorAll('table.evidence').length};"
            + "})()";

    /**
     * Whether the first {@code details} (the cell table) is open, and whether its table is rendered (script forces
     * a layout even of skipped content, so its size would not tell).
     */
    private static final String CLOSED_CELLS = "(() => { const d = document.querySelector('details');"
            + " return [d.open, d.querySelector('table').checkVisibility()]; })()";

    /**
     * Lays the open page out at a window width and asserts that it fits.
     *
     * @param browser the browser with the page open
     * @param width   the window's width
     * @param label   the page, for the messages and the screenshot's name
     * @return what the page said
     */
    static JsonNode assertFits(HeadlessChromium browser, int width, String label) throws Exception {
        browser.viewport(width, 1000);
        JsonNode facts = browser.evaluate(LAYOUT);
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve(label + "-" + width + ".png"), null);
        assertEquals(width, facts.get("window").asInt(), "the window's width: " + facts);
        assertTrue(facts.get("scroll").asInt() <= facts.get("client").asInt(),
                label + " at " + width + " px runs off the right edge: " + facts);
        assertEquals(0, facts.get("outside").size(), label + " at " + width + " px: past the edge: " + facts);
        assertEquals(0, facts.get("scrolling").size(), label + " at " + width + " px: tables wider than the page: "
                + facts.get("scrolling"));
        assertEquals(0, facts.get("bare").asInt(), label + ": every table sits in its scroll container: " + facts);
        return facts;
    }

    private static EvidenceRow row(String quantity, String stage, String estimate, String interval, String ode,
                                   String sde, String neither, String direction, String note) {
        List<EvidenceRow.PredictionCell> cells = new ArrayList<>();
        String[][] ps = {{"ode", ode}, {"sde", sde}, {"neither", neither}};
        for (String[] p : ps) {
            cells.add(new EvidenceRow.PredictionCell(p[0], p[1], p[1].isEmpty() ? "" : p[1].hashCode() % 2 == 0
                    ? "yes" : "no"));
        }
        return new EvidenceRow(quantity, stage, estimate, interval, cells, direction, true, stage.endsWith("decides"),
                note);
    }

    /** An evidence table with the widest rows real verdicts have shown, and a few wider still. */
    private static List<EvidenceRow> longEvidence() {
        String flat = "a flat varying part of δ A (slope of A >= alpha) ([0.665, 0.704] +/- 0.15)";
        String note = "median of v2/(q sqrt(2B)) over the deepest third (L = 1469..9100) (88 networks); drift growing: "
                + "a growing drift (>= 0.15, yes); drift vanishing: a vanishing drift (<= −0.15, no); "
                + "drift_growing_with_depth_relative_to_the_diffusions_sampling_noise: yes";
        List<EvidenceRow> rows = new ArrayList<>();
        rows.add(row("max_norm_slope", "weights, corroborates", "−0.226", "[−0.249, −0.203] (95%)",
                "−β, β in [0, 1] ([−1, 0] +/- 0.15)", "−1/2 (−0.5 +/- 0.15)", "the weights do not shrink (>= −0.15)",
                "ode", "the max_norm fit of delta_A (R^2 0.514, 44 depths, 352 cells, 0 dropped)"));
        rows.add(row("quadratic_variation_slope", "weights, corroborates", "−0.172", "[−0.201, −0.142] (95%)",
                "−2 beta_var − 1 ([−1.466, −1.369] +/- 0.15)", "0 (flat, non-zero) (0 +/- 0.15)",
                "at least 1 − 2 beta_var (>= 0.384)", "does not separate",
                "the quadratic_variation fit of delta_A (R^2 0.274, 44 depths, 352 cells, 0 dropped)"));
        rows.add(row("v2_over_noise", "hidden states, decides", "1560805.13", "[442480.40, 7406452.56] (97.85%)",
                "a drift within the diffusion's sampling noise (<= 1)", "a drift within the diffusion's sampling "
                + "noise (<= 1)", "", "against ode and sde", note));
        rows.add(row("q_over_f", "hidden states, decides", "0.0000548", "[0.0000113, 0.000226] (97.85%)", "",
                "a material diffusion (>= 1)", "", "against sde", note));
        rows.add(row("kappa", "hidden states, decides", "1.0209", "[1.0180, 1.0248] (95.78%)",
                "smooth increments (>= 1.75)", "rough increments (<= 1.25)", "", "sde", note + "; " + note));
        rows.add(row("e_nonlin_over_sqrt_f_at_the_deepest_depths", "limits, corroborates", "0.040",
                "[0.030, 0.048] (97.85%)", "neural ODE: within a tenth of the fit error (<= 0.1)", "", "",
                "ode or neither", "log-log slope of e_nn (31 depths, 214 networks, R^2 0.213); neural ODE: a "
                + "decaying distance (<= −0.25, no)"));
        for (int i = 0; i < 12; i++) {
            rows.add(row("depth_average_slope", "hidden states, decides", "−0.627", "[−0.638, −0.615] (95%)", "", "",
                    flat, "against neither", "the depth_average_norm fit of delta_A (R^2 0.971, 44 depths, 352 cells, "
                    + "0 dropped)"));
        }
        return rows;
    }

    @Test
    void aLongEvidenceTableFitsAWindowOf1200And800Pixels(@TempDir Path tmp) throws Exception {
        String chromium = ReportInBrowserTest.chromium();
        String sentence = "ode: the hidden states are smooth, their diffusion vanishes and their drift stays finite, "
                + "so the networks follow the linear ODE dH/dt = sigma'(0) (A-bar(t) H + b-bar(t)) with their own "
                + "smooth coefficients; judged on 13 depths L = 39..917 (L >= 32).";
        List<String> reasons = List.of("neither is excluded: qv1_slope = −0.871 [−0.901, −0.841] (neither: increments "
                + "of order 1 (>= 0.85)); depth_average_slope = −0.257 [−0.264, −0.250] (neither: a flat depth average "
                + "of δ A (slope of A = α) (interval meets [0.665, 0.704] +/- 0.15))");
        List<Decision> decisions = List.of(
                new Decision("tanh_shared", "tanh, shared δ, fashion-mnist", "ode", sentence, "high",
                        "High confidence: ode is the only regime whose hidden-state predictions all hold.", reasons,
                        longEvidence(), List.of("ode", "sde", "neither"), List.of("coefficients not identified")),
                new Decision("relu_per_layer", "relu, per-layer δ", "inconclusive", "inconclusive (rough, diffusion "
                        + "decaying (crossover), drift growing): the hidden states show a decaying diffusion.", "low",
                        "Low confidence: no verdict.", reasons, longEvidence(), List.of("ode", "sde", "neither"),
                        List.of()));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("depths", String.join(", ", java.util.Collections.nCopies(60, "9100")));
        settings.put("data.path", "/scratch/" + "a_very_long_directory_name_without_any_space".repeat(4) + "/train.gz");
        List<CellRow> cells = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cells.add(new CellRow("L09100_s" + i, 9100, i, "failed", 12, 1e-3, 2e-3, 3600.5,
                    "java.lang.OutOfMemoryError_while_allocating_the_hidden_states_of_depth_9100: " + "x".repeat(120)));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("directory", "/scratch/" + "sweeps_of_the_paper_grid_".repeat(8));
        provenance.put("rscale commit", "0b795f4e3c1d2a9f8b7c6d5e4f3a2b1c0d9e8f7a (dirty: report/src/main/java/org/"
                + "rscale/report/HtmlReport.java)");
        SweepReport report = new SweepReport(tmp, "paper-grid", "fit", decisions, List.of(), settings, cells,
                provenance, List.of("rscale sweep --config " + "/scratch/x".repeat(30) + " --out NEW_DIR"),
                List.of("rscale fit " + "/scratch/y".repeat(20) + " --min-depth 64"));
        Path page = tmp.resolve("report/index.html");
        HtmlReport.write(page, "rscale report: paper-grid", List.of(report), List.of());
        try (HeadlessChromium browser = new HeadlessChromium(chromium, tmp)) {
            browser.open(page.toUri().toString());
            assertEquals("[false,false]", browser.evaluate(CLOSED_CELLS).toString(), "on screen the cells stay folded");
            browser.media("print");
            JsonNode printed = browser.evaluate(CLOSED_CELLS);
            assertEquals("[false,true]", printed.toString(),
                    "printed, the closed cell table is laid out (still closed on the page): " + printed);
            browser.media("");
            for (int width : new int[] {1200, 800}) {
                JsonNode facts = assertFits(browser, width, "long-evidence");
                assertEquals(2, facts.get("evidence").asInt(), "both evidence tables are on the page: " + facts);
            }
            assertEquals(List.of(), browser.errors(), "console errors");
        }
    }
}
