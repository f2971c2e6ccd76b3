package org.rscale.fits.paths;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.rscale.analysis.WeightSequence;
import org.rscale.fits.SampledPath;

/**
 * The trend/noise decomposition of trained weights (SCIENCE.md section 6; the reference code's
 * {@code denoising.py}): a trend common to the deep networks of a sweep, estimated by averaging their
 * rescaled cumulative sums, and, for each depth, the denoised weights (the trend's increments) and the
 * noise path (the rest).
 *
 * <p><b>Trend.</b> On the fixed grid {@code t_i = i / n}, {@code i = 0 .. n} ({@code n} = {@code n_times}),
 * each trend cell (depth {@code L > n}) gives its rescaled cumulative sums
 * <pre>
 *   S_L(t_i)  = L^(gamma-1) ( sum_{k &lt; m} T_k + (t_i L - m) T_m ),   m = floor(t_i L)
 *   Ibar(t_i) = mean of S_L(t_i) over the trend cells                    ({@link #cumulativeTrend()})
 * </pre>
 * the cumulative sum read on the piecewise-linear path through the layer boundaries; {@code m} and the
 * fraction {@code t_i L - m} are computed in integer arithmetic. With {@code L > n} every grid interval holds
 * at least one layer. The limit drift {@code A-bar = d Ibar / dt} ({@link #trend()}) is sampled on the
 * same grid by central differences, {@code n (Ibar(t_{i+1}) - Ibar(t_{i-1})) / 2}, one-sided at the ends.
 *
 * <p><b>Denoised weights and noise</b> at any depth {@code L} (trend depth or not), with {@code Ibar}
 * read between grid points by linear interpolation:
 * <pre>
 *   Tbar_k   = L^(1-gamma) (Ibar((k+1)/L) - Ibar(k/L))                          k = 0 .. L-1
 *   W_L(k/L) = L^(gamma-1) sum_{j&lt;k} (T_j - Tbar_j) = S_L(k/L) - Ibar(k/L)        k = 0 .. L
 * </pre>
 * so that {@code sum_{k<L} Tbar_k = L^(1-gamma) Ibar(1)} exactly, and the noise path ends at
 * {@code S_L(1) - Ibar(1)}.
 *
 * <p><b>Where we differ from the reference code.</b> The reference sums the layers {@code k &lt; floor(t_i L)}
 * only; when {@code L} is not a multiple of {@code n} the layer that straddles {@code t_i} then counts fully or
 * not at all, a sawtooth of one layer's size in {@code Ibar} whose central differences are off by up to
 * {@code n / L} of the weights' size (about 90% for trend depths just above {@code n}, 5-10% on the paper's
 * sweep); we count that layer in proportion, which leaves multiples of {@code n} unchanged. The reference sets
 * {@code Tbar_k = L^-gamma n (Ibar(t_{i+1}) - Ibar(t_i))} with {@code i = floor(n k / L)}: the slope of
 * the grid interval that contains {@code k/L}, a piecewise-constant derivative. We use the trend's
 * increment over the layer's own interval {@code [k/L, (k+1)/L]}; the two agree when the layer lies
 * inside one grid interval and differ by the interpolation when it straddles a grid point, and ours makes
 * the denoised weights sum to the trend exactly. The reference averages one cell per depth over the
 * depths ranked 5th to 8th from the deepest ({@code [-8:-4]}); here the trend cells are all cells (all
 * seeds) of the depths chosen by {@link #trendDepths} ({@link LimitSettings#reference()} reproduces the
 * reference's choice of depths).
 *
 * <p><b>Exactness.</b> Constant weights {@code T_k = c L^-gamma} at depths that are multiples of
 * {@code n} give {@code Ibar(t) = c t} on the grid, so {@code Tbar = T} and {@code W = 0} to rounding.
 *
 * <p>References: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245 (section 4, the trend/noise decomposition and the loss with
 * denoised weights); reference code {@code instadeepai/scaling-resnets}, {@code denoising.py},
 * {@code coupling}.
 *
 * @param tensor          the tensor, e.g. {@code A} or {@code delta_A}
 * @param exponent        gamma, the rescaling exponent of the cumulative sums
 * @param nTimes          n, the grid has {@code n + 1} points
 * @param depths          the trend depths, increasing
 * @param cells           the trend cells' ids
 * @param cumulativeTrend {@code Ibar} on {@code t_i = i/n}
 * @param trend           {@code A-bar = d Ibar / dt} on the same grid
 */
public record TrendNoiseDecomposition(String tensor, double exponent, int nTimes, List<Integer> depths,
                                      List<String> cells, SampledPath cumulativeTrend, SampledPath trend) {

    /** The reference code's grid size. */
    public static final int DEFAULT_N_TIMES = 500;

    /**
     * Copies the lists.
     *
     * @param tensor the tensor
     * @param exponent gamma
     * @param nTimes n
     * @param depths the trend depths
     * @param cells the trend cells
     * @param cumulativeTrend Ibar
     * @param trend A-bar
     */
    public TrendNoiseDecomposition {
        depths = List.copyOf(depths);
        cells = List.copyOf(cells);
        if (cumulativeTrend.points() != nTimes + 1 || trend.points() != nTimes + 1) {
            throw new IllegalArgumentException("trend of " + tensor + " must have n_times + 1 = " + (nTimes + 1)
                    + " grid points");
        }
    }

    /**
     * The trend depths: the distinct depths above {@code nTimes}, without the {@code skipDeepest} deepest,
     * then the {@code count} deepest of the rest (all of them when {@code count = 0}).
     *
     * @param depths      the depths of the cells (repeats allowed)
     * @param nTimes      n; only depths {@code L > n} qualify
     * @param count       how many depths to keep, 0 for all
     * @param skipDeepest how many of the deepest qualifying depths to leave out
     * @return the trend depths, increasing; empty when none qualifies
     */
    public static List<Integer> trendDepths(Collection<Integer> depths, int nTimes, int count, int skipDeepest) {
        if (count < 0 || skipDeepest < 0) {
            throw new IllegalArgumentException("count and skipDeepest must be >= 0, got " + count + ", " + skipDeepest);
        }
        TreeSet<Integer> q = new TreeSet<>();
        for (int L : depths) {
            if (L > nTimes) {
                q.add(L);
            }
        }
        List<Integer> sorted = new ArrayList<>(q);
        int end = Math.max(0, sorted.size() - skipDeepest);
        int start = count == 0 ? 0 : Math.max(0, end - count);
        return List.copyOf(sorted.subList(start, end));
    }

    /**
     * One cell's rescaled cumulative sums on the grid:
     * {@code S_L(t_i) = L^(gamma-1) (sum_{k < m} T_k + (i L / n - m) T_m)}, {@code m = floor(i L / n)},
     * {@code i = 0 .. n}.
     *
     * @param T        the weights; not modified
     * @param exponent gamma
     * @param nTimes   n, at least 1
     * @return {@code (n + 1) * rows * cols} values, grid-point-major
     */
    public static double[] rescaledCumulativeSum(WeightSequence T, double exponent, int nTimes) {
        if (nTimes < 1) {
            throw new IllegalArgumentException("n_times must be at least 1, got " + nTimes);
        }
        int L = T.L();
        int m = T.layerSize();
        double scale = Math.pow(L, exponent - 1);
        double[] v = T.values();
        double[] running = new double[m];
        double[] out = new double[(nTimes + 1) * m];
        int k = 0;
        for (int i = 0; i <= nTimes; i++) {
            long num = (long) i * L;
            int upTo = (int) (num / nTimes);
            for (; k < upTo; k++) {
                int off = k * m;
                for (int e = 0; e < m; e++) {
                    running[e] += v[off + e];
                }
            }
            // the fraction of layer upTo that lies before t_i: (i L - upTo n) / n, exact in integers
            double frac = upTo < L ? (double) (num - (long) upTo * nTimes) / nTimes : 0;
            int to = i * m;
            int at = upTo * m;
            for (int e = 0; e < m; e++) {
                // S_L(t_i) = L^(gamma-1) (sum_{k < floor(t_i L)} T_k + frac T_floor(t_i L))
                out[to + e] = scale * (frac > 0 ? running[e] + frac * v[at + e] : running[e]);
            }
        }
        return out;
    }

    /**
     * Averages the trend cells' rescaled cumulative sums.
     *
     * @param tensor   the tensor
     * @param exponent gamma
     * @param nTimes   n
     * @param cells    the trend cells' ids
     * @param weights  their weights, finite, of one layer shape; not modified
     * @return the decomposition
     */
    public static TrendNoiseDecomposition of(String tensor, double exponent, int nTimes, List<String> cells,
                                             List<WeightSequence> weights) {
        Accumulator acc = new Accumulator(tensor, exponent, nTimes);
        for (int i = 0; i < weights.size(); i++) {
            acc.add(cells.get(i), weights.get(i));
        }
        return acc.build();
    }

    /**
     * The denoised weights at the depth of {@code T}: {@code Tbar_k = L^(1-gamma) (Ibar((k+1)/L) - Ibar(k/L))}.
     *
     * @param T the weights; only their depth and shape are used; not modified
     * @return the denoised weights, named as {@code T}
     */
    public WeightSequence denoise(WeightSequence T) {
        checkShape(T);
        int L = T.L();
        int m = T.layerSize();
        double scale = Math.pow(L, 1 - exponent);
        double[] out = new double[L * m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        cumulativeAt(0, L, lo);
        for (int k = 0; k < L; k++) {
            cumulativeAt(k + 1, L, hi);
            int off = k * m;
            for (int e = 0; e < m; e++) {
                // Tbar_k = L^(1-gamma) (Ibar((k+1)/L) - Ibar(k/L))
                out[off + e] = scale * (hi[e] - lo[e]);
            }
            double[] t = lo;
            lo = hi;
            hi = t;
        }
        return new WeightSequence(T.name(), L, T.rows(), T.cols(), out);
    }

    /**
     * The noise path of one cell on the grid {@code k/L}, {@code k = 0 .. L}:
     * {@code W_L(k/L) = L^(gamma-1) sum_{j<k} T_j - Ibar(k/L)}; its increments are the (rescaled) noise
     * increments {@code L^(gamma-1) (T_k - Tbar_k)}.
     *
     * @param T the weights; not modified
     * @return the path, {@code L + 1} points
     */
    public SampledPath noise(WeightSequence T) {
        checkShape(T);
        int L = T.L();
        int m = T.layerSize();
        double scale = Math.pow(L, exponent - 1);
        double[] v = T.values();
        double[] out = new double[(L + 1) * m];
        double[] running = new double[m];
        double[] trendValue = new double[m];
        for (int k = 0; k <= L; k++) {
            if (k > 0) {
                int off = (k - 1) * m;
                for (int e = 0; e < m; e++) {
                    running[e] += v[off + e];
                }
            }
            cumulativeAt(k, L, trendValue);
            int to = k * m;
            for (int e = 0; e < m; e++) {
                // W_L(k/L) = L^(gamma-1) sum_{j<k} T_j - Ibar(k/L)
                out[to + e] = scale * running[e] - trendValue[e];
            }
        }
        return SampledPath.uniform(L + 1, T.rows(), T.cols(), out);
    }

    /**
     * The quadratic variation of the noise path and the noise's share of the weights (see
     * {@link NoiseStatistics}).
     *
     * @param T the weights; not modified
     * @return the statistics
     */
    public NoiseStatistics noiseStatistics(WeightSequence T) {
        return noiseStatistics(T, denoise(T), exponent);
    }

    /**
     * The quadratic variation of the noise {@code T - Tbar} and its share of the weights (see
     * {@link NoiseStatistics}).
     *
     * @param T        the weights; not modified
     * @param bar      the denoised weights, same shape; not modified
     * @param exponent gamma
     * @return the statistics
     * @throws IllegalArgumentException when the shapes differ
     */
    public static NoiseStatistics noiseStatistics(WeightSequence T, WeightSequence bar, double exponent) {
        if (T.L() != bar.L() || T.layerSize() != bar.layerSize()) {
            throw new IllegalArgumentException(T + " and its denoised weights " + bar + " differ in shape");
        }
        double[] v = T.values();
        double[] w = bar.values();
        double raw = 0;
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - w[i];
            raw += d * d;
            total += v[i] * v[i];
        }
        int L = T.L();
        return new NoiseStatistics(Math.pow(L, 2 * exponent - 2) * raw, raw,
                total > 0 ? Math.sqrt(raw / total) : Double.NaN);
    }

    /** Ibar(k/L) by linear interpolation on the uniform grid i/n, in exact integer arithmetic for the cell. */
    private void cumulativeAt(int k, int L, double[] out) {
        double[] I = cumulativeTrend.values();
        int m = out.length;
        long num = (long) k * nTimes;
        int i = (int) (num / L);
        if (i >= nTimes) {
            System.arraycopy(I, nTimes * m, out, 0, m);
            return;
        }
        double frac = (double) (num - (long) i * L) / L;
        int a = i * m;
        int b = a + m;
        for (int e = 0; e < m; e++) {
            // Ibar(t) = Ibar(t_i) + (n t - i) (Ibar(t_{i+1}) - Ibar(t_i))
            out[e] = I[a + e] + frac * (I[b + e] - I[a + e]);
        }
    }

    private void checkShape(WeightSequence T) {
        if (T.rows() != cumulativeTrend.rows() || T.cols() != cumulativeTrend.cols()) {
            throw new IllegalArgumentException("weights " + T + " do not have the trend's layer shape "
                    + cumulativeTrend.rows() + " x " + cumulativeTrend.cols());
        }
    }

    /**
     * Averages rescaled cumulative sums cell by cell, keeping only their running sum
     * ({@code (n + 1) x rows x cols} numbers). Not thread-safe.
     */
    public static final class Accumulator {
        private final String tensor;
        private final double exponent;
        private final int nTimes;
        private final TreeSet<Integer> depths = new TreeSet<>();
        private final List<String> cells = new ArrayList<>();
        private double[] sum;
        private int rows;
        private int cols;

        /**
         * @param tensor   the tensor
         * @param exponent gamma, finite
         * @param nTimes   n, at least 1
         */
        public Accumulator(String tensor, double exponent, int nTimes) {
            if (nTimes < 1) {
                throw new IllegalArgumentException("n_times must be at least 1, got " + nTimes);
            }
            if (!Double.isFinite(exponent)) {
                throw new IllegalArgumentException("exponent " + exponent + " is not finite");
            }
            this.tensor = tensor;
            this.exponent = exponent;
            this.nTimes = nTimes;
        }

        /**
         * Adds one trend cell.
         *
         * @param cell its id
         * @param T    its weights; not modified, not kept
         * @throws IllegalArgumentException when the layer shape differs from the first cell's
         */
        public void add(String cell, WeightSequence T) {
            double[] s = rescaledCumulativeSum(T, exponent, nTimes);
            if (sum == null) {
                sum = s;
                rows = T.rows();
                cols = T.cols();
            } else {
                if (T.rows() != rows || T.cols() != cols) {
                    throw new IllegalArgumentException("trend cell " + cell + " has layer shape " + T.rows() + " x "
                            + T.cols() + ", the others " + rows + " x " + cols);
                }
                for (int i = 0; i < s.length; i++) {
                    sum[i] += s[i];
                }
            }
            depths.add(T.L());
            cells.add(cell);
        }

        /** @return the number of cells added */
        public int count() {
            return cells.size();
        }

        /**
         * @return the decomposition from the cells added so far
         * @throws IllegalStateException when no cell was added
         */
        public TrendNoiseDecomposition build() {
            if (sum == null) {
                throw new IllegalStateException("no trend cell of " + tensor + " was added");
            }
            int m = rows * cols;
            int n = nTimes;
            double[] I = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                I[i] = sum[i] / cells.size();
            }
            double[] rate = new double[I.length];
            for (int i = 0; i <= n; i++) {
                int lo = Math.max(0, i - 1);
                int hi = Math.min(n, i + 1);
                // A-bar(t_i) = (Ibar(t_hi) - Ibar(t_lo)) / (t_hi - t_lo)
                double inv = (double) n / (hi - lo);
                for (int e = 0; e < m; e++) {
                    rate[i * m + e] = inv * (I[hi * m + e] - I[lo * m + e]);
                }
            }
            return new TrendNoiseDecomposition(tensor, exponent, n, new ArrayList<>(depths), cells,
                    SampledPath.uniform(n + 1, rows, cols, I), SampledPath.uniform(n + 1, rows, cols, rate));
        }
    }
}
