package org.rscale.analysis;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The roughness of the cumulative-sum paths of one tensor at one depth: their quadratic variation and
 * the Hurst exponent of each entry's path, aggregated over the entries by the median.
 *
 * <p><b>The paths</b> (SCIENCE.md section 6). For entry {@code e} of {@code T_0 .. T_{L-1}} and the
 * rescaling exponent {@code gamma} (usually the fitted beta):
 * <pre>
 *   W_L(k/L) = L^(gamma-1) sum_{j&lt;k} T_j,      k = 0 .. L           (L + 1 points, W_L(0) = 0)
 * </pre>
 * A smooth limit (H1: {@code T_k = L^-beta f(k/L)}) makes {@code W_L} a Riemann sum of {@code f}, a
 * differentiable path; the diffusive regime (H2: drift {@code f/L} plus {@code L^-1/2} noise) makes it a
 * Brownian path plus a drift.
 *
 * <p><b>Quadratic variation</b>, summed over the entries:
 * <pre>
 *   raw_quadratic_variation = sum_k ||T_k||^2                                (the unscaled path, gamma = 1)
 *   quadratic_variation     = sum_k ||W_L((k+1)/L) - W_L(k/L)||^2 = L^(2 gamma - 2) sum_k ||T_k||^2
 * </pre>
 * It tends to 0 like {@code L^-1} for a smooth limit and to a non-zero constant in the diffusive regime
 * when {@code gamma = 1} (SCIENCE.md H2).
 *
 * <p><b>Hurst exponent of one path</b> {@code X_0 .. X_N} ({@code N = L}): the log-log slope of the
 * variogram of second-order increments over dyadic lags,
 * <pre>
 *   V(m) = (1 / (N - 2m + 1)) sum_{j=0}^{N-2m} (X_{j+2m} - 2 X_{j+m} + X_j)^2,    m = 1, 2, 4, ..., m_max
 *   m_max = the largest power of two &lt;= max(2, N / 32)
 *   H     = (OLS slope of log V(m) against log m) / 2
 * </pre>
 * For fractional Brownian motion of index {@code H}, {@code E V(m) = (4 - 2^(2H)) m^(2H)} exactly, for
 * every {@code H} in (0, 1); the estimator is asymptotically normal for all {@code H} in (0, 1) (first
 * differences are not for {@code H > 3/4}), and the second difference removes a linear drift exactly and
 * a smooth one up to {@code O(m^2/N^2)}, so a Brownian path with a drift still gives 1/2. A path with a
 * non-zero second derivative gives {@code V(m) ~ m^4}: {@code H} near 2. {@code H} therefore ranges in
 * (0, 2): values at or above 1 mean a differentiable (drift-dominated) path; the Hölder exponent is
 * {@code min(H, 1)} ({@link #holder()}), which is near 1 for a smooth limit and near 1/2 for a
 * diffusive one.
 *
 * <p><b>Measured bias</b> (numpy 2.4 simulation, 400 exact fBm paths per H by circulant embedding,
 * lags up to N/32): the mean of {@code H - H_true} lies between -0.007 and 0 for
 * {@code H in {0.2, 0.3, 0.5, 0.7, 0.9}} and {@code N in {512, 1024, 2048}}, against a per-path standard
 * deviation of 0.02-0.04. In Java, on 500 paths of {@code N = 1024} per H drawn by
 * {@code StationaryGaussianSequence} (as in {@code PathRoughnessTest}): mean bias -0.0018, -0.0023,
 * -0.0035, -0.0050, -0.0054 and standard deviation 0.021, 0.024, 0.028, 0.032, 0.034 for H = 0.2, 0.3,
 * 0.5, 0.7, 0.9; 17 to 19 of 20 medians of 25 entries lie within their 95.7% interval. The bias comes from {@code E log V != log E V} and grows with
 * {@code m_max / N}, hence the cap {@code N / 32}.
 *
 * <p><b>Aggregation.</b> The tensor's estimate is the {@link MedianEstimate} of its entries' {@code H}
 * (median, order-statistic interval, quartiles). The interval assumes independent entries; entries of a
 * trained matrix are not exactly independent, so read it as indicative.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code L < }{@value #MIN_LAYERS}: no Hurst estimate (too few lags), {@link #note()} says so;</li>
 *   <li>a path whose second differences vanish to rounding at some lag
 *       ({@code V(m) <= (}{@value #LINEAR_TOLERANCE}{@code )^2 max_j X_j^2}: constant weights give a
 *       linear path, zero weights a zero path) has no exponent and is counted in {@link #linearEntries()};
 *       without the guard, rounding noise would read as {@code H = 0};</li>
 *   <li>non-finite weights: nothing is defined; an unknown {@code gamma}: no rescaled quadratic variation.</li>
 * </ul>
 *
 * <p>References: J. Istas and G. Lang, "Quadratic variations and estimation of the local Hölder index
 * of a Gaussian process", Ann. Inst. H. Poincaré Probab. Statist. 33(4), 1997; J. T. Kent and A. T. A.
 * Wood, "Estimating the fractal dimension of a locally self-similar Gaussian process by using increments",
 * J. R. Stat. Soc. B 59(3), 1997; J.-F. Coeurjolly, "Estimating the parameters of a fractional Brownian
 * motion by discrete variations of its sample paths", Stat. Inference Stoch. Process. 4, 2001. The
 * regimes: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu,
 * arXiv:2212.08199.
 *
 * @param tensor                 the tensor's name
 * @param L                      the depth
 * @param exponent               {@code gamma} of the rescaling, empty when unknown
 * @param quadraticVariation     {@code L^(2 gamma - 2) sum_k ||T_k||^2}, empty when {@code gamma} is unknown
 *                               or the weights are not finite
 * @param rawQuadraticVariation  {@code sum_k ||T_k||^2}, empty when the weights are not finite
 * @param hurst                  the median Hurst exponent over the entries, empty when no entry has one
 * @param entries                entries per layer
 * @param linearEntries          entries whose path is linear (no exponent)
 * @param maxLag                 {@code m_max}, 0 when no estimate was attempted
 * @param note                   {@code ok}, or why {@link #hurst()} is empty
 */
public record PathRoughness(String tensor, int L, OptionalDouble exponent, OptionalDouble quadraticVariation,
                            OptionalDouble rawQuadraticVariation, Optional<MedianEstimate> hurst, int entries,
                            int linearEntries, int maxLag, String note) {

    /** The shortest path (in layers) with a Hurst estimate. */
    public static final int MIN_LAYERS = 16;
    /** {@code m_max = max(2, N / MAX_LAG_DIVISOR)}, rounded down to a power of two. */
    public static final int MAX_LAG_DIVISOR = 32;
    /** Relative size below which second differences count as rounding noise (a linear path). */
    public static final double LINEAR_TOLERANCE = 1e-12;
    /** The note of a complete estimate. */
    public static final String OK = "ok";

    /**
     * Measures one tensor at one depth.
     *
     * @param T        the per-layer values; not modified
     * @param exponent {@code gamma}, or empty when unknown (only the rescaled quadratic variation needs it)
     * @param level    the level of the median's interval, in (0, 1)
     * @return the roughness
     */
    public static PathRoughness of(WeightSequence T, OptionalDouble exponent, double level) {
        int L = T.L();
        int m = T.layerSize();
        if (!T.isFinite()) {
            return new PathRoughness(T.name(), L, exponent, OptionalDouble.empty(), OptionalDouble.empty(),
                    Optional.empty(), m, 0, 0, "not available: non-finite weights");
        }
        double ssq = 0;
        double[] v = T.values();
        for (int i = 0; i < v.length; i++) {
            ssq += v[i] * v[i];
        }
        OptionalDouble qv = exponent.isPresent()
                ? OptionalDouble.of(Math.pow(L, 2 * exponent.getAsDouble() - 2) * ssq) : OptionalDouble.empty();
        if (L < MIN_LAYERS) {
            return new PathRoughness(T.name(), L, exponent, qv, OptionalDouble.of(ssq), Optional.empty(), m, 0, 0,
                    "not available: " + L + " layers, a Hurst estimate needs at least " + MIN_LAYERS);
        }
        double[] h = entryHurst(T);
        int linear = 0;
        for (double x : h) {
            if (Double.isNaN(x)) {
                linear++;
            }
        }
        int[] lags = lags(L);
        int maxLag = lags[lags.length - 1];
        if (linear == m) {
            return new PathRoughness(T.name(), L, exponent, qv, OptionalDouble.of(ssq), Optional.empty(), m, linear,
                    maxLag, "not available: every entry's cumulative path is linear (constant or zero weights)");
        }
        return new PathRoughness(T.name(), L, exponent, qv, OptionalDouble.of(ssq),
                Optional.of(MedianEstimate.of(h, level)), m, linear, maxLag, OK);
    }

    /**
     * The Hurst exponent of every entry's cumulative path {@code X_k = sum_{j<k} T_j} (the rescaling does
     * not change it).
     *
     * @param T the per-layer values, {@code L >= }{@value #MIN_LAYERS}; not modified
     * @return one estimate per entry, row-major; NaN for a linear path
     * @throws IllegalArgumentException when {@code L < }{@value #MIN_LAYERS}
     */
    public static double[] entryHurst(WeightSequence T) {
        int L = T.L();
        if (L < MIN_LAYERS) {
            throw new IllegalArgumentException("a Hurst estimate needs at least " + MIN_LAYERS + " layers, got " + L);
        }
        int m = T.layerSize();
        double[] v = T.values();
        double[] path = new double[L + 1];
        double[] out = new double[m];
        int[] lags = lags(L);
        double[] work = new double[lags.length];
        for (int e = 0; e < m; e++) {
            // X_0 = 0, X_{k+1} = X_k + T_k[e]
            double x = 0;
            int idx = e;
            for (int k = 0; k < L; k++) {
                x += v[idx];
                path[k + 1] = x;
                idx += m;
            }
            out[e] = hurst(path, lags, work);
        }
        return out;
    }

    /**
     * The Hurst exponent of one path from its second-order variogram (see the class comment).
     *
     * @param path {@code X_0 .. X_N}, {@code N >= }{@value #MIN_LAYERS}; not modified
     * @return the estimate, empty for a linear path
     * @throws IllegalArgumentException when the path is too short
     */
    public static OptionalDouble hurst(double[] path) {
        int N = path.length - 1;
        if (N < MIN_LAYERS) {
            throw new IllegalArgumentException("a Hurst estimate needs a path of at least " + MIN_LAYERS
                    + " steps, got " + N);
        }
        int[] lags = lags(N);
        double h = hurst(path, lags, new double[lags.length]);
        return Double.isNaN(h) ? OptionalDouble.empty() : OptionalDouble.of(h);
    }

    /**
     * @param N the number of steps of a path, at least 4
     * @return the dyadic lags {@code 1, 2, 4, ..., m_max}, {@code m_max} the largest power of two
     *         {@code <= max(2, N / }{@value #MAX_LAG_DIVISOR}{@code )}
     */
    public static int[] lags(int N) {
        int cap = Math.max(2, N / MAX_LAG_DIVISOR);
        int count = 0;
        for (int lag = 1; lag <= cap; lag <<= 1) {
            count++;
        }
        int[] out = new int[count];
        int lag = 1;
        for (int i = 0; i < count; i++) {
            out[i] = lag;
            lag <<= 1;
        }
        return out;
    }

    /** H from the variogram at the given lags; NaN for a linear path. {@code logV} is workspace. */
    private static double hurst(double[] path, int[] lags, double[] logV) {
        int N = path.length - 1;
        double scale = 0;
        for (int j = 0; j <= N; j++) {
            scale = Math.max(scale, path[j] * path[j]);
        }
        double floor = LINEAR_TOLERANCE * LINEAR_TOLERANCE * scale;
        for (int i = 0; i < lags.length; i++) {
            int lag = lags[i];
            int count = N - 2 * lag + 1;
            double sum = 0;
            for (int j = 0; j < count; j++) {
                // (X_{j+2m} - 2 X_{j+m} + X_j)^2
                double d2 = path[j + 2 * lag] - 2 * path[j + lag] + path[j];
                sum += d2 * d2;
            }
            double V = sum / count;
            if (!(V > floor)) {
                return Double.NaN;
            }
            logV[i] = Math.log(V);
        }
        // OLS slope of log V against log m, halved
        double xbar = 0;
        double ybar = 0;
        for (int i = 0; i < lags.length; i++) {
            xbar += Math.log(lags[i]);
            ybar += logV[i];
        }
        xbar /= lags.length;
        ybar /= lags.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < lags.length; i++) {
            double dx = Math.log(lags[i]) - xbar;
            sxy += dx * (logV[i] - ybar);
            sxx += dx * dx;
        }
        return sxy / sxx / 2;
    }

    /** @return the median Hölder exponent {@code min(H, 1)} over the entries, empty without a Hurst estimate */
    public Optional<MedianEstimate> holder() {
        return hurst.map(h -> h.capped(1.0));
    }
}
