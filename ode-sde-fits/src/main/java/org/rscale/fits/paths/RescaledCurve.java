package org.rscale.fits.paths;

import org.rscale.analysis.WeightSequence;
import org.rscale.fits.SampledPath;

/**
 * The rescaled weights of one depth as a function of {@code t} in [0, 1], sampled on a common grid so
 * that depths can be compared (hypothesis H1 of SCIENCE.md section 5):
 * <pre>
 *   A_L(t) = L^beta T_{k(t)},   k(t) = min(floor(t L), L - 1)
 *   grid   t_g = g / (G - 1),   g = 0 .. G-1                  (G points, both ends included)
 * </pre>
 * {@code k(t)} is computed in integer arithmetic, {@code floor(g L / (G - 1))}, so grid points that fall
 * on a layer boundary pick that layer exactly; {@code t = 1} reads the last layer.
 *
 * <p><b>Why the rate is 1 for smooth weights.</b> If {@code T_k = L^-beta f(k/L)} with {@code f} of bounded
 * slope, then {@code A_L(t) = f(floor(tL)/L)} and {@code |A_L(t) - f(t)| <= |f'|_max / L}: two depths
 * {@code L < L'} differ by at most {@code 2 |f'|_max / L}, a sup distance of order {@code L^-1}. Noise of
 * size {@code L^-beta} does not shrink after rescaling and its distance does not decay.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245, hypothesis 1 ({@code max_k ||L^beta A_k - A-bar(k/L)|| -> 0}).
 */
public final class RescaledCurve {
    /** The default number of grid points G. */
    public static final int DEFAULT_POINTS = 200;

    private RescaledCurve() {
    }

    /**
     * Samples {@code L^exponent T_{k(t)}} on the uniform grid of {@code points} points.
     *
     * @param T        the per-layer values; not modified
     * @param exponent beta
     * @param points   G, at least 2
     * @return the curve, values of shape (rows, cols) at each grid point
     * @throws IllegalArgumentException when {@code points < 2} or the exponent is not finite
     */
    public static SampledPath of(WeightSequence T, double exponent, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("a rescaled curve needs at least 2 grid points, got " + points);
        }
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("rescaling exponent " + exponent + " is not finite");
        }
        int L = T.L();
        int m = T.layerSize();
        double scale = Math.pow(L, exponent);
        double[] src = T.values();
        double[] out = new double[points * m];
        for (int g = 0; g < points; g++) {
            // k(t_g) = min(floor(g L / (G - 1)), L - 1)
            int k = (int) Math.min((long) g * L / (points - 1), L - 1);
            int from = k * m;
            int to = g * m;
            for (int e = 0; e < m; e++) {
                out[to + e] = scale * src[from + e];
            }
        }
        return SampledPath.uniform(points, T.rows(), T.cols(), out);
    }
}
