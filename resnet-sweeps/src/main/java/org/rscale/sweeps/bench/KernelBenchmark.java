package org.rscale.sweeps.bench;

import java.util.List;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.kernel.Optimiser;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Times training steps of the kernels. A benchmark, not a test: its figures depend on the machine,
 * and it runs only when asked ({@code rscale bench}).
 *
 * <p>Method: the network is initialised as in the paper's setup (xavier-depth, sigma0 0.01, a
 * shared delta of 1/L) on random unit-scale data. The JIT is first warmed up on a shallow copy of
 * the case (same kernel, width, batch, activation) for {@code warmupSeconds}, so that deep cases do
 * not time compilation; then steps of the real depth are timed one by one, at least
 * {@code minSteps} and until {@code maxSeconds} have passed or {@code maxSteps} are done. The figure
 * reported is the median step time divided by the depth.
 */
public final class KernelBenchmark {
    /** The share of the heap a computation may use ({@link #fits}). */
    public static final double HEAP_FRACTION = 0.8;
    private static final int WARMUP_DEPTH = 16;

    private KernelBenchmark() {
    }

    /**
     * How long to measure.
     *
     * @param warmupSeconds JIT warm-up on a shallow net
     * @param minSteps      at least this many timed steps
     * @param maxSteps      at most this many timed steps
     * @param maxSeconds    stop timing after this long (once minSteps are done)
     */
    public record Budget(double warmupSeconds, int minSteps, int maxSteps, double maxSeconds) {
        /** @return 3 s warm-up (on one core the JIT needs it), 3 to 50 steps, 3 s */
        public static Budget standard() {
            return new Budget(3.0, 3, 50, 3.0);
        }
    }

    /**
     * The cases a bench times by default: every combination of these.
     *
     * @param precisions the precisions
     * @param widths     the widths d
     * @param batches    the batch sizes
     * @param depths     the depths L
     * @param activation the activation
     * @param delta      the delta variant
     * @param optimizer  the optimiser
     */
    public record Grid(List<String> precisions, List<Integer> widths, List<Integer> batches, List<Integer> depths,
                       String activation, String delta, String optimizer) {
        // Copies.
        public Grid {
            precisions = List.copyOf(precisions);
            widths = List.copyOf(widths);
            batches = List.copyOf(batches);
            depths = List.copyOf(depths);
        }

        /** @return the standard grid: float64 and float32, widths 10/25/100, batches 32/128, depths 100/1000/10000, tanh, shared delta, Adam */
        public static Grid standard() {
            return new Grid(List.of("float64", "float32"), List.of(10, 25, 100), List.of(32, 128),
                    List.of(100, 1000, 10000), "tanh", "shared", "adam");
        }

        /** @return the quick grid: width 10, batch 32, depth 1000 (the reference case) */
        public static Grid quick() {
            Grid s = standard();
            return new Grid(s.precisions(), List.of(10), List.of(32), List.of(1000), s.activation(), s.delta(),
                    s.optimizer());
        }
    }

    /**
     * @param c      the case
     * @param budget how long to measure
     * @return its timing
     */
    public static BenchResult run(BenchCase c, Budget budget) {
        long need = estimatedBytes(c);
        long heap = Runtime.getRuntime().maxMemory();
        if (!fits(need, heap)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "needs about %.0f MiB, more than 80%% of the %.0f MiB heap (raise it, e.g. RSCALE_JAVA_OPTS=%s)",
                    need / 1048576.0, heap / 1048576.0, xmxFor(need)));
        }
        Optimiser opt = Optimiser.of(c.optimizer(), 1e-3, 0);
        Dataset data = randomData(c.batch(), c.width(), 1);
        int[] order = new int[c.batch()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        String kernelName = KernelFactory.resolve(c.kernel(), c.width(), Integer.MAX_VALUE);
        // warm-up on a shallow net of the same shape: compiles the kernel's code paths
        TrainingKernel warm = KernelFactory.create(kernelName, c.precision(), net(c, Math.min(WARMUP_DEPTH, c.depth())),
                data, c.batch(), opt);
        long warmEnd = System.nanoTime() + (long) (budget.warmupSeconds() * 1e9);
        int warmSteps = 0;
        while (System.nanoTime() < warmEnd || warmSteps < 2) {
            warm.trainStep(order, 0, c.batch());
            warmSteps++;
        }
        TrainingKernel k = KernelFactory.create(kernelName, c.precision(), net(c, c.depth()), data, c.batch(), opt);
        k.trainStep(order, 0, c.batch()); // first touch of the deep arrays
        double[] times = new double[budget.maxSteps()];
        int n = 0;
        long start = System.nanoTime();
        while (n < budget.maxSteps() && (n < budget.minSteps() || System.nanoTime() - start < budget.maxSeconds() * 1e9)) {
            long t0 = System.nanoTime();
            k.trainStep(order, 0, c.batch());
            times[n++] = (System.nanoTime() - t0) * 1e-3;
        }
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        double median = n % 2 == 1 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
        return new BenchResult(c, k.device(), median / c.depth(), t[0] / c.depth(), t[n - 1] / c.depth(),
                1e6 / median, k.allocatedBytes(), n);
    }

    /**
     * The heap a case needs at its peak, an upper bound: the kernel's arrays (parameters, Adam's two
     * moments, the nd4j kernel's gradients, activations and cache: O(L d^2 + B L d) in the case's
     * precision, the batch padded to 16; per-layer workspaces) plus the float64 network they are
     * copied from, which is alive while the kernel is created.
     *
     * @param c a case
     * @return the estimated bytes
     */
    public static long estimatedBytes(BenchCase c) {
        long L = c.depth();
        long d = c.width();
        long per = "float32".equals(c.precision()) ? 4 : 8;
        long batch = (c.batch() + 15) / 16 * 16L; // the SIMD kernels pad the batch to the lane count (at most 16)
        long kernel = per * (4 * L * d * d + 3 * L * d + 3 * L + 2 * (L + 1) * d * batch + 2 * d * d + 6 * d * batch)
                + 1024;
        long network = 8 * (L * d * d + L * d + L);
        return kernel + network;
    }

    /**
     * Whether a computation of the given peak fits in a heap: it may use at most
     * {@value #HEAP_FRACTION} of it (the rest is the JVM's own and the garbage collector's room).
     *
     * @param needBytes the peak, e.g. {@link #estimatedBytes}
     * @param heapBytes the heap ({@code -Xmx})
     * @return whether it fits
     */
    public static boolean fits(long needBytes, long heapBytes) {
        return needBytes <= heapBytes * HEAP_FRACTION;
    }

    /**
     * @param needBytes a peak heap use
     * @return the smallest whole-GiB {@code -Xmx} option in which it {@link #fits}, e.g. {@code -Xmx6g}
     */
    public static String xmxFor(long needBytes) {
        return "-Xmx" + Math.max(1, (long) Math.ceil(needBytes / HEAP_FRACTION / (1L << 30))) + "g";
    }

    /** The paper's initialisation: xavier-depth with sigma0 = 0.01, delta = 1/L (or L^-1 fixed, 1/L per layer). */
    static ResidualNet net(BenchCase c, int depth) {
        SplittableRandom rng = new SplittableRandom(7);
        int d = c.width();
        double[] A = new double[depth * d * d];
        double[] b = new double[depth * d];
        double sA = 0.01 / ((double) depth * d);
        double sb = 0.01 / (depth * Math.sqrt(d));
        for (int i = 0; i < A.length; i++) {
            A[i] = sA * rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = sb * rng.nextGaussian();
        }
        ScalingFactor s = ScalingFactor.of(c.delta());
        double[] delta = new double[s.storedLength(depth)];
        Arrays.fill(delta, s == ScalingFactor.NONE ? 1.0 : 1.0 / depth);
        return ResidualNet.of(Activation.of(c.activation()), s, depth, d, A, b, delta);
    }

    private static Dataset randomData(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() / Math.sqrt(d);
            y[i] = rng.nextGaussian() / Math.sqrt(d);
        }
        return new Dataset(n, d, x, y);
    }
}
