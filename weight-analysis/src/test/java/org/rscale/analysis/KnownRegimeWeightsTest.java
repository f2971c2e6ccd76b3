package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The generators are deterministic and reproduce the slopes SCIENCE.md section 5 predicts over a depth
 * grid {@code floor(1.2^n)} between 50 and 3000 (22 depths from 55 to 2539), 4 x 4 layers, one seed.
 */
@ExtendWith(QuietConsole.class)
class KnownRegimeWeightsTest {

    /**
     * Smooth paths: finite-depth corrections are O(1/L) (the grid misses the extremum of f by at most
     * 1/(2L), the increments are f'/L + O(1/L^2)); at L >= 55 they move a slope by well under 0.02.
     */
    private static final Tolerance SMOOTH = Tolerance.absolute("smooth path, O(1/L) corrections", 0.02);
    /**
     * Maxima of noise: the max over L layers of a noise norm grows like sqrt(2 log L) on top of its
     * typical size (here sqrt(16) = 4 for a 4 x 4 layer), which adds a slowly varying log factor to the
     * slope, about 0.03 over this grid (1/(2 log L) ~ 0.07-0.13 for scalars), plus sampling scatter.
     */
    private static final Tolerance NOISE_MAX = Tolerance.absolute("max of noise, log factor", 0.1);
    /**
     * Sums over L layers of noise (quadratic variation, root SSQ): relative fluctuations
     * ~ 1/sqrt(L m) <= 3% at L = 55, so the slope scatters by ~0.01.
     */
    private static final Tolerance NOISE_SUM = Tolerance.absolute("sum of noise, law of large numbers", 0.03);

    private static final int[] GRID = depthGrid(50, 3000, 1.2);
    private static final long SEED = 20210525L;
    private static final Map<String, Map<WeightStatistic, ScalingFit>> FITS = new java.util.HashMap<>();

    /** The unique values floor(base^n), min <= value <= max (SCIENCE.md section 3). */
    static int[] depthGrid(int min, int max, double base) {
        List<Integer> grid = new ArrayList<>();
        for (int n = 0; ; n++) {
            int v = (int) Math.floor(Math.pow(base, n));
            if (v > max) {
                break;
            }
            if (v >= min && (grid.isEmpty() || grid.get(grid.size() - 1) != v)) {
                grid.add(v);
            }
        }
        int[] out = new int[grid.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = grid.get(i);
        }
        return out;
    }

    private static Map<WeightStatistic, ScalingFit> fits(IntFunction<WeightSequence> generator) {
        List<WeightStatistics> cells = new ArrayList<>();
        for (int L : GRID) {
            cells.add(WeightStatistics.of(generator.apply(L), 0));
        }
        return new EnumMap<>(ScalingFit.ofAll(cells, 0.95));
    }

    @BeforeAll
    static void sweep() {
        FITS.put("smooth", fits(L -> KnownRegimeWeights.smooth(L, 4, 4, 0.3, SEED)));
        FITS.put("iid", fits(L -> KnownRegimeWeights.iid(L, 4, 4, 0.3, SEED)));
        FITS.put("diffusive", fits(L -> KnownRegimeWeights.diffusive(L, 4, 4, SEED)));
        FITS.put("nonShrinking", fits(L -> KnownRegimeWeights.nonShrinking(L, 4, 4, SEED)));
    }

    private static double slope(String regime, WeightStatistic s) {
        return FITS.get(regime).get(s).slope();
    }

    @Test
    void gridIsThePapersRule() {
        assertEquals(22, GRID.length);
        assertEquals(55, GRID[0]);
        assertEquals(2539, GRID[GRID.length - 1]);
    }

    @Test
    void smoothPathSlopes() {
        double beta = 0.3;
        SMOOTH.check(-beta, slope("smooth", WeightStatistic.MAX_NORM), "max_norm");
        SMOOTH.check(-beta, slope("smooth", WeightStatistic.SPECTRAL_MAX), "spectral_max");
        SMOOTH.check(-beta - 1, slope("smooth", WeightStatistic.INCREMENT), "increment");
        SMOOTH.check(-2 * beta - 1, slope("smooth", WeightStatistic.QUADRATIC_VARIATION), "quadratic_variation");
        SMOOTH.check(-beta, slope("smooth", WeightStatistic.SOBOLEV), "sobolev");
        SMOOTH.check(0.5 - beta, slope("smooth", WeightStatistic.ROOT_SSQ), "root_ssq");
        SMOOTH.check(-beta, slope("smooth", WeightStatistic.L2), "l2");
        SMOOTH.check(1 - beta, slope("smooth", WeightStatistic.CUMULATIVE_SUM), "cumulative_sum");
        assertTrue(FITS.get("smooth").get(WeightStatistic.INCREMENT).r2() > 0.999);
    }

    @Test
    void iidNoiseSlopes() {
        double beta = 0.3;
        NOISE_MAX.check(-beta, slope("iid", WeightStatistic.MAX_NORM), "max_norm");
        NOISE_MAX.check(-beta, slope("iid", WeightStatistic.INCREMENT), "increment");
        NOISE_SUM.check(1 - 2 * beta, slope("iid", WeightStatistic.QUADRATIC_VARIATION), "quadratic_variation");
        NOISE_SUM.check(0.5 - beta, slope("iid", WeightStatistic.ROOT_SSQ), "root_ssq");
    }

    @Test
    void diffusiveSlopes() {
        NOISE_MAX.check(-0.5, slope("diffusive", WeightStatistic.MAX_NORM), "max_norm");
        NOISE_MAX.check(-0.5, slope("diffusive", WeightStatistic.INCREMENT), "increment");
        NOISE_SUM.check(0, slope("diffusive", WeightStatistic.QUADRATIC_VARIATION), "quadratic_variation (flat)");
        NOISE_SUM.check(0, slope("diffusive", WeightStatistic.ROOT_SSQ), "root_ssq (flat)");
    }

    @Test
    void nonShrinkingSlopes() {
        NOISE_MAX.check(0, slope("nonShrinking", WeightStatistic.MAX_NORM), "max_norm");
        NOISE_MAX.check(0, slope("nonShrinking", WeightStatistic.INCREMENT), "increment");
        NOISE_SUM.check(1, slope("nonShrinking", WeightStatistic.QUADRATIC_VARIATION), "quadratic_variation");
        NOISE_SUM.check(0.5, slope("nonShrinking", WeightStatistic.ROOT_SSQ), "root_ssq");
    }

    @Test
    void smoothnessGapSeparatesSmoothFromRough() {
        // the discriminator of SCIENCE.md 5: slope(max) - slope(increment) is 1 for smooth paths, 0 for rough ones;
        // a deliberately wrong reading (rough prediction for the smooth path and vice versa) must fail
        double smoothGap = slope("smooth", WeightStatistic.MAX_NORM) - slope("smooth", WeightStatistic.INCREMENT);
        double roughGap = slope("iid", WeightStatistic.MAX_NORM) - slope("iid", WeightStatistic.INCREMENT);
        SMOOTH.check(1, smoothGap, "smooth gap");
        NOISE_MAX.check(0, roughGap, "rough gap");
        assertTrue(!NOISE_MAX.accepts(0, smoothGap) && !SMOOTH.accepts(1, roughGap));
    }

    private static Map<WeightStatistic, ScalingFit> smoothPlusNoise(double beta, double noiseExponent) {
        return fits(L -> KnownRegimeWeights.smoothPlusNoise(L, 4, 4, beta, noiseExponent, SEED));
    }

    @Test
    void smoothPlusNoiseFollowsTheTrendInTheMaxAndTheNoiseInTheIncrements() {
        // trend L^-0.2 f, noise L^-0.6: the max follows the trend, the increments (noise L^-0.6 against trend
        // L^-1.2) follow the noise
        Map<WeightStatistic, ScalingFit> fits = smoothPlusNoise(0.2, 0.6);
        SMOOTH.check(-0.2, fits.get(WeightStatistic.MAX_NORM).slope(), "max_norm");
        NOISE_MAX.check(-0.6, fits.get(WeightStatistic.INCREMENT).slope(), "increment");
    }

    @Test
    void smoothPlusNoiseNearTheCrossoverFallsBetweenBothPredictions() {
        // noise L^-1 against trend increments L^-1.2 |f'|: |f'| is a few times the noise increments, so the
        // trend wins at small L and the noise at large L; the fitted slope lies strictly between
        double slope = smoothPlusNoise(0.2, 1.0).get(WeightStatistic.INCREMENT).slope();
        assertTrue(slope > -1.2 + SMOOTH.absolute() && slope < -1 - 0.02, "increment slope " + slope);
    }

    @Test
    void generatorsAreDeterministic() {
        assertArrayEquals(KnownRegimeWeights.diffusive(100, 3, 2, 5L).values(),
                KnownRegimeWeights.diffusive(100, 3, 2, 5L).values());
        assertArrayEquals(KnownRegimeWeights.smoothPlusNoise(40, 2, 2, 0.1, 0.6, 5L).values(),
                KnownRegimeWeights.smoothPlusNoise(40, 2, 2, 0.1, 0.6, 5L).values());
        assertNotEquals(KnownRegimeWeights.iid(100, 3, 2, 0, 5L), KnownRegimeWeights.iid(100, 3, 2, 0, 6L));
    }

    @Test
    void theCurveIsTheSameAtEveryDepthAndTheNoiseIsNot() {
        double beta = 0.4;
        WeightSequence a = KnownRegimeWeights.smooth(10, 2, 3, beta, 9L);
        WeightSequence b = KnownRegimeWeights.smooth(40, 2, 3, beta, 9L);
        Tolerance same = Tolerance.relative("same f(t), rescaled", 1e-13);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                // t = 5/10 = 20/40
                same.check(a.get(5, i, j) * Math.pow(10, beta), b.get(20, i, j) * Math.pow(40, beta), "f(1/2)");
            }
        }
        assertNotEquals(KnownRegimeWeights.smooth(10, 2, 3, beta, 9L), KnownRegimeWeights.smooth(10, 2, 3, beta, 8L));
        // iid with beta = 0: the raw noise of L = 50 and L = 51 must differ in the first layer
        WeightSequence n50 = KnownRegimeWeights.iid(50, 1, 4, 0, 9L);
        WeightSequence n51 = KnownRegimeWeights.iid(51, 1, 4, 0, 9L);
        assertNotEquals(n50.get(0, 0, 0), n51.get(0, 0, 0));
    }

    @Test
    void namesFollowTheShape() {
        assertEquals("A", KnownRegimeWeights.smooth(3, 2, 2, 0, 1L).name());
        assertEquals("b", KnownRegimeWeights.smooth(3, 2, 1, 0, 1L).name());
        assertEquals("delta", KnownRegimeWeights.smooth(3, 1, 1, 0, 1L).name());
    }

    @Test
    void rejectsBadParametersNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KnownRegimeWeights.smooth(0, 2, 2, 0, 1L));
        assertTrue(e.getMessage().contains("L = 0"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> KnownRegimeWeights.iid(5, 2, 2, Double.NaN, 1L));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> KnownRegimeWeights.smoothPlusNoise(5, 2, 2, 0, Double.POSITIVE_INFINITY, 1L));
        assertTrue(e.getMessage().contains("noise exponent"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> KnownRegimeWeights.diffusive(5, 0, 2, 1L));
        assertTrue(e.getMessage().contains("0 x 2"), e.getMessage());
    }
}
