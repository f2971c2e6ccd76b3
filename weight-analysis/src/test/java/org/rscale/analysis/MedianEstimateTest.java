package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/** The median's order-statistic interval against hand-computed binomial coverages. */
@ExtendWith(QuietConsole.class)
class MedianEstimateTest {
    /** Sums of at most 10 binomial terms: rounding only. */
    private static final Tolerance BINOMIAL = Tolerance.absolute("binomial sums", 1e-14);

    @Test
    void tenValuesUseTheSecondOrderStatistics() {
        double[] x = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        MedianEstimate m = MedianEstimate.of(x, 0.95);
        assertEquals(5.5, m.median());
        // r = 2: 1 - 2 P(Bin(10, 1/2) <= 1) = 1 - 2 * 11/1024 = 0.978515625; r = 3 gives 0.890625 < 0.95
        assertEquals(2, m.ciLow());
        assertEquals(9, m.ciHigh());
        BINOMIAL.check(1 - 22.0 / 1024, m.level(), "achieved coverage");
        BINOMIAL.check(1 - 2 * 56.0 / 1024, MedianEstimate.coverage(10, 3), "coverage of r = 3");
        assertEquals(10, m.n());
        assertEquals(3.25, m.q25());
        assertEquals(7.75, m.q75());
        // at level 0.85, r = 3 qualifies
        MedianEstimate m85 = MedianEstimate.of(x, 0.85);
        assertEquals(3, m85.ciLow());
        assertEquals(8, m85.ciHigh());
    }

    @Test
    void smallSamplesFallBackToTheRangeWithTheirTrueLevel() {
        MedianEstimate m = MedianEstimate.of(new double[] {3, Double.NaN, 1, 2}, 0.95);
        assertEquals(3, m.n(), "NaN is ignored");
        assertEquals(2, m.median());
        assertEquals(1, m.ciLow());
        assertEquals(3, m.ciHigh());
        BINOMIAL.check(0.75, m.level(), "1 - 2^(1-n) for n = 3, below the level asked for");
        MedianEstimate one = MedianEstimate.of(new double[] {4}, 0.95);
        assertEquals(0, one.level());
        assertEquals(4, one.ciLow());
        assertThrows(IllegalArgumentException.class, () -> MedianEstimate.of(new double[] {Double.NaN}, 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> MedianEstimate.of(new double[] {Double.POSITIVE_INFINITY}, 0.95));
    }

    @Test
    void largeSamplesCoverTheMedianAtTheirLevel() {
        // 200 samples of 401 standard normals: the interval should cover 0 in about 95% of them
        SplittableRandom rng = new SplittableRandom(3);
        int covered = 0;
        for (int t = 0; t < 200; t++) {
            double[] x = new double[401];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            MedianEstimate m = MedianEstimate.of(x, 0.95);
            assertTrue(m.level() >= 0.95 && m.level() < 0.97, "achieved level " + m.level());
            if (m.covers(0)) {
                covered++;
            }
        }
        assertTrue(covered >= 183 && covered <= 199, covered + " of 200 cover the median");
    }

    @Test
    void cappingCommutesWithTheOrderStatistics() {
        MedianEstimate m = MedianEstimate.of(new double[] {0.5, 1.5, 2, 1.2, 0.9}, 0.5).capped(1);
        assertEquals(1, m.median());
        assertEquals(1, m.ciHigh());
        assertEquals(0.9, m.ciLow());
    }
}
