package org.rscale.sweeps.initstudy;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.rscale.sweeps.init.StationaryGaussianSequence;

/**
 * Draws res-1 / res-3 networks at initialisation (SCIENCE 1.2): A and B uniform with variance
 * 1/fan_in, as the reference code's {@code create_linear_layer} ({@code U(-sqrt(3/fan_in), sqrt(3/fan_in))}),
 * and the branch matrices by their {@link BranchLaw}.
 *
 * <p>Draw order, which fixes the weights a random stream gives: A (row-major), B (row-major),
 * then V, then W (res-3 only). iid: layer by layer, each matrix row-major. smooth and fbm: one
 * sequence over k per entry, entries row-major, V's entries first, drawn by circulant embedding
 * ({@link StationaryGaussianSequence}, whose FFTs yield two sequences each). So res-1 and res-3
 * networks drawn from one stream share A, B and V.
 *
 * <p>One sampler serves any number of draws of one shape and law: it precomputes the circulant
 * spectrum once. Not thread-safe (the spectrum's sampler keeps a spare sequence).
 */
public final class ScaledResNetSampler {
    private final BranchModel model;
    private final BranchLaw law;
    private final int width;
    private final int inputDim;
    private final int outputDim;
    private final int depth;
    private final StationaryGaussianSequence sequence;
    private final double[] work;

    /**
     * @param model     res-1 or res-3
     * @param law       the law of V_k and W_k
     * @param width     d
     * @param inputDim  m
     * @param outputDim the number of outputs (1 in the initialisation study)
     * @param depth     L
     */
    public ScaledResNetSampler(BranchModel model, BranchLaw law, int width, int inputDim, int outputDim, int depth) {
        this.model = Objects.requireNonNull(model, "model");
        this.law = Objects.requireNonNull(law, "law");
        if (width < 1 || inputDim < 1 || outputDim < 1 || depth < 1) {
            throw new IllegalArgumentException("width, input and output dimensions and depth must be positive: d="
                    + width + ", m=" + inputDim + ", outputs=" + outputDim + ", L=" + depth);
        }
        this.width = width;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.depth = depth;
        switch (law.init()) {
            case SMOOTH:
                boolean increments = law.smoothVariant() == SmoothVariant.INCREMENTS;
                // values: X(k/L), k < L;  increments: X(k/L), k <= L, differenced
                this.sequence = new StationaryGaussianSequence(
                        StationaryGaussianSequence.rbf(depth, law.lengthScale()), increments ? depth + 1 : depth);
                this.work = increments ? new double[depth + 1] : null;
                break;
            case FBM:
                this.sequence = new StationaryGaussianSequence(
                        StationaryGaussianSequence.fractionalGaussianNoise(law.hurst()), depth);
                this.work = null;
                break;
            default:
                this.sequence = null;
                this.work = null;
        }
    }

    /**
     * The standard deviation of one increment of the RBF process over a layer,
     * {@code sqrt(2 (1 - exp(-1 / (2 l^2 L^2))))}.
     *
     * @param depth       L
     * @param lengthScale l
     * @return s
     */
    public static double incrementSd(int depth, double lengthScale) {
        double x = 1.0 / (2 * lengthScale * lengthScale * (double) depth * depth);
        return Math.sqrt(-2 * Math.expm1(-x));
    }

    /**
     * @param rng the random source; advanced
     * @return a network drawn from the initial law
     */
    public ScaledResNet draw(RandomGenerator rng) {
        return draw(rng, null);
    }

    /**
     * Draws into the arrays of a network drawn before by this sampler (so that many draws allocate
     * nothing), or into new arrays.
     *
     * @param rng   the random source; advanced
     * @param reuse a network of this sampler's model and shapes, whose arrays are overwritten, or null
     * @return the network drawn: {@code reuse} itself, or a new one
     * @throws IllegalArgumentException if {@code reuse} has another model or shape
     */
    public ScaledResNet draw(RandomGenerator rng, ScaledResNet reuse) {
        int d = width;
        int size = depth * d * d;
        ScaledResNet net = reuse;
        if (net == null) {
            net = ScaledResNet.of(model, d, inputDim, outputDim, depth, new double[d * inputDim],
                    new double[outputDim * d], new double[size], new double[model == BranchModel.RES_3 ? size : 0]);
        } else if (net.model() != model || net.width() != d || net.inputDim() != inputDim
                || net.outputDim() != outputDim || net.depth() != depth) {
            throw new IllegalArgumentException("cannot draw a " + model.key() + " network of width " + d + ", depth "
                    + depth + " into a " + net.model().key() + " network of width " + net.width() + ", depth "
                    + net.depth());
        }
        uniform(rng, net.A(), Math.sqrt(3.0 / inputDim));
        uniform(rng, net.B(), Math.sqrt(3.0 / d));
        branch(rng, net.V());
        if (model == BranchModel.RES_3) {
            branch(rng, net.W());
        }
        return net;
    }

    /** Fills one family of branch matrices (L x d x d) by the law. */
    private void branch(RandomGenerator rng, double[] M) {
        int d = width;
        double scale = 1.0 / Math.sqrt(d);
        switch (law.init()) {
            case IID:
                if (BranchLaw.UNIFORM.equals(law.iidDistribution())) {
                    // U(-a, a) has variance a^2 / 3 = 1/d
                    uniform(rng, M, Math.sqrt(3.0 / d));
                } else {
                    for (int p = 0; p < M.length; p++) {
                        M[p] = scale * rng.nextGaussian();
                    }
                }
                break;
            case SMOOTH:
                if (law.smoothVariant() == SmoothVariant.INCREMENTS) {
                    increments(rng, M, scale / incrementSd(depth, law.lengthScale()));
                } else {
                    sequences(rng, M, scale);
                }
                break;
            case FBM:
                sequences(rng, M, scale);
                break;
            default:
                throw new AssertionError(law.init());
        }
    }

    /** One stationary sequence over k per entry: M[k d^2 + e] = scale X_k. */
    private void sequences(RandomGenerator rng, double[] M, double scale) {
        int dd = width * width;
        for (int e = 0; e < dd; e++) {
            sequence.sample(rng, M, e, dd);
        }
        for (int p = 0; p < M.length; p++) {
            M[p] *= scale;
        }
    }

    /** One RBF path X_0..X_L per entry: M[k d^2 + e] = scale (X_{k+1} - X_k). */
    private void increments(RandomGenerator rng, double[] M, double scale) {
        int dd = width * width;
        for (int e = 0; e < dd; e++) {
            sequence.sample(rng, work, 0, 1);
            for (int k = 0; k < depth; k++) {
                M[k * dd + e] = scale * (work[k + 1] - work[k]);
            }
        }
    }

    private static void uniform(RandomGenerator rng, double[] out, double halfWidth) {
        for (int i = 0; i < out.length; i++) {
            out[i] = halfWidth * (2 * rng.nextDouble() - 1);
        }
    }
}
