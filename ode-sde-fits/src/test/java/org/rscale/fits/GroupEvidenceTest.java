package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightStatistic;
import org.rscale.analysis.WeightStatistics;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class GroupEvidenceTest {

    @Test
    void cellCountsMustAddUp() {
        CellCounts c = new CellCounts(10, 5, 2, 2, 1);
        assertEquals(8, c.fitted());
        assertEquals(0.25, c.unconvergedFraction());
        assertEquals(0, new CellCounts(3, 0, 0, 3, 0).unconvergedFraction());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CellCounts(10, 5, 2, 2, 0));
        assertEquals("cell counts do not add up: converged 5 + unconverged 2 + diverged 2 + unknown 0 != total 10",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> new CellCounts(0, -1, 1, 0, 0));
        assertEquals(new CellCounts(4, 4, 0, 0, 0), CellCounts.allConverged(4));
    }

    @Test
    void builtFromCellStatistics() {
        List<WeightStatistics> cells = List.of(
                WeightStatistics.of(KnownRegimeWeights.smooth(10, 2, 2, 0, 1L), 0.5),
                WeightStatistics.of(KnownRegimeWeights.smooth(20, 2, 2, 0, 1L), 0.5),
                WeightStatistics.of(KnownRegimeWeights.smooth(20, 2, 2, 0, 2L), 0.5),
                WeightStatistics.of(KnownRegimeWeights.smooth(40, 2, 2, 0, 1L), 0.5));
        GroupEvidence e = GroupEvidence.of(cells, Optional.empty(), CellCounts.allConverged(4), 0.95);
        assertEquals("A", e.tensor());
        assertEquals(3, e.nDepths());
        assertEquals(0.5, e.incrementExponent());
        assertEquals(4, e.fit(WeightStatistic.MAX_NORM).orElseThrow().nPoints());
        assertEquals(WeightStatistic.values().length, e.fits().size());
        assertThrows(IllegalArgumentException.class,
                () -> GroupEvidence.of(List.of(), Optional.empty(), CellCounts.allConverged(0), 0.95));
    }

    @Test
    void validatesAndCopies() {
        Map<WeightStatistic, ScalingFit> fits = new EnumMap<>(WeightStatistic.class);
        GroupEvidence e = new GroupEvidence("A", fits, 0, Optional.empty(), CellCounts.allConverged(1), 1);
        fits.put(WeightStatistic.MAX_NORM, new ScalingFit(0, 0, 0, 0, 0, 0.95, 1, 3, 3, 0));
        assertTrue(e.fits().isEmpty(), "copied");
        assertThrows(UnsupportedOperationException.class, () -> e.fits().put(WeightStatistic.L2, null));
        assertThrows(InvalidInputException.class,
                () -> new GroupEvidence(" ", fits, 0, Optional.empty(), CellCounts.allConverged(1), 1));
        assertThrows(InvalidInputException.class,
                () -> new GroupEvidence("A", fits, Double.NaN, Optional.empty(), CellCounts.allConverged(1), 1));
        assertThrows(InvalidInputException.class,
                () -> new GroupEvidence("A", fits, 0, Optional.empty(), CellCounts.allConverged(1), -1));
    }

    @Test
    void keysAreUniqueAndRoundTrip() {
        for (Regime r : Regime.values()) {
            assertEquals(r, Regime.fromKey(r.key()));
        }
        assertEquals(List.of("ode", "sde", "neither", "inconclusive"),
                List.of(Regime.ODE.key(), Regime.SDE.key(), Regime.NEITHER.key(), Regime.INCONCLUSIVE.key()));
        for (LimitEquation l : LimitEquation.values()) {
            assertEquals(l, LimitEquation.fromKey(l.key()));
        }
        assertEquals(List.of("neural-ode", "linear-ode", "sde", "none"), List.of(LimitEquation.NEURAL_ODE.key(),
                LimitEquation.LINEAR_ODE.key(), LimitEquation.SDE.key(), LimitEquation.NONE.key()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Regime.fromKey("ODE"));
        assertEquals("unknown regime 'ODE'", e.getMessage());
        assertThrows(InvalidInputException.class, () -> LimitEquation.fromKey("ode"));
        Set<String> seen = new HashSet<>();
        for (EvidenceQuantity q : EvidenceQuantity.values()) {
            assertTrue(q.key().matches("[a-z0-9]+(_[a-z0-9]+)*") && seen.add(q.key()), q.key());
            assertEquals(q, EvidenceQuantity.fromKey(q.key()));
        }
        for (Compatibility c : Compatibility.values()) {
            assertTrue(c.key().matches("[a-z]+(_[a-z]+)*") && seen.add(c.key()), c.key());
        }
    }
}
