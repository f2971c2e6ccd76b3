/**
 * The limit fit of a sweep ({@code rscale fit}) and the upgraded verdict: the cross-run candidate limit ODEs of
 * SCIENCE.md section 6 and their comparison with the networks ({@link org.rscale.fits.sweep.SweepLimits},
 * files {@link org.rscale.fits.sweep.FitFiles}), the decision on the hidden states
 * ({@link org.rscale.fits.sweep.HiddenStateVerdict} on the statistics of {@code org.rscale.fits.dynamics}), and
 * verdict.json for both stages ({@link org.rscale.fits.sweep.VerdictFiles}).
 *
 * <p>This package sits on top of {@code org.rscale.fits} (the prediction table, the first verdict),
 * {@code org.rscale.fits.paths} (weights as paths), {@code org.rscale.fits.limit} (the equations) and
 * {@code org.rscale.fits.dynamics} (the hidden states); nothing below it depends on it.
 *
 * <p>Reference: VERDICT.md (second design); A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of
 * Deep Residual Networks", ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of
 * Deep Residual Networks", arXiv:2212.08199.
 */
package org.rscale.fits.sweep;
