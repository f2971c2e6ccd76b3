package org.rscale.sweeps.initstudy;

import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The residual branches of the JMLR paper's initialisation study (SCIENCE 1.2; Marion, Fermanian,
 * Biau, Vert, "Scaling ResNets in the Large-depth Regime", JMLR 2025, arXiv:2206.06929, eq. (1)
 * and Section 5), both with ReLU and no biases in the branch:
 *
 * <pre>
 * res-1   h_{k+1} = h_k + L^-beta V_k relu(h_k)
 * res-3   h_{k+1} = h_k + L^-beta V_k relu(W_k h_k)
 *         h_0 = A x,  F(x) = B h_L  (both)
 * </pre>
 *
 * The reference code calls res-1 {@code SimpleResNet} and res-3 {@code FullResNet}.
 */
public enum BranchModel {
    /** One matrix per layer, ReLU of the hidden state. */
    RES_1("res-1", 1),
    /** Two matrices per layer, ReLU between them. */
    RES_3("res-3", 2);

    private final String key;
    private final int matrices;

    BranchModel(String key, int matrices) {
        this.key = key;
        this.matrices = matrices;
    }

    /** @return the configuration name, {@code res-1} or {@code res-3} */
    public String key() {
        return key;
    }

    /** @return the number of width x width matrices per layer (V_k; and W_k for res-3) */
    public int matricesPerLayer() {
        return matrices;
    }

    /**
     * @param key   a configuration name
     * @param where where it came from, for the message
     * @return the model
     * @throws InvalidInputException for an unknown name
     */
    public static BranchModel of(String key, String where) {
        for (BranchModel m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new InvalidInputException(where + ": unknown model '" + key + "' (expected one of "
                + String.join(", ", keys()) + ")");
    }

    /** @return every configuration name */
    public static List<String> keys() {
        return Arrays.stream(values()).map(BranchModel::key).toList();
    }
}
