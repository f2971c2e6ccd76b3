package org.rscale.fits.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Euler&ndash;Maruyama scheme of the limit SDE ({@link SdeLimit}) on a grid
 * {@code t_0 &lt; t_1 &lt; ... &lt; t_n}, driven by given noise increments {@code dW^A_g}, {@code dW^b_g}:
 * <pre>
 *   X_g     = dW^A_g H_g + dW^b_g
 *   H_{g+1} = H_g + delta-bar(t_g) [ sigma'(0) ((A-bar(t_g) H_g + b-bar(t_g)) dt_g + X_g)
 *                                    + c sigma''(0)/2 (X_g)_i^2 ]                 (componentwise square)
 * </pre>
 * with {@code dt_g = t_{g+1} - t_g}, the coefficients at the left point, and {@code c = 1} with the
 * quadratic-variation correction, 0 without. The correction uses the realised squared increment
 * {@code (X_g)_i^2}, the increment of the discrete quadratic variation of {@code (W^A H + W^b)_i}, not its
 * conditional mean {@code H^T Sigma_i H dt}: both converge to {@code d[(W^A H + W^b)_i]_t}, and with the
 * network's own increments the realised square makes the scheme the network's step to second order.
 *
 * <p><b>Convergence.</b> For Brownian noise the scheme has strong order 1/2 (the Milstein correction,
 * built from iterated integrals of the noise, is left out) and weak order 1: on geometric Brownian motion
 * {@code dX = mu X dt + s X dW} (linear sigma, {@code A-bar = mu}, {@code W^A = s W}) the mean error
 * {@code E|X_1 - H_n|} decays like {@code n^-1/2}.
 *
 * <p><b>Edge cases.</b> A state that overflows propagates as infinity or NaN; callers check
 * ({@link LimitComparison} reports it as a failure, the many-path simulation counts the path as
 * diverged). Zero increments reduce the scheme to forward Euler for the linear ODE.
 *
 * <p>Reference: P. E. Kloeden, E. Platen, "Numerical Solution of Stochastic Differential Equations",
 * Springer 1992, sections 9.1 and 10.2 (strong order 1/2 of the Euler&ndash;Maruyama scheme).
 */
public final class EulerMaruyama {

    private EulerMaruyama() {
    }

    /**
     * One path from one input, driven by given increments on the grid {@code t}.
     *
     * @param sde the equation (coefficients, sigma, correction); its noise, if any, is not used
     * @param x   {@code H(t_0)}, d values; not modified
     * @param t   the grid, n+1 increasing times; not modified
     * @param dWA n*d*d increments of {@code W^A}, step-major, row-major; not modified
     * @param dWb n*d increments of {@code W^b}; not modified
     * @param out (n+1)*d states, {@code H(t_g)} at {@code [g d, (g+1) d)}; modified
     */
    public static void integrate(SdeLimit sde, double[] x, double[] t, double[] dWA, double[] dWb, double[] out) {
        LimitCoefficients c = sde.coefficients();
        int d = c.dim();
        int n = t.length - 1;
        if (x.length != d || n < 1 || dWA.length != (long) n * d * d || dWb.length != (long) n * d
                || out.length != (long) (n + 1) * d) {
            throw new IllegalArgumentException("Euler-Maruyama of width " + d + " on " + n + " steps needs x of " + d
                    + ", increments of " + (long) n * d * d + " and " + (long) n * d + ", out of " + (long) (n + 1) * d
                    + "; got " + x.length + ", " + dWA.length + ", " + dWb.length + ", " + out.length);
        }
        double slope = sde.activation().slopeAtZero();
        double halfCurv = sde.qvCorrection() ? 0.5 * sde.activation().curvatureAtZero() : 0.0;
        double[] A = new double[d * d];
        double[] b = new double[d];
        double[] delta = new double[1];
        System.arraycopy(x, 0, out, 0, d);
        for (int g = 0; g < n; g++) {
            c.A().valueAt(t[g], A);
            c.b().valueAt(t[g], b);
            c.delta().valueAt(t[g], delta);
            step(d, out, g * d, A, 0, b, 0, delta[0], t[g + 1] - t[g], dWA, g * d * d, dWb, g * d, slope, halfCurv,
                    out, (g + 1) * d);
        }
    }

    /**
     * Many paths on the uniform grid of {@code settings.steps()} steps, each driven by fresh increments
     * {@code N(0, Sigma dt)}, every path applied to all n inputs (as one network applies its weights to
     * all its inputs).
     */
    static List<TerminalDistribution> manyPaths(SdeLimit sde, double[] x, int n, DiffusionCovariance covariance,
                                                ManyPathSettings settings, SplittableRandom rng) {
        LimitCoefficients c = sde.coefficients();
        int d = c.dim();
        if (covariance.dim() != d) {
            throw new IllegalArgumentException("covariance of width " + covariance.dim() + " for an SDE of width " + d);
        }
        if (n < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException(n + " inputs of width " + d + " need " + (long) n * d
                    + " values, got " + x.length);
        }
        int steps = settings.steps();
        int paths = settings.paths();
        int m = covariance.m();
        double[] t = NoisePaths.uniformGrid(steps);
        double dt = 1.0 / steps;
        double sqrtDt = Math.sqrt(dt);
        double[][] F = covariance.factors();
        int maxRank = 0;
        for (double[] f : F) {
            maxRank = Math.max(maxRank, f.length / m);
        }
        // coefficients at the left points, shared by every path
        double[] A = new double[steps * d * d];
        double[] b = new double[steps * d];
        double[] delta = new double[steps];
        int[] window = new int[steps];
        double[] a1 = new double[d * d];
        double[] b1 = new double[d];
        double[] s1 = new double[1];
        for (int g = 0; g < steps; g++) {
            c.A().valueAt(t[g], a1);
            c.b().valueAt(t[g], b1);
            c.delta().valueAt(t[g], s1);
            System.arraycopy(a1, 0, A, g * d * d, d * d);
            System.arraycopy(b1, 0, b, g * d, d);
            delta[g] = s1[0];
            window[g] = covariance.window(t[g]);
        }
        double slope = sde.activation().slopeAtZero();
        double halfCurv = sde.qvCorrection() ? 0.5 * sde.activation().curvatureAtZero() : 0.0;
        double[] H = new double[n * d];
        double[] next = new double[d];
        double[] inc = new double[m];
        double[] z = new double[Math.max(1, maxRank)];
        double[] terminal = new double[paths * n * d];
        for (int p = 0; p < paths; p++) {
            System.arraycopy(x, 0, H, 0, n * d);
            for (int g = 0; g < steps; g++) {
                gaussianIncrement(F[window[g]], m, sqrtDt, rng, z, inc);
                for (int s = 0; s < n; s++) {
                    step(d, H, s * d, A, g * d * d, b, g * d, delta[g], dt, inc, 0, inc, d * d, slope, halfCurv,
                            next, 0);
                    System.arraycopy(next, 0, H, s * d, d);
                }
            }
            System.arraycopy(H, 0, terminal, p * n * d, n * d);
        }
        List<TerminalDistribution> out = new ArrayList<>(n);
        double[] levels = settings.levels();
        for (int s = 0; s < n; s++) {
            double[] values = new double[paths * d];
            int used = 0;
            for (int p = 0; p < paths; p++) {
                int off = (p * n + s) * d;
                double sq = 0;
                for (int i = 0; i < d; i++) {
                    sq += terminal[off + i] * terminal[off + i];
                }
                double norm = Math.sqrt(sq);
                if (Double.isFinite(norm) && norm <= settings.divergenceBound()) {
                    System.arraycopy(terminal, off, values, used * d, d);
                    used++;
                }
            }
            if (used < 2) {
                throw new IllegalStateException(sde.label() + ": " + (paths - used) + " of " + paths
                        + " paths diverged for input " + s + "; fewer than 2 remain");
            }
            out.add(TerminalDistribution.of(Arrays.copyOfRange(x, s * d, (s + 1) * d),
                    Arrays.copyOf(values, used * d), used, paths - used, levels));
        }
        return out;
    }

    /**
     * A Gaussian vector {@code F z scale}, z standard normal of the factor's rank r = F.length / m.
     *
     * @param F     m x r factor, row-major
     * @param m     rows
     * @param scale the multiplier, e.g. sqrt(dt)
     * @param rng   the generator
     * @param z     workspace of at least r values; modified
     * @param out   m values; modified
     */
    static void gaussianIncrement(double[] F, int m, double scale, SplittableRandom rng, double[] z, double[] out) {
        int r = F.length / m;
        for (int e = 0; e < r; e++) {
            z[e] = rng.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            double v = 0;
            int row = i * r;
            for (int e = 0; e < r; e++) {
                v += F[row + e] * z[e];
            }
            out[i] = v * scale;
        }
    }

    /** A Gaussian increment with a workspace allocated here (for one-off draws). */
    static void gaussianIncrement(double[] F, int m, double scale, SplittableRandom rng, double[] out) {
        gaussianIncrement(F, m, scale, rng, new double[Math.max(1, F.length / m)], out);
    }

    /** One Euler-Maruyama step from H at hOff into out at outOff (out must not overlap H's state). */
    private static void step(int d, double[] H, int hOff, double[] A, int aOff, double[] b, int bOff, double dbar,
                             double dt, double[] dWA, int waOff, double[] dWb, int wbOff, double slope,
                             double halfCurv, double[] out, int outOff) {
        for (int i = 0; i < d; i++) {
            double drift = b[bOff + i];
            double noise = dWb[wbOff + i];
            int aRow = aOff + i * d;
            int wRow = waOff + i * d;
            for (int j = 0; j < d; j++) {
                double h = H[hOff + j];
                // (A-bar H + b-bar)_i and X_i = (dW^A H + dW^b)_i
                drift += A[aRow + j] * h;
                noise += dWA[wRow + j] * h;
            }
            // H_i + delta-bar [sigma'(0) (drift dt + X_i) + c sigma''(0)/2 X_i^2]
            out[outOff + i] = H[hOff + i] + dbar * (slope * (drift * dt + noise) + halfCurv * noise * noise);
        }
    }
}
