package org.rscale.fits.limit;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.fits.SampledPath;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The noise paths {@code W^A(t)} (d x d) and {@code W^b(t)} (d) that drive the SDE of the diffusive
 * regime (SCIENCE.md section 5, H2): the part of the cumulative raw weights that the drift does not
 * explain,
 * <pre>
 *   sum_{k &lt; tL} A_k  -&gt;  int_0^t A-bar(s) ds + W^A(t),      sum_{k &lt; tL} b_k  -&gt;  int_0^t b-bar(s) ds + W^b(t).
 * </pre>
 * Both paths share one grid {@code 0 = t_0 &lt; ... &lt; t_n = 1}; only their increments over that grid
 * enter the Euler&ndash;Maruyama scheme ({@link EulerMaruyama}), which runs on this grid. Between grid points
 * a path is linear (it has no quadratic variation there), so the grid is the finest resolution of the
 * noise. The value at {@code t = 0} is not required to be 0.
 *
 * <p>Increments are laid out step-major: step {@code g} of {@code W^A} at
 * {@code [g d^2, (g+1) d^2)} (row-major), of {@code W^b} at {@code [g d, (g+1) d)}.
 *
 * @param WA {@code W^A}, d x d values per grid point
 * @param Wb {@code W^b}, d x 1 values per grid point, on the same grid
 */
public record NoisePaths(SampledPath WA, SampledPath Wb) {

    /**
     * Checks the shapes and that the grids agree.
     *
     * @param WA {@code W^A}, d x d
     * @param Wb {@code W^b}, d x 1, same grid
     * @throws IllegalArgumentException naming the mismatch
     */
    public NoisePaths {
        if (WA.rows() != WA.cols()) {
            throw new IllegalArgumentException("W^A must be square, is " + WA.rows() + " x " + WA.cols());
        }
        if (Wb.rows() != WA.rows() || Wb.cols() != 1) {
            throw new IllegalArgumentException("W^b must be " + WA.rows() + " x 1, is " + Wb.rows() + " x " + Wb.cols());
        }
        if (!Arrays.equals(WA.t(), Wb.t())) {
            throw new IllegalArgumentException("W^A and W^b must share one grid (" + WA.points() + " and "
                    + Wb.points() + " points)");
        }
    }

    /**
     * Cumulative sums of increments, starting from 0.
     *
     * @param d   the width
     * @param t   the grid, n+1 points from 0 to 1; kept, not copied
     * @param dWA n*d*d increments of {@code W^A}, step-major; not modified
     * @param dWb n*d increments of {@code W^b}; not modified
     * @return the paths
     */
    public static NoisePaths ofIncrements(int d, double[] t, double[] dWA, double[] dWb) {
        int n = t.length - 1;
        if (dWA.length != (long) n * d * d || dWb.length != (long) n * d) {
            throw new IllegalArgumentException(n + " steps of width " + d + " need " + n * d * d + " and " + n * d
                    + " increments, got " + dWA.length + " and " + dWb.length);
        }
        return new NoisePaths(new SampledPath(t, d, d, cumulative(dWA, n, d * d)),
                new SampledPath(t, d, 1, cumulative(dWb, n, d)));
    }

    /**
     * The network's own noise: what remains of its weights once the drift is taken out, on the grid
     * {@code t_k = k/L},
     * <pre>
     *   W^A(t_k) = sum_{j &lt; k} (A_j - A-bar(t_j) / L),      W^b(t_k) = sum_{j &lt; k} (b_j - b-bar(t_j) / L),
     * </pre>
     * the drift taken as the left-point Riemann sum (not the integral), so that drift and noise rebuild
     * {@code A_k} exactly and the Euler&ndash;Maruyama step on this grid is the network's step to second
     * order. {@code delta} is not used: in the diffusive regime {@code delta_k = delta-bar(t_k)}.
     *
     * @param net   the network; not modified
     * @param drift the drift coefficients (only {@code A-bar}, {@code b-bar} are used)
     * @return the paths on the network's grid
     */
    public static NoisePaths ofNetwork(ResidualNet net, LimitCoefficients drift) {
        int L = net.depth();
        int d = net.dim();
        if (drift.dim() != d) {
            throw new IllegalArgumentException("drift of width " + drift.dim() + " for a network of width " + d);
        }
        double[] t = uniformGrid(L);
        double[] dWA = new double[L * d * d];
        double[] dWb = new double[L * d];
        double[] a = new double[d * d];
        double[] bb = new double[d];
        double[] netA = net.A();
        double[] netB = net.b();
        double dt = 1.0 / L;
        for (int k = 0; k < L; k++) {
            drift.A().valueAt(t[k], a);
            drift.b().valueAt(t[k], bb);
            int aOff = k * d * d;
            for (int i = 0; i < d * d; i++) {
                // dW^A_k = A_k - A-bar(t_k) / L
                dWA[aOff + i] = netA[aOff + i] - a[i] * dt;
            }
            for (int i = 0; i < d; i++) {
                dWb[k * d + i] = netB[k * d + i] - bb[i] * dt;
            }
        }
        return ofIncrements(d, t, dWA, dWb);
    }

    /**
     * Simulated Brownian noise: on the uniform grid of {@code steps} steps, independent increments
     * {@code N(0, Sigma(t_g) dt)} with {@code Sigma} the piecewise-constant covariance of {@code covariance}
     * (window of the step's left point), drawn from {@link RandomStreams#of}(seed, "noise-paths;" + key,
     * {@link RandomStreams#NOISE}).
     *
     * @param covariance the diffusion covariance per unit time
     * @param steps      the number of steps, at least 1
     * @param seed       the seed
     * @param key        what the stream belongs to
     * @return the paths, starting at 0
     */
    public static NoisePaths brownian(DiffusionCovariance covariance, int steps, long seed, String key) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        int d = covariance.dim();
        int m = covariance.m();
        SplittableRandom rng = RandomStreams.of(seed, "noise-paths;" + key, RandomStreams.NOISE);
        double[][] factors = covariance.factors();
        double[] t = uniformGrid(steps);
        double[] dWA = new double[steps * d * d];
        double[] dWb = new double[steps * d];
        double[] inc = new double[m];
        for (int g = 0; g < steps; g++) {
            double[] F = factors[covariance.window(t[g])];
            EulerMaruyama.gaussianIncrement(F, m, Math.sqrt(t[g + 1] - t[g]), rng, inc);
            System.arraycopy(inc, 0, dWA, g * d * d, d * d);
            System.arraycopy(inc, d * d, dWb, g * d, d);
        }
        return ofIncrements(d, t, dWA, dWb);
    }

    /**
     * The same paths read on the uniform grid of {@code steps} steps: {@code W(k/steps)} by linear
     * interpolation, exact where {@code k/steps} is a point of this grid. With a grid of N uniform steps and
     * {@code steps} dividing N, the increments are sums of consecutive increments of this path: one
     * Brownian path seen by networks of several depths.
     *
     * @param steps the number of steps, at least 1
     * @return the resampled paths
     */
    public NoisePaths resampled(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        int d = dim();
        double[] t = uniformGrid(steps);
        double[] a = new double[(steps + 1) * d * d];
        double[] b = new double[(steps + 1) * d];
        double[] a1 = new double[d * d];
        double[] b1 = new double[d];
        for (int k = 0; k <= steps; k++) {
            WA.valueAt(t[k], a1);
            Wb.valueAt(t[k], b1);
            System.arraycopy(a1, 0, a, k * d * d, d * d);
            System.arraycopy(b1, 0, b, k * d, d);
        }
        return new NoisePaths(new SampledPath(t, d, d, a), new SampledPath(t, d, 1, b));
    }

    /** @return the width d */
    public int dim() {
        return WA.rows();
    }

    /** @return the number of steps n of the grid */
    public int steps() {
        return WA.points() - 1;
    }

    /** @return the grid, shared by both paths; not a copy: do not modify */
    public double[] grid() {
        return WA.t();
    }

    /** @return the n*d*d increments of {@code W^A} over the grid, step-major; a new array */
    public double[] incrementsA() {
        return differences(WA.values(), steps(), dim() * dim());
    }

    /** @return the n*d increments of {@code W^b} over the grid, step-major; a new array */
    public double[] incrementsB() {
        return differences(Wb.values(), steps(), dim());
    }

    static double[] uniformGrid(int steps) {
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = (double) k / steps;
        }
        t[steps] = 1.0;
        return t;
    }

    private static double[] cumulative(double[] inc, int n, int m) {
        double[] w = new double[(n + 1) * m];
        for (int g = 0; g < n; g++) {
            int from = g * m;
            int to = (g + 1) * m;
            for (int i = 0; i < m; i++) {
                w[to + i] = w[from + i] + inc[from + i];
            }
        }
        return w;
    }

    private static double[] differences(double[] w, int n, int m) {
        double[] inc = new double[n * m];
        for (int g = 0; g < n; g++) {
            int from = g * m;
            int to = (g + 1) * m;
            for (int i = 0; i < m; i++) {
                inc[from + i] = w[to + i] - w[from + i];
            }
        }
        return inc;
    }
}
