package org.rscale.fits.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/** Noise paths, their covariance estimate, and the networks built from them. */
@ExtendWith(QuietConsole.class)
class NoisePathsTest {

    private static final Tolerance ROUND_TRIP = Tolerance.absolute("cumulative sums and differences", 1e-13);

    @Test
    void aDiffusiveNetworkGivesBackItsNoise() {
        LimitCoefficients c = LimitFixtures.smooth(3, 1.0, 0.5, 7);
        NoisePaths noise = NoisePaths.brownian(DiffusionCovariance.isotropic(3, 0.5), 80, 1, "round-trip");
        ResidualNet net = LimitDiscretisation.diffusive(c, Activation.TANH, noise);
        NoisePaths back = NoisePaths.ofNetwork(net, c);
        double[] u = noise.incrementsA();
        double[] v = back.incrementsA();
        for (int i = 0; i < u.length; i++) {
            ROUND_TRIP.check(u[i], v[i], "dW^A entry " + i);
        }
        u = noise.incrementsB();
        v = back.incrementsB();
        for (int i = 0; i < u.length; i++) {
            ROUND_TRIP.check(u[i], v[i], "dW^b entry " + i);
        }
        assertEquals(80, back.steps());
        assertEquals(1.0, net.effectiveDelta(17), "delta_k = delta-bar");
    }

    @Test
    void resamplingSumsConsecutiveIncrements() {
        NoisePaths fine = NoisePaths.brownian(DiffusionCovariance.isotropic(2, 1.0), 12, 4, "resample");
        NoisePaths coarse = fine.resampled(4);
        double[] f = fine.incrementsB();
        double[] c = coarse.incrementsB();
        for (int g = 0; g < 4; g++) {
            for (int i = 0; i < 2; i++) {
                double sum = f[(3 * g) * 2 + i] + f[(3 * g + 1) * 2 + i] + f[(3 * g + 2) * 2 + i];
                ROUND_TRIP.check(sum, c[g * 2 + i], "coarse step " + g + ", coordinate " + i);
            }
        }
    }

    @Test
    void theRealisedCovarianceEstimatesTheDiffusionWindowByWindow() {
        // two windows: variance 0.25 on [0, 1/2), 1 on [1/2, 1], correlated W^A_00 and W^b_1 in the second
        int d = 1;
        int m = 2;
        double[] sigma = new double[2 * m * m];
        sigma[0] = 0.25;
        sigma[3] = 0.25;
        sigma[4] = 1.0;
        sigma[5] = 0.6;
        sigma[6] = 0.6;
        sigma[7] = 1.0;
        DiffusionCovariance truth = new DiffusionCovariance(d, 2, sigma);
        NoisePaths noise = NoisePaths.brownian(truth, 20000, 8, "estimate");
        DiffusionCovariance est = DiffusionCovariance.of(noise, 2);
        // 10000 steps per window: relative standard error sqrt(2/10000) = 1.4% on variances
        Tolerance realised = Tolerance.absolute("realised covariance, 10000 steps, 4 sd", 0.06);
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    realised.check(truth.get(w, i, j), est.get(w, i, j), "Sigma_" + w + "[" + i + "][" + j + "]");
                }
            }
        }
        assertEquals(1, truth.window(0.5));
        assertEquals(1, truth.window(1.0));
        assertEquals(0, truth.window(0.49));
    }

    @Test
    void aRankDeficientCovarianceIsFactoredExactly() {
        // 3 steps of a 6-coordinate noise: rank 3; F F^T must still equal Sigma
        NoisePaths noise = NoisePaths.brownian(DiffusionCovariance.isotropic(2, 1.0), 3, 2, "rank");
        DiffusionCovariance est = DiffusionCovariance.of(noise, 1);
        double[] F = est.factors()[0];
        int m = est.m();
        int r = F.length / m;
        assertEquals(3, r);
        Tolerance factor = Tolerance.absolute("eigendecomposition of a 6 x 6", 1e-12);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int e = 0; e < r; e++) {
                    s += F[i * r + e] * F[j * r + e];
                }
                factor.check(est.get(0, i, j), s, "(F F^T)[" + i + "][" + j + "]");
            }
        }
        assertEquals(0, DiffusionCovariance.isotropic(2, 0).factors()[0].length, "a zero window has rank 0");
    }

    @Test
    void badShapesAndEmptyWindowsAreNamed() {
        SampledPath a = SampledPath.uniform(3, 2, 2, new double[12]);
        SampledPath b = SampledPath.uniform(2, 2, 1, new double[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NoisePaths(a, b));
        assertTrue(e.getMessage().contains("one grid"), e.getMessage());
        NoisePaths two = NoisePaths.brownian(DiffusionCovariance.isotropic(2, 1), 2, 1, "w");
        e = assertThrows(IllegalArgumentException.class, () -> DiffusionCovariance.of(two, 3));
        assertTrue(e.getMessage().contains("window 2 of 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DiffusionCovariance(2, 1, new double[35]));
        assertTrue(e.getMessage().contains("36"), e.getMessage());
        NoisePaths uneven = NoisePaths.ofIncrements(2, new double[] {0, 0.3, 1}, new double[8], new double[4]);
        e = assertThrows(IllegalArgumentException.class,
                () -> LimitDiscretisation.diffusive(LimitFixtures.smooth(2, 1, 1, 1), Activation.TANH, uneven));
        assertTrue(e.getMessage().contains("uniform"), e.getMessage());
    }
}
