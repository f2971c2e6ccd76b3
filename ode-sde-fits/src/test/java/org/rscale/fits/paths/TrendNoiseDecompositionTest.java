package org.rscale.fits.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The trend/noise decomposition on inputs of known answer: hand-computed cumulative sums, constant weights
 * (decomposed exactly), a smooth trend under noise (recovered, better with depth), the diffusive regime
 * (noise with a non-zero quadratic variation).
 */
@ExtendWith(QuietConsole.class)
class TrendNoiseDecompositionTest {
    /** Sums of a few hundred terms of order 1. */
    private static final Tolerance ROUNDING = Tolerance.absolute("rounding of sums", 1e-12);

    @Test
    void rescaledCumulativeSumsOnTheGrid() {
        // L = 4, n = 2: t = 0, 1/2, 1 -> floor(tL) = 0, 2, 4; gamma = 1 (no rescaling)
        WeightSequence T = new WeightSequence("delta", 4, 1, 1, new double[] {1, 2, 3, 4});
        assertArrayEquals(new double[] {0, 3, 10}, TrendNoiseDecomposition.rescaledCumulativeSum(T, 1, 2), 0.0);
        // L = 5, n = 2: t = 1/2 falls in the middle of layer 2, which counts half: 2.5 layers; gamma = 0 divides
        // by L. Deliberately not the reference code's floor (2 layers, 0.4): see the class comment
        WeightSequence U = new WeightSequence("delta", 5, 1, 1, new double[] {1, 1, 1, 1, 1});
        assertArrayEquals(new double[] {0, 0.5, 1.0}, TrendNoiseDecomposition.rescaledCumulativeSum(U, 0, 2), 1e-16);
        // L = 5, n = 3, values 1..5: t = 1/3 -> 5/3 layers = 1 + (2/3) 2; t = 2/3 -> 10/3 = 1 + 2 + 3 + (1/3) 4
        WeightSequence V = new WeightSequence("delta", 5, 1, 1, new double[] {1, 2, 3, 4, 5});
        assertArrayEquals(new double[] {0, 1 + 4.0 / 3, 6 + 4.0 / 3, 15}, TrendNoiseDecomposition.rescaledCumulativeSum(V,
                1, 3), 1e-14);
    }

    @Test
    void trendDepthsAreTheDeepestAboveNTimes() {
        List<Integer> depths = List.of(100, 200, 300, 300, 600, 700, 800, 900, 1000, 1100, 1200, 1300);
        assertEquals(List.of(1000, 1100, 1200, 1300), TrendNoiseDecomposition.trendDepths(depths, 500, 4, 0));
        assertEquals(List.of(700, 800, 900, 1000), TrendNoiseDecomposition.trendDepths(depths, 500, 4, 3));
        assertEquals(List.of(600, 700, 800, 900, 1000, 1100, 1200, 1300),
                TrendNoiseDecomposition.trendDepths(depths, 500, 0, 0), "count 0: every depth above n_times");
        assertEquals(List.of(), TrendNoiseDecomposition.trendDepths(List.of(100, 300, 500), 500, 4, 0),
                "depths at most n_times: no trend");
        assertEquals(List.of(600), TrendNoiseDecomposition.trendDepths(List.of(600, 700), 500, 4, 1));
    }

    @Test
    void constantWeightsAreDecomposedExactly() {
        // T_k = c L^-gamma at depths that are multiples of n: Ibar(t_i) = c t_i, Tbar = T, W = 0
        double gamma = 0.3;
        int n = 20;
        double[] c = {0.7, -1.2, 0.4, 2.0};
        List<WeightSequence> cells = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int L : new int[] {40, 60, 80}) {
            cells.add(constant(L, c, gamma));
            ids.add("L" + L);
        }
        TrendNoiseDecomposition d = TrendNoiseDecomposition.of("A", gamma, n, ids, cells);
        assertEquals(List.of(40, 60, 80), d.depths());
        for (int i = 0; i <= n; i++) {
            for (int e = 0; e < 4; e++) {
                ROUNDING.check(c[e] * i / n, d.cumulativeTrend().values()[i * 4 + e], "Ibar(t_" + i + ")");
                ROUNDING.check(c[e], d.trend().values()[i * 4 + e], "A-bar(t_" + i + ")");
            }
        }
        for (int L : new int[] {40, 100, 33}) {
            // exact at any depth, trend depth or not: the trend is linear
            WeightSequence T = constant(L, c, gamma);
            WeightSequence bar = d.denoise(T);
            for (int i = 0; i < T.values().length; i++) {
                ROUNDING.check(T.values()[i], bar.values()[i], "denoised = original at L = " + L);
            }
            SampledPath w = d.noise(T);
            assertEquals(L + 1, w.points());
            for (double x : w.values()) {
                ROUNDING.check(0, x, "noise path of constant weights");
            }
            NoiseStatistics ns = d.noiseStatistics(T);
            assertTrue(ns.rawQuadraticVariation() < 1e-24 && ns.noiseFraction() < 1e-12, ns.toString());
        }
    }

    private static WeightSequence constant(int L, double[] c, double gamma) {
        double[] v = new double[L * c.length];
        for (int k = 0; k < L; k++) {
            for (int e = 0; e < c.length; e++) {
                v[k * c.length + e] = c[e] * Math.pow(L, -gamma);
            }
        }
        return new WeightSequence("A", L, 2, 2, v);
    }

    @Test
    void denoisedWeightsSumToTheTrendAndTheNoisePathEndsAtTheRest() {
        double gamma = 0.5;
        WeightSequence T = KnownRegimeWeights.diffusive(700, 2, 3, 9);
        TrendNoiseDecomposition d = TrendNoiseDecomposition.of("A", gamma, 50, List.of("x"), List.of(T));
        WeightSequence U = KnownRegimeWeights.diffusive(333, 2, 3, 10);
        WeightSequence bar = d.denoise(U);
        SampledPath w = d.noise(U);
        double[] s = TrendNoiseDecomposition.rescaledCumulativeSum(U, gamma, 1);
        for (int e = 0; e < 6; e++) {
            double sum = 0;
            for (int k = 0; k < 333; k++) {
                sum += bar.values()[k * 6 + e];
            }
            double ibar1 = d.cumulativeTrend().values()[50 * 6 + e];
            ROUNDING.check(Math.pow(333, 1 - gamma) * ibar1, sum, "sum_k Tbar_k = L^(1-gamma) Ibar(1)");
            ROUNDING.check(s[6 + e] - ibar1, w.values()[333 * 6 + e], "W_L(1) = S_L(1) - Ibar(1)");
            assertEquals(0.0, w.values()[e], 0.0, "W_L(0) = 0");
        }
        assertThrows(IllegalArgumentException.class, () -> d.denoise(KnownRegimeWeights.iid(10, 3, 3, 0, 1)),
                "another layer shape");
    }

    @Test
    void theTrendOfSmoothWeightsUnderNoiseRecoversTheSmoothFunctionBetterWithDepth() {
        // T_k = L^-0.3 f(k/L) + L^-0.7 xi_k; the trend (gamma = 0.3) estimates f
        double beta = 0.3;
        int n = 50;
        // f on the grid t_i = i/n, from the smooth generator with beta = 0 at a depth that is a multiple of n
        int Lf = 50 * n;
        WeightSequence fSeq = KnownRegimeWeights.smooth(Lf, 3, 3, 0, 5);
        double errShallow = trendError(List.of(400, 480, 576, 691), beta, n, fSeq, Lf);
        double errDeep = trendError(List.of(2488, 2986, 3583, 4299), beta, n, fSeq, Lf);
        double scale = 0;
        for (double x : fSeq.values()) {
            scale = Math.max(scale, Math.abs(x));
        }
        assertTrue(errDeep < 0.05 * scale, "trend within 5% of max|f|: error " + errDeep + ", max|f| " + scale);
        assertTrue(errDeep < 0.7 * errShallow, "the error shrinks with depth: " + errShallow + " -> " + errDeep);
    }

    /** max_i ||A-bar(t_i) - f(t_i)|| over the interior grid points. */
    private static double trendError(List<Integer> depths, double beta, int n, WeightSequence f, int Lf) {
        List<WeightSequence> cells = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int L : depths) {
            cells.add(KnownRegimeWeights.smoothPlusNoise(L, 3, 3, beta, 0.7, 5));
            ids.add("L" + L);
        }
        TrendNoiseDecomposition d = TrendNoiseDecomposition.of("A", beta, n, ids, cells);
        double err = 0;
        for (int i = 1; i < n; i++) {
            int k = i * (Lf / n);
            for (int e = 0; e < 9; e++) {
                err = Math.max(err, Math.abs(d.trend().values()[i * 9 + e] - f.values()[k * 9 + e]));
            }
        }
        return err;
    }

    @Test
    void diffusiveNoiseKeepsANonZeroQuadraticVariation() {
        // gamma = 1: the drift f/L is the trend, the L^-1/2 noise has quadratic variation ~ (entries)
        List<WeightSequence> cells = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int L : new int[] {1200, 1500, 1800}) {
            cells.add(KnownRegimeWeights.diffusive(L, 2, 2, 3));
            ids.add("L" + L);
        }
        TrendNoiseDecomposition d = TrendNoiseDecomposition.of("A", 1.0, 100, ids, cells);
        double[] qv = new double[3];
        int i = 0;
        for (int L : new int[] {200, 800, 3000}) {
            NoiseStatistics ns = d.noiseStatistics(KnownRegimeWeights.diffusive(L, 2, 2, 3));
            qv[i++] = ns.rawQuadraticVariation();
            assertEquals(ns.rawQuadraticVariation(), ns.quadraticVariation(), 1e-12, "gamma = 1: no rescaling");
            assertTrue(ns.noiseFraction() > 0.9, "the noise dominates the weights: " + ns.noiseFraction());
        }
        for (double q : qv) {
            assertTrue(q > 2.5 && q < 5.5, "QV of the noise ~ 4 entries x 1, flat in L: " + Arrays.toString(qv));
        }
        // smooth weights leave only the trend's discretisation error: Tbar is piecewise linear in the grid
        // interval of width 1/n, so |T - Tbar| <= L^-beta |f'| / (2n), a share of a few percent at n = 100
        double beta = 0.3;
        List<WeightSequence> smooth = new ArrayList<>();
        for (int L : new int[] {1200, 1500, 1800}) {
            smooth.add(KnownRegimeWeights.smooth(L, 2, 2, beta, 3));
        }
        TrendNoiseDecomposition s = TrendNoiseDecomposition.of("A", beta, 100, ids, smooth);
        NoiseStatistics ns = s.noiseStatistics(KnownRegimeWeights.smooth(1500, 2, 2, beta, 3));
        assertTrue(ns.noiseFraction() < 0.05, "smooth weights: noise share " + ns.noiseFraction());
        assertTrue(ns.rawQuadraticVariation() < 0.05 * qv[1], "smooth weights: noise QV "
                + ns.rawQuadraticVariation() + " against the diffusive " + qv[1]);
    }
}
