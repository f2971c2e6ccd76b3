/**
 * The regime verdict of SCIENCE.md section 5: from the log-log scaling fits of one tensor's weight
 * statistics over a depth sweep ({@link org.rscale.fits.GroupEvidence}) to one of
 * {@link org.rscale.fits.Regime#ODE ode}, {@link org.rscale.fits.Regime#SDE sde},
 * {@link org.rscale.fits.Regime#NEITHER neither} or {@link org.rscale.fits.Regime#INCONCLUSIVE inconclusive},
 * with the limit equation it implies, the evidence used and its intervals
 * ({@link org.rscale.fits.VerdictRule}, {@link org.rscale.fits.RegimeVerdict}).
 *
 * <p>Everything here is pure: functions of fits and counts, no file I/O.
 *
 * <p>The subpackage {@code org.rscale.fits.paths} treats the weights as paths in {@code t = k/L}:
 * convergence to a limit curve, roughness, and the trend/noise decomposition ({@code LimitAnalysis}).
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245 (hypotheses H1 and H2 and the limit equations);
 * R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual Networks", arXiv:2212.08199.
 */
package org.rscale.fits;
