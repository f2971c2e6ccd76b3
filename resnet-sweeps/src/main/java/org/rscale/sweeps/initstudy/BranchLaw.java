package org.rscale.sweeps.initstudy;

import java.util.Objects;

import org.rscale.sweeps.init.Initialisation;

/**
 * The initial law of the branch matrices V_k (and W_k) of res-1 / res-3 (SCIENCE 1.1 and 1.2), d the
 * width, L the depth, every entry (i, j) independent of the others:
 *
 * <pre>
 * init     entry (i, j) of V_k, k = 0..L-1
 * iid      U(-sqrt(3/d), sqrt(3/d)) or N(0, 1/d), independent across k          (iid_distribution)
 * smooth   an RBF Gaussian process in t = k/L, length scale l, / sqrt(d)          ({@link SmoothVariant})
 * fbm      unit-variance fractional Gaussian noise in k, Hurst index H, / sqrt(d)
 * </pre>
 *
 * Every law has variance 1/d per entry. H = 1/2 makes fbm the Gaussian iid law; H close to 1
 * approaches smooth weights.
 *
 * @param init            iid, smooth or fbm (the xavier laws of SCIENCE 1.1 belong to the other model)
 * @param iidDistribution {@code uniform} (the reference code's {@code create_linear_layer}) or {@code gaussian}
 * @param lengthScale     l of the RBF kernel exp(-(s-t)^2 / (2 l^2)), positive (used by smooth)
 * @param smoothVariant   values or increments of the process (used by smooth)
 * @param hurst           H in (0, 1) for fbm; NaN for the other laws
 */
public record BranchLaw(Initialisation init, String iidDistribution, double lengthScale, SmoothVariant smoothVariant,
                        double hurst) {

    /** The uniform iid law. */
    public static final String UNIFORM = "uniform";
    /** The Gaussian iid law. */
    public static final String GAUSSIAN = "gaussian";

    /**
     * Checks the components.
     *
     * @param init            the law
     * @param iidDistribution uniform or gaussian
     * @param lengthScale     the RBF length scale
     * @param smoothVariant   values or increments
     * @param hurst           H for fbm, NaN otherwise
     * @throws IllegalArgumentException for a law this model does not take or a value out of range
     */
    public BranchLaw {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(smoothVariant, "smoothVariant");
        if (init != Initialisation.IID && init != Initialisation.SMOOTH && init != Initialisation.FBM) {
            throw new IllegalArgumentException("the branch matrices take iid, smooth or fbm, not " + init.key());
        }
        if (!UNIFORM.equals(iidDistribution) && !GAUSSIAN.equals(iidDistribution)) {
            throw new IllegalArgumentException("iid_distribution must be uniform or gaussian, got " + iidDistribution);
        }
        if (!(lengthScale > 0) || Double.isInfinite(lengthScale)) {
            throw new IllegalArgumentException("length scale must be positive, got " + lengthScale);
        }
        if (init == Initialisation.FBM ? !(hurst > 0 && hurst < 1) : !Double.isNaN(hurst)) {
            throw new IllegalArgumentException(init == Initialisation.FBM
                    ? "Hurst index must lie in (0, 1), got " + hurst
                    : "only fbm has a Hurst index, got " + hurst + " for " + init.key());
        }
    }

    /**
     * The canonical text of the settings that enter the law, for the key of its random stream:
     * settings a law does not use are left out, so that, e.g., changing the length scale does
     * not change iid weights.
     *
     * @return e.g. {@code iid(uniform)}, {@code smooth(values, l=0.1)}, {@code fbm(H=0.3)}
     */
    public String streamKey() {
        switch (init) {
            case IID:
                return "iid(" + iidDistribution + ")";
            case SMOOTH:
                return "smooth(" + smoothVariant.key() + ", l=" + lengthScale + ")";
            case FBM:
                return "fbm(H=" + hurst + ")";
            default:
                throw new AssertionError(init);
        }
    }
}
