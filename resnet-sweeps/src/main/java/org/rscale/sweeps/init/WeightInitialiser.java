package org.rscale.sweeps.init;

import java.util.random.RandomGenerator;

import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.random.RandomStreams;

/**
 * Draws the initial network of a cell (SCIENCE 1.1): A and b by the cell's {@link Initialisation},
 * delta by its {@link ScalingFactor} (shared: exactly 1/L; per-layer: N(0, std 1/L); fixed:
 * L^-beta; none: 1).
 *
 * <p>The random stream is {@link RandomStreams#of}(seed, {@link InitSpec#streamKey()}, {@code init}) where
 * the key holds only the settings that enter the initial law (depth, width, delta, delta_beta and the
 * init settings): cells that differ in activation, optimiser or training settings start from the same
 * weights, which makes such comparisons controlled.
 *
 * <p>Draw order: A (layer by layer, row-major) then b then delta for the xavier and iid laws; for
 * smooth and fbm, one sequence over k per entry, entries of A row-major first, then b, then delta.
 */
public final class WeightInitialiser {
    private WeightInitialiser() {
    }

    /**
     * @param cell the initial law and its stream key
     * @return the initial network
     */
    public static ResidualNet initialise(InitSpec cell) {
        RandomGenerator rng = RandomStreams.of(cell.seed(), cell.streamKey(), RandomStreams.INIT);
        return initialise(cell, rng);
    }

    /**
     * @param cell the initial law
     * @param rng  the random source; advanced
     * @return the initial network
     */
    public static ResidualNet initialise(InitSpec cell, RandomGenerator rng) {
        int L = cell.depth();
        int d = cell.dim();
        double[] A = new double[L * d * d];
        double[] b = new double[L * d];
        double sigma0 = cell.initialSd();
        switch (cell.init()) {
            case XAVIER:
                gaussian(rng, A, sigma0 / d);
                gaussian(rng, b, sigma0 / Math.sqrt(d));
                break;
            case XAVIER_DEPTH:
                gaussian(rng, A, sigma0 / ((double) L * d));
                gaussian(rng, b, sigma0 / (L * Math.sqrt(d)));
                break;
            case IID:
                if ("uniform".equals(cell.iidDistribution())) {
                    // U(-a, a) has variance a^2/3 = 1/d
                    double a = Math.sqrt(3.0 / d);
                    uniform(rng, A, a);
                    uniform(rng, b, a);
                } else {
                    gaussian(rng, A, 1.0 / Math.sqrt(d));
                    gaussian(rng, b, 1.0 / Math.sqrt(d));
                }
                break;
            case SMOOTH:
                sequences(new StationaryGaussianSequence(StationaryGaussianSequence.rbf(L, cell.lengthScale()), L),
                        rng, A, b, L, d);
                break;
            case FBM:
                sequences(new StationaryGaussianSequence(
                        StationaryGaussianSequence.fractionalGaussianNoise(cell.hurst()), L), rng, A, b, L, d);
                break;
            default:
                throw new AssertionError(cell.init());
        }
        double[] delta = new double[cell.delta().storedLength(L)];
        switch (cell.delta()) {
            case NONE: delta[0] = 1.0; break;
            case SHARED: delta[0] = 1.0 / L; break;
            case PER_LAYER: gaussian(rng, delta, 1.0 / L); break;
            case FIXED: delta[0] = Math.pow(L, -cell.deltaBeta()); break;
            default: throw new AssertionError(cell.delta());
        }
        return ResidualNet.of(cell.activation(), cell.delta(), L, d, A, b, delta);
    }

    /** One stationary sequence over k per entry of A and of b, scaled by 1/sqrt(d). */
    private static void sequences(StationaryGaussianSequence seq, RandomGenerator rng, double[] A, double[] b,
                                  int L, int d) {
        int dd = d * d;
        for (int e = 0; e < dd; e++) {
            seq.sample(rng, A, e, dd);
        }
        for (int i = 0; i < d; i++) {
            seq.sample(rng, b, i, d);
        }
        double scale = 1.0 / Math.sqrt(d);
        for (int i = 0; i < A.length; i++) {
            A[i] *= scale;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] *= scale;
        }
    }

    private static void gaussian(RandomGenerator rng, double[] out, double std) {
        for (int i = 0; i < out.length; i++) {
            out[i] = std * rng.nextGaussian();
        }
    }

    private static void uniform(RandomGenerator rng, double[] out, double halfWidth) {
        for (int i = 0; i < out.length; i++) {
            out[i] = halfWidth * (2 * rng.nextDouble() - 1);
        }
    }
}
