package org.rscale.fits.dynamics;

import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The hidden-state statistics of one trained network (VERDICT.md, "Per-network statistics"): one row of
 * {@code dynamics.csv}. A value that cannot be computed is NaN here and an empty field on disk.
 *
 * <p><b>Quadratic variations</b> over the {@code m = 2 floor(L/2)} first layers (the last layer of an odd depth
 * is left out so that both sums cover the same steps), {@code mean_x} over the probe inputs:
 * <pre>
 *   QV1 = mean_x sum_{k &lt; m} |h_{k+1} - h_k|^2
 *   QV2 = mean_x sum_{j &lt; m/2} |h_{2j+2} - h_{2j}|^2
 * </pre>
 * With increments {@code v/L} (drift) plus independent noise of variance {@code q/L}: {@code QV1 ~ |v|^2/L + q},
 * {@code QV2 ~ 2|v|^2/L + q}. Hence
 * <pre>
 *   kappa = QV2 / QV1                      2 for smooth increments, 1 for independent ones
 *   q     = 2 QV1 - QV2                    the diffusive part (= mean_x sum_j |Delta_2j - Delta_2j+1|^2 &gt;= 0)
 *   v2_two_step = L (QV2 - QV1)            the drift energy as VERDICT.md writes it
 * </pre>
 * <b>Drift energy used by the rule</b> ({@code v2}): the same identity on {@code B} blocks of about {@code L/B}
 * layers (boundaries {@code round(jL/B)}, {@code B = min(16, floor(L/2))}): with {@code QV_B} the sum of the
 * squared block increments and {@code QV1*} the sum over all L layers,
 * <pre>
 *   v2 = (QV_B - QV1*) / (1/B - 1/L)       (block length 2 gives v2_two_step back)
 *   v2_noise = q sqrt(2B)                  the sampling noise of v2 when the increments are pure noise: QV_B is
 *                                          then a sum of B squared increments of variance q/B, whose sd is
 *                                          q sqrt(2/B), times B
 * </pre>
 * Why: the two-step estimate's sampling noise is about {@code q sqrt(2L)} (a sum of L/2 products of independent
 * noise increments, times L), so in rough networks it grows with depth and goes negative (measured: 9 of 44
 * networks of the paper's ReLU sweep), which biases a log-log slope upwards; the block estimate's noise is about
 * {@code q sqrt(2B)} whatever L. For smooth networks both agree.
 *
 * <p><b>Active share</b> (gated activations, {@link Activation#gated()}: ReLU) {@code a = mean_x mean_k (1/d)
 * #{i : (A_k h_k + b_k)_i > 0}}, the share of units that are on along the trajectory; NaN for the others. Why:
 * with Brownian effective weights, {@code q} is about {@code a} times the diffusion one active unit carries, so
 * {@code q / a} separates a diffusion that fades from one whose units are being switched off (measured on the
 * paper's ReLU / per-layer sweep, 8 seeds: slope of q -0.43, of a -0.40, of q/a -0.03 +/- 0.06).
 *
 * <p><b>Fit floor</b> {@code f = mean_x |h_L - y|^2} with the training targets; for weights trained elsewhere
 * without targets, the scale {@code f = mean_x |h_L|^2} ({@link #F_SCALE}, said so in the output).
 *
 * <p><b>Own-coefficient networks</b> ({@code S} = {@link LowPass} with {@code modes} modes of a per-layer
 * tensor; effective weights {@code A~_k = delta_k A_k}, {@code b~_k = delta_k b_k}, {@code delta_k} as the
 * forward pass applies it):
 * <pre>
 *   linear   h_{k+1} = h_k + sigma'(0) (S(A~)_k h_k + S(b~)_k)            the Euler scheme of the alternative
 *                                                                         (linear) ODE with this network's
 *                                                                         smooth coefficients
 *   neural   h_{k+1} = h_k + S(delta)_k sigma(S(A)_k h_k + S(b)_k)        the same network, smooth coefficients
 *   sde      h_{k+1} = h_k + sigma'(0) (A~_k h_k + b~_k)                  Euler-Maruyama of the SDE with drift
 *                      + sigma''(0)/2 (R_k h_k + r_k)^2 (componentwise)   S(A~), S(b~) and noise increments the
 *                                                                         rough part R = A~ - S(A~), r = b~ - S(b~)
 *   linearised h_{k+1} = h_k + sigma'(0) (A~_k h_k + b~_k)                 the network's own linearisation (its
 *                                                                         raw weights, no low-pass)
 *   e_lin, e_nn, e_sde, e_nonlin = max over inputs and k = 0..L of |h_k - h'_k|
 * </pre>
 * {@code e_nonlin} isolates what the nonlinearity does (no smoothing error); {@code e_lin} adds to it what the
 * low-pass drops, and {@code e_nn} is that low-pass error alone. For tanh ({@code sigma''(0) = 0}) the rough-part
 * SDE and the linearised network coincide.
 * The rough-part SDE and the linear network need {@code sigma'(0)} (not ReLU: NaN). The SDE is the network's own
 * second-order expansion, so it matches any network whose weights are small; it is credited only when its error
 * is well below {@code e_nn}, i.e. when the rough part matters (see the prediction table).
 *
 * <p><b>Trajectories</b> for the spreads {@code D_seed}, {@code D_cons}: {@code h} at {@code t_g = g/(G-1)},
 * linear between layers ({@code h(t) = h_k + (tL - k)(h_{k+1} - h_k)}).
 *
 * @param cell      the cell's id
 * @param depth     L
 * @param seed      the seed, null when unknown
 * @param status    the training status (converged, stalled, ..., unknown)
 * @param inputs    the number of probe inputs
 * @param qv1       QV1
 * @param qv2       QV2
 * @param kappa     QV2 / QV1
 * @param q         2 QV1 - QV2
 * @param v2        the drift energy on blocks (the rule's)
 * @param v2TwoStep L (QV2 - QV1)
 * @param v2Noise   q sqrt(2B), the sampling noise of v2
 * @param f         the fit floor (or the scale)
 * @param fSource   {@link #F_TARGETS} or {@link #F_SCALE}
 * @param qOverF    q / f
 * @param activeShare the share of units on along the trajectory (gated activations), else NaN
 * @param eLin      distance to the own-coefficient linear network
 * @param eNn       distance to the own-coefficient nonlinear network
 * @param eSde      distance to the rough-part SDE
 * @param eNonlin   distance to the network's own linearisation (raw weights)
 * @param dSeed     the trajectory spread to the lowest-seed network of the same depth (NaN for that network)
 * @param dCons     the spread to the network of the same seed rank at the previous depth (NaN at the first)
 * @param note      {@value #OK} or why values are missing
 */
public record NetworkDynamics(String cell, int depth, Integer seed, String status, int inputs, double qv1, double qv2,
                              double kappa, double q, double v2, double v2TwoStep, double v2Noise, double f,
                              String fSource,
                              double qOverF, double activeShare, double eLin, double eNn, double eSde,
                              double eNonlin, double dSeed, double dCons, String note) {
    /** The note of a network that was measured. */
    public static final String OK = "ok";
    /** f is the fit error against the training targets. */
    public static final String F_TARGETS = "targets";
    /** f is the scale mean |h_L|^2 (no targets). */
    public static final String F_SCALE = "scale: mean |h_L|^2 (no targets)";
    /** The note of a diverged cell. */
    public static final String DIVERGED = "diverged: left out";

    /**
     * @param dSeedValue the spread to the lowest seed of the depth
     * @param dConsValue the spread to the previous depth
     * @return this row with the spreads
     */
    public NetworkDynamics withSpreads(double dSeedValue, double dConsValue) {
        return new NetworkDynamics(cell, depth, seed, status, inputs, qv1, qv2, kappa, q, v2, v2TwoStep, v2Noise, f,
                fSource, qOverF, activeShare, eLin, eNn, eSde, eNonlin, dSeedValue, dConsValue, note);
    }

    /** @return whether the network was measured (finite hidden states) */
    public boolean measured() {
        return OK.equals(note) || note.startsWith(PARTIAL);
    }

    /** The note prefix of a network measured without some candidates. */
    static final String PARTIAL = "ok, ";

    /**
     * A row for a cell that was not measured.
     *
     * @param cell   the cell's id
     * @param depth  L
     * @param seed   the seed
     * @param status the training status
     * @param note   why
     * @return the row, every value NaN
     */
    public static NetworkDynamics notMeasured(String cell, int depth, Integer seed, String status, String note) {
        double x = Double.NaN;
        return new NetworkDynamics(cell, depth, seed, status, 0, x, x, x, x, x, x, x, x, "", x, x, x, x, x, x, x, x,
                note);
    }

    /**
     * A network's statistics and its trajectories on the common grid.
     *
     * @param row          the statistics (without the spreads)
     * @param trajectories n*G*d values, input-major then grid point then coordinate; null when not measured
     */
    public record Measured(NetworkDynamics row, double[] trajectories) {
    }

    /**
     * Measures one network.
     *
     * @param net        the network (activation and delta as trained)
     * @param cell       its id
     * @param seed       its seed, or null
     * @param status     its training status
     * @param in         the probe inputs (and targets)
     * @param modes      the low-pass modes
     * @param blocks     the blocks of the drift energy
     * @param gridPoints G, the trajectory grid, at least 2
     * @return the statistics and the trajectories
     */
    public static Measured measure(ResidualNet net, String cell, Integer seed, String status, ProbeInputs in,
                                   int modes, int blocks, int gridPoints) {
        int L = net.depth();
        int d = net.dim();
        int n = in.n();
        if (in.d() != d) {
            throw new IllegalArgumentException("inputs of width " + in.d() + " for a network of width " + d);
        }
        Weights w = Weights.of(net, modes);
        int m = 2 * (L / 2);
        int B = Math.min(blocks, L / 2);
        int[] bound = new int[Math.max(B, 0) + 1];
        for (int j = 0; j <= B; j++) {
            bound[j] = (int) Math.round((double) j * L / Math.max(B, 1));
        }
        double[] kg = new double[gridPoints];
        for (int g = 0; g < gridPoints; g++) {
            kg[g] = g == gridPoints - 1 ? L : (double) g * L / (gridPoints - 1);
        }
        double[] traj = new double[n * gridPoints * d];
        double[] h = new double[d];
        double[] next = new double[d];
        double[] hl = new double[d];
        double[] hn = new double[d];
        double[] hs = new double[d];
        double[] hr = new double[d];
        double[] tmp = new double[d];
        double[] even = new double[d];
        double[] blockStart = new double[d];
        double qv1 = 0;
        double qv1All = 0;
        double qv2 = 0;
        double qvb = 0;
        double fSum = 0;
        double eLin = 0;
        double eNn = 0;
        double eSde = 0;
        double eNonlin = 0;
        boolean finite = true;
        for (int s = 0; s < n && finite; s++) {
            System.arraycopy(in.x(), s * d, h, 0, d);
            System.arraycopy(h, 0, hl, 0, d);
            System.arraycopy(h, 0, hn, 0, d);
            System.arraycopy(h, 0, hs, 0, d);
            System.arraycopy(h, 0, hr, 0, d);
            System.arraycopy(h, 0, even, 0, d);
            System.arraycopy(h, 0, blockStart, 0, d);
            int g = 0;
            int nextBound = 1;
            int trajOff = s * gridPoints * d;
            for (int k = 0; k < L; k++) {
                w.networkStep(k, h, next);
                double inc = 0;
                for (int i = 0; i < d; i++) {
                    double dh = next[i] - h[i];
                    inc += dh * dh;
                }
                qv1All += inc;
                if (k < m) {
                    qv1 += inc;
                    if ((k & 1) == 1) {
                        // a two-layer step h_{k+1} - h_{k-1}
                        qv2 += dist2(next, even, d);
                        System.arraycopy(next, 0, even, 0, d);
                    }
                }
                if (B >= 1 && nextBound <= B && k + 1 == bound[nextBound]) {
                    qvb += dist2(next, blockStart, d);
                    System.arraycopy(next, 0, blockStart, 0, d);
                    nextBound++;
                }
                // trajectory points with k <= t_g L <= k + 1
                while (g < gridPoints && kg[g] <= k + 1) {
                    double frac = kg[g] - k;
                    for (int i = 0; i < d; i++) {
                        traj[trajOff + g * d + i] = h[i] + frac * (next[i] - h[i]);
                    }
                    g++;
                }
                if (w.hasSlope) {
                    w.linearStep(k, hl, tmp);
                    System.arraycopy(tmp, 0, hl, 0, d);
                    w.sdeStep(k, hs, tmp);
                    System.arraycopy(tmp, 0, hs, 0, d);
                    eLin = worst(eLin, dist2(next, hl, d));
                    eSde = worst(eSde, dist2(next, hs, d));
                    w.linearisedStep(k, hr, tmp);
                    System.arraycopy(tmp, 0, hr, 0, d);
                    eNonlin = worst(eNonlin, dist2(next, hr, d));
                }
                w.neuralStep(k, hn, tmp);
                System.arraycopy(tmp, 0, hn, 0, d);
                eNn = worst(eNn, dist2(next, hn, d));
                double[] t = h;
                h = next;
                next = t;
                if (!Double.isFinite(inc)) {
                    finite = false;
                    break;
                }
            }
            if (!finite) {
                break;
            }
            double e2 = 0;
            for (int i = 0; i < d; i++) {
                double r = in.hasTargets() ? h[i] - in.y()[s * d + i] : h[i];
                e2 += r * r;
            }
            fSum += e2;
        }
        if (!finite || !Double.isFinite(fSum)) {
            return new Measured(notMeasured(cell, L, seed, status, "hidden states not finite: left out"), null);
        }
        double QV1 = qv1 / n;
        double QV2 = qv2 / n;
        double QV1all = qv1All / n;
        double QVB = qvb / n;
        double f = fSum / n;
        double nan = Double.NaN;
        double kappa = m >= 2 && QV1 > 0 ? QV2 / QV1 : nan;
        double q = m >= 2 ? 2 * QV1 - QV2 : nan;
        double v2Two = m >= 2 ? L * (QV2 - QV1) : nan;
        double v2 = B >= 2 ? (QVB - QV1all) / (1.0 / B - 1.0 / L) : nan;
        String note = OK;
        if (m < 2) {
            note = "fewer than 2 layers: no quadratic variation";
        } else if (!w.hasSlope) {
            note = PARTIAL + net.activation().key() + " has no sigma'(0): no linear network, no SDE";
        }
        if (Double.isInfinite(eNn) || Double.isInfinite(eLin) || Double.isInfinite(eSde)
                || Double.isInfinite(eNonlin)) {
            note = (note.equals(OK) ? PARTIAL : note + "; ") + "an own-coefficient network's states are not finite "
                    + "(its distance is left empty)";
        }
        double v2Noise = B >= 2 && m >= 2 ? q * Math.sqrt(2.0 * B) : nan;
        return new Measured(new NetworkDynamics(cell, L, seed, status, n, QV1, QV2, kappa, q, v2, v2Two, v2Noise, f,
                in.hasTargets() ? F_TARGETS : F_SCALE, f > 0 ? q / f : nan,
                w.gated ? (double) w.active / ((double) n * L * d) : nan, w.hasSlope ? eLin : nan, eNn,
                w.hasSlope ? eSde : nan, w.hasSlope ? eNonlin : nan, nan, nan, note), traj);
    }

    /** The running maximum of a distance; +Infinity once a candidate's states are not finite. */
    private static double worst(double sofar, double squared) {
        return Double.isFinite(squared) ? Math.max(sofar, Math.sqrt(squared)) : Double.POSITIVE_INFINITY;
    }

    private static double dist2(double[] a, double[] b, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double x = a[i] - b[i];
            s += x * x;
        }
        return s;
    }

    /** The network's weights, effective weights, their low-pass and the steps of the five networks. */
    private static final class Weights {
        final int L;
        final int d;
        final Activation sigma;
        final boolean hasSlope;
        /** Whether sigma is gated (ReLU): {@link #networkStep} then counts the units that are on. */
        final boolean gated;
        /** The units on so far, over every network step (gated activations only). */
        long active;
        final double s1;
        final double s2;
        final double[] A;
        final double[] b;
        final double[] delta;
        final double[] effA;
        final double[] effB;
        final double[] SA;
        final double[] Sb;
        final double[] lowA;
        final double[] lowB;
        final double[] lowD;

        private Weights(ResidualNet net, int modes) {
            L = net.depth();
            d = net.dim();
            sigma = net.activation();
            s1 = sigma.slopeAtZero();
            s2 = sigma.curvatureAtZero();
            hasSlope = Double.isFinite(s1) && Double.isFinite(s2);
            gated = sigma.gated();
            A = net.A();
            b = net.b();
            delta = new double[L];
            effA = new double[L * d * d];
            effB = new double[L * d];
            for (int k = 0; k < L; k++) {
                double dk = net.effectiveDelta(k);
                delta[k] = dk;
                for (int e = 0; e < d * d; e++) {
                    // A~_k = delta_k A_k
                    effA[k * d * d + e] = dk * A[k * d * d + e];
                }
                for (int e = 0; e < d; e++) {
                    effB[k * d + e] = dk * b[k * d + e];
                }
            }
            SA = LowPass.of(effA, L, d * d, modes);
            Sb = LowPass.of(effB, L, d, modes);
            lowA = LowPass.of(A, L, d * d, modes);
            lowB = LowPass.of(b, L, d, modes);
            lowD = LowPass.of(delta, L, 1, modes);
        }

        static Weights of(ResidualNet net, int modes) {
            return new Weights(net, modes);
        }

        /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k); counts the units with z &gt; 0 when sigma is gated. */
        void networkStep(int k, double[] h, double[] out) {
            int a = k * d * d;
            for (int i = 0; i < d; i++) {
                double z = b[k * d + i];
                for (int j = 0; j < d; j++) {
                    z += A[a + i * d + j] * h[j];
                }
                if (gated && z > 0) {
                    active++;
                }
                out[i] = h[i] + delta[k] * sigma.value(z);
            }
        }

        /** h_{k+1} = h_k + sigma'(0) (S(A~)_k h_k + S(b~)_k). */
        void linearStep(int k, double[] h, double[] out) {
            int a = k * d * d;
            for (int i = 0; i < d; i++) {
                double z = Sb[k * d + i];
                for (int j = 0; j < d; j++) {
                    z += SA[a + i * d + j] * h[j];
                }
                out[i] = h[i] + s1 * z;
            }
        }

        /** h_{k+1} = h_k + S(delta)_k sigma(S(A)_k h_k + S(b)_k). */
        void neuralStep(int k, double[] h, double[] out) {
            int a = k * d * d;
            for (int i = 0; i < d; i++) {
                double z = lowB[k * d + i];
                for (int j = 0; j < d; j++) {
                    z += lowA[a + i * d + j] * h[j];
                }
                out[i] = h[i] + lowD[k] * sigma.value(z);
            }
        }

        /** h_{k+1} = h_k + sigma'(0) (A~_k h_k + b~_k): the raw weights, linearised. */
        void linearisedStep(int k, double[] h, double[] out) {
            int a = k * d * d;
            for (int i = 0; i < d; i++) {
                double u = effB[k * d + i];
                for (int j = 0; j < d; j++) {
                    u += effA[a + i * d + j] * h[j];
                }
                out[i] = h[i] + s1 * u;
            }
        }

        /** h_{k+1} = h_k + sigma'(0)(A~_k h + b~_k) + sigma''(0)/2 ((A~_k - S(A~)_k) h + b~_k - S(b~)_k)^2. */
        void sdeStep(int k, double[] h, double[] out) {
            int a = k * d * d;
            for (int i = 0; i < d; i++) {
                double u = effB[k * d + i];
                double r = u - Sb[k * d + i];
                for (int j = 0; j < d; j++) {
                    double x = effA[a + i * d + j] * h[j];
                    u += x;
                    r += x - SA[a + i * d + j] * h[j];
                }
                out[i] = h[i] + s1 * u + 0.5 * s2 * r * r;
            }
        }
    }
}
