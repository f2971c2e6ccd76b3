package org.rscale.analysis.spectral;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * Which linear map a strided convolution's operator norm is taken of.
 *
 * <p>A convolution with stride {@code s} is the stride-1 convolution {@code C} followed by subsampling
 * {@code S} (keep every {@code s}-th row and column). On the torus of size {@code n x n} with {@code s}
 * dividing {@code n}, the output frequency {@code q} (on the {@code n/s} grid) collects the {@code s^2}
 * input frequencies {@code f_j = q + j n/s} that alias to it; with unitary DFTs,
 * <pre>
 *   z^(q) = (1/s) sum_j K^(f_j) x^(f_j),     so    ||S C|| = max_q sigma_max(M_q),
 *   M_q = (1/s) [K^(f_1) | ... | K^(f_{s^2})]           (c_out x s^2 c_in),
 *   sigma(M_q)^2 = eig((1/s^2) sum_j K^(f_j) K^(f_j)^H)
 * </pre>
 * (1-D: {@code z[m] = y[sm]}, {@code Z(q) = (1/s) sum_j Y(q + jn/s)}; with unitary normalisation the factor
 * is {@code 1/sqrt(s)} per dimension). Since {@code S} is a contraction, {@code ||S C|| <= ||C||}. A 1x1
 * kernel {@code W} with any stride has norm {@code ||W||_2}.
 */
public enum StrideRule {
    /**
     * The map from the input to the strided output, {@code ||S C||}, on the torus of the input's size when the
     * stride divides both extents. Otherwise (7 x 7 with stride 2, the last stage of a 28 x 28 network) the
     * subsampled positions do not form a subgroup of the torus and the frequencies do not decouple; the size is
     * then rounded up to a multiple of the stride (7 to 8): the network's own convolution, zero-padded on
     * 7 x 7 with stride 2 and 4 x 4 outputs, is the strided circular one on 8 x 8 restricted to images whose
     * eighth row and column are zero, so this is an upper bound of the network's norm, and far closer to it than
     * the stride-1 norm. The default.
     */
    SUBSAMPLED("subsampled"),
    /**
     * The stride-1 convolution on the input size, {@code ||C||}, whatever the stride: the reference code's
     * {@code singular_values(kernel, input_shape)} (instadeepai/scaling-resnets, {@code cifar_utils.py}).
     */
    UNSTRIDED("unstrided");

    /** The default rule. */
    public static final StrideRule DEFAULT = SUBSAMPLED;

    private final String key;

    StrideRule(String key) {
        this.key = key;
    }

    /** @return the on-disk and command-line name */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * @param key a name, case-insensitive
     * @return the rule
     * @throws InvalidInputException naming the value and the choices when unknown
     */
    @JsonCreator
    public static StrideRule of(String key) {
        for (StrideRule r : values()) {
            if (r.key.equals(key.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new InvalidInputException("stride rule '" + key + "' is not one of subsampled, unstrided");
    }
}
