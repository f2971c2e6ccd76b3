package org.rscale.sweeps.model;

import java.util.Arrays;
import java.util.List;

/**
 * How the residual branch is scaled: the {@code delta_k} in
 * {@code h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k)} (SCIENCE 1.1).
 *
 * <pre>
 * key        stored delta          delta_k used in the forward pass   trained   initial value
 * none       (1,) = [1]            1                                  no        1
 * shared     (1,) = [delta]        |delta|                            yes       exactly 1/L
 * per-layer  (L,)                  delta_k (signed)                   yes       N(0, std 1/L)
 * fixed      (1,) = [L^-beta]      L^-beta                            no        L^-beta, beta a setting
 * </pre>
 *
 * <p>The two-layer {@code matrix} variant of the sources is not implemented.
 */
public enum ScalingFactor {
    /** delta_k = 1. */
    NONE("none"),
    /** one trainable scalar, used as |delta|. */
    SHARED("shared"),
    /** one trainable signed scalar per layer. */
    PER_LAYER("per-layer"),
    /** delta_k = L^-beta, not trained. */
    FIXED("fixed");

    private final String key;

    ScalingFactor(String key) {
        this.key = key;
    }

    /** @return the name used in configurations and on disk */
    public String key() {
        return key;
    }

    /** @return whether delta is a trained parameter */
    public boolean trainable() {
        return this == SHARED || this == PER_LAYER;
    }

    /**
     * @param depth the number of layers L
     * @return the length of the stored delta vector: L for per-layer, 1 otherwise
     */
    public int storedLength(int depth) {
        return this == PER_LAYER ? depth : 1;
    }

    /**
     * The factor the forward pass applies at layer {@code k}.
     *
     * @param delta the stored delta vector; not modified
     * @param k     the layer index
     * @return 1, |delta_0|, delta_k or delta_0 for none, shared, per-layer, fixed
     */
    public double effective(double[] delta, int k) {
        switch (this) {
            case NONE: return 1.0;
            case SHARED: return Math.abs(delta[0]);
            case PER_LAYER: return delta[k];
            case FIXED: return delta[0];
            default: throw new AssertionError(this);
        }
    }

    /**
     * @param key a configuration name
     * @return the variant of that name
     * @throws IllegalArgumentException listing the known names
     */
    public static ScalingFactor of(String key) {
        for (ScalingFactor s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown delta '" + key + "' (expected one of " + keys() + ")");
    }

    /** @return the configuration names of all variants */
    public static List<String> keys() {
        return Arrays.stream(values()).map(ScalingFactor::key).toList();
    }
}
