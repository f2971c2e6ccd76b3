package org.rscale.fits.paths;

import java.util.Optional;

import org.rscale.analysis.WeightSequence;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * The network of a cell with its weights replaced by denoised ones ({@link TrendNoiseDecomposition#denoise}),
 * whose training loss is compared with the original's (the reference code's {@code accuracy_trained_weights}).
 *
 * <pre>
 *   decomposed tensors         denoised network (A h convention, SCIENCE.md 1.1)
 *   A, b (delta not per layer) h_{k+1} = h_k + delta_k sigma(Abar_k h_k + bbar_k),  delta as trained
 *   |delta_k| A_k, |delta_k| b_k   h_{k+1} = h_k + sign(delta_k) sigma(Ebar_k h_k + ebar_k)
 * </pre>
 * The second form equals the original network when {@code Ebar = |delta| A} and {@code ebar = |delta| b}
 * only if {@code sigma(c x) = c sigma(x)} for {@code c >= 0} (ReLU, linear): the reference code treats
 * exactly ReLU with per-layer delta this way (it loads {@code sign(delta_k)} as the delta of the denoised
 * net). For other activations the effective weights do not determine the network and
 * {@link #unsupported} gives the reason.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, arXiv:2105.12245 (training loss with denoised
 * weights); reference code {@code instadeepai/scaling-resnets}, {@code denoising.py}.
 */
public final class DenoisedNetwork {
    private DenoisedNetwork() {
    }

    /**
     * @param activation sigma
     * @param effective  whether the decomposed tensors are the effective weights {@code |delta_k| A_k}
     * @return why the denoised network cannot be built, empty when it can
     */
    public static Optional<String> unsupported(Activation activation, boolean effective) {
        if (effective && activation != Activation.RELU && activation != Activation.LINEAR) {
            return Optional.of("not available: activation " + activation.key() + " is not positively homogeneous, so "
                    + "the effective weights |delta_k| A_k do not determine the network");
        }
        return Optional.empty();
    }

    /**
     * Builds the denoised network.
     *
     * @param activation sigma
     * @param scaling    the delta variant of the trained network
     * @param delta      the trained network's stored delta; not modified
     * @param A          the denoised {@code A} (or {@code |delta_k| A_k} when {@code effective}), {@code (L, d, d)}
     * @param b          the denoised {@code b} (or {@code |delta_k| b_k}), {@code (L, d)}
     * @param effective  whether {@code A} and {@code b} are effective weights
     * @return the network; its arrays are those of {@code A} and {@code b} (not copied)
     * @throws IllegalArgumentException when the activation does not allow effective weights or the shapes differ
     */
    public static ResidualNet of(Activation activation, ScalingFactor scaling, double[] delta, WeightSequence A,
                                 WeightSequence b, boolean effective) {
        Optional<String> no = unsupported(activation, effective);
        if (no.isPresent()) {
            throw new IllegalArgumentException(no.get());
        }
        int L = A.L();
        int d = A.rows();
        if (!effective) {
            return ResidualNet.of(activation, scaling, L, d, A.values(), b.values(), delta);
        }
        double[] sign = new double[L];
        for (int k = 0; k < L; k++) {
            // sign(delta_k): delta_k sigma(A h + b) = sign(delta_k) sigma(|delta_k| A h + |delta_k| b) for homogeneous sigma
            sign[k] = Math.signum(scaling.effective(delta, k));
        }
        return ResidualNet.of(activation, ScalingFactor.PER_LAYER, L, d, A.values(), b.values(), sign);
    }
}
