package org.rscale.fits.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.fits.SampledPath;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;

/**
 * Shared problems of the limit tests: smooth coefficient curves sampled on a fine grid, inputs, and
 * networks discretising them.
 */
final class LimitFixtures {
    /** Grid of the sampled curves: 400 steps, a multiple of every depth used (25 .. 400), so k/L is a grid point. */
    static final int GRID_STEPS = 400;
    /** The depth grid of the rate tests. */
    static final int[] DEPTHS = {25, 50, 100, 200, 400};

    private LimitFixtures() {
    }

    /**
     * Trigonometric curves
     * A-bar_ij(t) = scaleA (c_ij + s_ij sin(2 pi t + p_ij)), b-bar_i(t) = scaleB (c_i + s_i cos(2 pi t + p_i)),
     * coefficients standard normal from the seed, sampled on GRID_STEPS + 1 points; delta-bar = 1.
     */
    static LimitCoefficients smooth(int d, double scaleA, double scaleB, long seed) {
        return smooth(d, scaleA, scaleB, 1.0, seed);
    }

    /** As above, with the time-varying part of b-bar multiplied by {@code varyB}. */
    static LimitCoefficients smooth(int d, double scaleA, double scaleB, double varyB, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = d * d + d;
        double[] c = new double[m];
        double[] s = new double[m];
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            c[i] = rng.nextGaussian();
            s[i] = rng.nextGaussian();
            p[i] = 2 * Math.PI * rng.nextDouble();
        }
        int n = GRID_STEPS + 1;
        double[] A = new double[n * d * d];
        double[] b = new double[n * d];
        for (int g = 0; g < n; g++) {
            double t = (double) g / GRID_STEPS;
            for (int i = 0; i < d * d; i++) {
                A[g * d * d + i] = scaleA * (c[i] + s[i] * Math.sin(2 * Math.PI * t + p[i])) / Math.sqrt(d);
            }
            for (int i = 0; i < d; i++) {
                int e = d * d + i;
                b[g * d + i] = scaleB * (c[e] + varyB * s[e] * Math.cos(2 * Math.PI * t + p[e]));
            }
        }
        return LimitCoefficients.of(SampledPath.uniform(n, d, d, A), SampledPath.uniform(n, d, 1, b), 1.0);
    }

    /** n inputs uniform in [-r, r]^d. */
    static double[] inputs(int n, int d, double r, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r * (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    /** smooth(beta) networks of every depth in DEPTHS. */
    static List<ResidualNet> smoothNets(LimitCoefficients c, Activation sigma, double beta) {
        List<ResidualNet> nets = new ArrayList<>();
        for (int L : DEPTHS) {
            nets.add(LimitDiscretisation.smooth(c, sigma, L, beta));
        }
        return nets;
    }

    /**
     * Diffusive networks of every depth in DEPTHS, for each of {@code seeds} Brownian paths drawn on the
     * finest grid (the largest depth) and resampled to each depth: one path seen at several depths.
     */
    static List<ResidualNet> diffusiveNets(LimitCoefficients c, Activation sigma, DiffusionCovariance cov,
                                           int seeds, long seed) {
        List<ResidualNet> nets = new ArrayList<>();
        for (int r = 0; r < seeds; r++) {
            NoisePaths fine = NoisePaths.brownian(cov, DEPTHS[DEPTHS.length - 1], seed, "r=" + r);
            for (int L : DEPTHS) {
                nets.add(LimitDiscretisation.diffusive(c, sigma, fine.resampled(L)));
            }
        }
        return nets;
    }
}
