package org.rscale.sweeps.data;

import java.util.random.RandomGenerator;

import org.rscale.sweeps.random.RandomStreams;

/**
 * The synthetic regression task of the paper (SCIENCE 2; the reference code's
 * {@code generate_data_ODE}, which is authoritative over its docstring):
 * <pre>
 *   x ~ U(-1, 1)^d,   z_0 = x,
 *   z_{t+1} = z_t + 100^(-1/2) tanh( sin(5 pi t / 100) z_t + cos(5 pi t / 100) ),   t = 0..99,
 *   y = z_100,   then x and y are each divided by their own Euclidean norm.
 * </pre>
 * The first {@code trainSize} samples form the training set and the next {@code testSize} the
 * test set, as in the reference. Computed in double precision (the reference uses float32).
 *
 * <p>The stream is {@link RandomStreams#of}(data seed, "synthetic;d;train;test", {@code data}): the
 * same data for every depth and training seed of a sweep.
 */
public final class SyntheticOdeData {
    /** The paper's dimension d, the width of {@code data.dim: 0}. */
    public static final int STANDARD_DIM = 10;
    /** The reference code's training set size, {@code data.train_size: 0}. */
    public static final int STANDARD_TRAIN_SIZE = 1024;
    /** The reference code's test set size, {@code data.test_size: 0}. */
    public static final int STANDARD_TEST_SIZE = 256;
    private static final int STEPS = 100;

    private SyntheticOdeData() {
    }

    /**
     * @param dim       d
     * @param trainSize number of training samples
     * @param testSize  number of test samples
     * @param seed      the data seed
     * @return the two sets
     */
    public static TrainTestData generate(int dim, int trainSize, int testSize, long seed) {
        RandomGenerator rng = RandomStreams.of(seed,
                "synthetic;d=" + dim + ";train=" + trainSize + ";test=" + testSize, RandomStreams.DATA);
        int n = trainSize + testSize;
        double[] x = new double[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        double[] y = new double[n * dim];
        double step = 1.0 / Math.sqrt(STEPS);
        for (int s = 0; s < n; s++) {
            int off = s * dim;
            System.arraycopy(x, off, y, off, dim);
            for (int t = 0; t < STEPS; t++) {
                double u = 5 * Math.PI * t / STEPS;
                double f = Math.sin(u);
                double g = Math.cos(u);
                for (int i = 0; i < dim; i++) {
                    y[off + i] += step * Math.tanh(f * y[off + i] + g);
                }
            }
            normalise(x, off, dim);
            normalise(y, off, dim);
        }
        Dataset all = new Dataset(n, dim, x, y);
        return new TrainTestData(all.slice(0, trainSize), all.slice(trainSize, n));
    }

    private static void normalise(double[] v, int off, int dim) {
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            sq += v[off + i] * v[off + i];
        }
        double norm = Math.sqrt(sq);
        if (norm > 0) {
            for (int i = 0; i < dim; i++) {
                v[off + i] /= norm;
            }
        }
    }
}
