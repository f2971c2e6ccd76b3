package org.rscale.analysis;

import java.util.OptionalDouble;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.rscale.sweeps.InvalidInputException;

/**
 * The statistics of a tensor's per-layer values {@code T_0 .. T_{L-1}} (SCIENCE.md section 4) whose
 * scaling with the depth {@code L} separates the regimes of section 5.
 *
 * <pre>
 *   key                        definition                                          defined for
 *   max_norm                   max_k ||T_k||                                       L &gt;= 1
 *   spectral_max               max_k ||T_k||_2                                     L &gt;= 1
 *   increment                  L^f max_{k&gt;=1} ||T_k - T_{k-1}||                    L &gt;= 2
 *   quadratic_variation        sum_{k&gt;=1} ||T_k - T_{k-1}||^2                       L &gt;= 2
 *   sobolev                    sqrt(L sum_{k&gt;=1} ||T_k - T_{k-1}||^2)               L &gt;= 2
 *   root_ssq                   sqrt(sum_k ||T_k||^2)                               L &gt;= 1
 *   l2                         sqrt((1/L) sum_k ||T_k||^2)                         L &gt;= 1
 *   cumulative_sum             ||sum_k T_k||                                       L &gt;= 1
 *   detrended_cumulative_sum   see {@link #DETRENDED_CUMULATIVE_SUM}               L &gt;= 1
 *   depth_average_norm         ||M||,  M = (1/L) sum_k T_k  (the depth average)    L &gt;= 1
 *   varying_max_norm           max_k ||T_k - M||  (the depth-varying part V_k)     L &gt;= 1
 *   varying_rms_norm           sqrt((1/L) sum_k ||T_k - M||^2)                     L &gt;= 1
 *   median_norm                median over k of ||T_k||                           L &gt;= 1
 *   q90_norm                   90% quantile over k of ||T_k||                     L &gt;= 1
 *   increment_rms              sqrt(sum_{k&gt;=1} ||T_k - T_{k-1}||^2 / (L - 1))      L &gt;= 2
 * </pre>
 *
 * <p><b>Two exponents and robust summaries.</b> Trained weights can have two exponents: the depth average
 * {@code M} may shrink like {@code L^-beta} while the depth-varying part {@code V_k = T_k - M} barely shrinks;
 * the max norm follows the larger part. {@code depth_average_norm} and {@code varying_max_norm} (or its RMS)
 * give each part its own fit. The max over {@code k} of a norm can sit in one odd layer (the first layers of
 * a ReLU network with a per-layer delta), so its log-log fit can be poor; {@code l2} (the RMS over k),
 * {@code median_norm} and {@code q90_norm} summarise the layers robustly. Quantiles are type 7 (numpy's
 * default, {@link SeedBootstrap#quantile}).
 *
 * <p><b>Conventions.</b> {@code ||.||} is the Frobenius norm (the Euclidean norm for vectors,
 * {@code |x|} for scalars). {@code ||.||_2} is the spectral norm, the largest singular value; for a
 * vector or a scalar it equals the Euclidean norm. Sums and maxima over {@code k} run over
 * {@code 0 .. L-1}, {@code k >= 1} over {@code 1 .. L-1}. {@code f} is the increment's rescaling
 * exponent, usually the fitted {@code beta}; {@code f = 0} gives the raw increment.
 *
 * <p><b>Edge cases.</b> {@link #compute} is empty when the statistic is undefined: statistics of
 * increments need {@code L >= 2}; any non-finite weight (a diverged or corrupt cell) or a non-finite
 * result (overflow) makes every statistic undefined. A statistic can be exactly 0 (e.g. the increment of
 * a constant path); {@link ScalingFit} drops such points and counts them.
 *
 * <p><b>Cost.</b> {@code O(L m)} time for {@code m = rows*cols} entries per layer, one or two
 * sequential passes, no allocation in the loops; {@link #SPECTRAL_MAX} adds one singular value
 * decomposition per layer that is not pruned (see there); {@link #DETRENDED_CUMULATIVE_SUM} uses
 * {@code O(L)} workspace.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (the statistics of the trained weights and the hypothesis tests);
 * SCIENCE.md section 4. Unlike the reference code, {@link #L2} is the root mean square, not the root
 * sum of squares.
 */
public enum WeightStatistic {
    /** {@code max_k ||T_k||}, Frobenius norm. Homogeneous of degree 1. */
    MAX_NORM("max_norm", 1, 1),
    /**
     * {@code max_k ||T_k||_2}, the largest singular value of each layer (the Euclidean norm for
     * vectors, {@code |x|} for scalars).
     *
     * <p>Algorithm: Commons Math {@link SingularValueDecomposition} per layer, pruned by
     * {@code ||T||_F / sqrt(min(rows, cols)) <= ||T||_2 <= ||T||_F}: a layer whose Frobenius norm is
     * below the best lower bound found so far cannot hold the maximum and is skipped. In the worst
     * case (all layers of similar norm, e.g. iid noise) every layer is decomposed,
     * {@code O(L rows cols min(rows, cols))}.
     *
     * <p>Measured (Java 17, one core of a 2-vCPU AMD EPYC): 100,000 iid Gaussian layers of 25 x 25 take
     * about 13 s, every layer decomposed, against about 0.1 s for each Frobenius statistic; the paper's
     * largest sweep (9,100 layers of 10 x 10) takes well under a second.
     */
    SPECTRAL_MAX("spectral_max", 1, 1),
    /** {@code L^f max_{k>=1} ||T_k - T_{k-1}||}. Homogeneous of degree 1 in {@code T}. */
    INCREMENT("increment", 2, 1),
    /** {@code sum_{k>=1} ||T_k - T_{k-1}||^2}. Homogeneous of degree 2. */
    QUADRATIC_VARIATION("quadratic_variation", 2, 2),
    /** The discrete H1 seminorm {@code sqrt(L sum_{k>=1} ||T_k - T_{k-1}||^2)}. Homogeneous of degree 1. */
    SOBOLEV("sobolev", 2, 1),
    /** {@code sqrt(sum_k ||T_k||^2)}. Homogeneous of degree 1. */
    ROOT_SSQ("root_ssq", 1, 1),
    /**
     * {@code sqrt((1/L) sum_k ||T_k||^2)}, the root mean square layer norm. The reference code returns
     * {@link #ROOT_SSQ} here (a bug); we do not copy it. Homogeneous of degree 1.
     */
    L2("l2", 1, 1),
    /** {@code ||sum_k T_k||}. Homogeneous of degree 1. */
    CUMULATIVE_SUM("cumulative_sum", 1, 1),
    /**
     * The largest distance of the partial sums from their local mean. With
     * {@code W_0 = 0, W_{k+1} = W_k + T_k} ({@code W_1 .. W_L}):
     * <pre>
     *   L &lt; 10:   max_{k=1..L}   ||W_k - (k/L) W_L||
     *   L &gt;= 10:  max_{k=1..L-1} ||W_k - m_k||,   w = max(3, floor(0.1 L)),
     *             m_k = mean(W_0 .. W_{2k-1})          if k &lt; w
     *                   mean(W_{k-w} .. W_{k+w-1})     if w &lt;= k &lt; L-w
     *                   mean(W_{2k-L} .. W_{L-1})      otherwise
     * </pre>
     * Every window has an even number of points (2k, 2w, 2(L-k)) and is centred on {@code k - 1/2}.
     * A constant path {@code T_k = c} gives 0 for {@code L < 10} and {@code ||c||/2} for {@code L >= 10}.
     *
     * <p>Algorithm: per block of 8 entries, prefix sums {@code P_i = sum_{j<i} W_j} for the first two
     * kinds of window and suffix sums {@code S_i = sum_{j>=i}^{L-1} W_j} for the last, so each mean
     * costs O(1) and the cancellation error stays {@code O(eps L max|W|)}; the squared deviations are
     * accumulated per {@code k} over the blocks. {@code O(L m)} time, {@code O(L)} workspace.
     * Homogeneous of degree 1.
     */
    DETRENDED_CUMULATIVE_SUM("detrended_cumulative_sum", 1, 1),
    /** {@code ||(1/L) sum_k T_k||}, the norm of the depth average. Homogeneous of degree 1. */
    DEPTH_AVERAGE_NORM("depth_average_norm", 1, 1),
    /** {@code max_k ||T_k - M||}, the largest depth-varying part. Homogeneous of degree 1. */
    VARYING_MAX_NORM("varying_max_norm", 1, 1),
    /** {@code sqrt((1/L) sum_k ||T_k - M||^2)}, the RMS of the depth-varying part. Homogeneous of degree 1. */
    VARYING_RMS_NORM("varying_rms_norm", 1, 1),
    /** The median over {@code k} of {@code ||T_k||} (type 7). Homogeneous of degree 1. */
    MEDIAN_NORM("median_norm", 1, 1),
    /** The 90% quantile over {@code k} of {@code ||T_k||} (type 7). Homogeneous of degree 1. */
    Q90_NORM("q90_norm", 1, 1),
    /** {@code sqrt(sum_{k>=1} ||T_k - T_{k-1}||^2 / (L - 1))}, the RMS increment. Homogeneous of degree 1. */
    INCREMENT_RMS("increment_rms", 2, 1);

    /** Entries per block of the detrended cumulative sum's column pass. */
    private static final int BLOCK = 8;

    private final String key;
    private final int minLayers;
    private final int degree;

    WeightStatistic(String key, int minLayers, int degree) {
        this.key = key;
        this.minLayers = minLayers;
        this.degree = degree;
    }

    /** @return the on-disk name ({@code statistics.csv}, {@code fits.csv}), snake_case */
    public String key() {
        return key;
    }

    /** @return the smallest depth for which the statistic is defined: 1, or 2 for statistics of increments */
    public int minLayers() {
        return minLayers;
    }

    /**
     * @return {@code p} such that the statistic of {@code c T} is {@code |c|^p} times that of {@code T}:
     *         2 for the quadratic variation, 1 for the others
     */
    public int homogeneityDegree() {
        return degree;
    }

    /**
     * @param key an on-disk name, e.g. {@code max_norm}
     * @return the statistic
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static WeightStatistic fromKey(String key) {
        for (WeightStatistic s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown weight statistic '" + key + "'");
    }

    /**
     * Computes the statistic.
     *
     * @param w                 the per-layer values; not modified
     * @param incrementExponent {@code f} in {@code L^f} for {@link #INCREMENT}, ignored by the others
     * @return the value, or empty when undefined: {@code L < minLayers()}, a non-finite weight, or a
     *         non-finite result
     * @throws IllegalArgumentException when {@code incrementExponent} is not finite
     */
    public OptionalDouble compute(WeightSequence w, double incrementExponent) {
        if (!Double.isFinite(incrementExponent)) {
            throw new IllegalArgumentException("increment exponent must be finite, got " + incrementExponent);
        }
        if (w.L() < minLayers || !w.isFinite()) {
            return OptionalDouble.empty();
        }
        return computeFinite(w, incrementExponent);
    }

    /** {@link #compute} without the finiteness scan, for callers that did it once for all statistics. */
    OptionalDouble computeFinite(WeightSequence w, double incrementExponent) {
        if (w.L() < minLayers) {
            return OptionalDouble.empty();
        }
        double v = switch (this) {
            case MAX_NORM -> maxNorm(w);
            case SPECTRAL_MAX -> spectralMax(w);
            case INCREMENT -> Math.pow(w.L(), incrementExponent) * Math.sqrt(maxSquaredIncrement(w));
            case QUADRATIC_VARIATION -> quadraticVariation(w);
            case SOBOLEV -> Math.sqrt(w.L() * quadraticVariation(w));
            case ROOT_SSQ -> Math.sqrt(sumOfSquares(w));
            case L2 -> Math.sqrt(sumOfSquares(w) / w.L());
            case CUMULATIVE_SUM -> cumulativeSum(w);
            case DETRENDED_CUMULATIVE_SUM -> detrendedCumulativeSum(w);
            case DEPTH_AVERAGE_NORM -> cumulativeSum(w) / w.L();
            case VARYING_MAX_NORM -> varying(w, true);
            case VARYING_RMS_NORM -> varying(w, false);
            case MEDIAN_NORM -> layerNormQuantile(w, 0.5);
            case Q90_NORM -> layerNormQuantile(w, 0.9);
            case INCREMENT_RMS -> Math.sqrt(quadraticVariation(w) / (w.L() - 1));
        };
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static double maxNorm(WeightSequence w) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double best = 0;
        int offset = 0;
        for (int k = 0; k < L; k++) {
            // ||T_k||_F^2 = sum_e T_k[e]^2
            double s = 0;
            int end = offset + m;
            for (int e = offset; e < end; e++) {
                s += v[e] * v[e];
            }
            if (s > best) {
                best = s;
            }
            offset = end;
        }
        return Math.sqrt(best);
    }

    private static double spectralMax(WeightSequence w) {
        int rows = w.rows();
        int cols = w.cols();
        if (rows == 1 || cols == 1) {
            // a vector's (or scalar's) spectral norm is its Euclidean norm
            return maxNorm(w);
        }
        double[] v = w.values();
        int L = w.L();
        int m = rows * cols;
        double invSqrtRank = 1.0 / Math.sqrt(Math.min(rows, cols));
        // pass 1: lower bound max_k ||T_k||_F / sqrt(min(rows, cols)) <= max_k ||T_k||_2
        double lower = 0;
        int offset = 0;
        for (int k = 0; k < L; k++) {
            double s = 0;
            int end = offset + m;
            for (int e = offset; e < end; e++) {
                s += v[e] * v[e];
            }
            double bound = Math.sqrt(s) * invSqrtRank;
            if (bound > lower) {
                lower = bound;
            }
            offset = end;
        }
        // pass 2: decompose the layers that can still hold the maximum, ||T_k||_2 <= ||T_k||_F
        double[][] layer = new double[rows][cols];
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(layer, false);
        double best = 0;
        offset = 0;
        for (int k = 0; k < L; k++) {
            double s = 0;
            int end = offset + m;
            for (int e = offset; e < end; e++) {
                s += v[e] * v[e];
            }
            double threshold = Math.max(best, lower);
            if (Math.sqrt(s) >= threshold && s > 0) {
                int e = offset;
                for (int i = 0; i < rows; i++) {
                    double[] row = layer[i];
                    for (int j = 0; j < cols; j++) {
                        row[j] = v[e++];
                    }
                }
                // ||T_k||_2 = largest singular value (the SVD copies the matrix)
                double sigma = new SingularValueDecomposition(matrix).getNorm();
                if (sigma > best) {
                    best = sigma;
                }
            }
            offset = end;
        }
        return best;
    }

    private static double maxSquaredIncrement(WeightSequence w) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double best = 0;
        int offset = m;
        for (int k = 1; k < L; k++) {
            // ||T_k - T_{k-1}||^2
            double s = 0;
            int end = offset + m;
            for (int e = offset; e < end; e++) {
                double d = v[e] - v[e - m];
                s += d * d;
            }
            if (s > best) {
                best = s;
            }
            offset = end;
        }
        return best;
    }

    private static double quadraticVariation(WeightSequence w) {
        double[] v = w.values();
        int n = v.length;
        int m = w.layerSize();
        // sum_{k>=1} ||T_k - T_{k-1}||^2 = sum over all entries from layer 1 on of (T[e] - T[e - m])^2
        double s = 0;
        for (int e = m; e < n; e++) {
            double d = v[e] - v[e - m];
            s += d * d;
        }
        return s;
    }

    private static double sumOfSquares(WeightSequence w) {
        double[] v = w.values();
        double s = 0;
        for (int e = 0; e < v.length; e++) {
            s += v[e] * v[e];
        }
        return s;
    }

    private static double cumulativeSum(WeightSequence w) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double[] sum = new double[m];
        int offset = 0;
        for (int k = 0; k < L; k++) {
            // sum += T_k
            for (int e = 0; e < m; e++) {
                sum[e] += v[offset + e];
            }
            offset += m;
        }
        double s = 0;
        for (int e = 0; e < m; e++) {
            s += sum[e] * sum[e];
        }
        return Math.sqrt(s);
    }

    /** {@code max_k ||T_k - M||} ({@code max}) or {@code sqrt(mean_k ||T_k - M||^2)}, M the depth average. */
    private static double varying(WeightSequence w, boolean max) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double[] mean = new double[m];
        int offset = 0;
        for (int k = 0; k < L; k++) {
            for (int e = 0; e < m; e++) {
                mean[e] += v[offset + e];
            }
            offset += m;
        }
        for (int e = 0; e < m; e++) {
            // M = (1/L) sum_k T_k
            mean[e] /= L;
        }
        double best = 0;
        double sum = 0;
        offset = 0;
        for (int k = 0; k < L; k++) {
            // ||V_k||^2 = ||T_k - M||^2
            double s = 0;
            for (int e = 0; e < m; e++) {
                double d = v[offset + e] - mean[e];
                s += d * d;
            }
            best = Math.max(best, s);
            sum += s;
            offset += m;
        }
        return Math.sqrt(max ? best : sum / L);
    }

    /** The type-7 quantile {@code p} over {@code k} of {@code ||T_k||}. */
    private static double layerNormQuantile(WeightSequence w, double p) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double[] norms = new double[L];
        int offset = 0;
        for (int k = 0; k < L; k++) {
            double s = 0;
            for (int e = offset; e < offset + m; e++) {
                s += v[e] * v[e];
            }
            norms[k] = Math.sqrt(s);
            offset += m;
        }
        java.util.Arrays.sort(norms);
        return SeedBootstrap.quantile(norms, p);
    }

    private static double detrendedCumulativeSum(WeightSequence w) {
        return w.L() < 10 ? detrendedShort(w) : detrendedLong(w);
    }

    /** {@code L < 10}: {@code max_{k=1..L} ||W_k - (k/L) W_L||}, layer-major with O(m) workspace. */
    private static double detrendedShort(WeightSequence w) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        double[] total = new double[m];
        int offset = 0;
        for (int k = 0; k < L; k++) {
            // W_L = sum_k T_k
            for (int e = 0; e < m; e++) {
                total[e] += v[offset + e];
            }
            offset += m;
        }
        double[] W = new double[m];
        double best = 0;
        offset = 0;
        for (int k = 1; k <= L; k++) {
            double t = (double) k / L;
            double s = 0;
            for (int e = 0; e < m; e++) {
                // W_k = W_{k-1} + T_{k-1};  deviation W_k - (k/L) W_L
                W[e] += v[offset + e];
                double d = W[e] - t * total[e];
                s += d * d;
            }
            if (s > best) {
                best = s;
            }
            offset += m;
        }
        return Math.sqrt(best);
    }

    /** {@code L >= 10}: local-mean detrending with prefix and suffix sums, entry blocks of {@link #BLOCK}. */
    private static double detrendedLong(WeightSequence w) {
        double[] v = w.values();
        int L = w.L();
        int m = w.layerSize();
        int window = Math.max(3, L / 10);
        int B = Math.min(BLOCK, m);
        // workspace, index i*B + b for i = 0..L
        double[] W = new double[(L + 1) * B];
        double[] P = new double[(L + 1) * B];
        double[] S = new double[(L + 1) * B];
        double[] dev2 = new double[L];
        for (int j0 = 0; j0 < m; j0 += B) {
            int nb = Math.min(B, m - j0);
            // W_0 = 0, P_0 = 0
            for (int b = 0; b < nb; b++) {
                W[b] = 0;
                P[b] = 0;
            }
            int src = j0;
            for (int i = 0; i < L; i++) {
                int cur = i * B;
                int next = cur + B;
                for (int b = 0; b < nb; b++) {
                    // W_{i+1} = W_i + T_i;  P_{i+1} = P_i + W_i
                    W[next + b] = W[cur + b] + v[src + b];
                    P[next + b] = P[cur + b] + W[cur + b];
                }
                src += m;
            }
            // S_L = 0;  S_i = S_{i+1} + W_i
            int last = L * B;
            for (int b = 0; b < nb; b++) {
                S[last + b] = 0;
            }
            for (int i = L - 1; i >= 0; i--) {
                int cur = i * B;
                int next = cur + B;
                for (int b = 0; b < nb; b++) {
                    S[cur + b] = S[next + b] + W[cur + b];
                }
            }
            for (int k = 1; k < L; k++) {
                int wk = k * B;
                if (k < L - window) {
                    // m_k = (P_{hi+1} - P_lo) / (hi - lo + 1): [0, 2k-1] if k < w, else [k-w, k+w-1]
                    int lo = k < window ? 0 : k - window;
                    int hi = k < window ? 2 * k - 1 : k + window - 1;
                    double inv = 1.0 / (hi - lo + 1);
                    int pHi = (hi + 1) * B;
                    int pLo = lo * B;
                    double s = 0;
                    for (int b = 0; b < nb; b++) {
                        double d = W[wk + b] - (P[pHi + b] - P[pLo + b]) * inv;
                        s += d * d;
                    }
                    dev2[k] += s;
                } else {
                    // m_k = S_{2k-L} / (2L - 2k), the mean of W_{2k-L} .. W_{L-1}
                    int lo = 2 * k - L;
                    double inv = 1.0 / (2 * (L - k));
                    int sLo = lo * B;
                    double s = 0;
                    for (int b = 0; b < nb; b++) {
                        double d = W[wk + b] - S[sLo + b] * inv;
                        s += d * d;
                    }
                    dev2[k] += s;
                }
            }
        }
        double best = 0;
        for (int k = 1; k < L; k++) {
            if (dev2[k] > best) {
                best = dev2[k];
            }
        }
        return Math.sqrt(best);
    }
}
