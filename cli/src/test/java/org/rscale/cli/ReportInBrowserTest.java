package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.report.Typography;

/**
 * The demo's report, and an initialisation scan's, in a real browser (headless Chromium over the DevTools protocol): no console error, no
 * uncaught exception, no broken image, every figure drawn at a visible size with its caption, nothing loaded from
 * elsewhere; the demo's page fits a window of 1200 and of 800 pixels ({@link ReportLayoutInBrowserTest#assertFits}).
 * Saves screenshots under {@code target/report-screenshots/} (the whole page, and each of the demo's figures).
 * Skipped with a message where no Chromium is installed, unless {@code RSCALE_REQUIRE_BROWSER=1} (as in CI).
 */
class ReportInBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    /** @return the browser, or aborts the test where there is none (fails where one is required) */
    static String chromium() {
        String chromium = HeadlessChromium.find();
        if (chromium == null) {
            if ("1".equals(System.getenv("RSCALE_REQUIRE_BROWSER"))) {
                throw new AssertionError("RSCALE_REQUIRE_BROWSER=1 but no chromium is installed (apt-get install chromium)");
            }
            Assumptions.abort("no chromium installed: the report's browser test is skipped (apt-get install chromium)");
        }
        return chromium;
    }

    @Test
    void anInitScansReportOpensWithoutErrorsAndShowsEveryFigure(@TempDir Path tmp) throws Exception {
        String chromium = chromium();
        Path dir = tmp.resolve("scan");
        RscaleCliTest.Run scan = RscaleCliTest.rscale("init-scan", "--set", "model=res-1", "--set", "init=iid,fbm",
                "--set", "hursts=0.3,0.7", "--set", "widths=4", "--set", "depths=8,16", "--set", "betas=0.25,0.5,1",
                "--set", "draws=2", "--set", "paths=1", "--out", dir.toString(), "--formats", "svg");
        assertEquals(0, scan.code(), scan.err());
        RscaleCliTest.Run report = RscaleCliTest.rscale("report", dir.toString());
        assertEquals(0, report.code(), report.err());
        Path page = dir.resolve("report/index.html").toAbsolutePath().normalize();
        assertEquals("report: " + page, report.out().strip().lines().reduce((a, b) -> b).orElse(""));
        long figureFiles;
        try (Stream<Path> s = Files.walk(dir.resolve("init/figures"))) {
            figureFiles = s.filter(p -> p.toString().endsWith(".svg")).count();
        }
        try (HeadlessChromium browser = new HeadlessChromium(chromium, tmp)) {
            browser.open(page.toUri().toString());
            JsonNode facts = browser.evaluate(FACTS);
            Files.createDirectories(SCREENSHOTS);
            browser.screenshot(SCREENSHOTS.resolve("init-scan-report.png"), null);
            assertEquals(List.of(), browser.errors(), "console errors");
            assertEquals(figureFiles, facts.get("figures").asLong(), "every figure of the scan is on the page: " + facts);
            assertEquals(0, facts.get("small").size(), "figures drawn too small or not at all: " + facts.get("small"));
            assertEquals(0, facts.get("broken").size(), "broken images: " + facts.get("broken"));
            assertEquals(0, facts.get("uncaptioned").size(), "figures without caption: " + facts.get("uncaptioned"));
            assertEquals(0, facts.get("resources").size(), "the page loads nothing: " + facts.get("resources"));
            assertEquals(0, facts.get("scripts").asInt(), "the page has no script");
            assertTrue(facts.get("boundary").asInt() >= 3, "the boundary table: one row per law and H: " + facts);
            for (int width : new int[] {1200, 800}) {
                ReportLayoutInBrowserTest.assertFits(browser, width, "init-scan-report");
            }
        }
    }

    /** What the tests ask the page. */
    private static final String FACTS = "(() => {"
            + "const figs = [...document.querySelectorAll('figure')];"
            + "const small = figs.filter(f => { const e = f.querySelector('svg, img');"
            + "  if (!e) return true; const b = e.getBoundingClientRect(); return b.width < 200 || b.height < 100; })"
            + "  .map(f => f.id);"
            + "const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt);"
            + "const uncaptioned = figs.filter(f => !f.querySelector('figcaption')).map(f => f.id);"
            + "return {figures: figs.length, small, broken, uncaptioned,"
            + "  resources: performance.getEntriesByType('resource').map(r => r.name),"
            + "  scripts: document.scripts.length, boundary: document.querySelectorAll('table.critical tr').length - 1};"
            + "})()";

    @Test
    void theDemosReportOpensWithoutErrorsAndShowsEveryFigure(@TempDir Path tmp) throws Exception {
        String chromium = chromium();
        Path dir = tmp.resolve("demo");
        RscaleCliTest.Run demo = RscaleCliTest.rscale("demo", "--out", dir.toString(), "--set", "depths.max=40",
                "--set", "depths.base=2", "--set", "seeds=0", "--jobs", "2");
        assertEquals(0, demo.code(), demo.err());
        List<String> lines = demo.out().strip().lines().toList();
        Path page = dir.resolve("report/index.html").toAbsolutePath().normalize();
        assertEquals("report: " + page, lines.get(lines.size() - 1), "the demo ends with the report's path");
        assertTrue(Files.isRegularFile(page));
        long figureFiles;
        try (Stream<Path> s = Files.walk(dir.resolve("figures"))) {
            figureFiles = s.filter(p -> p.toString().endsWith(".svg")).count();
        }

        try (HeadlessChromium browser = new HeadlessChromium(chromium, tmp)) {
            browser.open(page.toUri().toString());
            JsonNode facts = browser.evaluate("(() => {"
                    + "const figs = [...document.querySelectorAll('figure')];"
                    + "const small = figs.filter(f => { const e = f.querySelector('svg, img');"
                    + "  if (!e) return true; const b = e.getBoundingClientRect(); return b.width < 200 || b.height < 100; })"
                    + "  .map(f => f.id);"
                    + "const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt);"
                    + "const uncaptioned = figs.filter(f => !f.querySelector('figcaption')).map(f => f.id);"
                    + "const rects = figs.map(f => { const b = f.getBoundingClientRect();"
                    + "  return [b.left + window.scrollX, b.top + window.scrollY, b.width, b.height]; });"
                    + "return {figures: figs.length, small, broken, uncaptioned, rects,"
                    + "  resources: performance.getEntriesByType('resource').map(r => r.name),"
                    + "  scripts: document.scripts.length, title: document.title,"
                    + "  decision: (document.querySelector('.decision .sentence') || {}).textContent || ''};"
                    + "})()");
            Files.createDirectories(SCREENSHOTS);
            browser.screenshot(SCREENSHOTS.resolve("demo-report.png"), null);
            JsonNode rects = facts.get("rects");
            for (int i = 0; i < rects.size(); i++) {
                JsonNode r = rects.get(i);
                browser.screenshot(SCREENSHOTS.resolve("demo-figure-" + i + ".png"),
                        new double[] {r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble()});
            }
            assertEquals(List.of(), browser.errors(), "console errors");
            assertEquals(figureFiles, facts.get("figures").asLong(), "every figure of the sweep is on the page: " + facts);
            assertEquals(0, facts.get("small").size(), "figures drawn too small or not at all: " + facts.get("small"));
            assertEquals(0, facts.get("broken").size(), "broken images: " + facts.get("broken"));
            assertEquals(0, facts.get("uncaptioned").size(), "figures without caption: " + facts.get("uncaptioned"));
            assertEquals(0, facts.get("resources").size(), "the page loads nothing: " + facts.get("resources"));
            assertEquals(0, facts.get("scripts").asInt(), "the page has no script");
            assertTrue(facts.get("decision").asText().length() > 20, "the decision sentence is at the top: " + facts);
            // the same sentence, typeset on the page (σ′(0), Ā(t), ≥) and plain in the terminal
            assertTrue(lines.get(lines.size() - 3).startsWith("decision: ")
                    && Typography.of(lines.get(lines.size() - 3)).contains(facts.get("decision").asText().strip()),
                    "the summary's decision is the page's: " + lines + " / " + facts.get("decision"));
            for (int width : new int[] {1200, 800}) {
                ReportLayoutInBrowserTest.assertFits(browser, width, "demo-report");
            }
        }
    }
}
