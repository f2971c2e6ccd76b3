package org.rscale.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.io.AtomicFiles;

/**
 * Renders one self-contained HTML page from the reports of one or several sweeps: figures inline as SVG (a PNG,
 * base64, only where a figure has no SVG), the style sheet inline, no script, no font, nothing fetched from a
 * network, so the page opens anywhere after a copy.
 *
 * <p>One sweep: its decision (sentence and confidence) at the top, then the reasons, the evidence table, the
 * figures with captions, the settings, the cells, the provenance, the commands that reproduce it and what to run
 * next. Several sweeps: a comparison table of the decisions, the overlay figures (shared axes), then each sweep's
 * section as above. Initialisation studies ({@link StudyReport}, {@code rscale init-scan} and {@code init-train})
 * follow as sections of their own ({@link StudySection}), in the same look.
 */
public final class HtmlReport {

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto;
                   max-width: 1180px; padding: 1.5em 2em 4em; color: #1d1d1f; background: #fff;
                   overflow-wrap: break-word; }
            h1 { font-size: 1.7em; margin: 0 0 .2em; }
            h2 { font-size: 1.3em; margin: 2em 0 .6em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
            .path { color: #666; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em;
                    overflow-wrap: anywhere; }
            .decision { border-left: 6px solid #888; background: #f6f6f6; padding: .8em 1.1em; margin: 1em 0; }
            .decision p { margin: .25em 0; }
            .decision .sentence { font-size: 1.2em; font-weight: 600; }
            .regime-ode { border-color: #0072B2; } .regime-sde { border-color: #D55E00; }
            .regime-neither { border-color: #CC79A7; } .regime-inconclusive { border-color: #999; }
            .level { display: inline-block; padding: 0 .5em; border-radius: 3px; font-weight: 600; font-size: .9em; }
            .level-high { background: #d7efe4; } .level-moderate { background: #fdf0d5; } .level-low { background: #f5dada; }
            .table-wrap { max-width: 100%; overflow-x: auto; margin: .5em 0; }
            table { border-collapse: collapse; font-size: .92em; }
            th, td { border: 1px solid #ddd; padding: .3em .55em; text-align: left; vertical-align: top; }
            table.pairs td, td.note { overflow-wrap: anywhere; }
            table.comparison td:first-child { min-width: 9em; }
            th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .unbroken { white-space: nowrap; }
            table.evidence { width: 100%; } table.evidence th, table.evidence td { overflow-wrap: break-word; }
            table.evidence td.interval { white-space: normal; }
            table.evidence td.note { min-width: 10em; }
            @media (min-width: 1000px) { table.evidence td.quantity { min-width: 16em; } }
            td.yes { background: #e3f3ea; } td.no { background: #f8e1e1; } td.na { color: #888; }
            tr.unused td { color: #777; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr));
                       gap: 1.2em; }
            figure { margin: 0; border: 1px solid #e4e4e4; padding: .6em; background: #fff; }
            figure.wide { grid-column: 1 / -1; }
            figure svg.figure, figure img { width: 100%; height: auto; display: block; }
            figcaption { font-size: .88em; color: #333; margin-top: .4em; }
            figcaption code { font-size: .95em; }
            pre { background: #f6f6f6; padding: .8em; overflow-x: auto; font-size: .88em; }
            details summary { cursor: pointer; color: #0b5cad; }
            .note { color: #666; font-size: .9em; }
            @media (max-width: 900px) {
              body { padding: 1em 1em 3em; }
              table.evidence { font-size: .82em; } table.evidence th, table.evidence td { padding: .25em .35em; }
              table.evidence td.note { min-width: 7em; }
              table.evidence td.interval .unbroken { display: block; white-space: normal; }
            }
            @media print {
              body { max-width: none; padding: 0; font-size: 12px; }
              .figures { grid-template-columns: 1fr 1fr; } details { display: block; }
              details::details-content { content-visibility: visible; }  /* closed sections print too */
              .table-wrap { overflow: visible; } table { font-size: .85em; } tr { break-inside: avoid; }
              pre { white-space: pre-wrap; overflow-wrap: anywhere; }
            }
            """;

    /** The end of a table and of its container ({@link #table}). */
    static final String END_TABLE = "</table></div>\n";

    private HtmlReport() {
    }

    /**
     * @param cls the table's class, or empty
     * @return the start of a table inside its container, which scrolls sideways when the table cannot fit the page
     *         (the page itself never does); ended by {@link #END_TABLE}
     */
    static String table(String cls) {
        return "<div class=\"table-wrap\"><table" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + ">\n";
    }

    /**
     * Renders the page.
     *
     * @param title    the page's title
     * @param sweeps   the sweeps, at least one
     * @param overlays figures across the sweeps (several sweeps only); may be empty
     * @return the HTML document
     */
    public static String render(String title, List<SweepReport> sweeps, List<FigureEntry> overlays) {
        return render(title, sweeps, overlays, List.of());
    }

    /**
     * Renders the page of sweeps and initialisation studies.
     *
     * @param title    the page's title
     * @param sweeps   the sweeps (may be empty when there are studies)
     * @param overlays figures across the sweeps (several sweeps only); may be empty
     * @param studies  the initialisation studies, shown after the sweeps
     * @return the HTML document
     */
    public static String render(String title, List<SweepReport> sweeps, List<FigureEntry> overlays,
                                List<StudyReport> studies) {
        if (sweeps.isEmpty() && studies.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one sweep or study");
        }
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(HtmlText.text(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(HtmlText.text(title)).append("</h1>\n");
        if (sweeps.size() == 1) {
            sweep(h, sweeps.get(0), "f", false);
        } else if (sweeps.size() > 1) {
            comparison(h, sweeps, overlays);
            for (int i = 0; i < sweeps.size(); i++) {
                sweep(h, sweeps.get(i), "s" + i, true);
            }
        }
        for (int i = 0; i < studies.size(); i++) {
            StudySection.append(h, studies.get(i), "i" + i, !sweeps.isEmpty() || studies.size() > 1);
        }
        h.append("<p class=\"note\">Written by rscale report. Self-contained: figures inline, no script, nothing "
                + "loaded from elsewhere.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Renders and writes the page atomically.
     *
     * @param file     the HTML file; its directory is created
     * @param title    the page's title
     * @param sweeps   the sweeps
     * @param overlays figures across the sweeps
     */
    public static void write(Path file, String title, List<SweepReport> sweeps, List<FigureEntry> overlays) {
        write(file, title, sweeps, overlays, List.of());
    }

    /**
     * Renders and writes the page of sweeps and initialisation studies atomically.
     *
     * @param file     the HTML file; its directory is created
     * @param title    the page's title
     * @param sweeps   the sweeps (may be empty when there are studies)
     * @param overlays figures across the sweeps
     * @param studies  the initialisation studies
     */
    public static void write(Path file, String title, List<SweepReport> sweeps, List<FigureEntry> overlays,
                             List<StudyReport> studies) {
        AtomicFiles.write(file, render(title, sweeps, overlays, studies).getBytes(StandardCharsets.UTF_8));
    }

    private static void comparison(StringBuilder h, List<SweepReport> sweeps, List<FigureEntry> overlays) {
        h.append("<h2 id=\"comparison\">Decisions side by side</h2>\n").append(table("comparison"))
                .append("<tr><th>sweep</th><th>group</th>"
                + "<th>decision</th><th>confidence</th></tr>\n");
        for (SweepReport s : sweeps) {
            for (Decision d : s.decisions()) {
                h.append("<tr><td>").append(HtmlText.text(s.name())).append("<br><span class=\"path\">")
                        .append(HtmlText.text(s.dir().toString())).append("</span></td><td>")
                        .append(HtmlText.text(d.title())).append("</td><td>").append(HtmlText.prose(d.sentence()))
                        .append("</td><td><span class=\"level level-").append(HtmlText.attribute(d.confidenceLevel()))
                        .append("\">").append(HtmlText.text(d.confidenceLevel())).append("</span></td></tr>\n");
            }
        }
        h.append(END_TABLE);
        if (!overlays.isEmpty()) {
            h.append("<h2 id=\"overlays\">The sweeps on shared axes</h2>\n<div class=\"figures\">\n");
            int i = 0;
            for (FigureEntry f : overlays) {
                figure(h, f, "o" + i++);
            }
            h.append("</div>\n");
        }
    }

    private static void sweep(StringBuilder h, SweepReport s, String id, boolean several) {
        String hx = several ? "h3" : "h2";
        if (several) {
            h.append("<h2 id=\"").append(id).append("\">").append(HtmlText.text(s.name())).append("</h2>\n");
        }
        h.append("<p class=\"path\">").append(HtmlText.text(s.dir().toAbsolutePath().normalize().toString()))
                .append("</p>\n");
        for (Decision d : s.decisions()) {
            decision(h, d, s.decisions().size() > 1, hx);
        }
        h.append('<').append(hx).append(">Figures</").append(hx).append(">\n");
        if (s.figures().isEmpty()) {
            h.append("<p class=\"note\">No figures: run <code>rscale plot ").append(HtmlText.text(s.dir().toString()))
                    .append("</code>.</p>\n");
        } else {
            h.append("<div class=\"figures\">\n");
            int i = 0;
            for (FigureEntry f : s.figures()) {
                figure(h, f, id + "-" + i++);
            }
            h.append("</div>\n");
        }
        settings(h, s, hx);
        cells(h, s, hx);
        h.append('<').append(hx).append(">Provenance</").append(hx).append(">\n").append(table("pairs"));
        for (Map.Entry<String, String> e : s.provenance().entrySet()) {
            h.append("<tr><th>").append(HtmlText.text(e.getKey())).append("</th><td>")
                    .append(HtmlText.text(e.getValue())).append("</td></tr>\n");
        }
        h.append(END_TABLE);
        h.append('<').append(hx).append(">Reproduce</").append(hx).append(">\n<pre>");
        for (String c : s.commands()) {
            h.append(HtmlText.text(c)).append('\n');
        }
        h.append("</pre>\n");
        if (!s.next().isEmpty()) {
            h.append('<').append(hx).append(">What to run next</").append(hx).append(">\n<ul>\n");
            for (String n : s.next()) {
                h.append("<li>").append(HtmlText.text(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    private static void decision(StringBuilder h, Decision d, boolean named, String hx) {
        h.append("<div class=\"decision regime-").append(HtmlText.attribute(d.regime())).append("\">\n");
        if (named) {
            h.append("<p><b>").append(HtmlText.text(d.title())).append("</b>");
            if (!VerdictView.titleNamesGroup(d)) {
                h.append(" (group <code>").append(HtmlText.text(d.group())).append("</code>)");
            }
            h.append("</p>\n");
        }
        h.append("<p class=\"sentence\">").append(HtmlText.prose(d.sentence())).append("</p>\n");
        h.append("<p>Confidence: <span class=\"level level-").append(HtmlText.attribute(d.confidenceLevel()))
                .append("\">").append(HtmlText.text(d.confidenceLevel())).append("</span> ")
                .append(HtmlText.prose(d.confidence())).append("</p>\n");
        for (String q : d.qualifiers()) {
            h.append("<p>").append(HtmlText.prose(q)).append("</p>\n");
        }
        h.append("</div>\n");
        h.append('<').append(hx).append(">Reasons</").append(hx).append(">\n<ol>\n");
        for (String r : d.reasons()) {
            h.append("<li>").append(HtmlText.prose(r)).append("</li>\n");
        }
        h.append("</ol>\n");
        h.append('<').append(hx).append(">Evidence</").append(hx).append(">\n");
        if (d.evidence().isEmpty()) {
            h.append("<p class=\"note\">No evidence was weighed.</p>\n");
            return;
        }
        h.append(table("evidence")).append("<tr><th>quantity</th><th>estimate</th><th>interval</th>");
        for (String r : d.regimeKeys()) {
            h.append("<th>").append(HtmlText.text(r)).append(" predicts</th>");
        }
        h.append("<th>points to</th><th>note</th></tr>\n");
        for (EvidenceRow e : d.evidence()) {
            h.append("<tr").append(e.counts() ? "" : " class=\"unused\"").append("><td class=\"quantity\"><code>")
                    .append(HtmlText.breakable(e.quantity())).append("</code>")
                    .append("<br><span class=\"note\">")
                    .append(HtmlText.text(e.stage())).append("</span></td><td class=\"num\">")
                    .append(HtmlText.text(e.estimate())).append("</td><td class=\"num interval\">")
                    .append(interval(e.interval())).append("</td>");
            for (EvidenceRow.PredictionCell p : e.predictions()) {
                String cls = switch (p.agrees()) {
                    case "yes" -> "yes";
                    case "no" -> "no";
                    default -> "na";
                };
                String mark = switch (p.agrees()) {
                    case "yes" -> " ✓";
                    case "no" -> " ✗";
                    default -> "";
                };
                h.append("<td class=\"").append(cls).append("\">").append(HtmlText.cell(p.prediction())).append(mark)
                        .append("</td>");
            }
            h.append("<td><b>").append(HtmlText.text(e.direction())).append("</b></td><td class=\"note\">")
                    .append(HtmlText.cell(e.note())).append("</td></tr>\n");
        }
        h.append(END_TABLE).append("<p class=\"note\">✓ the estimate's interval meets the regime's prediction (within its "
                + "tolerance), ✗ it does not; grey rows did not enter the decision.</p>\n");
    }

    /** An interval that may wrap before its level, never inside its brackets: [−0.22, −0.20] | (95%). */
    private static String interval(String interval) {
        int level = interval.lastIndexOf(" (");
        if (level < 0) {
            return "<span class=\"unbroken\">" + HtmlText.text(interval) + "</span>";
        }
        return "<span class=\"unbroken\">" + HtmlText.text(interval.substring(0, level)) + "</span> "
                + "<span class=\"unbroken\">" + HtmlText.text(interval.substring(level + 1)) + "</span>";
    }

    static void figure(StringBuilder h, FigureEntry f, String id) {
        String label = (f.group().isEmpty() ? "" : f.group() + "/") + f.baseName();
        try {
            byte[] svg = f.svg().isPresent() ? Files.readAllBytes(f.svg().get()) : null;
            // figures drawn at the text width (the overlays, --width double) take the whole row
            boolean wide = f.baseName().startsWith("overlay_") || (svg != null && InlineSvg.widthInches(svg) > 5);
            h.append("<figure id=\"fig-").append(HtmlText.attribute(id)).append(wide ? "\" class=\"wide\">\n" : "\">\n");
            if (svg != null) {
                h.append(InlineSvg.of(svg, "fig-" + id, label)).append('\n');
            } else if (f.png().isPresent()) {
                h.append("<img alt=\"").append(HtmlText.attribute(label)).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(f.png().get()))).append("\">\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read figure " + label + ": " + e.getMessage(), e);
        }
        h.append("<figcaption><code>").append(HtmlText.text(label)).append("</code>");
        if (f.known()) {
            h.append(": ").append(HtmlText.text(f.caption()));
        }
        h.append("</figcaption>\n</figure>\n");
    }

    private static void settings(StringBuilder h, SweepReport s, String hx) {
        h.append('<').append(hx).append(">Settings</").append(hx).append(">\n");
        if (s.settings().isEmpty()) {
            h.append("<p class=\"note\">No settings recorded (weights trained elsewhere).</p>\n");
            return;
        }
        h.append(table("pairs"));
        for (Map.Entry<String, String> e : s.settings().entrySet()) {
            h.append("<tr><th><code>").append(HtmlText.text(e.getKey())).append("</code></th><td>")
                    .append(HtmlText.text(e.getValue())).append("</td></tr>\n");
        }
        h.append(END_TABLE);
    }

    private static void cells(StringBuilder h, SweepReport s, String hx) {
        h.append('<').append(hx).append(">Cells</").append(hx).append(">\n<p>");
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, Integer> e : s.statusCounts().entrySet()) {
            if (counts.length() > 0) {
                counts.append(", ");
            }
            counts.append(e.getValue()).append(' ').append(e.getKey());
        }
        h.append(s.cells().size()).append(" cells: ").append(HtmlText.text(counts.toString())).append(".</p>\n");
        h.append("<details><summary>every cell</summary>\n").append(table("")).append("<tr><th>cell</th><th>depth</th>"
                + "<th>seed</th>"
                + "<th>status</th><th>epochs</th><th>train loss</th><th>test loss</th><th>seconds</th><th>note</th></tr>\n");
        for (CellRow c : s.cells()) {
            h.append("<tr><td><code>").append(HtmlText.text(c.id())).append("</code></td><td class=\"num\">")
                    .append(c.depth() > 0 ? Integer.toString(c.depth()) : "").append("</td><td class=\"num\">")
                    .append(c.seed() == null ? "" : c.seed().toString()).append("</td><td>")
                    .append(HtmlText.text(c.status())).append("</td><td class=\"num\">")
                    .append(c.epochs() == null ? "" : c.epochs().toString()).append("</td><td class=\"num\">")
                    .append(Numbers.compact(c.trainLoss())).append("</td><td class=\"num\">")
                    .append(Numbers.compact(c.testLoss())).append("</td><td class=\"num\">")
                    .append(c.wallSeconds() == null ? "" : Numbers.fixed(c.wallSeconds(), 1)).append("</td><td class=\"note\">")
                    .append(HtmlText.text(c.note())).append("</td></tr>\n");
        }
        h.append(END_TABLE).append("</details>\n");
    }
}
