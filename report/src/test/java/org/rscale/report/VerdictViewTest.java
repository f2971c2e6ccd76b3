package org.rscale.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.rscale.analysis.DepthRange;
import org.rscale.fits.CellCounts;
import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.EvidenceQuantity;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Outcome;
import org.rscale.fits.Prediction;
import org.rscale.fits.PredictionTable;
import org.rscale.fits.Regime;
import org.rscale.fits.sweep.FinalVerdict;
import org.rscale.fits.sweep.FinalVerdicts;
import org.rscale.fits.sweep.FitVerdictReport;
import org.rscale.fits.sweep.VerdictFiles;

/** Which way each item points, the decision sentence and the qualifier, from hand-built verdicts. */
class VerdictViewTest {

    private static Prediction p(Outcome o, Compatibility c) {
        return new Prediction(o, "-beta - 1", Prediction.Test.OVERLAPS, OptionalDouble.of(-1), OptionalDouble.of(0),
                0.15, c);
    }

    private static Evidence item(boolean counts, Compatibility ode, Compatibility sde, Compatibility neither) {
        List<Prediction> ps = List.of(p(Outcome.ODE, ode), p(Outcome.SDE, sde), p(Outcome.NEITHER, neither),
                p(Outcome.LINEAR_ODE, Compatibility.COMPATIBLE));
        List<Regime> points = new ArrayList<>();
        List<Regime> against = new ArrayList<>();
        for (Prediction x : ps) {
            if (x.outcome().regime().isPresent()) {
                (x.result() == Compatibility.COMPATIBLE ? points : against).add(x.outcome().regime().get());
            }
        }
        return new Evidence(EvidenceQuantity.INCREMENT_SLOPE, EvidenceQuantity.Stage.WEIGHTS,
                PredictionTable.Role.DECIDES, new Estimate(-0.84, 0.02, -0.871, -0.81, 0.95), counts,
                "the increment fit of A", "", ps, points, against);
    }

    @Test
    void anItemPointsToTheRegimesItIsCompatibleWith() {
        Compatibility y = Compatibility.COMPATIBLE;
        Compatibility n = Compatibility.EXCLUDED;
        assertEquals("ode", VerdictView.row(item(true, y, n, n)).direction());
        assertEquals("ode or neither", VerdictView.row(item(true, y, n, y)).direction());
        assertEquals("no regime", VerdictView.row(item(true, n, n, n)).direction());
        assertEquals("does not separate", VerdictView.row(item(true, y, y, y)).direction());
        assertEquals("not used", VerdictView.row(item(false, y, n, n)).direction());
        Evidence onlyNeither = new Evidence(EvidenceQuantity.QV1_SLOPE, EvidenceQuantity.Stage.HIDDEN_STATES,
                PredictionTable.Role.DECIDES, new Estimate(-0.79, 0.03, -0.85, -0.74, 0.95), true, "", "",
                List.of(p(Outcome.NEITHER, n)), List.of(), List.of(Regime.NEITHER));
        assertEquals("against neither", VerdictView.row(onlyNeither).direction(), "not 'no regime'");
        EvidenceRow r = VerdictView.row(item(true, y, n, n));
        // as many decimals as show the interval's width (0.061: three)
        assertEquals("−0.840", r.estimate());
        assertEquals("[−0.871, −0.810] (95%)", r.interval());
        assertTrue(r.predictions().get(0).prediction().startsWith("−β − 1"), "Greek letters and minus signs: "
                + r.predictions().get(0).prediction());
        assertEquals(List.of("yes", "no", "no"), r.predictions().stream().map(EvidenceRow.PredictionCell::agrees).toList());
        assertEquals("weights, decides", r.stage());
        assertTrue(r.note().contains("linear ODE: "), "the other outcomes' predictions are in the note: " + r.note());
    }

    private static FinalVerdict group(String stage, Regime regime, LimitEquation equation, String level,
                                      List<String> reasons, Optional<String> id) {
        return group("all", Map.of("activation", "tanh", "delta", "shared"), stage, regime, equation, level, reasons,
                id);
    }

    private static FinalVerdict group(String name, Map<String, Object> settings, String stage, Regime regime,
                                      LimitEquation equation, String level, List<String> reasons,
                                      Optional<String> id) {
        return new FinalVerdict(name, stage, settings, List.of(3, 10, 917),
                List.of(0, 1), regime, equation, regime.key() + ": the decision of the verdict.", level,
                "Low confidence: no verdict.", reasons, Map.of(), List.of(item(true, Compatibility.COMPATIBLE,
                Compatibility.EXCLUDED, Compatibility.EXCLUDED)), id, "A", Optional.empty(),
                new CellCounts(6, 6, 0, 0, 0));
    }

    @Test
    void theSentenceSaysTheDecisionAndTheLevelComesFromTheVerdict() {
        Decision ode = VerdictView.of(group(VerdictFiles.ANALYZE, Regime.ODE, LimitEquation.LINEAR_ODE, "high",
                List.of("sde excluded"), Optional.empty()));
        assertTrue(ode.sentence().startsWith("The networks approach an ODE limit, the linear (alternative) ODE"),
                ode.sentence());
        assertTrue(ode.sentence().contains("tanh, shared δ, 3 depths 3–917"), ode.sentence());
        assertEquals("high", ode.confidenceLevel());
        Decision none = VerdictView.of(group(VerdictFiles.ANALYZE, Regime.INCONCLUSIVE, LimitEquation.NONE, "low",
                List.of("too few depths"), Optional.empty()));
        assertTrue(none.sentence().startsWith("No regime is decided") && none.sentence().endsWith("too few depths."),
                none.sentence());
        assertEquals("low", none.confidenceLevel());
        List<String> lines = ReportSummary.lines(new SweepReport(java.nio.file.Path.of("x"), "x", "analyze",
                List.of(none), List.of(), Map.of(), List.of(), Map.of(), List.of(), List.of()),
                java.nio.file.Path.of("x/report/index.html"));
        assertEquals(3, lines.size());
        assertEquals("decision: " + none.sentence(), lines.get(0));
        assertEquals("confidence: low; of 1 deciding evidence items used, 1 points to ode", lines.get(1));
        assertTrue(lines.get(2).startsWith("report: ") && lines.get(2).endsWith("x/report/index.html"));
    }

    @Test
    void theUpgradedVerdictIsShownInItsOwnWordsWithItsQualifier() {
        Decision fit = VerdictView.of(group(FitVerdictReport.STAGE, Regime.ODE, LimitEquation.LINEAR_ODE, "moderate",
                List.of("ode: every hidden-state prediction holds"),
                Optional.of("coefficients not identified (spread D_cons 1.2 at L = 5266)")));
        assertEquals("ode: the decision of the verdict.", fit.sentence(), "the sentence the terminal prints");
        assertEquals(List.of("coefficients not identified (spread D_cons 1.2 at L = 5266)"), fit.qualifiers());
        assertFalse(fit.sentence().contains("best match"));
    }

    @Test
    void groupsThatTheTitleCannotTellApartAreNamedByTheirId() {
        Map<String, Object> relu = Map.of("activation", "relu", "delta", "per-layer", "lr", 0.01);
        Map<String, Object> slower = Map.of("activation", "relu", "delta", "per-layer", "lr", 0.001);
        FinalVerdicts file = new FinalVerdicts(FitVerdictReport.STAGE, "x", 1.0, 0.95, new DepthRange(32, 9100),
                null, List.of(
                group("lr-0.001", slower, FitVerdictReport.STAGE, Regime.INCONCLUSIVE, LimitEquation.NONE, "low",
                        List.of("too many unconverged cells"), Optional.empty()),
                group("lr-0.01", relu, FitVerdictReport.STAGE, Regime.INCONCLUSIVE, LimitEquation.NONE, "low",
                        List.of("crossover"), Optional.empty()),
                group("tanh_shared", Map.of("activation", "tanh", "delta", "shared"), FitVerdictReport.STAGE,
                        Regime.ODE, LimitEquation.LINEAR_ODE, "moderate", List.of("ode"), Optional.empty())));
        List<Decision> ds = VerdictView.of(file);
        assertEquals(List.of("relu, per-layer δ (lr-0.001)", "relu, per-layer δ (lr-0.01)", "tanh, shared δ"),
                ds.stream().map(Decision::title).toList(), "a title shared by two groups gets the group's id");
        assertTrue(VerdictView.titleNamesGroup(ds.get(0)), "the page then does not repeat the id");
        assertFalse(VerdictView.titleNamesGroup(ds.get(2)));
        String line = ReportSummary.lines(new SweepReport(java.nio.file.Path.of("x"), "x", "fit", ds, List.of(),
                Map.of(), List.of(), Map.of(), List.of(), List.of()), java.nio.file.Path.of("x/r.html")).get(0);
        assertEquals("decision: 3 groups; relu, per-layer δ (lr-0.001): inconclusive; "
                + "relu, per-layer δ (lr-0.01): inconclusive; tanh, shared δ: ode", line);
    }
}
