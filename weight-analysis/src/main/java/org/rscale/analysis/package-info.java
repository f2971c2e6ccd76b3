/**
 * Statistics of trained residual-network weights per depth and their log-log scaling fits.
 *
 * <p>A tensor's per-layer values {@code T_0 .. T_{L-1}} ({@link org.rscale.analysis.WeightSequence})
 * are reduced to the statistics of SCIENCE.md section 4 ({@link org.rscale.analysis.WeightStatistic},
 * all of them at once: {@link org.rscale.analysis.WeightStatistics}); one statistic over the cells of a
 * depth sweep is regressed as {@code log(stat) = c + slope log(L)} ({@link org.rscale.analysis.ScalingFit},
 * built on the ordinary least squares fit {@link org.rscale.analysis.LinearFit}).
 * With several seeds per depth each fit carries a {@link org.rscale.analysis.SeedBootstrap} interval
 * ({@link org.rscale.analysis.BootstrapInterval}). {@link org.rscale.analysis.PathRoughness} measures the
 * quadratic variation and the Hurst exponent of a tensor's cumulative-sum paths, aggregated over entries by
 * {@link org.rscale.analysis.MedianEstimate}.
 * {@link org.rscale.analysis.KnownRegimeWeights} generates weight paths of known regime for tests and demos.
 *
 * <p>Everything here is pure: functions of arrays, no file I/O.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245.
 */
package org.rscale.analysis;
