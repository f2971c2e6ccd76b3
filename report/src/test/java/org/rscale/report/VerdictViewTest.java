package org.rscale.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rscale.fits.CellCounts;
import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Prediction;
import org.rscale.fits.Regime;
import org.rscale.fits.VerdictFile;

/** Which way each item points, and the decision sentence, from hand-built verdicts. */
class VerdictViewTest {

    private static Prediction p(Regime r, Compatibility c) {
        return new Prediction(r, "-beta - 1", -1, 0, 0.15, c);
    }

    private static VerdictFile.Item item(boolean counts, Compatibility ode, Compatibility sde, Compatibility neither) {
        return new VerdictFile.Item("increment_slope", VerdictFile.Item.SCALING,
                Optional.of(new Estimate(-0.84, 0.02, -0.871, -0.81, 0.95)), counts, "", "",
                List.of(p(Regime.ODE, ode), p(Regime.SDE, sde), p(Regime.NEITHER, neither)));
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
        EvidenceRow r = VerdictView.row(item(true, y, n, n));
        // as many decimals as show the interval's width (0.061: three)
        assertEquals("−0.840", r.estimate());
        assertEquals("[−0.871, −0.810] (95%)", r.interval());
        assertEquals("−β − 1", r.predictions().get(0).prediction(), "Greek letters and minus signs");
        assertEquals(List.of("yes", "no", "no"), r.predictions().stream().map(EvidenceRow.PredictionCell::agrees).toList());
    }

    private static VerdictFile.Group group(Regime regime, String equation, String level, List<String> reasons) {
        return new VerdictFile.Group("all", Map.of("activation", "tanh", "delta", "shared"), List.of(3, 10, 917),
                List.of(0, 1), regime, equation, "A", Optional.empty(), "Low confidence: no verdict.",
                Optional.ofNullable(level), reasons, Map.of(), new CellCounts(6, 6, 0, 0, 0),
                List.of(item(true, Compatibility.COMPATIBLE, Compatibility.EXCLUDED, Compatibility.EXCLUDED)));
    }

    @Test
    void theSentenceSaysTheDecisionAndTheLevelComesFromTheVerdict() {
        Decision ode = VerdictView.of(group(Regime.ODE, "linear-ode", "high", List.of("sde excluded")));
        assertTrue(ode.sentence().startsWith("The networks approach an ODE limit, the linear (alternative) ODE"),
                ode.sentence());
        assertTrue(ode.sentence().contains("tanh, shared δ, 3 depths 3–917"), ode.sentence());
        assertEquals("high", ode.confidenceLevel());
        Decision none = VerdictView.of(group(Regime.INCONCLUSIVE, "none", null, List.of("too few depths")));
        assertTrue(none.sentence().startsWith("No regime is decided") && none.sentence().endsWith("too few depths."),
                none.sentence());
        assertEquals("low", none.confidenceLevel(), "a first verdict's level is read from its sentence");
        List<String> lines = ReportSummary.lines(new SweepReport(java.nio.file.Path.of("x"), "x", "analyze",
                List.of(none), List.of(), Map.of(), List.of(), Map.of(), List.of(), List.of()),
                java.nio.file.Path.of("x/report/index.html"));
        assertEquals(3, lines.size());
        assertEquals("decision: " + none.sentence(), lines.get(0));
        assertEquals("confidence: low; of 1 evidence items used, 1 points to ode", lines.get(1));
        assertTrue(lines.get(2).startsWith("report: ") && lines.get(2).endsWith("x/report/index.html"));
    }
}
