package org.rscale.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three lines that {@code demo}, {@code fit} and the SLURM analysis job end with: the decision, why (with the
 * confidence), and where the report is. All three come from the same {@link Decision}s, so they cannot disagree.
 */
public final class ReportSummary {

    private ReportSummary() {
    }

    /**
     * @param report the sweep's report
     * @param page   the HTML file written
     * @return three lines, without line breaks inside
     */
    public static List<String> lines(SweepReport report, Path page) {
        List<Decision> ds = report.decisions();
        String decision;
        String why;
        if (ds.size() == 1) {
            Decision d = ds.get(0);
            decision = "decision: " + d.sentence();
            why = "confidence: " + d.confidenceLevel() + "; " + tally(d);
        } else {
            List<String> parts = new ArrayList<>();
            List<String> levels = new ArrayList<>();
            for (Decision d : ds) {
                parts.add(d.title() + ": " + d.regime());
                levels.add(d.title() + ": " + d.confidenceLevel());
            }
            decision = "decision: " + ds.size() + " groups; " + String.join("; ", parts);
            why = "confidence: " + String.join("; ", levels) + " (the reasons are in the report)";
        }
        return List.of(oneLine(Numbers.text(decision)), oneLine(Numbers.text(why)),
                "report: " + page.toAbsolutePath().normalize());
    }

    /**
     * How the deciding evidence that counted points, e.g. {@code of 9 deciding items, 5 point to ode, 2 to ode or
     * neither}: the quantities the decision rests on only (after {@code rscale fit} the hidden-state ones; the
     * corroborating weight-level and limit-analysis rows are in the report, not in this line, so that the line never
     * counts corroboration as if it decided).
     */
    static String tally(Decision d) {
        java.util.Map<String, Integer> by = new java.util.LinkedHashMap<>();
        int used = 0;
        for (EvidenceRow r : d.evidence()) {
            if (r.decides() && !r.direction().equals("not used")) {
                used++;
                by.merge(r.direction(), 1, Integer::sum);
            }
        }
        if (used == 0) {
            return "no evidence counted";
        }
        List<String> parts = new ArrayList<>();
        by.forEach((k, v) -> parts.add(v + (k.equals("does not separate") ? " do not separate the regimes"
                : k.startsWith("against ") ? " " + k
                : (parts.isEmpty() ? (v == 1 ? " points to " : " point to ") : " to ") + k)));
        return "of " + used + " deciding evidence items used, " + String.join(", ", parts);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }
}
