package org.rscale.fits.limit;

import java.util.List;
import java.util.Optional;

import org.rscale.fits.LimitEquation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The limit SDE of the diffusive regime (SCIENCE.md section 6, hypothesis H2, beta = 1/2), on {@code t}
 * in [0, 1] with {@code H_0 = x}:
 * <pre>
 *   dH_t = delta-bar(t) { sigma'(0) [ (A-bar_t H_t + b-bar_t) dt + dW^A_t H_t + dW^b_t ]
 *                         + (1/2) sigma''(0) d[(W^A H + W^b)_i]_t }                  (componentwise, i = 1..d)
 * </pre>
 * an Ito equation; SCIENCE.md writes it for {@code delta-bar = 1}. {@code W^A}, {@code W^b} are the noise
 * paths of the raw weights ({@link NoisePaths}; the network's {@code A_k = A-bar(k/L)/L + dW^A_k},
 * {@code delta_k = delta-bar(k/L)}, see {@link LimitCoefficients}). The last term, the
 * quadratic-variation correction, vanishes when {@code sigma''(0) = 0} (tanh, sin, linear); it can be
 * switched off to test that it matters ({@link #withoutCorrection()}).
 *
 * <p><b>Derivation.</b> With {@code z = A_k h + b_k = (A-bar h + b-bar)/L + X}, {@code X = dW^A h + dW^b}
 * of size {@code L^-1/2}, Taylor's formula gives
 * <pre>
 *   delta_k sigma(z) = delta-bar [ sigma'(0) z + sigma''(0)/2 X_i^2 ] + O(L^-3/2),
 * </pre>
 * and summing {@code X_i^2} over layers gives the quadratic variation. In terms of the effective weights
 * {@code delta-bar A} (noise {@code W~ = delta-bar W}) the correction reads
 * {@code sigma''(0) / (2 delta-bar) d[(W~^A H + W~^b)_i]}: only when {@code sigma''(0) = 0} do the effective
 * weights alone determine the limit.
 *
 * <p><b>Solutions.</b>
 * <ul>
 *   <li>Pathwise ({@link #pathwise}, {@link #trajectory}): Euler&ndash;Maruyama ({@link EulerMaruyama}) on the
 *       noise path's own grid, driven by its increments; {@code H} between grid points by linear
 *       interpolation. Driven by the network's own noise ({@link NoisePaths#ofNetwork}) the grid is the
 *       network's, {@code t_k = k/L}: equal, not finer. The network then differs from this scheme by
 *       {@code O(L^-3/2)} per layer, i.e. {@code O(1/L)} over the trajectory (the mean-zero
 *       {@code O(L^-3/2)} terms add up like a martingale); without the correction (when
 *       {@code sigma''(0) != 0}) it differs by {@code O(1)}. (The distance to the exact SDE solution on the
 *       same Brownian path is larger, {@code O(L^-1/2)}: the scheme's strong order.)</li>
 *   <li>Many paths ({@link #terminalDistributions}): Euler&ndash;Maruyama on a uniform grid driven by
 *       simulated increments {@code N(0, Sigma(t) dt)}, {@code Sigma} the diffusion covariance estimated
 *       from a noise path ({@link DiffusionCovariance#of}); the distribution of {@code H_1}.</li>
 * </ul>
 *
 * <p><b>Edge cases.</b> sigma must have a finite {@code sigma'(0)} (and {@code sigma''(0)} with the
 * correction): ReLU is rejected. The correction is quadratic in H, so a path may blow up; the pathwise
 * solution then holds non-finite values (reported by {@link LimitComparison}), the many-path simulation
 * counts the path as diverged.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (the diffusive limit); R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of
 * Deep Residual Networks", arXiv:2212.08199.
 *
 * @param label        the candidate's name
 * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
 * @param activation   sigma
 * @param qvCorrection whether the {@code sigma''(0)} term is included
 * @param noise        the driving noise; empty to drive each network by its own ({@link NoisePaths#ofNetwork})
 */
public record SdeLimit(String label, LimitCoefficients coefficients, Activation activation, boolean qvCorrection,
                       Optional<NoisePaths> noise) implements LimitCandidate {

    /**
     * Checks the activation and the widths.
     *
     * @param label the candidate's name
     * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
     * @param activation sigma
     * @param qvCorrection whether the {@code sigma''(0)} term is included
     * @param noise the driving noise; empty to drive each network by its own
     */
    public SdeLimit {
        if (!Double.isFinite(activation.slopeAtZero())
                || (qvCorrection && !Double.isFinite(activation.curvatureAtZero()))) {
            throw new IllegalArgumentException("the SDE limit needs sigma'(0) and sigma''(0), which "
                    + activation.key() + " does not have");
        }
        if (noise.isPresent() && noise.get().dim() != coefficients.dim()) {
            throw new IllegalArgumentException("noise of width " + noise.get().dim() + " for coefficients of width "
                    + coefficients.dim());
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a candidate needs a label");
        }
    }

    /**
     * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
     * @param activation   sigma
     * @return the SDE with the correction, labelled {@code sde}, each network driven by its own noise
     */
    public static SdeLimit drivenByNetwork(LimitCoefficients coefficients, Activation activation) {
        return new SdeLimit(LimitEquation.SDE.key(), coefficients, activation, true, Optional.empty());
    }

    /**
     * @return this SDE without the {@code sigma''(0)} correction, labelled with {@code -without-correction}
     *         appended
     */
    public SdeLimit withoutCorrection() {
        return new SdeLimit(label + "-without-correction", coefficients, activation, false, noise);
    }

    /**
     * @param paths the noise that drives the equation
     * @return this SDE driven by a fixed noise path, whatever network it is compared with
     */
    public SdeLimit drivenBy(NoisePaths paths) {
        return new SdeLimit(label, coefficients, activation, qvCorrection, Optional.of(paths));
    }

    /**
     * @param newLabel a name
     * @return this equation with another label
     */
    public SdeLimit withLabel(String newLabel) {
        return new SdeLimit(newLabel, coefficients, activation, qvCorrection, noise);
    }

    @Override
    public LimitEquation equation() {
        return LimitEquation.SDE;
    }

    @Override
    public boolean drivenByNetwork() {
        return noise.isEmpty();
    }

    @Override
    public LimitTrajectory trajectory(double[] x, ResidualNet net) {
        if (noise.isPresent()) {
            return pathwise(x, noise.get());
        }
        if (net == null) {
            throw new IllegalArgumentException(label + " is driven by the network's noise: a network is needed");
        }
        return pathwise(x, NoisePaths.ofNetwork(net, coefficients));
    }

    /**
     * The Euler&ndash;Maruyama path from {@code H_0 = x} on the grid of {@code paths}, driven by its increments.
     *
     * @param x     the input, d values; not modified
     * @param paths the driving noise
     * @return the solution on the noise grid (non-finite values if it blew up)
     */
    public GridTrajectory pathwise(double[] x, NoisePaths paths) {
        int d = coefficients.dim();
        if (paths.dim() != d) {
            throw new IllegalArgumentException("noise of width " + paths.dim() + " for coefficients of width " + d);
        }
        double[] t = paths.grid();
        double[] states = new double[t.length * d];
        EulerMaruyama.integrate(this, x, t, paths.incrementsA(), paths.incrementsB(), states);
        return new GridTrajectory(d, t, states);
    }

    /**
     * The distribution of {@code H_1} for each of n inputs, from {@code settings.paths()} simulated
     * Brownian paths with covariance per unit time {@code covariance}, each path driving all inputs; the
     * stream is {@link RandomStreams#of}(seed, "sde-many-path;" + key, {@link RandomStreams#NOISE}).
     *
     * @param x          n*d inputs, row-major; not modified
     * @param n          the number of inputs, at least 1
     * @param covariance the diffusion covariance, e.g. {@link DiffusionCovariance#of} a noise path
     * @param settings   paths, steps, quantile levels, divergence bound
     * @param seed       the seed
     * @param key        what the stream belongs to (e.g. a cell id)
     * @return one distribution per input
     * @throws IllegalStateException when fewer than 2 paths of an input remain finite and bounded
     */
    public List<TerminalDistribution> terminalDistributions(double[] x, int n, DiffusionCovariance covariance,
                                                            ManyPathSettings settings, long seed, String key) {
        return EulerMaruyama.manyPaths(this, x, n, covariance, settings,
                RandomStreams.of(seed, "sde-many-path;" + key, RandomStreams.NOISE));
    }
}
