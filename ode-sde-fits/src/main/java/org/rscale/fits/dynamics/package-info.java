/**
 * The hidden-state dynamics of trained networks (VERDICT.md, second design): per network, one forward pass on
 * a seeded sample of inputs gives the quadratic variations of the hidden path, its coherence, diffusive part and
 * drift energy, the fit floor, and the distances to the networks built from its own low-pass coefficients
 * ({@link org.rscale.fits.dynamics.NetworkDynamics}); per group, the spreads between seeds and consecutive depths,
 * the log-log fits and the deepest-third levels ({@link org.rscale.fits.dynamics.SweepDynamics}); the file
 * {@code analysis/limits/dynamics.csv} ({@link org.rscale.fits.dynamics.DynamicsFiles}).
 */
package org.rscale.fits.dynamics;
