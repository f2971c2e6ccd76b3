/**
 * The limit equations of SCIENCE.md section 6 and their comparison with residual networks
 * {@code h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k)} of growing depth L.
 *
 * <pre>
 *   equation     class                      solved by
 *   neural-ode   {@link org.rscale.fits.limit.OdeLimit}   dH/dt = delta-bar sigma(A-bar H + b-bar)             adaptive Dormand-Prince 8(5,3), dense output
 *   linear-ode   {@link org.rscale.fits.limit.OdeLimit}   dH/dt = delta-bar sigma'(0)(A-bar H + b-bar)         the same
 *   sde          {@link org.rscale.fits.limit.SdeLimit}   dH = delta-bar{sigma'(0)[(A-bar H + b-bar)dt + dW^A H + dW^b]
 *                                              + sigma''(0)/2 d[(W^A H + W^b)_i]}             Euler-Maruyama, pathwise or many paths
 * </pre>
 *
 * <p><b>Conventions.</b> Time {@code t = k/L} in [0, 1]; {@code H(t)} is the limit of {@code h_floor(tL)}, so
 * layer k of a depth-L network is compared with {@code H(k/L)}, {@code h_0 = H(0) = x}. {@code A} multiplies
 * column vectors. The coefficients are the network's parameters rescaled so that the network is the Euler
 * (Euler&ndash;Maruyama) scheme with step {@code 1/L} and left-point coefficients: the table in
 * {@link org.rscale.fits.limit.LimitCoefficients}. Curves and noise paths are
 * {@link org.rscale.fits.SampledPath}s (linear between grid points).
 *
 * <p><b>Entry point.</b> {@link org.rscale.fits.limit.LimitComparison#of}: networks of several depths, inputs
 * and candidates in; per candidate the maximum trajectory error per network, its log-log rate against
 * depth with an interval, a convergence judgement, and the best-matching candidate out. Everything here is
 * pure: no file I/O.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual Networks",
 * arXiv:2212.08199; P. Marion, A. Fermanian, G. Biau, J.-P. Vert, "Scaling ResNets in the Large-depth
 * Regime", JMLR 2025.
 */
package org.rscale.fits.limit;
