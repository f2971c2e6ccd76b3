package org.rscale.fits.limit;

import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * Residual networks that discretise a limit equation: the inverse of the table in
 * {@link LimitCoefficients}, for tests, demos and known-answer checks. All use per-layer delta
 * ({@link ScalingFactor#PER_LAYER}), so {@code delta-bar} may vary in t, and the {@code A h} convention.
 *
 * <pre>
 *   smooth(beta)   A_k = L^-beta A-bar(k/L),             b_k = L^-beta b-bar(k/L),             delta_k = L^(beta-1) delta-bar(k/L)
 *   diffusive      A_k = A-bar(k/L)/L + dW^A_k,          b_k = b-bar(k/L)/L + dW^b_k,          delta_k = delta-bar(k/L)
 * </pre>
 * {@code smooth(0)} is the forward Euler scheme of the neural ODE; {@code smooth(beta > 0)} converges to
 * the linear ODE; {@code diffusive} is, to second order, the Euler&ndash;Maruyama scheme of the SDE on the
 * noise's grid. {@code NoisePaths.ofNetwork(diffusive(c, sigma, W), c)} gives back {@code W} up to rounding.
 */
public final class LimitDiscretisation {

    private LimitDiscretisation() {
    }

    /**
     * The smooth network of depth L with weights {@code L^-beta} times the coefficients at {@code k/L}.
     *
     * @param c          the coefficients
     * @param activation sigma
     * @param L          the depth, at least 1
     * @param beta       the exponent, in [0, 1]
     * @return the network
     */
    public static ResidualNet smooth(LimitCoefficients c, Activation activation, int L, double beta) {
        if (L < 1 || !(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("need L >= 1 and beta in [0, 1], got L=" + L + ", beta=" + beta);
        }
        int d = c.dim();
        double[] A = new double[L * d * d];
        double[] b = new double[L * d];
        double[] delta = new double[L];
        double[] a1 = new double[d * d];
        double[] b1 = new double[d];
        double[] s1 = new double[1];
        double down = Math.pow(L, -beta);
        double up = Math.pow(L, beta - 1);
        for (int k = 0; k < L; k++) {
            double t = (double) k / L;
            c.A().valueAt(t, a1);
            c.b().valueAt(t, b1);
            c.delta().valueAt(t, s1);
            for (int i = 0; i < d * d; i++) {
                A[k * d * d + i] = down * a1[i];
            }
            for (int i = 0; i < d; i++) {
                b[k * d + i] = down * b1[i];
            }
            delta[k] = up * s1[0];
        }
        return ResidualNet.of(activation, ScalingFactor.PER_LAYER, L, d, A, b, delta);
    }

    /**
     * The diffusive network whose depth is the number of steps of the noise, on its grid, which must be
     * uniform ({@code t_k = k/L}).
     *
     * @param c          the drift coefficients
     * @param activation sigma
     * @param noise      the noise on a uniform grid of L steps
     * @return the network of depth L
     */
    public static ResidualNet diffusive(LimitCoefficients c, Activation activation, NoisePaths noise) {
        int L = noise.steps();
        int d = c.dim();
        if (noise.dim() != d) {
            throw new IllegalArgumentException("noise of width " + noise.dim() + " for coefficients of width " + d);
        }
        double[] t = noise.grid();
        for (int k = 0; k <= L; k++) {
            if (Math.abs(t[k] - (double) k / L) > 1e-12) {
                throw new IllegalArgumentException("a diffusive network needs the uniform grid k/L; point " + k
                        + " of the noise grid is " + t[k]);
            }
        }
        double[] dWA = noise.incrementsA();
        double[] dWb = noise.incrementsB();
        double[] A = new double[L * d * d];
        double[] b = new double[L * d];
        double[] delta = new double[L];
        double[] a1 = new double[d * d];
        double[] b1 = new double[d];
        double[] s1 = new double[1];
        for (int k = 0; k < L; k++) {
            double tk = (double) k / L;
            c.A().valueAt(tk, a1);
            c.b().valueAt(tk, b1);
            c.delta().valueAt(tk, s1);
            for (int i = 0; i < d * d; i++) {
                // A_k = A-bar(t_k) / L + dW^A_k
                A[k * d * d + i] = a1[i] / L + dWA[k * d * d + i];
            }
            for (int i = 0; i < d; i++) {
                b[k * d + i] = b1[i] / L + dWb[k * d + i];
            }
            delta[k] = s1[0];
        }
        return ResidualNet.of(activation, ScalingFactor.PER_LAYER, L, d, A, b, delta);
    }
}
