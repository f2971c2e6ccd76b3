package org.rscale.fits.limit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.ScalingFit;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The limit SDE against diffusive networks {@code A_k = A-bar(k/L)/L + dW^A_k}, {@code b_k = b-bar(k/L)/L + dW^b_k},
 * {@code delta_k = 1}, with Brownian noise of covariance {@code v I} per unit time (width 2, so 6 noise
 * coordinates). Pathwise: each of 3 Brownian paths drawn at L = 400 and resampled to L = 25 .. 400.
 */
@ExtendWith(QuietConsole.class)
class SdeLimitTest {

    private static final int D = 2;
    private static final LimitCoefficients DRIFT = LimitFixtures.smooth(D, 0.5, 0.5, 7);
    /**
     * Pathwise rates pool 3 paths whose error constants differ by up to 4x, so the slope of the pooled
     * fit scatters by ~0.2 around the per-path -1 (measured -0.95 for softplus, -0.88 for tanh).
     */
    private static final Tolerance PATHWISE_RATE = Tolerance.absolute("rate -1 pooled over 3 paths", 0.3);

    @Test
    void theSigmaSecondDerivativeCorrectionIsWhatMakesSoftplusNetworksMatch() {
        // shifted softplus: sigma'(0) = 1/2, sigma''(0) = 1/4; the correction adds 1/8 d[(W^A H + W^b)_i],
        // of order v (|H|^2 + 1) / 8 over [0, 1]: the SDE without it misses the networks by O(1) at every depth
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.25);
        List<ResidualNet> nets = LimitFixtures.diffusiveNets(DRIFT, Activation.SHIFTED_SOFTPLUS, cov, 3, 99);
        double[] x = LimitFixtures.inputs(8, D, 1.0, 11);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.SHIFTED_SOFTPLUS);
        LimitComparison cmp = LimitComparison.of(nets, x, 8,
                List.of(sde, sde.withoutCorrection(), OdeLimit.linear(DRIFT, Activation.SHIFTED_SOFTPLUS)));
        CandidateComparison with = cmp.candidate("sde").orElseThrow();
        CandidateComparison without = cmp.candidate("sde-without-correction").orElseThrow();
        CandidateComparison ode = cmp.candidate("linear-ode").orElseThrow();
        PATHWISE_RATE.check(-1, with.rate().orElseThrow().slope(), "rate with the correction");
        assertEquals(Convergence.CONVERGING, with.convergence());
        ScalingFit flat = without.rate().orElseThrow();
        assertTrue(flat.ciLow() < 0 && flat.ciHigh() > 0, "without the correction the error is flat: ["
                + flat.ciLow() + ", " + flat.ciHigh() + "]");
        assertEquals(Convergence.NOT_CONVERGING, without.convergence());
        assertEquals(Convergence.NOT_CONVERGING, ode.convergence(), "the drift alone is not the limit");
        assertTrue(without.deepestError().getAsDouble() > 50 * with.deepestError().getAsDouble(),
                "at L = 400: " + without.deepestError() + " against " + with.deepestError());
        assertEquals("sde", cmp.best().orElseThrow());
    }

    @Test
    void tanhNetworksMatchTheirPathwiseSdeAndTheCorrectionVanishes() {
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.1);
        List<ResidualNet> nets = LimitFixtures.diffusiveNets(DRIFT, Activation.TANH, cov, 3, 99);
        double[] x = LimitFixtures.inputs(8, D, 1.0, 11);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.TANH);
        LimitComparison cmp = LimitComparison.of(nets, x, 8, List.of(sde, sde.withoutCorrection()));
        CandidateComparison with = cmp.candidate("sde").orElseThrow();
        CandidateComparison without = cmp.candidate("sde-without-correction").orElseThrow();
        PATHWISE_RATE.check(-1, with.rate().orElseThrow().slope(), "tanh pathwise rate");
        assertEquals(Convergence.CONVERGING, with.convergence());
        for (int j = 0; j < nets.size(); j++) {
            assertEquals(with.errors().get(j).maxError(), without.errors().get(j).maxError(),
                    "sigma''(0) = 0 for tanh: the correction is zero");
        }
    }

    @Test
    void aLinearNetworkIsExactlyItsEulerMaruyamaScheme() {
        // with sigma the identity the network step is delta-bar (A_k h + b_k), which the scheme reproduces
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.25);
        List<ResidualNet> nets = LimitFixtures.diffusiveNets(DRIFT, Activation.LINEAR, cov, 1, 5);
        double[] x = LimitFixtures.inputs(4, D, 1.0, 11);
        LimitComparison cmp = LimitComparison.of(nets, x, 4, List.of(SdeLimit.drivenByNetwork(DRIFT, Activation.LINEAR)));
        assertEquals(Convergence.EXACT, cmp.candidates().get(0).convergence());
        assertEquals("sde", cmp.best().orElseThrow());
    }

    @Test
    void aFixedNoisePathGivesTheSameSolutionAsTheNetworkItCameFrom() {
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.25);
        NoisePaths noise = NoisePaths.brownian(cov, 100, 3, "fixed");
        ResidualNet net = LimitDiscretisation.diffusive(DRIFT, Activation.TANH, noise);
        SdeLimit own = SdeLimit.drivenByNetwork(DRIFT, Activation.TANH);
        SdeLimit fixed = own.drivenBy(noise);
        assertTrue(own.drivenByNetwork());
        assertFalse(fixed.drivenByNetwork());
        double[] x = {0.3, -0.7};
        double[] u = new double[101 * D];
        double[] v = new double[101 * D];
        own.trajectory(x, net).statesAt(100, u);
        fixed.trajectory(x, null).statesAt(100, v);
        Tolerance same = Tolerance.absolute("A_k rebuilt from drift + noise, then split again", 1e-12);
        for (int i = 0; i < u.length; i++) {
            same.check(u[i], v[i], "H component " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> own.trajectory(x, null));
    }

    /** n network outputs h_L(x_s) of `count` diffusive networks, each with its own Brownian path. */
    private static double[] networkOutputs(Activation sigma, DiffusionCovariance cov, int L, int count, double[] x, int n) {
        double[] outs = new double[count * n * D];
        double[] o = new double[n * D];
        for (int r = 0; r < count; r++) {
            ResidualNet net = LimitDiscretisation.diffusive(DRIFT, sigma, NoisePaths.brownian(cov, L, 5, "net=" + r));
            net.forward(x, n, o);
            System.arraycopy(o, 0, outs, r * n * D, n * D);
        }
        return outs;
    }

    /** The fraction of network outputs inside the [2.5%, 97.5%] band of their input's distribution. */
    private static double coverage(List<TerminalDistribution> dist, double[] outs, int count, int n) {
        int in = 0;
        for (int r = 0; r < count; r++) {
            for (int s = 0; s < n; s++) {
                TerminalDistribution td = dist.get(s);
                for (int i = 0; i < D; i++) {
                    double y = outs[(r * n + s) * D + i];
                    if (y >= td.quantile(0, i) && y <= td.quantile(2, i)) {
                        in++;
                    }
                }
            }
        }
        return (double) in / (count * n * D);
    }

    /** max over inputs and coordinates of |network mean - SDE mean| / its standard error. */
    private static double maxZ(List<TerminalDistribution> dist, double[] outs, int count, int n) {
        double max = 0;
        for (int s = 0; s < n; s++) {
            TerminalDistribution td = dist.get(s);
            for (int i = 0; i < D; i++) {
                double sum = 0;
                double sq = 0;
                for (int r = 0; r < count; r++) {
                    double y = outs[(r * n + s) * D + i];
                    sum += y;
                    sq += y * y;
                }
                double mean = sum / count;
                double var = (sq - count * mean * mean) / (count - 1);
                double se = Math.sqrt(var / count + td.covariance()[i * D + i] / td.paths());
                max = Math.max(max, Math.abs(mean - td.mean()[i]) / se);
            }
        }
        return max;
    }

    @Test
    void theManyPathDistributionCoversTheOutputsOfNetworksWithFreshNoise() {
        // 200 tanh networks of depth 100, each with its own noise; the SDE's diffusion covariance is
        // estimated from the first network's noise alone (100 steps: about 14% error per entry)
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.25);
        int L = 100;
        int count = 200;
        int n = 3;
        double[] x = LimitFixtures.inputs(n, D, 1.0, 11);
        double[] outs = networkOutputs(Activation.TANH, cov, L, count, x, n);
        ResidualNet first = LimitDiscretisation.diffusive(DRIFT, Activation.TANH, NoisePaths.brownian(cov, L, 5, "net=0"));
        DiffusionCovariance estimate = DiffusionCovariance.of(NoisePaths.ofNetwork(first, DRIFT), 1);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.TANH);
        ManyPathSettings settings = ManyPathSettings.DEFAULTS.withSize(2000, L);
        List<TerminalDistribution> dist = sde.terminalDistributions(x, n, estimate, settings, 3, "coverage");
        // 1200 outputs: binomial sd of a 95% coverage is 0.6%; the estimated covariance and EM bias add a little
        double covered = coverage(dist, outs, count, n);
        assertTrue(covered > 0.92 && covered < 0.98, "coverage of the 95% band: " + covered);
        assertTrue(maxZ(dist, outs, count, n) < 4, "network means agree with the SDE's");
        // a deliberately wrong diffusion (a quarter of the variance) fails
        List<TerminalDistribution> narrow = sde.terminalDistributions(x, n, estimate.scaled(0.25), settings, 3, "coverage");
        double under = coverage(narrow, outs, count, n);
        assertTrue(under < 0.8, "half the spread covers too little: " + under);
        assertEquals(0, dist.get(0).diverged());
        assertEquals(2000, dist.get(0).paths());
    }

    @Test
    void theManyPathMeanOfSoftplusNetworksNeedsTheCorrection() {
        // the correction shifts E[H_1] by about 1/8 int (|H|^2 + 1) dt for v = 1: 1000 networks resolve it
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 1.0);
        int L = 100;
        int count = 1000;
        int n = 3;
        double[] x = LimitFixtures.inputs(n, D, 1.0, 11);
        double[] outs = networkOutputs(Activation.SHIFTED_SOFTPLUS, cov, L, count, x, n);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.SHIFTED_SOFTPLUS);
        ManyPathSettings settings = ManyPathSettings.DEFAULTS.withSize(4000, L);
        double zWith = maxZ(sde.terminalDistributions(x, n, cov, settings, 3, "mean"), outs, count, n);
        double zWithout = maxZ(sde.withoutCorrection().terminalDistributions(x, n, cov, settings, 3, "mean"), outs, count, n);
        assertTrue(zWith < 4, "with the correction the means agree: z = " + zWith);
        assertTrue(zWithout > 6, "without it they do not: z = " + zWithout);
    }

    @Test
    void theManyPathSimulationIsAPureFunctionOfSeedAndKey() {
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 0.25);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.TANH);
        double[] x = {0.5, -0.5};
        ManyPathSettings small = ManyPathSettings.DEFAULTS.withSize(50, 20);
        TerminalDistribution a = sde.terminalDistributions(x, 1, cov, small, 1, "k").get(0);
        TerminalDistribution b = sde.terminalDistributions(x, 1, cov, small, 1, "k").get(0);
        TerminalDistribution c = sde.terminalDistributions(x, 1, cov, small, 1, "other").get(0);
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.quantiles(), b.quantiles());
        assertFalse(a.mean()[0] == c.mean()[0]);
        assertTrue(a.quantile(0, 0) <= a.quantile(1, 0) && a.quantile(1, 0) <= a.quantile(2, 0));
    }

    @Test
    void pathsBeyondTheBoundAreCountedAsDivergedAndLeftOut() {
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 1.0);
        SdeLimit sde = SdeLimit.drivenByNetwork(DRIFT, Activation.TANH);
        double[] x = {0.5, -0.5};
        ManyPathSettings tight = new ManyPathSettings(400, 50, new double[] {0.5}, 1.5);
        TerminalDistribution td = sde.terminalDistributions(x, 1, cov, tight, 1, "bound").get(0);
        assertTrue(td.diverged() > 0 && td.paths() > 2, td.paths() + " used, " + td.diverged() + " diverged");
        assertEquals(400, td.paths() + td.diverged());
        ManyPathSettings impossible = new ManyPathSettings(10, 50, new double[] {0.5}, 1e-9);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sde.terminalDistributions(x, 1, cov, impossible, 1, "bound"));
        assertTrue(e.getMessage().contains("10 of 10"), e.getMessage());
    }

    @Test
    void aBlownUpPathIsANamedFailure() {
        // a huge noise with the quadratic correction of softplus drives the scheme to infinity, while the
        // network, whose softplus grows only linearly, stays finite
        DiffusionCovariance cov = DiffusionCovariance.isotropic(D, 1e6);
        ResidualNet net = LimitDiscretisation.diffusive(DRIFT, Activation.SHIFTED_SOFTPLUS, NoisePaths.brownian(cov, 50, 1, "big"));
        LimitComparison cmp = LimitComparison.of(List.of(net), new double[] {1, 1}, 1,
                List.of(SdeLimit.drivenByNetwork(DRIFT, Activation.SHIFTED_SOFTPLUS)));
        CandidateComparison r = cmp.candidates().get(0);
        assertEquals(1, r.failures().size());
        assertEquals(TrajectoryFailure.Kind.LIMIT_NOT_FINITE, r.failures().get(0).kind(), r.failures().toString());
        assertTrue(cmp.best().isEmpty() && cmp.closest().isEmpty());
    }

    @Test
    void reluIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdeLimit.drivenByNetwork(DRIFT, Activation.RELU));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }
}
