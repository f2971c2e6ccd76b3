package org.rscale.sweeps.testing;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Small random networks and datasets for kernel tests, from a fixed seed.
 */
public final class TestNets {
    private TestNets() {
    }

    /**
     * A random net whose pre-activations are O(1), so every activation is exercised away from 0.
     *
     * @param act     sigma
     * @param scaling the delta variant
     * @param L       depth
     * @param d       width
     * @param seed    the seed
     * @return the net
     */
    public static ResidualNet random(Activation act, ScalingFactor scaling, int L, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] A = new double[L * d * d];
        double[] b = new double[L * d];
        for (int i = 0; i < A.length; i++) {
            A[i] = rng.nextGaussian() / Math.sqrt(d);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.5 * rng.nextGaussian();
        }
        double[] delta = new double[scaling.storedLength(L)];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = scaling == ScalingFactor.NONE ? 1.0 : (0.3 + 0.4 * rng.nextDouble()) * (i % 2 == 0 ? 1 : -1);
        }
        if (scaling == ScalingFactor.SHARED) {
            delta[0] = -0.45; // a negative shared delta checks the sign of d|delta|/d delta
        }
        return ResidualNet.of(act, scaling, L, d, A, b, delta);
    }

    /**
     * @param n    samples
     * @param d    dimension
     * @param seed the seed
     * @return Gaussian inputs and targets
     */
    public static Dataset data(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
            y[i] = rng.nextGaussian();
        }
        return new Dataset(n, d, x, y);
    }

    /**
     * @param n the length
     * @return 0, 1, ..., n-1
     */
    public static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    /**
     * Every activation with every delta variant, as the arguments of a parameterized test
     * ({@code @MethodSource("org.rscale.sweeps.testing.TestNets#variants")}).
     *
     * @return (activation, scaling factor) pairs
     */
    public static Stream<Arguments> variants() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation a : Activation.values()) {
            for (ScalingFactor s : ScalingFactor.values()) {
                b.add(Arguments.of(a, s));
            }
        }
        return b.build();
    }
}
