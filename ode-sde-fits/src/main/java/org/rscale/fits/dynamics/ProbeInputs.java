package org.rscale.fits.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.DataSpec;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.random.RandomStreams;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The inputs a group's networks are probed with: a seeded sample of {@code n} training inputs (with their
 * targets) regenerated from the first cell's run.json settings, or, for weights without those settings (or data
 * of another width), {@code n} seeded random unit vectors in R^d without targets.
 *
 * <p><b>Sampling.</b> Without replacement, by a partial Fisher-Yates shuffle of the training set's indices; the
 * stream is {@link RandomStreams#of}(seed, "limit-inputs;" + group, {@link RandomStreams#DATA}), so a smaller
 * sample of the same group and seed is a prefix of a larger one. Unit vectors: standard Gaussian vectors divided
 * by their norm, from the same stream.
 *
 * @param x      n*d inputs, row-major
 * @param y      n*d targets, or null without training data
 * @param n      the number of inputs
 * @param d      the width
 * @param source {@link #TRAINING_INPUTS} or {@link #UNIT_VECTORS}
 */
public record ProbeInputs(double[] x, double[] y, int n, int d, String source) {
    /** Input source: training inputs regenerated from run.json. */
    public static final String TRAINING_INPUTS = "training inputs regenerated from run.json";
    /** Input source: random unit vectors. */
    public static final String UNIT_VECTORS = "seeded random unit vectors (no training data for these weights)";

    /**
     * Checks the lengths.
     *
     * @param x n*d inputs
     * @param y n*d targets, or null
     * @param n the number of inputs, at least 1
     * @param d the width, at least 1
     * @param source where they come from
     * @throws IllegalArgumentException when a length does not match
     */
    public ProbeInputs {
        if (n < 1 || d < 1 || x.length != (long) n * d || (y != null && y.length != x.length)) {
            throw new IllegalArgumentException("probe inputs: " + n + " x " + d + " with " + x.length + " inputs and "
                    + (y == null ? "no" : Integer.toString(y.length)) + " targets");
        }
    }

    /** @return whether the targets are known (then the fit floor is a fit error) */
    public boolean hasTargets() {
        return y != null;
    }

    /**
     * The inputs of a group.
     *
     * @param first the group's first cell (its run.json settings name the data)
     * @param group the group id (keys the random stream)
     * @param d     the width of the group's networks
     * @param n     how many inputs, at least 1
     * @param seed  the seed of the stream
     * @param data  the data cache
     * @return n training inputs with targets, else n unit vectors
     */
    public static ProbeInputs of(TrainedRun first, String group, int d, int n, long seed, DataSource data) {
        SplittableRandom rng = RandomStreams.of(seed, "limit-inputs;" + group, RandomStreams.DATA);
        if (first.hasRunJson() && first.settings().containsKey(Setting.DATA_KIND.key())
                && first.settings().containsKey(Setting.DATA_DIM.key())) {
            try {
                // first.dir() is <sweep>/runs/<cell>: the sweep's feature cache holds MNIST-25 inputs
                Dataset train = data.dataFor(dataOf(first), first.dir().getParent().getParent()).train();
                if (train.d() == d && train.n() > 0) {
                    int m = Math.min(n, train.n());
                    int[] idx = new int[train.n()];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = i;
                    }
                    double[] x = new double[m * d];
                    double[] y = new double[m * d];
                    for (int i = 0; i < m; i++) {
                        // partial Fisher-Yates: a sample without replacement
                        int j = i + rng.nextInt(idx.length - i);
                        int t = idx[i];
                        idx[i] = idx[j];
                        idx[j] = t;
                        System.arraycopy(train.x(), idx[i] * d, x, i * d, d);
                        System.arraycopy(train.y(), idx[i] * d, y, i * d, d);
                    }
                    return new ProbeInputs(x, y, m, d, TRAINING_INPUTS);
                }
            } catch (InvalidInputException | IllegalArgumentException e) {
                // settings this version cannot regenerate: fall through to unit vectors
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double v = rng.nextGaussian();
                x[i * d + j] = v;
                sq += v * v;
            }
            double norm = Math.sqrt(sq);
            for (int j = 0; j < d; j++) {
                x[i * d + j] /= norm;
            }
        }
        return new ProbeInputs(x, null, n, d, UNIT_VECTORS);
    }

    /**
     * The data a run was trained on, from the {@code data.*} entries of its run.json settings alone: weights
     * trained elsewhere may carry settings this version does not know (a {@code trainer}, say), which say nothing
     * about the data.
     *
     * @param run a run whose settings name {@code data.kind} and {@code data.dim}
     * @return the data's specification
     * @throws InvalidInputException naming run.json when a data entry is malformed
     */
    static DataSpec dataOf(TrainedRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : run.settings().entrySet()) {
            if (e.getKey().startsWith("data.")) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("depth", run.depth());
        m.put("seed", 0);
        return CellSettings.fromMap(m, run.dir().resolve(RunFiles.RUN_JSON).toString()).data();
    }

    /**
     * @param m at most n
     * @return the first m inputs (and targets)
     */
    public ProbeInputs prefix(int m) {
        int k = Math.min(m, n);
        double[] px = java.util.Arrays.copyOf(x, k * d);
        double[] py = y == null ? null : java.util.Arrays.copyOf(y, k * d);
        return new ProbeInputs(px, py, k, d, source);
    }
}
