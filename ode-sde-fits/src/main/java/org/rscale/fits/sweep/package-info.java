/**
 * The limit fit of a sweep ({@code rscale fit}): from the limit analysis of the weights
 * ({@link org.rscale.fits.paths.LimitAnalysis}) to the candidate limit equations of SCIENCE.md section 6,
 * their comparison with the networks' own hidden states ({@link org.rscale.fits.sweep.SweepLimits}), and the
 * upgraded regime verdict that combines the scaling fits with the limit evidence
 * ({@link org.rscale.fits.sweep.LimitVerdictRule}, {@link org.rscale.fits.sweep.FitVerdictReport}).
 *
 * <p>This package sits on top of {@code org.rscale.fits} (the first verdict), {@code org.rscale.fits.paths}
 * (weights as paths) and {@code org.rscale.fits.limit} (the equations); nothing below it depends on it.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual Networks",
 * arXiv:2212.08199.
 */
package org.rscale.fits.sweep;
