package org.rscale.sweeps.init;

import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * What the initial law of a fully-connected residual network depends on (SCIENCE 1.1), and the
 * key of its random stream.
 *
 * @param depth           L
 * @param dim             the width d
 * @param activation      sigma (carried into the network; it does not enter the law)
 * @param delta           the scaling-factor variant
 * @param deltaBeta       beta of {@code delta = L^-beta} for the fixed variant
 * @param init            the law of A and b
 * @param initialSd       sigma0 of the xavier laws
 * @param lengthScale     l of the smooth (RBF) law
 * @param hurst           H of the fbm law
 * @param iidDistribution {@code gaussian} or {@code uniform}, for the iid law
 * @param seed            the training seed
 * @param streamKey       the canonical text of the settings that enter the law (depth, width, delta and
 *                        the init settings): cells with equal keys and seeds start from the same weights
 */
public record InitSpec(int depth, int dim, Activation activation, ScalingFactor delta, double deltaBeta,
                       Initialisation init, double initialSd, double lengthScale, double hurst,
                       String iidDistribution, long seed, String streamKey) {
}
