package org.rscale.sweeps.bench;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.kernel.InitPropagation;

/**
 * Times the work units of an initialisation scan ({@code rscale bench --mode init-scan}): drawing one
 * network from its law, and pushing {@code betas x inputs} columns through it and back. A benchmark,
 * not a test.
 *
 * <p>Method: the JIT is warmed up on a shallow network of the same width and column count for
 * {@code warmupSeconds}; then units of the real depth are timed one by one (draw and propagation
 * apart), at least {@code minUnits} and until {@code maxSeconds} have passed or {@code maxUnits}
 * are done. The figures are medians.
 */
public final class PropagationBenchmark {
    private static final int WARMUP_DEPTH = 16;

    private PropagationBenchmark() {
    }

    /**
     * One case.
     *
     * @param kernel loop or vector
     * @param model  res-1 or res-3
     * @param law    the law of the branch matrices
     * @param width  d
     * @param depth  L
     * @param betas  the betas propagated at once
     * @param inputs the inputs per network
     */
    public record Case(String kernel, BranchModel model, BranchLaw law, int width, int depth, int betas, int inputs) {
        /**
         * Checks.
         *
         * @param kernel the kernel
         * @param model  the model
         * @param law    the law
         * @param width  the width
         * @param depth  the depth
         * @param betas  the betas
         * @param inputs the inputs
         */
        public Case {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(law, "law");
            if (width < 1 || depth < 1 || betas < 1 || inputs < 1) {
                throw new IllegalArgumentException("width, depth, betas and inputs must be positive");
            }
        }

        /** @return the multiply-adds of one propagation: matrices per layer x 2 passes x d^2 x columns x L */
        public double multiplyAdds() {
            return (double) model.matricesPerLayer() * 2 * width * width * betas * inputs * depth;
        }
    }

    /**
     * The timing of one case.
     *
     * @param benchCase          what was timed
     * @param device             where the kernel computed
     * @param drawSeconds        median time to draw one network
     * @param propagateSeconds   median time to propagate its columns forward and back
     * @param propagateMin       fastest propagation
     * @param nsPerLayerColumn   the median propagation per layer and column, nanoseconds
     * @param gigaMacsPerSecond  multiply-adds per second of the median propagation, 10^9
     * @param units              timed units
     */
    public record Result(Case benchCase, String device, double drawSeconds, double propagateSeconds,
                         double propagateMin, double nsPerLayerColumn, double gigaMacsPerSecond, int units) {
        /** @return draw plus propagation: one unit's time */
        public double unitSeconds() {
            return drawSeconds + propagateSeconds;
        }
    }

    /**
     * @param c      the case
     * @param budget how long to measure (steps read as units)
     * @return its timing
     */
    public static Result run(Case c, KernelBenchmark.Budget budget) {
        InitPropagation kernel = InitPropagation.create(c.kernel());
        SplittableRandom rng = new SplittableRandom(11);
        int m = 64;
        double[] x = new double[c.inputs() * m];
        double[] y = new double[c.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextDouble();
        }
        int columns = c.betas() * c.inputs();
        double[][] out = new double[4][columns];
        int shallow = Math.min(WARMUP_DEPTH, c.depth());
        ScaledResNetSampler warmSampler = new ScaledResNetSampler(c.model(), c.law(), c.width(), m, 1, shallow);
        double[] warmAlphas = alphas(shallow, c.betas());
        long warmEnd = System.nanoTime() + (long) (budget.warmupSeconds() * 1e9);
        ScaledResNet warmNet = null;
        for (int i = 0; System.nanoTime() < warmEnd || i < 2; i++) {
            warmNet = warmSampler.draw(rng, warmNet);
            kernel.propagate(warmNet, x, y, c.inputs(), warmAlphas, out[0], out[1], out[2], out[3]);
        }
        ScaledResNetSampler sampler = new ScaledResNetSampler(c.model(), c.law(), c.width(), m, 1, c.depth());
        double[] alphas = alphas(c.depth(), c.betas());
        double[] draws = new double[budget.maxSteps()];
        double[] props = new double[budget.maxSteps()];
        int n = 0;
        ScaledResNet net = null;
        long start = System.nanoTime();
        while (n < budget.maxSteps() && (n < budget.minSteps() || System.nanoTime() - start < budget.maxSeconds() * 1e9)) {
            long t0 = System.nanoTime();
            net = sampler.draw(rng, net);
            long t1 = System.nanoTime();
            kernel.propagate(net, x, y, c.inputs(), alphas, out[0], out[1], out[2], out[3]);
            long t2 = System.nanoTime();
            draws[n] = (t1 - t0) * 1e-9;
            props[n++] = (t2 - t1) * 1e-9;
        }
        double draw = median(Arrays.copyOf(draws, n));
        double[] p = Arrays.copyOf(props, n);
        double prop = median(p);
        return new Result(c, kernel.device(), draw, prop, Arrays.stream(p).min().orElse(prop),
                prop * 1e9 / c.depth() / columns, c.multiplyAdds() / prop * 1e-9, n);
    }

    /** alpha = L^-beta for betas evenly spread over [0, 1.3], the jmlr-heatmap range. */
    private static double[] alphas(int depth, int betas) {
        double[] a = new double[betas];
        for (int b = 0; b < betas; b++) {
            a[b] = Math.pow(depth, -1.3 * b / Math.max(1, betas - 1));
        }
        return a;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
