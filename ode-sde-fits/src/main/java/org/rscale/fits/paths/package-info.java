/**
 * The trained weights as paths in {@code t = k/L}: whether the rescaled weights converge to a limit curve
 * ({@link org.rscale.fits.paths.LimitConvergence}, hypothesis H1), how rough their cumulative sums are
 * ({@link org.rscale.analysis.PathRoughness}, H1 against the diffusive H2), and the trend/noise
 * decomposition with the loss of the denoised networks ({@link org.rscale.fits.paths.TrendNoiseDecomposition},
 * {@link org.rscale.fits.paths.DenoisedNetwork}); {@link org.rscale.fits.paths.LimitAnalysis} runs them
 * over a sweep and writes {@code analysis/limits/}. The limit curves, trends and noise paths are
 * {@link org.rscale.fits.SampledPath}s, the input of the integrators of {@code org.rscale.fits.limit}.
 *
 * <p>Everything but {@link org.rscale.fits.paths.LimitAnalysis} is pure: functions of arrays and
 * {@link org.rscale.analysis.WeightSequence}s, no file I/O.
 *
 * <p>References: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep
 * Residual Networks", arXiv:2212.08199 (SCIENCE.md sections 5 and 6).
 */
package org.rscale.fits.paths;
