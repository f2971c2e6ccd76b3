package org.rscale.fits.paths;

/**
 * The size of the noise part of one cell's weights after the trend/noise decomposition
 * ({@link TrendNoiseDecomposition#noiseStatistics}), with {@code Tbar_k} the denoised weights and
 * {@code gamma} the decomposition's exponent:
 * <pre>
 *   rawQuadraticVariation = sum_k ||T_k - Tbar_k||^2                       (QV of the unscaled noise path)
 *   quadraticVariation    = L^(2 gamma - 2) sum_k ||T_k - Tbar_k||^2         (QV of W_L, the rescaled noise path)
 *   noiseFraction         = sqrt( sum_k ||T_k - Tbar_k||^2 / sum_k ||T_k||^2 )
 * </pre>
 * Frobenius norms. In the diffusive regime (H2) the raw quadratic variation stays at a non-zero level as
 * {@code L} grows; for a smooth limit (H1) it falls like {@code L^(-1-2 beta)} once the trend is
 * resolved. {@code noiseFraction} is NaN when every weight is zero.
 *
 * @param quadraticVariation    the quadratic variation of the rescaled noise path {@code W_L}
 * @param rawQuadraticVariation the quadratic variation of the unscaled noise path
 * @param noiseFraction         the noise's share of the weights' root sum of squares
 */
public record NoiseStatistics(double quadraticVariation, double rawQuadraticVariation, double noiseFraction) {
}
