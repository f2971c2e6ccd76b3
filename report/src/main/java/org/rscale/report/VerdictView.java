package org.rscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Prediction;
import org.rscale.fits.Regime;
import org.rscale.fits.VerdictFile;

/**
 * The one place that turns the verdict ({@link VerdictFile}, read from {@code verdict.json}) into the report's rows:
 * the decision sentence, the confidence, the reasons and the evidence table. The rendering ({@link HtmlReport},
 * {@link ReportSummary}) never sees the verdict's records.
 *
 * <p>Which way an item points: the regimes whose prediction it is compatible with. One regime: that regime; two:
 * {@code ode or neither}; all three: {@code does not separate}; none: {@code no regime}; an item that did not
 * count: {@code not used}.
 */
public final class VerdictView {

    /** The regimes that make predictions, in the table's column order. */
    private static final List<Regime> CANDIDATES = List.of(Regime.ODE, Regime.SDE, Regime.NEITHER);

    private VerdictView() {
    }

    /**
     * @param g the verdict of one group
     * @return the report's decision for it
     */
    public static Decision of(VerdictFile.Group g) {
        String title = GroupTitle.of(g.settings(), g.group());
        String level = g.confidenceLevel().orElseGet(() -> levelOf(g.confidence()));
        List<EvidenceRow> rows = new ArrayList<>();
        for (VerdictFile.Item i : g.evidence()) {
            rows.add(row(i));
        }
        List<String> keys = new ArrayList<>();
        for (Regime r : CANDIDATES) {
            keys.add(r.key());
        }
        return new Decision(g.group(), title, g.regime().key(), sentence(g, title), level, g.confidence(), g.reasons(),
                rows, keys, List.of());
    }

    /** The decision in one sentence, from the regime, the limit equation and the first reason. */
    static String sentence(VerdictFile.Group g, String title) {
        String eq = g.limitEquation();
        String on = " (" + title + ", " + depthsText(g.depths()) + ")";
        switch (g.regime()) {
            case ODE:
                return "The networks approach an ODE limit" + ("none".equals(eq) ? "" : ", the " + equationWords(eq)) + on
                        + ".";
            case SDE:
                return "The networks approach a diffusive (SDE) limit" + on + ".";
            case NEITHER:
                return "The networks have no limit at these depths: their weights do not shrink with depth" + on + ".";
            default:
                String why = g.reasons().isEmpty() ? "the evidence does not separate the regimes" : g.reasons().get(0);
                return "No regime is decided" + on + ": " + why + ".";
        }
    }

    private static String equationWords(String key) {
        switch (key) {
            case "linear-ode": return "linear (alternative) ODE dH/dt = δ̄ σ′(0) (Ā(t) H + b̄(t))";
            case "neural-ode": return "neural ODE dH/dt = δ̄ σ(Ā(t) H + b̄(t))";
            default: return key;
        }
    }

    private static String depthsText(List<Integer> depths) {
        if (depths.isEmpty()) {
            return "no depths";
        }
        return depths.size() + (depths.size() == 1 ? " depth " : " depths ") + depths.get(0)
                + (depths.size() == 1 ? "" : "–" + depths.get(depths.size() - 1));
    }

    /** high, moderate or low from a confidence sentence that starts with the level. */
    static String levelOf(String confidence) {
        String c = confidence.toLowerCase(Locale.ROOT).strip();
        for (String l : List.of("high", "moderate", "low")) {
            if (c.startsWith(l)) {
                return l;
            }
        }
        return "not stated";
    }

    static EvidenceRow row(VerdictFile.Item i) {
        String estimate = i.estimate().map(e -> Numbers.fixed(e.value(), decimals(e))).orElse("");
        String interval = i.estimate().map(e -> "[" + Numbers.fixed(e.ciLow(), decimals(e)) + ", "
                + Numbers.fixed(e.ciHigh(), decimals(e)) + "] (" + Numbers.percent(e.level()) + ")").orElse("");
        List<EvidenceRow.PredictionCell> cells = new ArrayList<>();
        List<String> compatible = new ArrayList<>();
        int predicting = 0;
        for (Regime r : CANDIDATES) {
            Optional<Prediction> p = i.predictions().stream().filter(x -> x.regime() == r).findFirst();
            if (p.isEmpty()) {
                cells.add(new EvidenceRow.PredictionCell(r.key(), "", ""));
                continue;
            }
            predicting++;
            Compatibility o = p.get().outcome();
            cells.add(new EvidenceRow.PredictionCell(r.key(), Numbers.text(p.get().rule()),
                    o == Compatibility.COMPATIBLE ? "yes" : o == Compatibility.EXCLUDED ? "no" : "n/a"));
            if (o == Compatibility.COMPATIBLE) {
                compatible.add(r.key());
            }
        }
        String direction;
        if (!i.counts() || predicting == 0) {
            direction = "not used";
        } else if (compatible.isEmpty()) {
            direction = "no regime";
        } else if (compatible.size() == predicting && predicting > 1) {
            direction = "does not separate";
        } else {
            direction = String.join(" or ", compatible);
        }
        String note = i.note().isBlank() ? i.source() : i.note();
        return new EvidenceRow(i.quantity(), i.stage(), estimate, interval, cells, direction, i.counts(),
                Numbers.text(note));
    }

    /** Two decimals, or as many as needed (up to four) to show the interval's width. */
    private static int decimals(Estimate e) {
        double width = e.ciHigh() - e.ciLow();
        int d = width > 0 ? (int) Math.ceil(-Math.log10(width)) + 1 : 3;
        return Math.max(2, Math.min(4, d));
    }

    /**
     * @param file a verdict
     * @return one decision per group, in the file's order
     */
    public static List<Decision> of(VerdictFile file) {
        List<Decision> out = new ArrayList<>();
        for (VerdictFile.Group g : file.groups()) {
            out.add(of(g));
        }
        return out;
    }
}
