package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The seed bootstrap of log-log slopes: deterministic, narrower with more seeds, absent with one seed per
 * depth, and centred on the slope of a noisy power law.
 */
@ExtendWith(QuietConsole.class)
class SeedBootstrapTest {
    private static final int[] GRID = {50, 60, 72, 86, 103, 123, 148, 178, 213, 256};
    /** Exact arithmetic on a hand-computed quantile. */
    private static final Tolerance EXACT = Tolerance.absolute("type-7 quantile, exact", 1e-15);

    /** {@code seeds} cells per depth of {@code 2 L^-0.5 exp(0.2 z)}, z standard normal, from a fixed seed. */
    private static double[][] noisyPowerLaw(int seeds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = GRID.length * seeds;
        double[] depths = new double[n];
        double[] values = new double[n];
        int i = 0;
        for (int L : GRID) {
            for (int s = 0; s < seeds; s++) {
                depths[i] = L;
                values[i] = 2 * Math.pow(L, -0.5) * Math.exp(0.2 * rng.nextGaussian());
                i++;
            }
        }
        return new double[][] {depths, values};
    }

    private static int[] ints(double[] x) {
        int[] o = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = (int) x[i];
        }
        return o;
    }

    @Test
    void aFixedSeedGivesIdenticalIntervals() {
        double[][] c = noisyPowerLaw(3, 1);
        BootstrapInterval a = SeedBootstrap.slope(ints(c[0]), c[1], 0.95);
        BootstrapInterval b = SeedBootstrap.slope(ints(c[0]), c[1], 0.95);
        assertTrue(a.available(), a.note());
        assertEquals(a, b, "same cells, same seed: the same interval, bit for bit");
        assertEquals(SeedBootstrap.DEFAULT_REPLICATES, a.replicates());
        assertEquals(3, a.nSeeds());
        assertEquals(BootstrapInterval.PERCENTILE, a.note());
        BootstrapInterval other = SeedBootstrap.slope(ints(c[0]), c[1], 0.95, 2000, 7);
        assertFalse(a.ciLow() == other.ciLow() && a.ciHigh() == other.ciHigh(), "another seed, other replicates");
    }

    @Test
    void theIntervalCoversTheSlopeAndNarrowsWithMoreSeeds() {
        double w2 = 0;
        double w8 = 0;
        int covered = 0;
        int trials = 20;
        for (int t = 0; t < trials; t++) {
            double[][] two = noisyPowerLaw(2, 100 + t);
            double[][] eight = noisyPowerLaw(8, 200 + t);
            BootstrapInterval b2 = SeedBootstrap.slope(ints(two[0]), two[1], 0.95, 500, 3);
            BootstrapInterval b8 = SeedBootstrap.slope(ints(eight[0]), eight[1], 0.95, 500, 3);
            w2 += b2.ciHigh() - b2.ciLow();
            w8 += b8.ciHigh() - b8.ciLow();
            if (b8.ciLow() <= -0.5 && -0.5 <= b8.ciHigh()) {
                covered++;
            }
        }
        // the bootstrap sd of a mean of n draws is sqrt((n-1)/n) s / sqrt(n): sqrt(1/2)/sqrt(2) = 0.5 for
        // n = 2, sqrt(7/8)/sqrt(8) = 0.33 for n = 8, so the expected width ratio is 0.66
        double ratio = w8 / w2;
        assertTrue(ratio > 0.55 && ratio < 0.77, "width ratio 8 seeds / 2 seeds = " + ratio);
        // nominal 95%; the percentile bootstrap under-covers slightly with 8 cells per depth
        assertTrue(covered >= 16, covered + " of " + trials + " intervals cover the true slope -0.5");
    }

    @Test
    void oneSeedPerDepthHasNoInterval() {
        double[][] c = noisyPowerLaw(1, 5);
        BootstrapInterval b = SeedBootstrap.slope(ints(c[0]), c[1], 0.95);
        assertFalse(b.available());
        assertEquals(BootstrapInterval.ONE_SEED, b.note());
        assertEquals("not available: one seed per depth", b.note());
        assertEquals(0, b.replicates());
        assertEquals(1, b.nSeeds());
        assertTrue(Double.isNaN(b.ciLow()) && Double.isNaN(b.ciHigh()));

        ScalingFit fit = ScalingFit.of(ints(c[0]), c[1]).orElseThrow();
        assertEquals(b, fit.bootstrap(), "ScalingFit.of carries the bootstrap");
    }

    @Test
    void depthsWithOneSeedAmongOthersAreNamed() {
        int[] depths = {10, 10, 20, 20, 40};
        double[] values = {1, 1.1, 0.7, 0.8, 0.5};
        BootstrapInterval b = SeedBootstrap.slope(depths, values, 0.95);
        assertFalse(b.available());
        assertEquals("not available: 1 of 3 depths have one seed", b.note());
        assertEquals(2, b.nSeeds());
        // a dropped value can make a depth single
        double[] withNaN = {1, 1.1, 0.7, Double.NaN, 0.5, };
        assertEquals("not available: 2 of 3 depths have one seed",
                SeedBootstrap.slope(depths, withNaN, 0.95).note());
        assertEquals("not available: fewer than 3 depths",
                SeedBootstrap.slope(new int[] {10, 10, 20, 20}, new double[] {1, 2, 3, 4}, 0.95).note());
    }

    @Test
    void identicalSeedsGiveAPointInterval() {
        // every seed equal at every depth: every replicate is the exact power law
        int[] depths = {10, 10, 20, 20, 40, 40};
        double[] values = new double[6];
        for (int i = 0; i < 6; i++) {
            values[i] = Math.pow(depths[i], 0.25);
        }
        BootstrapInterval b = SeedBootstrap.slope(depths, values, 0.9, 100, 1);
        Tolerance.absolute("exact power law in logs", 1e-12).check(0.25, b.ciLow(), "low");
        Tolerance.absolute("exact power law in logs", 1e-12).check(0.25, b.ciHigh(), "high");
        assertEquals(0.9, b.level());
    }

    @Test
    void quantileIsType7() {
        // numpy.quantile([1, 2, 4, 8], [0, 0.1, 0.5, 1]) = [1, 1.3, 3, 8] (linear, numpy's default)
        double[] s = {1, 2, 4, 8};
        EXACT.check(1, SeedBootstrap.quantile(s, 0), "p = 0");
        EXACT.check(1.3, SeedBootstrap.quantile(s, 0.1), "p = 0.1");
        EXACT.check(3, SeedBootstrap.quantile(s, 0.5), "p = 0.5");
        EXACT.check(8, SeedBootstrap.quantile(s, 1), "p = 1");
        assertThrows(IllegalArgumentException.class, () -> SeedBootstrap.quantile(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> SeedBootstrap.quantile(s, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> SeedBootstrap.slope(new int[] {1, 2, 3}, new double[] {1, 2, 3}, 0.95, 1, 0));
    }
}
