package org.rscale.fits.limit;

import java.util.Arrays;

import org.rscale.fits.SampledPath;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The drift coefficients {@code A-bar(t)}, {@code b-bar(t)} and {@code delta-bar(t)} of a limit equation
 * (SCIENCE.md section 6), as functions of the layer time {@code t = k/L} in [0, 1].
 *
 * <p><b>Convention (one for all three equations).</b> The network is
 * {@code h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k)}, {@code k = 0..L-1}, with {@code A_k}
 * multiplying column vectors, and {@code H(t)} is the limit of {@code h_floor(tL)}. The coefficients are
 * what the network's parameters become once rescaled so that the network is the Euler (or
 * Euler&ndash;Maruyama) scheme of the equation with step {@code 1/L}, evaluated at the left point
 * {@code t_k = k/L}:
 * <pre>
 *   equation     delta_k                      A_k                                      b_k
 *   neural-ode   delta-bar(t_k) / L           A-bar(t_k)                               b-bar(t_k)
 *   linear-ode   delta-bar(t_k) L^(beta-1)    L^-beta A-bar(t_k)                       L^-beta b-bar(t_k)
 *   sde          delta-bar(t_k)               A-bar(t_k) / L + W^A(t_{k+1}) - W^A(t_k)  b-bar(t_k) / L + W^b(t_{k+1}) - W^b(t_k)
 * </pre>
 * In each case the drift of the effective weight is {@code delta_k A_k ~ delta-bar A-bar / L}. The
 * linear ODE depends on the products {@code delta-bar A-bar} and {@code delta-bar b-bar} only (so beta does
 * not enter it); the neural ODE needs the split, since {@code delta-bar sigma(z) != sigma(delta-bar z)}
 * unless sigma is linear (or ReLU with {@code delta-bar > 0}). SCIENCE.md writes the SDE for
 * {@code delta-bar = 1}; a general {@code delta-bar} multiplies its whole right-hand side, with the noise
 * paths those of the raw weights (see {@link SdeLimit}).
 *
 * <p><b>From a trained network.</b> For a network whose weights are a known smooth function,
 * {@code A-bar(t)} is that function. For one trained network of depth {@code L} in the ODE regimes,
 * {@link #ofNetwork(ResidualNet, double)} takes the rescaled weights themselves as the curve. From a depth
 * sweep, {@code A-bar} is the limit of the rescaled weights {@code L^beta A_floor(tL)} (neural ODE:
 * beta = 0) and {@code delta-bar = lim L^(1-beta) delta}; in the diffusive regime {@code A-bar} is the
 * derivative of the trend of the cumulative sums {@code sum_{k < tL} A_k} and {@code delta-bar = lim delta}
 * (the trend/noise decomposition of SCIENCE.md section 6).
 *
 * <p>Between their grid points the paths are read by linear interpolation ({@link SampledPath#valueAt});
 * the ODE integrator restarts at every grid point ({@link #breakpoints()}), where the right-hand side
 * has a kink.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual
 * Networks", arXiv:2212.08199.
 *
 * @param A     {@code A-bar}, d x d values per grid point (row-major, {@code A h} convention)
 * @param b     {@code b-bar}, d x 1
 * @param delta {@code delta-bar}, 1 x 1
 */
public record LimitCoefficients(SampledPath A, SampledPath b, SampledPath delta) {

    /**
     * Checks the shapes.
     *
     * @param A {@code A-bar}, d x d
     * @param b {@code b-bar}, d x 1
     * @param delta {@code delta-bar}, 1 x 1
     * @throws IllegalArgumentException naming the path whose shape is wrong
     */
    public LimitCoefficients {
        if (A.rows() != A.cols()) {
            throw new IllegalArgumentException("A-bar must be square, is " + A.rows() + " x " + A.cols());
        }
        if (b.rows() != A.rows() || b.cols() != 1) {
            throw new IllegalArgumentException("b-bar must be " + A.rows() + " x 1, is " + b.rows() + " x " + b.cols());
        }
        if (delta.rows() != 1 || delta.cols() != 1) {
            throw new IllegalArgumentException("delta-bar must be 1 x 1, is " + delta.rows() + " x " + delta.cols());
        }
    }

    /**
     * @param A         {@code A-bar}, d x d
     * @param b         {@code b-bar}, d x 1
     * @param deltaBar  the constant {@code delta-bar}
     * @return the coefficients, {@code delta-bar} constant on [0, 1]
     */
    public static LimitCoefficients of(SampledPath A, SampledPath b, double deltaBar) {
        return new LimitCoefficients(A, b, SampledPath.uniform(2, 1, 1, new double[] {deltaBar, deltaBar}));
    }

    /**
     * Constant coefficients.
     *
     * @param d        the width
     * @param A        d*d values, row-major; copied
     * @param b        d values; copied
     * @param deltaBar {@code delta-bar}
     * @return the coefficients, constant on [0, 1]
     */
    public static LimitCoefficients constant(int d, double[] A, double[] b, double deltaBar) {
        if (A.length != d * d || b.length != d) {
            throw new IllegalArgumentException("constant coefficients of width " + d + " need " + d * d + " + " + d
                    + " values, got " + A.length + " + " + b.length);
        }
        double[] a2 = new double[2 * d * d];
        double[] b2 = new double[2 * d];
        System.arraycopy(A, 0, a2, 0, d * d);
        System.arraycopy(A, 0, a2, d * d, d * d);
        System.arraycopy(b, 0, b2, 0, d);
        System.arraycopy(b, 0, b2, d, d);
        return of(SampledPath.uniform(2, d, d, a2), SampledPath.uniform(2, d, 1, b2), deltaBar);
    }

    /**
     * The rescaled weights of one network as the limit curve of an ODE regime:
     * <pre>
     *   A-bar(k/L) = L^beta A_k,   b-bar(k/L) = L^beta b_k,   delta-bar(k/L) = L^(1-beta) delta_k,   k = 0..L-1,
     * </pre>
     * on the grid {@code t_k = k/L}, {@code k = 0..L}, the value at {@code t = 1} repeating layer
     * {@code L-1}; {@code delta_k} is the factor the forward pass applies ({@code |delta|} when shared).
     * The network is then exactly the Euler scheme of the ODE with these (piecewise-linear) coefficients:
     * beta = 0 for the neural ODE; for the linear ODE any beta gives the same products
     * {@code delta-bar A-bar = L delta_k A_k}.
     *
     * @param net  the network; not modified
     * @param beta the rescaling exponent of the weights, in [0, 1]
     * @return the coefficients
     */
    public static LimitCoefficients ofNetwork(ResidualNet net, double beta) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
        int L = net.depth();
        int d = net.dim();
        double up = Math.pow(L, beta);
        double down = Math.pow(L, 1 - beta);
        double[] A = new double[(L + 1) * d * d];
        double[] b = new double[(L + 1) * d];
        double[] delta = new double[L + 1];
        double[] netA = net.A();
        double[] netB = net.b();
        for (int k = 0; k <= L; k++) {
            int layer = Math.min(k, L - 1);
            int aSrc = layer * d * d;
            int aDst = k * d * d;
            for (int i = 0; i < d * d; i++) {
                A[aDst + i] = up * netA[aSrc + i];
            }
            for (int i = 0; i < d; i++) {
                b[k * d + i] = up * netB[layer * d + i];
            }
            delta[k] = down * net.effectiveDelta(layer);
        }
        return new LimitCoefficients(SampledPath.uniform(L + 1, d, d, A), SampledPath.uniform(L + 1, d, 1, b),
                SampledPath.uniform(L + 1, 1, 1, delta));
    }

    /** @return the width d */
    public int dim() {
        return A.rows();
    }

    /**
     * @return the sorted union of the three grids: the times where the interpolated coefficients may have
     *         a kink; from 0 to 1
     */
    public double[] breakpoints() {
        double[] all = new double[A.points() + b.points() + delta.points()];
        System.arraycopy(A.t(), 0, all, 0, A.points());
        System.arraycopy(b.t(), 0, all, A.points(), b.points());
        System.arraycopy(delta.t(), 0, all, A.points() + b.points(), delta.points());
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[i] != all[n - 1]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }
}
