package org.rscale.fits.limit;

/**
 * How far one network's hidden states are from a limit equation's solution, over a set of inputs
 * {@code x_s} and all layers:
 * <pre>
 *   maxError      = max_{s, k = 0..L} |h_k(x_s) - H_{x_s}(k/L)|
 *   limitScale    = max_{s, k = 0..L} |H_{x_s}(k/L)|
 *   relativeError = maxError / limitScale          (0 when both are 0, +infinity when only limitScale is)
 *   terminalError = max_s |h_L(x_s) - H_{x_s}(1)|
 * </pre>
 * with the Euclidean norm on R^d and {@code h_k} from {@link org.rscale.sweeps.model.ResidualNet#hiddenStates}.
 *
 * @param net           the network's index in the compared list
 * @param depth         its depth L
 * @param maxError      the maximum error over inputs and layers
 * @param relativeError {@code maxError / limitScale}
 * @param terminalError the maximum error at the output layer
 * @param limitScale    the largest norm of the limit's states
 * @param worstSample   the input where {@code maxError} is attained
 * @param worstLayer    the layer k where {@code maxError} is attained
 */
public record TrajectoryError(int net, int depth, double maxError, double relativeError, double terminalError,
                              double limitScale, int worstSample, int worstLayer) {
}
