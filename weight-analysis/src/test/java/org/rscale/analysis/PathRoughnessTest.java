package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.sweeps.init.StationaryGaussianSequence;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The Hurst estimator on paths of known roughness: fractional Brownian motion of index H (the cumulative
 * sums of exact fractional Gaussian noise), Brownian motion with a drift (the diffusive regime), smooth
 * paths (H1), and linear paths (constant weights).
 */
@ExtendWith(QuietConsole.class)
class PathRoughnessTest {
    private static final int L = 1024;
    private static final int ROWS = 5;
    /** Tensors of 25 fBm entries per H. */
    private static final int TENSORS = 20;
    /**
     * The estimator's bias on exact fBm, measured over 500 paths per H of 1024 steps: the mean of
     * H_hat - H lies in [-0.012, 0.004]; numpy simulations give -0.007 to 0 (PathRoughness' javadoc).
     * Its standard error here is about 0.03 / sqrt(500) = 0.0013.
     */
    private static final double BIAS_LOW = -0.012;
    private static final double BIAS_HIGH = 0.004;

    /** A 5 x 5 tensor whose 25 entries are independent unit-variance fGn(H): cumulative sums are fBm(H). */
    private static WeightSequence fractionalNoise(StationaryGaussianSequence fgn, SplittableRandom rng) {
        double[] v = new double[L * ROWS * ROWS];
        for (int e = 0; e < ROWS * ROWS; e++) {
            fgn.sample(rng, v, e, ROWS * ROWS);
        }
        return new WeightSequence("A", L, ROWS, ROWS, v);
    }

    @ParameterizedTest(name = "fBm H = {0}")
    @ValueSource(doubles = {0.2, 0.3, 0.5, 0.7, 0.9})
    void fractionalBrownianMotionIsEstimatedWithinItsInterval(double H) {
        StationaryGaussianSequence fgn = new StationaryGaussianSequence(
                StationaryGaussianSequence.fractionalGaussianNoise(H), L);
        SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(H));
        int covered = 0;
        double sum = 0;
        int n = 0;
        for (int t = 0; t < TENSORS; t++) {
            WeightSequence T = fractionalNoise(fgn, rng);
            PathRoughness r = PathRoughness.of(T, OptionalDouble.of(1.0), 0.95);
            MedianEstimate h = r.hurst().orElseThrow();
            assertEquals(PathRoughness.OK, r.note());
            assertEquals(25, h.n());
            assertTrue(h.level() >= 0.95, "achieved level " + h.level());
            if (h.covers(H)) {
                covered++;
            }
            for (double x : PathRoughness.entryHurst(T)) {
                sum += x;
                n++;
            }
        }
        double bias = sum / n - H;
        assertTrue(bias > BIAS_LOW && bias < BIAS_HIGH, "mean bias " + bias + " at H = " + H);
        // nominal coverage 95.7% (order statistics 8 and 18 of 25); the small bias costs a little
        assertTrue(covered >= 16, covered + " of " + TENSORS + " intervals cover H = " + H);
    }

    @Test
    void aSmoothPathIsToldApartFromBrownianMotion() {
        // T_k[e] = (2 pi f_e / L) cos(2 pi f_e k / L + phi_e): cumulative sums ~ sin, a smooth path
        double[] v = new double[L * 25];
        for (int e = 0; e < 25; e++) {
            double f = 1 + e % 3;
            double phi = 0.4 * e;
            for (int k = 0; k < L; k++) {
                v[k * 25 + e] = 2 * Math.PI * f / L * Math.cos(2 * Math.PI * f * k / L + phi);
            }
        }
        PathRoughness smooth = PathRoughness.of(new WeightSequence("A", L, 5, 5, v), OptionalDouble.of(1), 0.95);
        MedianEstimate h = smooth.hurst().orElseThrow();
        assertTrue(h.ciLow() > 1.5, "second differences of a smooth path scale like m^4: H near 2, got " + h);
        MedianEstimate holder = smooth.holder().orElseThrow();
        assertEquals(1.0, holder.median(), "the Hölder exponent of a smooth path is 1");
        assertFalse(holder.covers(0.5));

        WeightSequence diffusive = KnownRegimeWeights.diffusive(L, 5, 5, 11);
        MedianEstimate d = PathRoughness.of(diffusive, OptionalDouble.of(1), 0.95).hurst().orElseThrow();
        assertTrue(Math.abs(d.median() - 0.5) < 0.04, "Brownian motion plus a drift: H = 1/2, got " + d);
        assertTrue(d.ciHigh() < 0.6, "told apart from a smooth path: " + d);

        WeightSequence h1 = KnownRegimeWeights.smooth(L, 5, 5, 0.3, 11);
        PathRoughness s = PathRoughness.of(h1, OptionalDouble.of(0.3), 0.95);
        assertEquals(1.0, s.holder().orElseThrow().ciLow(), "H1 weights: a differentiable cumulative path");
        MedianEstimate iid = PathRoughness.of(KnownRegimeWeights.iid(L, 5, 5, 0.5, 11), OptionalDouble.of(1), 0.95)
                .hurst().orElseThrow();
        assertTrue(Math.abs(iid.median() - 0.5) < 0.04, "iid weights: Brownian cumulative sums, got " + iid);
    }

    @Test
    void quadraticVariationIsTheRescaledSumOfSquares() {
        WeightSequence iid = KnownRegimeWeights.iid(400, 3, 3, 0.5, 2);
        double ssq = 0;
        for (double x : iid.values()) {
            ssq += x * x;
        }
        PathRoughness r = PathRoughness.of(iid, OptionalDouble.of(0.5), 0.95);
        Tolerance sum = Tolerance.relative("one sum of squares", 1e-12);
        sum.check(ssq, r.rawQuadraticVariation().getAsDouble(), "raw QV = sum_k ||T_k||^2");
        sum.check(ssq / 400, r.quadraticVariation().getAsDouble(), "QV = L^(2 gamma - 2) sum_k ||T_k||^2");
        // L^-1/2 noise: the unscaled QV is the number of entries, up to sampling (sd sqrt(2 * 9 / 400) / 9 ~ 8%)
        assertTrue(Math.abs(ssq / 9 - 1) < 0.25, "QV per entry ~ 1, got " + ssq / 9);
        assertTrue(PathRoughness.of(iid, OptionalDouble.empty(), 0.95).quadraticVariation().isEmpty(),
                "no exponent, no rescaled QV");
    }

    @Test
    void linearShortAndNonFinitePathsHaveNoExponent() {
        double[] c = new double[200 * 4];
        java.util.Arrays.fill(c, 0.3);
        PathRoughness constant = PathRoughness.of(new WeightSequence("A", 200, 2, 2, c), OptionalDouble.of(0), 0.95);
        assertTrue(constant.hurst().isEmpty(), "rounding noise of a linear path must not read as H = 0");
        assertEquals(4, constant.linearEntries());
        assertTrue(constant.note().startsWith("not available: every entry's cumulative path is linear"));
        PathRoughness zero = PathRoughness.of(new WeightSequence("b", 200, 2, 1, new double[400]),
                OptionalDouble.of(0), 0.95);
        assertTrue(zero.hurst().isEmpty());

        PathRoughness shortPath = PathRoughness.of(KnownRegimeWeights.iid(10, 2, 2, 0, 1), OptionalDouble.of(0), 0.95);
        assertTrue(shortPath.hurst().isEmpty());
        assertEquals("not available: 10 layers, a Hurst estimate needs at least 16", shortPath.note());
        assertTrue(shortPath.rawQuadraticVariation().isPresent());

        double[] bad = new double[64];
        bad[3] = Double.NaN;
        PathRoughness nan = PathRoughness.of(new WeightSequence("A", 16, 2, 2, bad), OptionalDouble.of(0), 0.95);
        assertTrue(nan.rawQuadraticVariation().isEmpty() && nan.hurst().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PathRoughness.hurst(new double[10]));
    }

    @Test
    void lagsAreDyadicUpToOneThirtySecondOfThePath() {
        assertEquals(2, PathRoughness.lags(16).length);
        assertEquals(2, PathRoughness.lags(127).length);
        assertEquals(3, PathRoughness.lags(128).length, "128/32 = 4: lags 1, 2, 4");
        assertEquals(4, PathRoughness.lags(256)[3] / 2);
        int[] l = PathRoughness.lags(9100);
        assertEquals(256, l[l.length - 1], "9100/32 = 284: up to 256");
    }
}
