package org.rscale.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.AnalysisSettings;
import org.rscale.plots.FigureOptions;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.InitScan;
import org.rscale.sweeps.initscan.ScanConfigLoader;
import org.rscale.sweeps.initscan.ScanDirectory;
import org.rscale.sweeps.initscan.ScanListener;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * The report of an initialisation scan: the boundary against the scan's betas, what was computed, the settings
 * with their meaning, every figure (drawn for the report when missing, in the options given) with its catalog
 * caption, the provenance from scan.json, the commands; a directory with nothing to report is one line.
 */
@ExtendWith(QuietConsole.class)
class StudyReportTest {

    @Test
    void theCriticalBetaOfEachLawSplitsTheStudysBetas() {
        List<StudyReport.CriticalRow> rows = StudyReport.critical(
                List.of(Initialisation.IID, Initialisation.SMOOTH, Initialisation.FBM), List.of(0.7, 0.3),
                List.of(1.0, 0.25, 0.5, 0.7));
        assertEquals(List.of(
                new StudyReport.CriticalRow("iid", "0.5", "0.25", "0.5", "0.7, 1"),
                new StudyReport.CriticalRow("smooth", "1", "0.25, 0.5, 0.7", "1", ""),
                new StudyReport.CriticalRow("fbm(H = 0.3)", "0.5", "0.25", "0.5", "0.7, 1"),
                new StudyReport.CriticalRow("fbm(H = 0.7)", "0.7", "0.25, 0.5", "0.7", "1")), rows);
    }

    @Test
    void aScansPageShowsTheBoundaryTheSettingsEveryFigureAndHowToReproduceIt(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("scan");
        ScanDirectory scan = ScanDirectory.plan(dir, new ScanConfigLoader().set("model=res-1").set("init=iid,fbm")
                .set("hursts=0.3,0.7").set("widths=4").set("depths=8,16").set("betas=0.25,0.5,1").set("draws=2")
                .set("paths=1").resolve());
        StringWriter log = new StringWriter();
        // not assembled yet: the page says so and how to go on
        DirectoryReport.Written early = DirectoryReport.write(dir, null, AnalysisSettings.DEFAULTS,
                FigureOptions.DEFAULTS, new PrintWriter(log, true));
        String earlyPage = Files.readString(early.page());
        assertTrue(earlyPage.contains("not assembled yet (0 of 12 units done)"), earlyPage);
        assertTrue(early.studies().get(0).summary().startsWith("init-scan: not assembled yet, 12 networks"),
                early.studies().get(0).summary());

        InitScan.run(scan, 1, ScanListener.NONE);
        FigureOptions svgOnly = new FigureOptions(EnumSet.of(FigureOptions.Format.SVG), FigureOptions.Width.DOUBLE,
                Optional.empty(), false);
        DirectoryReport.Written w = DirectoryReport.write(dir, null, AnalysisSettings.DEFAULTS, svgOnly,
                new PrintWriter(log, true));
        assertTrue(log.toString().contains("no figures in " + scan.figuresDir() + ": drawing them now"), log.toString());
        long svgs;
        try (Stream<Path> s = Files.list(scan.figuresDir())) {
            svgs = s.filter(p -> p.toString().endsWith(".svg")).count();
        }
        try (Stream<Path> s = Files.list(scan.figuresDir())) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".png")), "the options' formats: SVG only");
        }
        assertEquals(3 * 2 + 2 * 2 + 1, svgs, "change (iid, fbm 0.3, fbm 0.7) x 2, phase x 2 depths x 2, paths");
        assertEquals(dir.resolve("report/index.html"), w.page());
        assertTrue(w.sweep().isEmpty());
        String html = Files.readString(w.page());
        assertEquals(svgs, html.split("<figure ", -1).length - 1, "every figure on the page");
        assertEquals(svgs, html.split("<figcaption>", -1).length - 1);
        assertFalse(html.contains("</code></figcaption>"), "every figure has the catalog's caption, not only its name");
        assertTrue(html.contains("The theory&#39;s boundary") || html.contains("β*(H) = max(H, 1/2)"), "the boundary");
        assertTrue(html.contains("<tr><td>fbm(H = 0.7)</td><td class=\"num\">0.7</td><td>0.25, 0.5</td><td></td>"
                + "<td>1</td></tr>"), "fbm(0.7): 0.25 and 0.5 below, 1 above");
        assertTrue(html.contains("<code>betas</code></th><td>0.25, 0.5, 1.0</td><td class=\"note\">exponents beta"),
                "the settings with their meaning");
        assertTrue(html.contains("rows of ratios.csv</th><td>36 (one per network, β and input)"), "what was computed");
        assertTrue(html.contains("<th>git commit</th>") && html.contains("<th>settings from</th>"), "provenance");
        assertTrue(html.contains("rscale init-scan --config " + scan.dir().resolve("scan.yaml") + " --out NEW_DIR"),
                "the command that reproduces it");
        assertFalse(html.contains("<script") || html.contains("<link") || html.matches("(?s).*(src|href)=\"https?:.*")
                || html.contains("url(http"), "self-contained: nothing loaded from elsewhere");
        assertTrue(html.contains("class=\"wide\""), "double-width figures take the whole row");
        assertEquals("init-scan: 12 networks, " + svgs + " figures", w.studies().get(0).summary());
    }

    @Test
    void aDirectoryWithNothingToReportIsOneLine(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DirectoryReport.write(empty, null,
                AnalysisSettings.DEFAULTS, FigureOptions.DEFAULTS, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("nothing to report") && e.getMessage().contains("init/scan.yaml"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(empty.resolve("report")), "nothing written");
    }
}
