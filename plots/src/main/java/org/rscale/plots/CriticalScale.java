package org.rscale.plots;

import org.rscale.sweeps.init.Initialisation;

/**
 * The critical branch scale of the JMLR paper at initialisation (SCIENCE.md 6): with {@code alpha_L = L^-beta} the
 * regime is governed by {@code L alpha_L^2}; iid weights need {@code beta = 1/2}, smooth ones {@code beta = 1}, fbm
 * weights of Hurst index H {@code beta*(H) = max(H, 1/2)}. Below the critical beta the output explodes with depth,
 * above it the network stays at the identity, at it the limit is non-trivial. The one definition: the phase
 * diagram draws it, the report tabulates it.
 */
public final class CriticalScale {
    /** The boundary's label in figures and pages. */
    public static final String FORMULA = "β*(H) = max(H, 1/2)";

    private CriticalScale() {
    }

    /**
     * @param hurst the Hurst index H of fbm weights
     * @return {@code beta*(H) = max(H, 1/2)}
     */
    public static double ofHurst(double hurst) {
        return Math.max(hurst, 0.5);
    }

    /**
     * @param init  the law of the weights along depth: iid, smooth or fbm
     * @param hurst H of fbm (ignored by the others)
     * @return the critical beta: 1/2 (iid), 1 (smooth), max(H, 1/2) (fbm)
     * @throws IllegalArgumentException for a law the theory says nothing about
     */
    public static double of(Initialisation init, double hurst) {
        return switch (init) {
            case IID -> 0.5;
            case SMOOTH -> 1.0;
            case FBM -> ofHurst(hurst);
            default -> throw new IllegalArgumentException("no critical scale for the " + init.key() + " initialisation");
        };
    }
}
