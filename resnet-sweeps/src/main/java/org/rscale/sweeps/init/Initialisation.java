package org.rscale.sweeps.init;

import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The initial laws of the weights A_k and biases b_k (SCIENCE 1.1), sigma0 = {@code initial_sd}.
 *
 * <pre>
 * key            A_k entries                                   b_k entries
 * xavier         N(0, std sigma0/d)                            N(0, std sigma0/sqrt(d))
 * xavier-depth   N(0, std sigma0/(L d))                        N(0, std sigma0/(L sqrt(d)))
 * iid            N(0, 1/d) or U with variance 1/d, iid in k     the same law
 * smooth         per entry a GP in t = k/L, RBF kernel          the same process
 *                exp(-(s-t)^2/(2 l^2)), divided by sqrt(d)
 * fbm            per entry fractional Gaussian noise in k,       the same process
 *                Hurst H, unit variance, divided by sqrt(d)
 * </pre>
 *
 * <p>The sources define iid, smooth and fbm for the weights only (the JMLR model has no biases);
 * rscale gives the biases the same law, which is the ambiguous choice documented here.
 */
public enum Initialisation {
    /** Gaussian, std sigma0/d (A) and sigma0/sqrt(d) (b). */
    XAVIER("xavier"),
    /** xavier divided by L. */
    XAVIER_DEPTH("xavier-depth"),
    /** iid across layers with variance 1/d. */
    IID("iid"),
    /** a smooth Gaussian process in k/L. */
    SMOOTH("smooth"),
    /** fractional Gaussian noise in k. */
    FBM("fbm");

    private final String key;

    Initialisation(String key) {
        this.key = key;
    }

    /** @return the configuration name */
    public String key() {
        return key;
    }

    /**
     * @param key a configuration name (without the {@code (H)} of {@code fbm(H)})
     * @return the initialisation
     */
    public static Initialisation of(String key) {
        for (Initialisation i : values()) {
            if (i.key.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown init '" + key + "' (expected one of " + keys() + ")");
    }

    /**
     * The initialisation a file names, as {@link #of(String)}, with the place in the message (as
     * {@code BranchModel.of(key, where)} does for a model).
     *
     * @param key   a configuration name
     * @param where where it came from, e.g. {@code file:line}, for the message
     * @return the initialisation
     * @throws InvalidInputException for an unknown name
     */
    public static Initialisation of(String key, String where) {
        try {
            return of(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }

    /** @return all configuration names */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Initialisation::key).toList();
    }
}
