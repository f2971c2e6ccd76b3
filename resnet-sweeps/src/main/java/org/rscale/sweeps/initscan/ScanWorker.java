package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.kernel.InitPropagation;
import org.rscale.sweeps.random.RandomStreams;

/**
 * Computes work units of one scan on one thread: draws the unit's network (random stream
 * {@code (seed, unit key, init)}), its inputs x ~ U[0, 1)^m and targets y ~ U[0, 1) (stream
 * {@code (seed, unit key, data)}, in the order x_0, y_0, x_1, y_1, ...), propagates them for every
 * beta at once, and returns the unit's rows. Keeps its kernel's workspaces and the last sampler (the
 * circulant spectrum) from unit to unit. Not thread-safe: one worker per thread.
 */
public final class ScanWorker {
    /** A row of ratios.csv or paths.csv in memory, bytes (an object of a dozen fields, and its list slot). */
    private static final long ROW_BYTES = 128;
    private final ScanConfig config;
    private final InitPropagation kernel;
    private ScaledResNetSampler sampler;
    private String samplerKey;
    private ScaledResNet net;

    /**
     * What one unit gives.
     *
     * @param ratios its rows of ratios.csv (beta-major, then input)
     * @param paths  its rows of paths.csv (entry-major, then k); empty without paths
     */
    public record Result(List<RatiosTable.Row> ratios, List<PathsTable.Row> paths) {
        /**
         * Copies the lists.
         *
         * @param ratios the ratio rows
         * @param paths  the path rows
         */
        public Result {
            ratios = List.copyOf(ratios);
            paths = List.copyOf(paths);
        }
    }

    /**
     * @param config the scan
     * @param kernel the propagation kernel this worker owns
     */
    public ScanWorker(ScanConfig config, InitPropagation kernel) {
        this.config = config;
        this.kernel = kernel;
    }

    /**
     * The bytes a worker holds while it computes a unit: the network (A, B, V and, for res-3, W), the kernel's
     * workspaces ({@link InitPropagation#workspaceBytes}) and the unit's rows (taken as 128 bytes each).
     *
     * @param config the scan
     * @param unit   a unit of it
     * @param lanes  the kernel's {@link InitPropagation#lanes}
     * @return the bytes, estimated
     */
    public static long estimatedBytes(ScanConfig config, ScanUnit unit, int lanes) {
        long d = unit.width();
        long L = unit.depth();
        long layers = (unit.model() == BranchModel.RES_3 ? 2 : 1) * L * d * d;
        long network = 8 * (layers + d * config.inputDim() + d);
        long rows = (long) config.betas().size() * config.inputs() + (long) config.paths() * L;
        return network + InitPropagation.workspaceBytes(unit.depth(), unit.width(), config.inputs(),
                config.betas().size(), 1, lanes) + ROW_BYTES * rows;
    }

    /** @return the kernel */
    public InitPropagation kernel() {
        return kernel;
    }

    /**
     * @param unit a unit of this worker's scan
     * @return its rows
     */
    public Result compute(ScanUnit unit) {
        BranchLaw law = config.law(unit.init(), unit.hurst());
        String key = unit.model().key() + "|" + law.streamKey() + "|" + unit.width() + "|" + unit.depth();
        if (!key.equals(samplerKey)) {
            sampler = new ScaledResNetSampler(unit.model(), law, unit.width(), config.inputDim(), 1, unit.depth());
            boolean sameShape = net != null && net.model() == unit.model() && net.width() == unit.width()
                    && net.depth() == unit.depth();
            net = sameShape ? net : null;
            samplerKey = key;
        }
        String streamKey = unit.streamKey(config);
        // the previous unit's network is overwritten: the worker made it, and nothing else holds it
        net = sampler.draw(RandomStreams.of(config.seed(), streamKey, RandomStreams.INIT), net);
        List<RatiosTable.Row> ratios = ratios(unit, net, streamKey);
        return new Result(ratios, paths(unit, net));
    }

    private List<RatiosTable.Row> ratios(ScanUnit unit, ScaledResNet net, String streamKey) {
        List<Double> betas = config.betas();
        List<RatiosTable.Row> rows = new ArrayList<>();
        if (betas.isEmpty()) {
            return rows;
        }
        int inputs = config.inputs();
        int m = config.inputDim();
        SplittableRandom data = RandomStreams.of(config.seed(), streamKey, RandomStreams.DATA);
        double[] x = new double[inputs * m];
        double[] y = new double[inputs];
        for (int n = 0; n < inputs; n++) {
            for (int j = 0; j < m; j++) {
                x[n * m + j] = data.nextDouble();
            }
            y[n] = data.nextDouble();
        }
        double[] alphas = new double[betas.size()];
        for (int b = 0; b < alphas.length; b++) {
            alphas[b] = Math.pow(unit.depth(), -betas.get(b));
        }
        int columns = alphas.length * inputs;
        double[] outputRatio = new double[columns];
        double[] outputChange = new double[columns];
        double[] gradientRatio = new double[columns];
        double[] gradientChange = new double[columns];
        kernel.propagate(net, x, y, inputs, alphas, outputRatio, outputChange, gradientRatio, gradientChange);
        for (int b = 0; b < alphas.length; b++) {
            for (int n = 0; n < inputs; n++) {
                int c = b * inputs + n;
                rows.add(new RatiosTable.Row(unit.model(), unit.init(), unit.hurst(), unit.width(), unit.depth(),
                        betas.get(b), unit.draw(), n, outputRatio[c], outputChange[c], gradientRatio[c],
                        gradientChange[c]));
            }
        }
        return rows;
    }

    private List<PathsTable.Row> paths(ScanUnit unit, ScaledResNet net) {
        List<PathsTable.Row> rows = new ArrayList<>();
        int d = unit.width();
        int L = unit.depth();
        double scale = Math.sqrt(d);
        double norm = Math.pow(L, -PathsTable.pathExponent(unit.init(), unit.hurst()));
        double[] V = net.V();
        for (int j = 0; j < config.paths(); j++) {
            double sum = 0;
            for (int k = 0; k < L; k++) {
                // w_k = sqrt(d) V_k[0, j];  path = L^-H sum_{i <= k} w_i
                double w = scale * V[k * d * d + j];
                sum += w;
                rows.add(new PathsTable.Row(unit.model(), unit.init(), unit.hurst(), d, L, unit.draw(), j, k,
                        (k + 1.0) / L, w, norm * sum));
            }
        }
        return rows;
    }
}
