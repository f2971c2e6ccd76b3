package org.rscale.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;

/**
 * Weight paths of known regime, for tests and demos: each generator returns the per-layer values
 * {@code T_0 .. T_{L-1}} of one tensor at depth {@code L}, built from a fixed smooth curve {@code f} on
 * [0, 1] and standard Gaussian noise {@code xi_k}:
 * <pre>
 *   generator                          T_k                                   predicted log-log slopes (SCIENCE.md 5)
 *   smooth(beta)                       L^-beta f(k/L)                        max -beta, increment -beta-1,
 *                                                                            quadratic_variation -2beta-1, root_ssq 1/2-beta
 *   iid(beta)                          L^-beta xi_k                          max ~ -beta (+ log factor), increment ~ -beta,
 *                                                                            quadratic_variation 1-2beta, root_ssq 1/2-beta
 *   diffusive                          f(k/L)/L + L^-1/2 xi_k                max, increment ~ -1/2,
 *                                                                            quadratic_variation, root_ssq ~ 0 (flat, non-zero)
 *   nonShrinking                       f(k/L) + xi_k                         max, increment ~ 0, quadratic_variation 1,
 *                                                                            root_ssq 1/2
 *   smoothPlusNoise(beta, gamma)       L^-beta f(k/L) + L^-gamma xi_k        a crossover: the noise dominates the
 *                                                                            increments when gamma &lt; beta + 1
 * </pre>
 * "~" marks slopes with a slowly varying correction: the maximum over {@code L} layers of a noise norm
 * grows like {@code sqrt(2 log L)} for scalars (less for larger layers), which adds about
 * {@code 1/(2 log L)} to the local slope. Increments are raw ({@code f = 0}).
 *
 * <p><b>The curve.</b> Entry {@code e} of {@code f} is the trigonometric polynomial
 * <pre>
 *   f_e(t) = c_e + sum_{p=1..3} (a_{e,p} sin(2 pi p t) + b_{e,p} cos(2 pi p t)) / p
 * </pre>
 * with standard Gaussian coefficients drawn from the seed alone, so the same seed gives the same
 * {@code f} at every depth (the limit curve {@code A-bar} of hypothesis H1).
 *
 * <p><b>Randomness.</b> {@link SplittableRandom} streams seeded by a mix of (seed, purpose) for the curve
 * and (seed, purpose, L) for the noise: deterministic, independent of call order, and different for
 * different depths. {@code xi_k} has independent standard normal entries.
 *
 * <p><b>Names.</b> The sequence is named {@code A} when {@code rows > 1} and {@code cols > 1}, {@code b}
 * for a column vector, {@code delta} for a scalar and {@code A} otherwise.
 *
 * <p><b>Whole networks</b> ({@link Network}: {@code A_k}, {@code b_k} and the scaling factor of a tanh network
 * {@code h_{k+1} = h_k + delta_k tanh(A_k h_k + b_k)}) of known hidden-state regime, for the verdict decided on
 * the hidden states (VERDICT.md). {@code f}, {@code g} are the curves above for {@code A} and {@code b} (seeds
 * {@code seed} and {@code seed + 1}), {@code xi} independent noise, {@code a} the amplitude, each entry scaled by
 * {@code 1/sqrt(2 d)} so that {@code A h} is of order {@code a} for unit {@code h}:
 * <pre>
 *   generator                          A_k, b_k                                  delta           regime of h
 *   odeNetwork(beta, gamma)            a (L^-beta f(k/L) + L^-gamma xi_k)        L^(beta-1)      ode: smooth, diffusion
 *                                                                                shared          q ~ L^(2beta-1-2gamma);
 *                                                                                                linear ODE for beta &gt; 0
 *                                                                                                (tanh), neural for 0
 *   runSpecificOdeNetwork(beta)        as odeNetwork, f and g drawn anew for     L^(beta-1)      ode, coefficients not
 *                                      every (seed, L)                                           identified
 *   brownianNetwork                    a (f(k/L)/(5L) + L^-1/2 xi_k)             1 (none)        sde: rough, q flat
 *   decayingDiffusionNetwork(gamma)    a (f(k/L)/(5L) + L^-gamma xi_k), gamma &gt; 1/2  1 (none)   crossover: rough, q ~
 *                                                                                                L^(1-2gamma) decays
 *   nonShrinkingNetwork                a (f(k/L) + xi_k)                         1 (none)        neither: increments
 *                                                                                                of order 1
 *   gatedDiffusionNetwork(s, gamma)    a L^-gamma xi_k; b_k = 0 on live layers   +/-1 per layer  relu; gamma = 1/2:
 *                                      (share min(1, (L/32)^-s)), very negative                  crossover, q ~ L^-s
 *                                      on the others                                             from the units on
 *   growingDriftNetwork(growth)        a f(k/L)                                  L^(growth-1)    smooth, vanishing
 *                                                                                shared          noise, drift energy
 *                                                                                                ~ L^(2 growth): drift
 *                                                                                                growing
 * </pre>
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (hypotheses H1, H2); SCIENCE.md section 5.
 */
public final class KnownRegimeWeights {
    private static final long PURPOSE_CURVE = 0x6375727665L;
    private static final long PURPOSE_NOISE = 0x6e6f697365L;
    private static final int HARMONICS = 3;
    /** The drift of the diffusive networks, relative to their noise amplitude. */
    private static final double DRIFT = 0.2;
    /** The activation of every generator but the gated one. */
    private static final String TANH = "tanh";
    /** Purpose of the stream that draws the gated network's live layers and delta signs. */
    private static final long PURPOSE_GATE = 0x67617465L;
    /** The depth at which every layer of the gated network is live. */
    private static final int GATE_REFERENCE_DEPTH = 32;

    private KnownRegimeWeights() {
    }

    /**
     * The smooth regime (H1): {@code T_k = L^-beta f(k/L)}.
     * Predicted slopes: max norm {@code -beta}, raw increment {@code -beta-1}, quadratic variation
     * {@code -2beta-1}, root SSQ {@code 1/2-beta}.
     *
     * @param L    depth, at least 1
     * @param rows rows per layer, at least 1
     * @param cols columns per layer, at least 1
     * @param beta the scaling exponent, finite
     * @param seed determines {@code f}
     * @return the sequence
     * @throws InvalidInputException naming the parameter when out of range
     */
    public static WeightSequence smooth(int L, int rows, int cols, double beta, long seed) {
        check(L, rows, cols, beta, 0);
        return generate(L, rows, cols, Math.pow(L, -beta), 0, seed);
    }

    /**
     * Independent noise: {@code T_k = L^-beta xi_k}.
     * Predicted slopes: max norm and raw increment {@code ~ -beta} (with the log factor), quadratic
     * variation {@code 1-2beta}, root SSQ {@code 1/2-beta}. With {@code beta = 1/2} this is the
     * driftless diffusive regime.
     *
     * @param L    depth, at least 1
     * @param rows rows per layer, at least 1
     * @param cols columns per layer, at least 1
     * @param beta the scaling exponent, finite
     * @param seed determines the noise
     * @return the sequence
     * @throws InvalidInputException naming the parameter when out of range
     */
    public static WeightSequence iid(int L, int rows, int cols, double beta, long seed) {
        check(L, rows, cols, beta, 0);
        return generate(L, rows, cols, 0, Math.pow(L, -beta), seed);
    }

    /**
     * The diffusive regime (H2): {@code T_k = f(k/L)/L + L^-1/2 xi_k}, a drift of size {@code 1/L} plus
     * the increments of a Brownian path. Predicted slopes: max norm and raw increment {@code ~ -1/2},
     * quadratic variation and root SSQ flat (slope 0) at a non-zero level.
     *
     * @param L    depth, at least 1
     * @param rows rows per layer, at least 1
     * @param cols columns per layer, at least 1
     * @param seed determines {@code f} and the noise
     * @return the sequence
     * @throws InvalidInputException naming the parameter when out of range
     */
    public static WeightSequence diffusive(int L, int rows, int cols, long seed) {
        check(L, rows, cols, 0, 0);
        return generate(L, rows, cols, 1.0 / L, 1.0 / Math.sqrt(L), seed);
    }

    /**
     * Neither regime: {@code T_k = f(k/L) + xi_k}, weights that do not shrink and increments that do not
     * vanish. Predicted slopes: max norm and raw increment {@code ~ 0}, quadratic variation 1, root SSQ 1/2.
     *
     * @param L    depth, at least 1
     * @param rows rows per layer, at least 1
     * @param cols columns per layer, at least 1
     * @param seed determines {@code f} and the noise
     * @return the sequence
     * @throws InvalidInputException naming the parameter when out of range
     */
    public static WeightSequence nonShrinking(int L, int rows, int cols, long seed) {
        check(L, rows, cols, 0, 0);
        return generate(L, rows, cols, 1, 1, seed);
    }

    /**
     * A smooth trend plus noise: {@code T_k = L^-beta f(k/L) + L^-noiseExponent xi_k}. The max norm
     * follows the larger of the two parts; the raw increments follow the noise ({@code -noiseExponent})
     * when {@code noiseExponent < beta + 1} and the trend ({@code -beta-1}) otherwise, with a crossover in
     * between on a finite depth grid.
     *
     * @param L             depth, at least 1
     * @param rows          rows per layer, at least 1
     * @param cols          columns per layer, at least 1
     * @param beta          the trend's exponent, finite
     * @param noiseExponent the noise's exponent, finite
     * @param seed          determines {@code f} and the noise
     * @return the sequence
     * @throws InvalidInputException naming the parameter when out of range
     */
    public static WeightSequence smoothPlusNoise(int L, int rows, int cols, double beta, double noiseExponent,
                                                 long seed) {
        check(L, rows, cols, beta, noiseExponent);
        return generate(L, rows, cols, Math.pow(L, -beta), Math.pow(L, -noiseExponent), seed);
    }

    /**
     * The weights of a whole network (tanh unless a generator says otherwise).
     *
     * @param L          the depth
     * @param d          the width
     * @param A          L*d*d values, {@code A_k[i][j]} at {@code k d^2 + i d + j} (the {@code A h} convention)
     * @param b          L*d values
     * @param delta      the stored scaling factor: one value (shared, or 1 for none), or L values (per-layer)
     * @param deltaMode  {@code shared}, {@code none} or {@code per-layer}
     * @param activation sigma's key, e.g. {@code tanh}
     */
    public record Network(int L, int d, double[] A, double[] b, double[] delta, String deltaMode, String activation) {
    }

    /**
     * A smooth trend plus a vanishing noise, with a shared delta that makes {@code delta A ~ 1/L}: the ODE regime
     * of the hidden states. {@code beta = 0}: the neural ODE {@code dH/dt = tanh(F(t) H + G(t))}; {@code beta > 0}:
     * the pre-activations shrink like {@code L^-beta} and the linear ODE {@code dH/dt = F(t) H + G(t)} is the limit.
     *
     * @param L             depth, at least 1
     * @param d             width, at least 1
     * @param beta          the weights' exponent, finite
     * @param noiseExponent gamma of the noise, finite
     * @param amplitude     a
     * @param seed          determines f and g (the same limit for every replica)
     * @param replica       determines the noise with the seed (a training seed: another run of one limit)
     * @return the network
     */
    public static Network odeNetwork(int L, int d, double beta, double noiseExponent, double amplitude, long seed,
                                     int replica) {
        return odeNetwork(L, d, beta, noiseExponent, amplitude, amplitude, seed, replica);
    }

    /**
     * As {@link #odeNetwork(int, int, double, double, double, long, int)} with the noise's amplitude apart:
     * {@code A_k = a L^-beta f(k/L) + n L^-gamma xi_k}.
     *
     * @param L              depth, at least 1
     * @param d              width, at least 1
     * @param beta           the weights' exponent, finite
     * @param noiseExponent  gamma of the noise, finite
     * @param amplitude      a, of the smooth part
     * @param noiseAmplitude n, of the noise
     * @param seed           determines f and g
     * @param replica        determines the noise with the seed
     * @return the network
     */
    public static Network odeNetwork(int L, int d, double beta, double noiseExponent, double amplitude,
                                     double noiseAmplitude, long seed, int replica) {
        check(L, d, d, beta, noiseExponent);
        double a = amplitude / Math.sqrt(2.0 * d);
        double n = noiseAmplitude / Math.sqrt(2.0 * d);
        long noise = mix(seed, PURPOSE_NOISE, replica);
        WeightSequence A = generate(L, d, d, a * Math.pow(L, -beta), n * Math.pow(L, -noiseExponent), seed, noise);
        WeightSequence b = generate(L, d, 1, a * Math.pow(L, -beta), n * Math.pow(L, -noiseExponent), seed + 1,
                noise + 1);
        return new Network(L, d, A.values(), b.values(), new double[] {Math.pow(L, beta - 1)}, "shared", TANH);
    }

    /**
     * As {@link #odeNetwork} without noise, but with curves drawn anew for every (seed, L): each network is smooth
     * and follows an ODE with its own coefficients, which are not the same function from one depth to the next.
     *
     * @param L         depth, at least 1
     * @param d         width, at least 1
     * @param beta      the weights' exponent
     * @param amplitude a
     * @param seed      with L and the replica, determines f and g
     * @param replica   another run
     * @return the network
     */
    public static Network runSpecificOdeNetwork(int L, int d, double beta, double amplitude, long seed, int replica) {
        return odeNetwork(L, d, beta, 50, amplitude, mix(mix(seed, PURPOSE_CURVE, L), PURPOSE_CURVE, replica), 0);
    }

    /**
     * A drift of size 1/L plus Brownian increments, delta = 1: the SDE regime.
     *
     * @param L         depth, at least 1
     * @param d         width, at least 1
     * @param amplitude a
     * @param seed      determines f and g
     * @param replica   determines the noise with the seed
     * @return the network
     */
    public static Network brownianNetwork(int L, int d, double amplitude, long seed, int replica) {
        return decayingDiffusionNetwork(L, d, 0.5, amplitude, seed, replica);
    }

    /**
     * A drift of size 1/L plus noise of size {@code L^-gamma}, delta = 1: for {@code gamma > 1/2} the diffusion
     * decays like {@code L^(1-2gamma)}, a crossover from rough to smooth.
     *
     * @param L             depth, at least 1
     * @param d             width, at least 1
     * @param noiseExponent gamma
     * @param amplitude     a
     * @param seed          determines f and g
     * @param replica       determines the noise with the seed
     * @return the network
     */
    public static Network decayingDiffusionNetwork(int L, int d, double noiseExponent, double amplitude, long seed,
                                                   int replica) {
        check(L, d, d, 0, noiseExponent);
        double a = amplitude / Math.sqrt(2.0 * d);
        long noise = mix(seed, PURPOSE_NOISE, replica);
        // a drift of a/5 per unit time: weak beside the diffusion, as in the diffusive regime of trained networks
        WeightSequence A = generate(L, d, d, DRIFT * a / L, a * Math.pow(L, -noiseExponent), seed, noise);
        WeightSequence b = generate(L, d, 1, DRIFT * a / L, a * Math.pow(L, -noiseExponent), seed + 1, noise + 1);
        return new Network(L, d, A.values(), b.values(), new double[] {1.0}, "none", TANH);
    }

    /**
     * A ReLU network with Brownian effective weights whose layers are switched off with depth: the diffusion per
     * unit on persists while the share of units on falls, so the diffusion q decays (the crossover case) for a
     * reason the share of units on names. Layer k is live with probability {@code p = min(1, (L/32)^-s)} (drawn
     * per layer); a live layer has {@code A_k = a L^-gamma xi_k} and {@code b_k = 0}, so about half its units are on;
     * a dead one has the same {@code A_k} and {@code b_k = -(1 + 10 a)}, every unit off for hidden states of order
     * 1. {@code delta_k = +/-1} with random signs (per-layer), so the increments have no drift. Predicted (gamma =
     * 1/2, Brownian weights): share of units on about {@code p/2} (slope {@code -s}), q about {@code p} times a
     * constant (slope {@code -s}), q per unit on flat. With {@code s = 0} and {@code gamma > 1/2} every layer is
     * live and the noise itself fades: q and q per unit on decay like {@code L^(1-2gamma)}, the share stays flat.
     *
     * @param L             depth, at least 1
     * @param d             width, at least 1
     * @param shareExponent s, at least 0
     * @param noiseExponent gamma
     * @param amplitude     a
     * @param seed          with the replica, determines the live layers, the signs and the noise
     * @param replica       another run
     * @return the network, activation relu, delta per-layer
     */
    public static Network gatedDiffusionNetwork(int L, int d, double shareExponent, double noiseExponent,
                                                double amplitude, long seed, int replica) {
        check(L, d, d, shareExponent, noiseExponent);
        if (shareExponent < 0) {
            throw new InvalidInputException("known-regime weights: share exponent = " + shareExponent
                    + " is negative");
        }
        double a = amplitude / Math.sqrt(2.0 * d);
        long noise = mix(seed, PURPOSE_NOISE, replica);
        double[] A = generate(L, d, d, 0, a * Math.pow(L, -noiseExponent), seed, noise).values();
        double[] b = new double[L * d];
        double[] delta = new double[L];
        double p = Math.min(1, Math.pow((double) L / GATE_REFERENCE_DEPTH, -shareExponent));
        SplittableRandom gate = new SplittableRandom(mix(mix(seed, PURPOSE_GATE, replica), PURPOSE_GATE, L));
        for (int k = 0; k < L; k++) {
            boolean live = gate.nextDouble() < p;
            delta[k] = gate.nextBoolean() ? 1 : -1;
            if (!live) {
                Arrays.fill(b, k * d, (k + 1) * d, -(1 + 10 * amplitude));
            }
        }
        return new Network(L, d, A, b, delta, "per-layer", "relu");
    }

    /**
     * Weights that do not shrink, delta = 1: increments of order 1 at every layer, neither regime.
     *
     * @param L         depth, at least 1
     * @param d         width, at least 1
     * @param amplitude a
     * @param seed      determines f and g
     * @param replica   determines the noise with the seed
     * @return the network
     */
    public static Network nonShrinkingNetwork(int L, int d, double amplitude, long seed, int replica) {
        check(L, d, d, 0, 0);
        double a = amplitude / Math.sqrt(2.0 * d);
        long noise = mix(seed, PURPOSE_NOISE, replica);
        WeightSequence A = generate(L, d, d, a, a, seed, noise);
        WeightSequence b = generate(L, d, 1, a, a, seed + 1, noise + 1);
        return new Network(L, d, A.values(), b.values(), new double[] {1.0}, "none", TANH);
    }

    /**
     * Smooth weights that do not shrink, with a shared delta of {@code L^(growth-1)}: the hidden states move by
     * about {@code L^growth} (tanh saturates, so each increment is of order {@code L^(growth-1)}) and the drift
     * energy {@code L sum_k |h_{k+1} - h_k|^2} grows like {@code L^(2 growth)}; no noise.
     *
     * @param L         depth, at least 1
     * @param d         width, at least 1
     * @param growth    the drift's growth exponent, finite
     * @param amplitude a
     * @param seed      determines f and g
     * @return the network
     */
    public static Network growingDriftNetwork(int L, int d, double growth, double amplitude, long seed) {
        check(L, d, d, growth, 0);
        double a = amplitude / Math.sqrt(2.0 * d);
        WeightSequence A = generate(L, d, d, a, 0, seed);
        WeightSequence b = generate(L, d, 1, a, 0, seed + 1);
        return new Network(L, d, A.values(), b.values(), new double[] {Math.pow(L, growth - 1)}, "shared", TANH);
    }

    /**
     * {@code T_k = trend f(k/L) + noise xi_k}.
     */
    private static WeightSequence generate(int L, int rows, int cols, double trend, double noise, long seed) {
        return generate(L, rows, cols, trend, noise, seed, seed);
    }

    /** As {@link #generate(int, int, int, double, double, long)}, the curve from one seed and the noise from another. */
    private static WeightSequence generate(int L, int rows, int cols, double trend, double noise, long seed,
                                           long noiseSeed) {
        int m = rows * cols;
        double[] values = new double[L * m];
        if (trend != 0) {
            // coefficients of f: per entry c, then (a_p, b_p) for p = 1..HARMONICS
            int stride = 1 + 2 * HARMONICS;
            double[] coef = new double[m * stride];
            SplittableRandom curve = new SplittableRandom(mix(seed, PURPOSE_CURVE, 0));
            for (int i = 0; i < coef.length; i++) {
                coef[i] = curve.nextGaussian();
            }
            double[] sin = new double[HARMONICS];
            double[] cos = new double[HARMONICS];
            int offset = 0;
            for (int k = 0; k < L; k++) {
                double t = (double) k / L;
                for (int p = 0; p < HARMONICS; p++) {
                    double angle = 2 * Math.PI * (p + 1) * t;
                    sin[p] = Math.sin(angle) / (p + 1);
                    cos[p] = Math.cos(angle) / (p + 1);
                }
                int c = 0;
                for (int e = 0; e < m; e++) {
                    // f_e(t) = c_e + sum_p (a_{e,p} sin(2 pi p t) + b_{e,p} cos(2 pi p t)) / p
                    double f = coef[c++];
                    for (int p = 0; p < HARMONICS; p++) {
                        f += coef[c++] * sin[p];
                        f += coef[c++] * cos[p];
                    }
                    values[offset + e] = trend * f;
                }
                offset += m;
            }
        }
        if (noise != 0) {
            SplittableRandom xi = new SplittableRandom(mix(noiseSeed, PURPOSE_NOISE, L));
            for (int i = 0; i < values.length; i++) {
                values[i] += noise * xi.nextGaussian();
            }
        }
        return new WeightSequence(name(rows, cols), L, rows, cols, values);
    }

    private static String name(int rows, int cols) {
        if (rows == 1 && cols == 1) {
            return "delta";
        }
        return rows > 1 && cols == 1 ? "b" : "A";
    }

    private static void check(int L, int rows, int cols, double beta, double noiseExponent) {
        if (L < 1) {
            throw new InvalidInputException("known-regime weights: L = " + L + ", must be at least 1");
        }
        if (rows < 1 || cols < 1) {
            throw new InvalidInputException("known-regime weights: layer shape " + rows + " x " + cols
                    + ", rows and cols must be at least 1");
        }
        if ((long) L * rows * cols > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("known-regime weights: L*rows*cols = " + (long) L * rows * cols
                    + " values do not fit in one array");
        }
        if (!Double.isFinite(beta)) {
            throw new InvalidInputException("known-regime weights: beta = " + beta + " is not finite");
        }
        if (!Double.isFinite(noiseExponent)) {
            throw new InvalidInputException("known-regime weights: noise exponent = " + noiseExponent
                    + " is not finite");
        }
    }

    /** A seed that is a pure function of (seed, purpose, L): three rounds of the SplitMix64 finaliser. */
    private static long mix(long seed, long purpose, long L) {
        long h = finalise(seed);
        h = finalise(h ^ purpose);
        return finalise(h + L);
    }

    private static long finalise(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
