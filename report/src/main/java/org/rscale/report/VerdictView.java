package org.rscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Outcome;
import org.rscale.fits.Prediction;
import org.rscale.fits.PredictionTable;
import org.rscale.fits.Regime;
import org.rscale.fits.sweep.FinalVerdict;
import org.rscale.fits.sweep.FinalVerdicts;
import org.rscale.fits.sweep.FitVerdictReport;

/**
 * The one place that turns the verdict ({@link FinalVerdicts}, read from {@code verdict.json} by
 * {@code fits.sweep.VerdictFiles}, the one reader) into the report's rows: the decision sentence, the confidence,
 * the identification qualifier, the reasons and the evidence table. The rendering ({@link HtmlReport},
 * {@link ReportSummary}) never sees the verdict's records.
 *
 * <p><b>Sentence.</b> After {@code rscale fit} the verdict's own decision sentence (the one the terminal prints);
 * after {@code rscale analyze} only, one built from the weight-level regime and limit equation.
 *
 * <p><b>Evidence rows</b> come from the prediction table's rows as verdict.json keeps them: per quantity its
 * estimate and interval, where it was measured ({@code weights}, {@code hidden states}, {@code limits}) and
 * whether it decides or corroborates, what ode, sde and neither predict with the result, and what the other
 * outcomes of the table (limit equations, named inconclusive cases, identification, the SDE's credit) predict, in
 * the note. Which way it points: the regimes whose prediction it is compatible with (verdict.json's
 * {@code points_to}). One regime: that regime; two: {@code ode or neither}; every regime that predicts:
 * {@code does not separate}; none, when all three predict: {@code no regime}; none, when fewer predict:
 * {@code against} the ones it helps exclude (verdict.json's {@code points_against}: a quantity only neither
 * predicts on, e.g. the slope of QV1, is evidence against neither, not for "no regime"; a failing alternative of a
 * clause that holds through another alternative is against nothing); a quantity that did not count or on which no regime makes a prediction:
 * {@code not used}.
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
    public static Decision of(FinalVerdict g) {
        return of(g, GroupTitle.of(g.settings(), g.group()));
    }

    private static Decision of(FinalVerdict g, String title) {
        List<EvidenceRow> rows = new ArrayList<>();
        for (Evidence e : g.evidence()) {
            rows.add(row(e));
        }
        List<String> keys = new ArrayList<>();
        for (Regime r : CANDIDATES) {
            keys.add(r.key());
        }
        String sentence = FitVerdictReport.STAGE.equals(g.stage()) ? g.decision() : sentence(g, title);
        List<String> qualifiers = g.identification().map(List::of).orElse(List.of());
        return new Decision(g.group(), title, g.regime().key(), sentence, g.confidenceLevel(), g.confidence(),
                g.reasons(), rows, keys, qualifiers);
    }

    /** The weight-level decision in one sentence, from the regime, the limit equation and the first reason. */
    static String sentence(FinalVerdict g, String title) {
        LimitEquation eq = g.limitEquation();
        String on = " (" + title + ", " + depthsText(g.depths()) + ")";
        switch (g.regime()) {
            case ODE:
                return "The networks approach an ODE limit" + (eq == LimitEquation.NONE ? "" : ", the "
                        + equationWords(eq)) + on + ".";
            case SDE:
                return "The networks approach a diffusive (SDE) limit" + on + ".";
            case NEITHER:
                return "The networks have no limit at these depths: their weights do not shrink with depth" + on + ".";
            default:
                String why = g.reasons().isEmpty() ? "the evidence does not separate the regimes" : g.reasons().get(0);
                return "No regime is decided" + on + ": " + why + ".";
        }
    }

    private static String equationWords(LimitEquation eq) {
        switch (eq) {
            case LINEAR_ODE: return "linear (alternative) ODE dH/dt = δ̄ σ′(0) (Ā(t) H + b̄(t))";
            case NEURAL_ODE: return "neural ODE dH/dt = δ̄ σ(Ā(t) H + b̄(t))";
            default: return eq.key();
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

    /**
     * @param e one quantity of the evidence table
     * @return its row
     */
    static EvidenceRow row(Evidence e) {
        Estimate est = e.estimate();
        String estimate = number(est.value(), est);
        String interval = est.ciLow() == est.ciHigh() ? ""
                : "[" + number(est.ciLow(), est) + ", " + number(est.ciHigh(), est)
                + "] (" + Numbers.percent(est.level()) + ")";
        List<EvidenceRow.PredictionCell> cells = new ArrayList<>();
        int predicting = 0;
        for (Regime r : CANDIDATES) {
            List<Prediction> ps = e.predictionsFor(Outcome.of(r));
            if (ps.isEmpty()) {
                cells.add(new EvidenceRow.PredictionCell(r.key(), "", ""));
                continue;
            }
            predicting++;
            List<String> rules = new ArrayList<>();
            List<String> agrees = new ArrayList<>();
            for (Prediction p : ps) {
                rules.add(Numbers.text(p.rule() + " (" + p.window() + ")"));
                agrees.add(p.result() == Compatibility.COMPATIBLE ? "yes" : p.result() == Compatibility.EXCLUDED
                        ? "no" : "n/a");
            }
            cells.add(new EvidenceRow.PredictionCell(r.key(), String.join("; ", rules), agrees.stream()
                    .distinct().count() == 1 ? agrees.get(0) : String.join(" / ", agrees)));
        }
        List<String> against = e.pointsAgainst().stream().map(Regime::key).toList();
        String direction;
        if (!e.counts() || predicting == 0 || (e.pointsTo().isEmpty() && against.isEmpty())) {
            direction = "not used";
        } else if (e.pointsTo().isEmpty()) {
            direction = against.size() == CANDIDATES.size() ? "no regime" : "against " + String.join(" and ", against);
        } else if (e.pointsTo().size() == predicting && predicting > 1) {
            direction = "does not separate";
        } else {
            direction = String.join(" or ", e.pointsTo().stream().map(Regime::key).toList());
        }
        List<String> others = new ArrayList<>();
        for (Prediction p : e.predictions()) {
            if (p.outcome().regime().isEmpty()) {
                others.add(p.outcome().words() + ": " + p.rule() + " (" + p.window() + ", "
                        + (p.result() == Compatibility.COMPATIBLE ? "yes" : p.result() == Compatibility.EXCLUDED
                        ? "no" : "n/a") + ")");
            }
        }
        String note = e.note().isBlank() ? e.source() : e.note();
        if (!others.isEmpty()) {
            note = note + (note.isBlank() ? "" : "; ") + String.join("; ", others);
        }
        return new EvidenceRow(e.quantity().key(), stageWords(e), estimate, interval, cells, direction, e.counts(),
                e.role() == PredictionTable.Role.DECIDES, Numbers.text(note));
    }

    private static String stageWords(Evidence e) {
        String stage = e.stage().key().replace('_', ' ');
        return stage + (e.role() == PredictionTable.Role.DECIDES ? ", decides" : ", corroborates");
    }

    /**
     * One number of an estimate: fixed decimals ({@link #decimals}), or four significant digits when the estimate
     * and its interval are all below 0.001 or one reaches 100000 in size (fixed decimals would show 0.0001 for
     * 5.48e−05, or 7406452.56).
     */
    private static String number(double v, Estimate e) {
        double size = Math.max(Math.abs(e.value()), Math.max(Math.abs(e.ciLow()), Math.abs(e.ciHigh())));
        boolean significant = size >= 1e5 || (size > 0 && size < 1e-3);
        return significant && Double.isFinite(v) ? Numbers.compact(v) : Numbers.fixed(v, decimals(e));
    }

    /** Two decimals, or as many as needed (up to four) to show the interval's width. */
    private static int decimals(Estimate e) {
        double width = e.ciHigh() - e.ciLow();
        int d = width > 0 ? (int) Math.ceil(-Math.log10(width)) + 1 : 3;
        return Math.max(2, Math.min(4, d));
    }

    /**
     * @param file a verdict
     * @return one decision per group, in the file's order; groups whose titles coincide (they differ in a setting
     *         the title leaves out, such as the learning rate) carry their group id in parentheses
     */
    public static List<Decision> of(FinalVerdicts file) {
        List<String> titles = new ArrayList<>();
        for (FinalVerdict g : file.groups()) {
            titles.add(GroupTitle.of(g.settings(), g.group()));
        }
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            FinalVerdict g = file.groups().get(i);
            String title = titles.get(i);
            // groups that differ only in a setting the title leaves out (lr, width, init, ...) are told apart by id
            boolean shared = titles.indexOf(title) != titles.lastIndexOf(title);
            out.add(of(g, shared ? title + groupSuffix(g.group()) : title));
        }
        return out;
    }

    /** The suffix that tells apart groups of one title: the group id in parentheses. */
    private static String groupSuffix(String group) {
        return " (" + group.replace('_', ' ') + ")";
    }

    /**
     * @param d a decision
     * @return whether its title already carries its group id (a title shared by several groups)
     */
    static boolean titleNamesGroup(Decision d) {
        return d.title().endsWith(groupSuffix(d.group()));
    }
}
