package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * Closed forms on hand-computed inputs, the contract every statistic obeys (definedness, sign,
 * homogeneity, permutation invariance), and naive references for the two optimised kernels.
 */
@ExtendWith(QuietConsole.class)
class WeightStatisticTest {

    /** Hand-computed values involve a few roundings of O(1) numbers. */
    private static final Tolerance HAND = Tolerance.relative("hand-computed closed form", 1e-14);
    /** Prefix sums of W grow like L^2 (1.5e6 at L = 1000); differences of them lose a few digits. */
    private static final Tolerance PREFIX = Tolerance.relative("closed form through prefix sums", 1e-11);
    /** A hand-computed zero reached by cancelling O(10) values. */
    private static final Tolerance HAND_ZERO = Tolerance.absolute("hand-computed zero", 1e-13);
    /** Naive and optimised kernels sum in different orders; values are O(L) with L <= 300. */
    private static final Tolerance REFERENCE = new Tolerance("naive O(L^2 m) reference", 1e-12, 1e-11);
    /** Commons Math SVD converges to about 1e-15 relative. */
    private static final Tolerance SVD = Tolerance.relative("singular value decomposition", 1e-12);
    /** Scaling and permuting change only the rounding of sums of squares. */
    private static final Tolerance INVARIANCE = new Tolerance("invariance up to rounding", 1e-13, 1e-12);

    private static double value(WeightStatistic s, WeightSequence w, double f) {
        OptionalDouble v = s.compute(w, f);
        assertTrue(v.isPresent(), s.key() + " undefined for " + w);
        return v.getAsDouble();
    }

    private static double value(WeightStatistic s, WeightSequence w) {
        return value(s, w, 0);
    }

    private static WeightSequence scalars(double... t) {
        return new WeightSequence("delta", t.length, 1, 1, t);
    }

    private static WeightSequence random(SplittableRandom rng, int L, int rows, int cols) {
        double[] v = new double[L * rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return new WeightSequence("A", L, rows, cols, v);
    }

    @Test
    void keysAreTheOnDiskNames() {
        String[] expected = {"max_norm", "spectral_max", "increment", "quadratic_variation", "sobolev", "root_ssq",
            "l2", "cumulative_sum", "detrended_cumulative_sum", "depth_average_norm", "varying_max_norm",
            "varying_rms_norm", "median_norm", "q90_norm", "increment_rms"};
        WeightStatistic[] all = WeightStatistic.values();
        assertEquals(expected.length, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(expected[i], all[i].key());
            assertEquals(all[i], WeightStatistic.fromKey(expected[i]));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WeightStatistic.fromKey("max"));
        assertEquals("unknown weight statistic 'max'", e.getMessage());
    }

    @Test
    void scalarWithOneLayer() {
        WeightSequence w = scalars(-3);
        HAND.check(3, value(WeightStatistic.MAX_NORM, w), "max_norm");
        HAND.check(3, value(WeightStatistic.SPECTRAL_MAX, w), "spectral_max");
        HAND.check(3, value(WeightStatistic.ROOT_SSQ, w), "root_ssq");
        HAND.check(3, value(WeightStatistic.L2, w), "l2");
        HAND.check(3, value(WeightStatistic.CUMULATIVE_SUM, w), "cumulative_sum");
        // W_1 - (1/1) W_1 = 0
        HAND.check(0, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, w), "detrended_cumulative_sum");
        assertFalse(WeightStatistic.INCREMENT.compute(w, 0).isPresent());
        assertFalse(WeightStatistic.QUADRATIC_VARIATION.compute(w, 0).isPresent());
        assertFalse(WeightStatistic.SOBOLEV.compute(w, 0).isPresent());
    }

    @Test
    void depthAverageVaryingPartAndRobustSummariesByHand() {
        // T = 1, -3, 2, 4: M = 1, V = 0, -4, 1, 3; norms 1, 3, 2, 4
        WeightSequence w = scalars(1, -3, 2, 4);
        HAND.check(1, value(WeightStatistic.DEPTH_AVERAGE_NORM, w), "depth_average_norm");
        HAND.check(4, value(WeightStatistic.VARYING_MAX_NORM, w), "varying_max_norm");
        HAND.check(Math.sqrt((0 + 16 + 1 + 9) / 4.0), value(WeightStatistic.VARYING_RMS_NORM, w), "varying_rms_norm");
        // sorted norms 1, 2, 3, 4: type 7 median h = 1.5 -> 2.5; q90 h = 2.7 -> 3.7
        HAND.check(2.5, value(WeightStatistic.MEDIAN_NORM, w), "median_norm");
        HAND.check(3.7, value(WeightStatistic.Q90_NORM, w), "q90_norm");
        // increments -4, 5, 2: sqrt((16 + 25 + 4) / 3)
        HAND.check(Math.sqrt(15), value(WeightStatistic.INCREMENT_RMS, w), "increment_rms");
        // a constant path has no varying part
        HAND.check(0, value(WeightStatistic.VARYING_MAX_NORM, scalars(2, 2, 2)), "varying part of a constant");
    }

    @Test
    void scalarWithTwoLayers() {
        WeightSequence w = scalars(1, -3);
        HAND.check(3, value(WeightStatistic.MAX_NORM, w), "max_norm");
        HAND.check(3, value(WeightStatistic.SPECTRAL_MAX, w), "spectral_max");
        HAND.check(4, value(WeightStatistic.INCREMENT, w, 0), "increment, f = 0");
        HAND.check(8, value(WeightStatistic.INCREMENT, w, 1), "increment, f = 1: 2^1 * 4");
        HAND.check(2, value(WeightStatistic.INCREMENT, w, -1), "increment, f = -1: 2^-1 * 4");
        HAND.check(16, value(WeightStatistic.QUADRATIC_VARIATION, w), "quadratic_variation");
        HAND.check(Math.sqrt(32), value(WeightStatistic.SOBOLEV, w), "sobolev = sqrt(2 * 16)");
        HAND.check(Math.sqrt(10), value(WeightStatistic.ROOT_SSQ, w), "root_ssq");
        HAND.check(Math.sqrt(5), value(WeightStatistic.L2, w), "l2 = sqrt(10 / 2)");
        HAND.check(2, value(WeightStatistic.CUMULATIVE_SUM, w), "cumulative_sum = |1 - 3|");
        // W_1 = 1, W_2 = -2: |W_1 - W_2 / 2| = 2, |W_2 - W_2| = 0
        HAND.check(2, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, w), "detrended_cumulative_sum");
    }

    @Test
    void l2IsTheRootMeanSquareUnlikeTheReferenceCode() {
        // instadeepai/scaling-resnets returns the root sum of squares for its "L2" statistic; SCIENCE.md 4 says
        // not to copy that: l2 = root_ssq / sqrt(L)
        WeightSequence w = scalars(1, 2, 3, 4);
        HAND.check(Math.sqrt(30), value(WeightStatistic.ROOT_SSQ, w), "root_ssq");
        HAND.check(Math.sqrt(7.5), value(WeightStatistic.L2, w), "l2 = sqrt(30 / 4)");
    }

    @Test
    void vectorWithThreeLayers() {
        // T_0 = (3, 4), T_1 = (0, 0), T_2 = (1, 0): norms 5, 0, 1; increments 5, 1
        WeightSequence w = new WeightSequence("b", 3, 2, 1, new double[] {3, 4, 0, 0, 1, 0});
        HAND.check(5, value(WeightStatistic.MAX_NORM, w), "max_norm");
        HAND.check(5, value(WeightStatistic.SPECTRAL_MAX, w), "spectral_max of a vector = Euclidean norm");
        HAND.check(5, value(WeightStatistic.INCREMENT, w), "increment");
        HAND.check(26, value(WeightStatistic.QUADRATIC_VARIATION, w), "quadratic_variation = 25 + 1");
        HAND.check(Math.sqrt(78), value(WeightStatistic.SOBOLEV, w), "sobolev = sqrt(3 * 26)");
        HAND.check(Math.sqrt(26), value(WeightStatistic.ROOT_SSQ, w), "root_ssq");
        HAND.check(Math.sqrt(26.0 / 3), value(WeightStatistic.L2, w), "l2");
        HAND.check(4 * Math.sqrt(2), value(WeightStatistic.CUMULATIVE_SUM, w), "cumulative_sum = ||(4, 4)||");
        // W_1 = (3,4), W_2 = (3,4), W_3 = (4,4): W_1 - W_3/3 = (5/3, 8/3), W_2 - 2 W_3/3 = (1/3, 4/3)
        HAND.check(Math.sqrt(89) / 3, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, w), "detrended (L < 10)");
    }

    @Test
    void spectralNormOfKnownMatrices() {
        // [[3, 0], [4, 5]]: A^T A = [[25, 20], [20, 25]], eigenvalues 45 and 5, so sigma_max = 3 sqrt(5);
        // [[2, 0], [0, 1]]: sigma_max = 2
        WeightSequence w = new WeightSequence("A", 2, 2, 2, new double[] {3, 0, 4, 5, 2, 0, 0, 1});
        HAND.check(3 * Math.sqrt(5), value(WeightStatistic.SPECTRAL_MAX, w), "spectral_max");
        HAND.check(Math.sqrt(50), value(WeightStatistic.MAX_NORM, w), "max_norm (Frobenius)");
        // the layer with the larger Frobenius norm (2 I_3, ||.||_F = sqrt(12), ||.||_2 = 2) is not the one
        // with the larger spectral norm (3 e_1 e_1^T, both norms 3): pruning must not stop at the first
        double[] v = new double[18];
        v[0] = 2;
        v[4] = 2;
        v[8] = 2;
        v[9] = 3;
        WeightSequence pruned = new WeightSequence("A", 2, 3, 3, v);
        HAND.check(3, value(WeightStatistic.SPECTRAL_MAX, pruned), "spectral_max with pruning");
        HAND.check(Math.sqrt(12), value(WeightStatistic.MAX_NORM, pruned), "max_norm");
        // rectangular 2 x 3: [[1, 0, 0], [0, 0, 2]] has singular values 2 and 1
        WeightSequence wide = new WeightSequence("A", 1, 2, 3, new double[] {1, 0, 0, 0, 0, 2});
        HAND.check(2, value(WeightStatistic.SPECTRAL_MAX, wide), "spectral_max of a 2 x 3 matrix");
        WeightSequence zero = new WeightSequence("A", 2, 2, 2, new double[8]);
        assertEquals(0, value(WeightStatistic.SPECTRAL_MAX, zero));
    }

    @Test
    void detrendedCumulativeSumOfConstantPaths() {
        // L < 10: W_k = k c is its own linear interpolation, so 0.
        for (int L = 1; L < 10; L++) {
            double[] v = new double[L];
            Arrays.fill(v, 2.5);
            HAND_ZERO.check(0, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, scalars(v)), "constant, L = " + L);
        }
        // L >= 10: every window is centred on k - 1/2, so W_k - m_k = c/2; for a vector, ||c||/2
        for (int L : new int[] {10, 11, 29, 30, 31, 64, 1000}) {
            double[] v = new double[2 * L];
            for (int k = 0; k < L; k++) {
                v[2 * k] = 3;
                v[2 * k + 1] = -4;
            }
            PREFIX.check(2.5, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, new WeightSequence("b", L, 2, 1, v)),
                    "constant (3, -4), L = " + L);
        }
    }

    @Test
    void detrendedCumulativeSumHandComputedCases() {
        // T_k = k, L = 10 (w = 3): W = 0,0,1,3,6,10,15,21,28,36; k = 9 uses mean(W_8, W_9) = 32, |36 - 32| = 4
        // is the largest deviation (k = 1..8 give 0, 0, 1/3, 1/6, 2/3, 7/6, 5/3, 3).
        double[] ramp = new double[10];
        for (int k = 0; k < 10; k++) {
            ramp[k] = k;
        }
        HAND.check(4, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, scalars(ramp)), "T_k = k, L = 10");
        // T = (1, -2, 4), L = 3 < 10: W = 1, -1, 3; deviations |1 - 1|, |-1 - 2|, 0
        HAND.check(3, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, scalars(1, -2, 4)), "L = 3");
        // T_k = k^2, L = 12 (w = 3): 50, computed with exact rational arithmetic (Python 3 fractions.Fraction,
        // the definition of SCIENCE.md section 4 written out literally)
        double[] square = new double[12];
        for (int k = 0; k < 12; k++) {
            square[k] = k * k;
        }
        HAND.check(50, value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, scalars(square)), "T_k = k^2, L = 12");
    }

    /** The definition written out literally: O(L^2 m). */
    private static double naiveDetrended(WeightSequence w) {
        int L = w.L();
        int m = w.layerSize();
        double[][] W = new double[L + 1][m];
        for (int k = 0; k < L; k++) {
            for (int e = 0; e < m; e++) {
                W[k + 1][e] = W[k][e] + w.values()[k * m + e];
            }
        }
        double best = 0;
        if (L < 10) {
            for (int k = 1; k <= L; k++) {
                double s = 0;
                for (int e = 0; e < m; e++) {
                    double d = W[k][e] - (double) k / L * W[L][e];
                    s += d * d;
                }
                best = Math.max(best, Math.sqrt(s));
            }
            return best;
        }
        int window = Math.max(3, (int) Math.floor(0.1 * L));
        for (int k = 1; k <= L - 1; k++) {
            int lo;
            int hi;
            if (k < window) {
                lo = 0;
                hi = 2 * k - 1;
            } else if (k < L - window) {
                lo = k - window;
                hi = k + window - 1;
            } else {
                lo = 2 * k - L;
                hi = L - 1;
            }
            double s = 0;
            for (int e = 0; e < m; e++) {
                double mean = 0;
                for (int i = lo; i <= hi; i++) {
                    mean += W[i][e];
                }
                mean /= hi - lo + 1;
                double d = W[k][e] - mean;
                s += d * d;
            }
            best = Math.max(best, Math.sqrt(s));
        }
        return best;
    }

    @Test
    void detrendedCumulativeSumMatchesNaiveReference() {
        SplittableRandom rng = new SplittableRandom(20210525L);
        int[][] shapes = {{1, 1}, {3, 1}, {2, 2}, {3, 5}, {4, 4}, {1, 9}, {5, 2}};
        for (int L = 1; L <= 300; L += (L < 40 ? 1 : 37)) {
            int[] shape = shapes[rng.nextInt(shapes.length)];
            WeightSequence w = random(rng, L, shape[0], shape[1]);
            // a drift so that W is far from zero and cancellation is exercised
            double[] v = w.values();
            for (int i = 0; i < v.length; i++) {
                v[i] += 3;
            }
            REFERENCE.check(naiveDetrended(w), value(WeightStatistic.DETRENDED_CUMULATIVE_SUM, w),
                    "detrended_cumulative_sum, L = " + L + ", " + shape[0] + " x " + shape[1]);
        }
    }

    @Test
    void spectralMaxMatchesSvdOfEveryLayer() {
        SplittableRandom rng = new SplittableRandom(7L);
        int[][] shapes = {{2, 2}, {3, 5}, {5, 3}, {10, 10}, {1, 4}, {4, 1}};
        for (int[] shape : shapes) {
            for (int L : new int[] {1, 2, 17}) {
                WeightSequence w = random(rng, L, shape[0], shape[1]);
                // layers of very different size, so pruning skips some
                double[] v = w.values();
                int m = w.layerSize();
                for (int k = 0; k < L; k++) {
                    double scale = 1 + (k % 5);
                    for (int e = 0; e < m; e++) {
                        v[k * m + e] *= scale;
                    }
                }
                double expected = 0;
                for (int k = 0; k < L; k++) {
                    double[][] a = new double[shape[0]][shape[1]];
                    for (int i = 0; i < shape[0]; i++) {
                        for (int j = 0; j < shape[1]; j++) {
                            a[i][j] = w.get(k, i, j);
                        }
                    }
                    expected = Math.max(expected,
                            new SingularValueDecomposition(new Array2DRowRealMatrix(a)).getSingularValues()[0]);
                }
                SVD.check(expected, value(WeightStatistic.SPECTRAL_MAX, w),
                        "spectral_max, L = " + L + ", " + shape[0] + " x " + shape[1]);
            }
        }
    }

    @Test
    void nonFiniteWeightsLeaveEveryStatisticUndefined() {
        WeightSequence w = scalars(1, Double.NaN, 3);
        for (WeightStatistic s : WeightStatistic.values()) {
            assertFalse(s.compute(w, 0).isPresent(), s.key());
        }
        assertTrue(WeightStatistics.of(w, 0).values().isEmpty());
        WeightSequence inf = scalars(1, Double.POSITIVE_INFINITY);
        assertFalse(WeightStatistic.MAX_NORM.compute(inf, 0).isPresent());
        // finite weights whose squares overflow: the result is not finite, so undefined
        WeightSequence huge = scalars(1e200, -1e200);
        assertFalse(WeightStatistic.QUADRATIC_VARIATION.compute(huge, 0).isPresent());
        assertThrows(IllegalArgumentException.class, () -> WeightStatistic.INCREMENT.compute(scalars(1, 2), Double.NaN));
    }

    @Test
    void holderCollectsEveryDefinedStatistic() {
        WeightSequence w = scalars(1, -3);
        WeightStatistics all = WeightStatistics.of(w, 1);
        assertEquals(WeightStatistic.values().length, all.values().size());
        HAND.check(8, all.get(WeightStatistic.INCREMENT).getAsDouble(), "increment with f = 1");
        assertEquals(2, all.L());
        assertEquals("delta", all.name());
        WeightStatistics one = WeightStatistics.of(scalars(2), 0);
        assertFalse(one.get(WeightStatistic.SOBOLEV).isPresent());
        assertEquals(11, one.values().size());
    }

    // ---- the contract of every statistic ----

    @ParameterizedTest
    @EnumSource(WeightStatistic.class)
    void definedExactlyFromMinLayersOn(WeightStatistic s) {
        SplittableRandom rng = new SplittableRandom(11L);
        for (int L = 1; L <= 4; L++) {
            WeightSequence w = random(rng, L, 2, 3);
            OptionalDouble v = s.compute(w, 0.3);
            assertEquals(L >= s.minLayers(), v.isPresent(), s.key() + " at L = " + L);
            if (v.isPresent()) {
                assertTrue(v.getAsDouble() >= 0, s.key() + " is a norm");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WeightStatistic.class)
    void scalingTheWeightsScalesTheStatistic(WeightStatistic s) {
        SplittableRandom rng = new SplittableRandom(12L);
        for (int L : new int[] {2, 9, 10, 57}) {
            WeightSequence w = random(rng, L, 3, 4);
            double c = -2.5;
            double[] scaled = w.values().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= c;
            }
            double expected = Math.pow(Math.abs(c), s.homogeneityDegree()) * value(s, w, 0.7);
            INVARIANCE.check(expected, value(s, new WeightSequence("A", L, 3, 4, scaled), 0.7),
                    s.key() + " of c T, L = " + L);
        }
        assertEquals(s == WeightStatistic.QUADRATIC_VARIATION ? 2 : 1, s.homogeneityDegree());
    }

    @ParameterizedTest
    @EnumSource(value = WeightStatistic.class, names = "SPECTRAL_MAX", mode = EnumSource.Mode.EXCLUDE)
    void permutingEntriesWithinLayersLeavesFrobeniusStatisticsUnchanged(WeightStatistic s) {
        SplittableRandom rng = new SplittableRandom(13L);
        for (int L : new int[] {2, 9, 10, 57}) {
            WeightSequence w = random(rng, L, 3, 4);
            int m = w.layerSize();
            // one random permutation of the m entries, applied to every layer
            int[] perm = new int[m];
            for (int i = 0; i < m; i++) {
                perm[i] = i;
            }
            for (int i = m - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] permuted = new double[w.values().length];
            for (int k = 0; k < L; k++) {
                for (int e = 0; e < m; e++) {
                    permuted[k * m + perm[e]] = w.values()[k * m + e];
                }
            }
            // as a 4 x 3 matrix too: the Frobenius statistics ignore the layer shape
            INVARIANCE.check(value(s, w, 0.5), value(s, new WeightSequence("A", L, 4, 3, permuted), 0.5),
                    s.key() + " after permuting entries, L = " + L);
        }
    }

    @Test
    void spectralMaxLiesBetweenFrobeniusBounds() {
        SplittableRandom rng = new SplittableRandom(14L);
        WeightSequence w = random(rng, 30, 4, 6);
        double spectral = value(WeightStatistic.SPECTRAL_MAX, w);
        double frobenius = value(WeightStatistic.MAX_NORM, w);
        assertTrue(spectral <= frobenius * (1 + 1e-12));
        assertTrue(spectral >= frobenius / 2 * (1 - 1e-12));
    }

    @Test
    void keysAreUniqueSnakeCase() {
        Set<String> seen = new HashSet<>();
        for (WeightStatistic s : WeightStatistic.values()) {
            assertTrue(s.key().matches("[a-z0-9]+(_[a-z0-9]+)*"), s.key());
            assertTrue(seen.add(s.key()), s.key());
        }
    }
}
