package org.rscale.report;

import java.util.Locale;
import java.util.Map;

import org.rscale.plots.CriticalScale;
import org.rscale.sweeps.inittrain.AccuracyTable;
import org.rscale.sweeps.initscan.ScanUnit;

/**
 * The section of the report page that shows one initialisation study ({@link StudyReport}), in the look of the
 * sweeps' sections ({@link HtmlReport}): the theory and its boundary, the critical beta of each law against the
 * study's betas, what was computed, every figure with its caption, the settings with their meaning, the
 * trainings (init-train), the provenance and the commands that reproduce it.
 */
final class StudySection {

    private StudySection() {
    }

    /**
     * @param h      the page so far
     * @param s      the study
     * @param id     a prefix unique on the page
     * @param titled whether the section gets its own heading (the page holds more than this study)
     */
    static void append(StringBuilder h, StudyReport s, String id, boolean titled) {
        String hx = titled ? "h3" : "h2";
        if (titled) {
            h.append("<h2 id=\"").append(id).append("\">").append(HtmlText.text(s.title())).append("</h2>\n");
        }
        h.append("<p class=\"path\">").append(HtmlText.text(s.dir().toAbsolutePath().normalize().toString()))
                .append("</p>\n");
        h.append("<div class=\"decision regime-inconclusive\">\n");
        for (String p : s.theory()) {
            h.append("<p>").append(HtmlText.text(p)).append("</p>\n");
        }
        h.append("</div>\n");
        for (String n : s.notes()) {
            h.append("<p class=\"note\">").append(HtmlText.text(n)).append("</p>\n");
        }
        if (!s.critical().isEmpty()) {
            h.append('<').append(hx).append(">The boundary and this study's betas</").append(hx).append(">\n");
            h.append(HtmlReport.table("critical")).append("<tr><th>weights</th><th>critical β (")
                    .append(CriticalScale.FORMULA)
                    .append(" for fbm)</th><th>β below: explodes</th><th>β at: non-trivial limit</th>"
                            + "<th>β above: identity</th></tr>\n");
            for (StudyReport.CriticalRow r : s.critical()) {
                h.append("<tr><td>").append(HtmlText.text(r.law())).append("</td><td class=\"num\">")
                        .append(HtmlText.text(r.beta())).append("</td><td>").append(HtmlText.text(r.below()))
                        .append("</td><td>").append(HtmlText.text(r.at())).append("</td><td>")
                        .append(HtmlText.text(r.above())).append("</td></tr>\n");
            }
            h.append(HtmlReport.END_TABLE);
        }
        table(h, hx, "What was computed", s.computed());
        h.append('<').append(hx).append(">Figures</").append(hx).append(">\n");
        if (s.figures().isEmpty()) {
            h.append("<p class=\"note\">No figures.</p>\n");
        } else {
            h.append("<div class=\"figures\">\n");
            int i = 0;
            for (FigureEntry f : s.figures()) {
                HtmlReport.figure(h, f, id + "-" + i++);
            }
            h.append("</div>\n");
        }
        h.append('<').append(hx).append(">Settings</").append(hx).append(">\n").append(HtmlReport.table("pairs"))
                .append("<tr><th>key</th><th>value</th><th>meaning</th></tr>\n");
        for (StudyReport.SettingRow r : s.settings()) {
            h.append("<tr><th><code>").append(HtmlText.text(r.key())).append("</code></th><td>")
                    .append(HtmlText.text(r.value())).append("</td><td class=\"note\">").append(HtmlText.text(r.meaning()))
                    .append("</td></tr>\n");
        }
        h.append(HtmlReport.END_TABLE);
        if (!s.trainings().isEmpty()) {
            trainings(h, hx, s);
        }
        table(h, hx, "Provenance", s.provenance());
        h.append('<').append(hx).append(">Reproduce</").append(hx).append(">\n<pre>");
        for (String c : s.commands()) {
            h.append(HtmlText.text(c)).append('\n');
        }
        h.append("</pre>\n");
    }

    private static void table(StringBuilder h, String hx, String heading, Map<String, String> rows) {
        h.append('<').append(hx).append('>').append(HtmlText.text(heading)).append("</").append(hx)
                .append(">\n").append(HtmlReport.table("pairs"));
        for (Map.Entry<String, String> e : rows.entrySet()) {
            h.append("<tr><th>").append(HtmlText.text(e.getKey())).append("</th><td>")
                    .append(HtmlText.text(e.getValue())).append("</td></tr>\n");
        }
        h.append(HtmlReport.END_TABLE);
    }

    private static void trainings(StringBuilder h, String hx, StudyReport s) {
        h.append('<').append(hx).append(">Trainings</").append(hx).append(">\n<details><summary>every training ("
                + s.trainings().size() + ", from accuracy.csv)</summary>\n").append(HtmlReport.table(""))
                .append("<tr><th>init</th><th>H</th><th>β</th>"
                + "<th>learning rate</th><th>seed</th><th>status</th><th>epochs</th><th>final train loss</th>"
                + "<th>test loss</th><th>test accuracy</th></tr>\n");
        for (AccuracyTable.Row r : s.trainings()) {
            h.append("<tr><td>").append(HtmlText.text(r.init().key())).append("</td><td class=\"num\">")
                    .append(Double.isNaN(r.hurst()) ? "" : ScanUnit.compact(r.hurst())).append("</td><td class=\"num\">")
                    .append(ScanUnit.compact(r.beta())).append("</td><td class=\"num\">").append(Numbers.compact(r.lr()))
                    .append("</td><td class=\"num\">").append(r.seed()).append("</td><td>").append(HtmlText.text(r.status()))
                    .append("</td><td class=\"num\">").append(r.epochs()).append("</td><td class=\"num\">")
                    .append(Numbers.compact(r.finalTrainLoss())).append("</td><td class=\"num\">")
                    .append(Numbers.compact(r.testLoss())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", r.testAccuracy())).append("</td></tr>\n");
        }
        h.append(HtmlReport.END_TABLE).append("</details>\n");
    }
}
