package org.rscale.sweeps.initstudy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.init.StationaryGaussianSequence;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The initial laws of res-1 / res-3 (SCIENCE 1.2): moments and autocorrelations of the drawn weights
 * against their closed forms, pooled over the d^2 entries and the layers of a few networks.
 */
class ScaledResNetSamplerTest {
    /**
     * About 20,000 pooled values per check: the standard error of a variance estimate is about
     * sqrt(2/20000) = 1% relative (for the uniform law less); 6% is about 6 standard errors (the
     * smooth and fbm samples are correlated along k, which widens the error: those checks pool
     * independent entries at fixed lags). A variance off by a factor d, or a wrong lag, fails.
     */
    private static final Tolerance VARIANCE = Tolerance.relative("variance of pooled weights", 0.06);
    private static final Tolerance CORRELATION = Tolerance.absolute("lag correlation of pooled entries", 0.05);

    private static BranchLaw iid(String distribution) {
        return new BranchLaw(Initialisation.IID, distribution, 0.1, SmoothVariant.VALUES, Double.NaN);
    }

    private static BranchLaw smooth(SmoothVariant variant) {
        return new BranchLaw(Initialisation.SMOOTH, BranchLaw.UNIFORM, 0.1, variant, Double.NaN);
    }

    private static BranchLaw fbm(double hurst) {
        return new BranchLaw(Initialisation.FBM, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, hurst);
    }

    @Test
    void inputAndOutputLayersAreUniformWithVarianceOneOverFanIn() {
        ScaledResNetSampler s = new ScaledResNetSampler(BranchModel.RES_1, iid(BranchLaw.UNIFORM), 20, 64, 30, 2);
        SplittableRandom rng = new SplittableRandom(1);
        double aSum = 0;
        double bSum = 0;
        int aCount = 0;
        int bCount = 0;
        for (int rep = 0; rep < 20; rep++) {
            ScaledResNet net = s.draw(rng);
            for (double a : net.A()) {
                assertTrue(Math.abs(a) <= Math.sqrt(3.0 / 64), "A within sqrt(3/m)");
                aSum += a * a;
                aCount++;
            }
            for (double b : net.B()) {
                assertTrue(Math.abs(b) <= Math.sqrt(3.0 / 20), "B within sqrt(3/d)");
                bSum += b * b;
                bCount++;
            }
        }
        VARIANCE.check(1.0 / 64, aSum / aCount, "Var A (fan-in m = 64)");
        VARIANCE.check(1.0 / 20, bSum / bCount, "Var B (fan-in d = 20)");
    }

    @ParameterizedTest(name = "iid {0}")
    @ValueSource(strings = {BranchLaw.UNIFORM, BranchLaw.GAUSSIAN})
    void iidWeightsHaveVarianceOneOverWidthAndNoCorrelationAlongDepth(String distribution) {
        int d = 10;
        int L = 100;
        ScaledResNet net = new ScaledResNetSampler(BranchModel.RES_3, iid(distribution), d, 4, 1, L)
                .draw(new SplittableRandom(2));
        for (double[] M : new double[][] {net.V(), net.W()}) {
            VARIANCE.check(1.0 / d, meanSquare(M), distribution + " variance");
            CORRELATION.check(0.0, lagCorrelation(M, d, L, 1), distribution + " lag-1 correlation");
            if (BranchLaw.UNIFORM.equals(distribution)) {
                for (double v : M) {
                    assertTrue(Math.abs(v) <= Math.sqrt(3.0 / d));
                }
            }
        }
    }

    @ParameterizedTest(name = "fbm H = {0}")
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void fbmWeightsAreFractionalGaussianNoiseOverSqrtWidth(double hurst) {
        int d = 12;
        int L = 128;
        ScaledResNet net = new ScaledResNetSampler(BranchModel.RES_3, fbm(hurst), d, 4, 1, L)
                .draw(new SplittableRandom(3));
        StationaryGaussianSequence.Autocovariance gamma = StationaryGaussianSequence.fractionalGaussianNoise(hurst);
        for (double[] M : new double[][] {net.V(), net.W()}) {
            VARIANCE.check(1.0 / d, meanSquare(M), "fbm variance");
            for (int lag : new int[] {1, 3}) {
                // 2^{2H-1} - 1 at lag 1: -0.34 (H = 0.2), 0, +0.52 (H = 0.8)
                CORRELATION.check(gamma.at(lag), lagCorrelation(M, d, L, lag), "fbm lag " + lag);
            }
        }
    }

    @Test
    void smoothValuesFollowTheRbfKernelInKOverL() {
        int d = 16;
        int L = 200;
        // a path of length scale 0.1 on [0, 1] holds about 10 independent values: pool 4 networks
        double[] V = pooled(new ScaledResNetSampler(BranchModel.RES_1, smooth(SmoothVariant.VALUES), d, 4, 1, L), 4, L,
                d);
        VARIANCE.check(1.0 / d, meanSquare(V), "smooth variance");
        // t-distance 0.1 = one length scale: exp(-1/2)
        CORRELATION.check(Math.exp(-0.5), lagCorrelation(V, d, L, 20), "RBF at one length scale");
        CORRELATION.check(Math.exp(-0.5 * 0.01), lagCorrelation(V, d, L, 2), "RBF at lag 2");
    }

    @Test
    void smoothIncrementsAreRescaledToUnitVarianceAndStaySmooth() {
        int d = 16;
        int L = 200;
        double[] V = pooled(new ScaledResNetSampler(BranchModel.RES_1, smooth(SmoothVariant.INCREMENTS), d, 4, 1, L),
                4, L, d);
        VARIANCE.check(1.0 / d, meanSquare(V), "increments' variance after rescaling");
        // increments of a smooth process are close to its derivative / L: neighbours almost equal
        assertTrue(lagCorrelation(V, d, L, 1) > 0.9, "increments are smooth in k");
        assertEquals(Math.sqrt(2 * (1 - Math.exp(-1 / (2 * 0.01 * 200.0 * 200.0)))),
                ScaledResNetSampler.incrementSd(200, 0.1), 1e-15);
    }

    /** The V of several networks, one after the other (lagCorrelation pairs layers within a network only). */
    private static double[] pooled(ScaledResNetSampler s, int networks, int L, int d) {
        SplittableRandom rng = new SplittableRandom(4);
        double[] all = new double[networks * L * d * d];
        for (int i = 0; i < networks; i++) {
            System.arraycopy(s.draw(rng).V(), 0, all, i * L * d * d, L * d * d);
        }
        return all;
    }

    @Test
    void res1AndRes3FromOneStreamShareAandBandV() {
        BranchLaw law = fbm(0.3);
        ScaledResNet one = new ScaledResNetSampler(BranchModel.RES_1, law, 5, 3, 1, 17).draw(new SplittableRandom(6));
        ScaledResNet three = new ScaledResNetSampler(BranchModel.RES_3, law, 5, 3, 1, 17).draw(new SplittableRandom(6));
        assertArrayEquals(one.A(), three.A());
        assertArrayEquals(one.B(), three.B());
        assertArrayEquals(one.V(), three.V());
        assertEquals(0, one.W().length);
        assertEquals(17 * 25, three.W().length);
    }

    @Test
    void drawingIntoAnOldNetworkGivesTheSameWeightsAsANewOne() {
        ScaledResNetSampler s = new ScaledResNetSampler(BranchModel.RES_3, smooth(SmoothVariant.INCREMENTS), 4, 3, 1, 9);
        ScaledResNet old = s.draw(new SplittableRandom(7));
        ScaledResNet fresh = s.draw(new SplittableRandom(8));
        ScaledResNet reused = s.draw(new SplittableRandom(8), old);
        assertSame(old, reused);
        assertArrayEquals(fresh.V(), reused.V());
        assertArrayEquals(fresh.W(), reused.W());
        assertArrayEquals(fresh.A(), reused.A());
        ScaledResNet other = new ScaledResNetSampler(BranchModel.RES_3, iid(BranchLaw.UNIFORM), 4, 3, 1, 10)
                .draw(new SplittableRandom(9));
        assertThrows(IllegalArgumentException.class, () -> s.draw(new SplittableRandom(1), other));
    }

    @Test
    void lawsRejectWhatTheyDoNotTake() {
        assertThrows(IllegalArgumentException.class,
                () -> new BranchLaw(Initialisation.XAVIER, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fbm(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new BranchLaw(Initialisation.IID, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, 0.5));
        assertThrows(IllegalArgumentException.class, () -> iid("laplace"));
        assertEquals("fbm(H=0.3)", fbm(0.3).streamKey());
        assertEquals(iid(BranchLaw.UNIFORM).streamKey(),
                new BranchLaw(Initialisation.IID, BranchLaw.UNIFORM, 0.7, SmoothVariant.INCREMENTS, Double.NaN)
                        .streamKey(), "settings a law does not use stay out of its stream key");
    }

    private static double meanSquare(double[] M) {
        double s = 0;
        for (double v : M) {
            s += v * v;
        }
        return s / M.length;
    }

    /**
     * The correlation of entries at layers k and k + lag of one network, pooled over entries, k and
     * the networks stored one after the other in M (zero mean).
     */
    private static double lagCorrelation(double[] M, int d, int L, int lag) {
        int dd = d * d;
        double cross = 0;
        double square = 0;
        for (int net = 0; net < M.length / (L * dd); net++) {
            int off = net * L * dd;
            for (int k = 0; k + lag < L; k++) {
                for (int e = 0; e < dd; e++) {
                    cross += M[off + k * dd + e] * M[off + (k + lag) * dd + e];
                    square += M[off + k * dd + e] * M[off + k * dd + e];
                }
            }
        }
        return cross / square;
    }
}
