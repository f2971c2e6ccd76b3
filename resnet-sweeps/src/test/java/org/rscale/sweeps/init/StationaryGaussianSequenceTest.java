package org.rscale.sweeps.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.sweeps.testing.Tolerance;

/**
 * Circulant-embedding samples have the autocovariance asked for: empirical autocovariances over
 * many independent draws against the closed forms.
 */
class StationaryGaussianSequenceTest {
    /**
     * 4000 draws: the standard error of an empirical covariance of unit-variance Gaussians is
     * about sqrt(2/4000) = 0.022; 0.1 is 4.5 standard errors, so the test is stable for the
     * fixed seed yet fails for a wrong scaling (factor 2 in variance) or a wrong lag.
     */
    private static final int DRAWS = 4000;
    private static final Tolerance COV = Tolerance.absolute("empirical covariance, 4000 draws", 0.1);

    @ParameterizedTest(name = "fGn H = {0}")
    @ValueSource(doubles = {0.2, 0.5, 0.8})
    void fractionalGaussianNoiseHasItsAutocovariance(double hurst) {
        int n = 50;
        StationaryGaussianSequence.Autocovariance gamma = StationaryGaussianSequence.fractionalGaussianNoise(hurst);
        double[][] draws = draw(new StationaryGaussianSequence(gamma, n), n);
        for (int lag : new int[] {0, 1, 2, 5}) {
            COV.check(gamma.at(lag), empiricalCov(draws, 10, 10 + lag), "fGn H=" + hurst + " lag " + lag);
            COV.check(gamma.at(lag), empiricalCov(draws, 30, 30 + lag), "fGn H=" + hurst + " lag " + lag + " (stationary)");
        }
        assertEquals(1.0, gamma.at(0), 0.0);
    }

    @Test
    void rbfProcessIsSmoothWithUnitVariance() {
        int L = 200;
        StationaryGaussianSequence.Autocovariance gamma = StationaryGaussianSequence.rbf(L, 0.1);
        double[][] draws = draw(new StationaryGaussianSequence(gamma, L), L);
        COV.check(1.0, empiricalCov(draws, 0, 0), "variance");
        COV.check(gamma.at(20), empiricalCov(draws, 50, 70), "covariance at t-distance 0.1 (exp(-1/2))");
        COV.check(gamma.at(60), empiricalCov(draws, 50, 110), "covariance at t-distance 0.3");
    }

    @Test
    void tinyLengthsWork() {
        double[][] d = draw(new StationaryGaussianSequence(StationaryGaussianSequence.fractionalGaussianNoise(0.7), 1), 1);
        COV.check(1.0, empiricalCov(d, 0, 0), "n = 1");
    }

    @Test
    void rejectsIndefiniteAutocovariances() {
        // gamma(1) = 0.9 with gamma(j >= 2) = 0 is not a covariance of any long stationary sequence
        assertThrows(IllegalArgumentException.class,
                () -> new StationaryGaussianSequence(j -> j == 0 ? 1 : j == 1 ? 0.9 : 0, 64));
        assertThrows(IllegalArgumentException.class, () -> StationaryGaussianSequence.fractionalGaussianNoise(1.0));
    }

    private static double[][] draw(StationaryGaussianSequence seq, int n) {
        SplittableRandom rng = new SplittableRandom(2024);
        double[][] out = new double[DRAWS][n];
        for (int i = 0; i < DRAWS; i++) {
            seq.sample(rng, out[i], 0, 1);
        }
        return out;
    }

    private static double empiricalCov(double[][] draws, int i, int j) {
        double s = 0;
        for (double[] d : draws) {
            s += d[i] * d[j];
        }
        return s / draws.length;
    }
}
