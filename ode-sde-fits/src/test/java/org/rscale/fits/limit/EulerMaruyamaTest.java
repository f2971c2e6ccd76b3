package org.rscale.fits.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * Euler-Maruyama against exact solutions driven by the same Brownian increments: one fine path of
 * 2^12 steps per draw, summed into blocks for the coarser grids n = 2^4 .. 2^10.
 */
@ExtendWith(QuietConsole.class)
class EulerMaruyamaTest {

    private static final int FINE = 1 << 12;
    private static final int DRAWS = 200;
    private static final int[] STEPS = {16, 32, 64, 128, 256, 512, 1024};
    /**
     * The mean strong error over 200 draws scatters by ~1/sqrt(200) = 7% per grid, which moves a slope over
     * 6 doublings by a few hundredths; 0.1 covers it.
     */
    private static final Tolerance STRONG_RATE = Tolerance.absolute("strong order 1/2, Monte Carlo scatter", 0.1);

    /** DRAWS fine Brownian paths, increments N(0, 1/FINE). */
    private static double[][] brownianIncrements(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] dW = new double[DRAWS][FINE];
        double sd = Math.sqrt(1.0 / FINE);
        for (int p = 0; p < DRAWS; p++) {
            for (int g = 0; g < FINE; g++) {
                dW[p][g] = sd * rng.nextGaussian();
            }
        }
        return dW;
    }

    /** Sums of consecutive blocks: the increments of the same path on n steps. */
    private static double[] coarsen(double[] fine, int n) {
        double[] out = new double[n];
        int block = fine.length / n;
        for (int g = 0; g < n; g++) {
            double s = 0;
            for (int j = 0; j < block; j++) {
                s += fine[g * block + j];
            }
            out[g] = s;
        }
        return out;
    }

    private static double[] scaled(double[] v, double c) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = c * v[i];
        }
        return o;
    }

    private static SdeLimit scalar(double drift, double bias, Activation sigma) {
        LimitCoefficients c = LimitCoefficients.constant(1, new double[] {drift}, new double[] {bias}, 1.0);
        return SdeLimit.drivenByNetwork(c, sigma);
    }

    @Test
    void geometricBrownianMotionHasStrongOrderOneHalf() {
        // dX = mu X dt + s X dW: linear sigma, A-bar = mu, b-bar = 0, W^A = s W, W^b = 0;
        // X_1 = X_0 exp((mu - s^2/2) + s W_1)
        double mu = 0.3;
        double s = 0.8;
        double x0 = 1.0;
        SdeLimit gbm = scalar(mu, 0, Activation.LINEAR);
        double[][] dW = brownianIncrements(20240601L);
        double[] err = new double[STEPS.length];
        for (int l = 0; l < STEPS.length; l++) {
            int n = STEPS[l];
            double[] t = NoisePaths.uniformGrid(n);
            double[] out = new double[n + 1];
            double sum = 0;
            for (int p = 0; p < DRAWS; p++) {
                double[] inc = coarsen(dW[p], n);
                double w1 = 0;
                for (double v : inc) {
                    w1 += v;
                }
                EulerMaruyama.integrate(gbm, new double[] {x0}, t, scaled(inc, s), new double[n], out);
                double exact = x0 * Math.exp(mu - s * s / 2 + s * w1);
                sum += Math.abs(exact - out[n]);
            }
            err[l] = sum / DRAWS;
        }
        ScalingFit fit = ScalingFit.of(STEPS, err).orElseThrow();
        STRONG_RATE.check(-0.5, fit.slope(), "slope of E|X_1 - H_n| against n");
        Tolerance fine = Tolerance.absolute("E|X_1 - H_1024|", 0.03);
        assertTrue(fine.accepts(0, err[STEPS.length - 1]), "n = 1024 within 0.03: " + err[STEPS.length - 1]);
        assertTrue(!fine.accepts(0, err[0]), "a deliberately coarse grid (n = 16) fails: " + err[0]);
    }

    @Test
    void theQuadraticVariationCorrectionIsTheRealisedSquareSum() {
        // dH = sigma'(0)(b dt + s dW) + sigma''(0)/2 s^2 dt, additive noise: H_1 = x + (b + s W_1)/2 + s^2/8
        // for shifted softplus; the scheme adds s^2/8 sum dW^2, whose error |sum dW^2 - 1| ~ sqrt(2/n)
        double b = 0.4;
        double s = 1.2;
        SdeLimit sde = scalar(0, b, Activation.SHIFTED_SOFTPLUS);
        double[][] dW = brownianIncrements(7L);
        double[] with = new double[STEPS.length];
        double[] without = new double[STEPS.length];
        for (int l = 0; l < STEPS.length; l++) {
            int n = STEPS[l];
            double[] t = NoisePaths.uniformGrid(n);
            double[] out = new double[n + 1];
            for (int p = 0; p < DRAWS; p++) {
                double[] inc = coarsen(dW[p], n);
                double w1 = 0;
                for (double v : inc) {
                    w1 += v;
                }
                double exact = 0.1 + 0.5 * (b + s * w1) + s * s / 8;
                EulerMaruyama.integrate(sde, new double[] {0.1}, t, new double[n], scaled(inc, s), out);
                with[l] += Math.abs(out[n] - exact) / DRAWS;
                EulerMaruyama.integrate(sde.withoutCorrection(), new double[] {0.1}, t, new double[n], scaled(inc, s), out);
                without[l] += Math.abs(out[n] - exact) / DRAWS;
            }
        }
        STRONG_RATE.check(-0.5, ScalingFit.of(STEPS, with).orElseThrow().slope(), "rate with the correction");
        Tolerance missing = Tolerance.relative("the correction s^2/8 is missing exactly", 1e-9);
        for (int l = 0; l < STEPS.length; l++) {
            missing.check(s * s / 8, without[l], "error without the correction, n = " + STEPS[l]);
        }
    }

    @Test
    void aNonUniformNoiseGridIsUsedAsGiven() {
        // zero noise: the scheme is forward Euler on the given grid; H' = H on {0, 0.5, 0.75, 1}
        SdeLimit sde = scalar(1, 0, Activation.LINEAR);
        double[] t = {0, 0.5, 0.75, 1};
        double[] out = new double[4];
        EulerMaruyama.integrate(sde, new double[] {1}, t, new double[3], new double[3], out);
        Tolerance exact = Tolerance.absolute("products of decimals", 1e-15);
        exact.check(1.5, out[1], "H(0.5)");
        exact.check(1.875, out[2], "H(0.75)");
        exact.check(1.875 * 1.25, out[3], "H(1)");
        GridTrajectory path = sde.pathwise(new double[] {1},
                NoisePaths.ofIncrements(1, t, new double[3], new double[3]));
        double[] h = new double[1];
        path.valueAt(0.625, h);
        exact.check((1.5 + 1.875) / 2, h[0], "linear between grid points");
    }

    @Test
    void timeVaryingDeltaBarMultipliesTheWholeStep() {
        // delta-bar(t) = 2 t: H' = 2 t H, Euler with zero noise and linear sigma: product of (1 + 2 t_g dt)
        SampledPath a = SampledPath.uniform(2, 1, 1, new double[] {1, 1});
        SampledPath bb = SampledPath.uniform(2, 1, 1, new double[] {0, 0});
        SampledPath delta = SampledPath.uniform(2, 1, 1, new double[] {0, 2});
        SdeLimit sde = new SdeLimit("sde", new LimitCoefficients(a, bb, delta), Activation.LINEAR, true, Optional.empty());
        int n = 4;
        double[] out = new double[n + 1];
        EulerMaruyama.integrate(sde, new double[] {1}, NoisePaths.uniformGrid(n), new double[n], new double[n], out);
        double expected = 1;
        for (int g = 0; g < n; g++) {
            expected *= 1 + 2 * (g / 4.0) * 0.25;
        }
        Tolerance.absolute("four products", 1e-15).check(expected, out[n], "H(1)");
    }

    @Test
    void shapesAreChecked() {
        SdeLimit sde = scalar(1, 0, Activation.LINEAR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EulerMaruyama.integrate(sde,
                new double[] {1}, new double[] {0, 0.5, 1}, new double[1], new double[2], new double[3]));
        assertTrue(e.getMessage().contains("2 steps"), e.getMessage());
        assertEquals(1, sde.coefficients().dim());
    }
}
