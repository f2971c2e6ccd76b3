package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class ScalingFitTest {

    /** An exact power law fitted in logarithms: only rounding of log and the sums. */
    private static final Tolerance EXACT = Tolerance.absolute("exact power law", 1e-12);
    /**
     * The standard error of a perfect fit is the square root of a rounding error in
     * SSE = Syy - Sxy^2/Sxx (Commons Math's updating formulas): about sqrt(eps) ~ 1e-8.
     */
    private static final Tolerance PERFECT_STDERR = Tolerance.absolute("stderr of a perfect fit", 1e-7);

    @Test
    void exactPowerLawIsRecovered() {
        int[] depths = {3, 4, 5, 7, 10, 100};
        double[] values = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            values[i] = 3 * Math.pow(depths[i], -0.7);
        }
        ScalingFit fit = ScalingFit.of(depths, values).orElseThrow();
        EXACT.check(-0.7, fit.slope(), "slope");
        EXACT.check(Math.log(3), fit.intercept(), "intercept");
        PERFECT_STDERR.check(0, fit.stderr(), "stderr");
        PERFECT_STDERR.check(-0.7, fit.ciLow(), "ciLow");
        PERFECT_STDERR.check(-0.7, fit.ciHigh(), "ciHigh");
        EXACT.check(1, fit.r2(), "R^2");
        assertEquals(0.95, fit.ciLevel());
        assertEquals(6, fit.nPoints());
        assertEquals(6, fit.nDepths());
        assertEquals(0, fit.nDropped());
    }

    @Test
    void nonFiniteAndNonPositiveValuesAreDroppedAndCounted() {
        int[] depths = {10, 20, 30, 40, 50, 60, 70};
        double[] values = {10, Double.NaN, 30, 0, -5, Double.POSITIVE_INFINITY, 70};
        ScalingFit fit = ScalingFit.of(depths, values, 0.9).orElseThrow();
        assertEquals(3, fit.nPoints());
        assertEquals(3, fit.nDepths());
        assertEquals(4, fit.nDropped());
        EXACT.check(1, fit.slope(), "slope of stat = L");
        assertEquals(0.9, fit.ciLevel());
    }

    @Test
    void tooFewPointsOrDepthsGiveNoFit() {
        assertEquals(Optional.empty(), ScalingFit.of(new int[] {10, 20}, new double[] {1, 2}));
        assertEquals(Optional.empty(), ScalingFit.of(new int[] {10, 20, 30}, new double[] {1, 2, Double.NaN}));
        // four points, two depths
        assertEquals(Optional.empty(), ScalingFit.of(new int[] {10, 10, 20, 20}, new double[] {1, 1.1, 2, 2.1}));
        assertEquals(Optional.empty(), ScalingFit.of(new int[0], new double[0]));
        assertTrue(ScalingFit.of(new int[] {10, 20, 30}, new double[] {1, 2, 3}).isPresent());
    }

    @Test
    void severalSeedsPerDepthAreSeveralPoints() {
        int[] depths = {10, 10, 20, 20, 40, 40};
        double[] values = {1.1, 0.9, 2.2, 1.8, 4.4, 3.6};
        ScalingFit fit = ScalingFit.of(depths, values).orElseThrow();
        assertEquals(6, fit.nPoints());
        assertEquals(3, fit.nDepths());
        assertTrue(fit.stderr() > 0);
        assertTrue(fit.ciLow() < fit.slope() && fit.slope() < fit.ciHigh());
        Tolerance.absolute("symmetric seeds", 0.01).check(1, fit.slope(), "slope");
        EXACT.check((fit.ciHigh() - fit.ciLow()) / 2, fit.ciHalfWidth(), "half-width");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ScalingFit.of(new int[] {1, 2, 3}, new double[] {1, 2}));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScalingFit.of(new int[] {1, 0, 3}, new double[] {1, 2, 3}));
        assertEquals("depth 0 of cell 1 is below 1", e.getMessage());
        assertThrows(InvalidInputException.class, () -> ScalingFit.of(new int[] {1, 2, 3}, new double[] {1, 2, 3}, 0));
    }

    @Test
    void fitsEveryStatisticOfAGroup() {
        List<WeightStatistics> cells = new java.util.ArrayList<>();
        for (int L : new int[] {1, 10, 20, 40, 80}) {
            cells.add(WeightStatistics.of(KnownRegimeWeights.smooth(L, 2, 2, 0.5, 3L), 0));
        }
        Map<WeightStatistic, ScalingFit> fits = ScalingFit.ofAll(cells, 0.95);
        assertEquals(WeightStatistic.values().length, fits.size());
        // L = 1 has no increments: dropped for the statistics of increments only
        assertEquals(1, fits.get(WeightStatistic.INCREMENT).nDropped());
        assertEquals(0, fits.get(WeightStatistic.MAX_NORM).nDropped());
        cells.add(WeightStatistics.of(KnownRegimeWeights.smooth(10, 2, 2, 0.5, 3L), 1));
        assertThrows(IllegalArgumentException.class, () -> ScalingFit.ofAll(cells, 0.95));
        assertFalse(ScalingFit.ofAll(cells.subList(0, 2), 0.95).containsKey(WeightStatistic.MAX_NORM));
    }
}
