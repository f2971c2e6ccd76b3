package org.rscale.sweeps.initstudy;

import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * How a smooth (RBF Gaussian process) initialisation turns the process X on t in [0, 1] into the
 * weights of layer k, entry by entry (l the length scale, d the width, L the depth):
 *
 * <pre>
 * values       V_k = X(k/L) / sqrt(d),                      k = 0..L-1   (SCIENCE 1.1, the paper's definition)
 * increments   V_k = (X((k+1)/L) - X(k/L)) / (s sqrt(d)),   k = 0..L-1   (the reference code)
 *              s^2 = Var(X((k+1)/L) - X(k/L)) = 2 (1 - exp(-1 / (2 l^2 L^2)))
 * </pre>
 *
 * Both give weights of variance 1/d that are smooth in k/L. The reference code
 * ({@code models.create_linear_layers_rbf}) divides the increments by their empirical standard
 * deviation (the mean over k of the standard deviation over the d^2 entries); rscale divides by
 * the exact one, so that every entry has exactly the law written above (the two differ by the
 * sampling error of a standard deviation over d^2 entries, about 1/(2d) relative).
 */
public enum SmoothVariant {
    /** The process values on k/L. */
    VALUES("values"),
    /** The increments of the process over each layer, rescaled to unit variance. */
    INCREMENTS("increments");

    private final String key;

    SmoothVariant(String key) {
        this.key = key;
    }

    /** @return the configuration name */
    public String key() {
        return key;
    }

    /**
     * @param key   a configuration name
     * @param where where it came from, for the message
     * @return the variant
     * @throws InvalidInputException for an unknown name
     */
    public static SmoothVariant of(String key, String where) {
        for (SmoothVariant v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        throw new InvalidInputException(where + ": unknown smooth_variant '" + key + "' (expected one of "
                + String.join(", ", keys()) + ")");
    }

    /** @return every configuration name */
    public static List<String> keys() {
        return Arrays.stream(values()).map(SmoothVariant::key).toList();
    }
}
