package org.rscale.sweeps.run;

import java.util.Arrays;

/**
 * The final linear layer of a conv ResNet, in PyTorch's layout: {@code y = W x + b} with W of shape
 * (out, in) in C order. Immutable: arrays are copied in and out.
 *
 * @param outFeatures the classes
 * @param inFeatures  the features after pooling (the last stage's channels)
 * @param weight      out x in values, C order
 * @param bias        out values, or null for a layer without bias
 */
public record LinearLayer(int outFeatures, int inFeatures, double[] weight, double[] bias) {

    // Checks the shapes; copies the arrays.
    public LinearLayer {
        if (outFeatures < 1 || inFeatures < 1 || (long) outFeatures * inFeatures != weight.length) {
            throw new IllegalArgumentException("linear weight of shape (" + outFeatures + ", " + inFeatures
                    + ") cannot hold " + weight.length + " values");
        }
        if (bias != null && bias.length != outFeatures) {
            throw new IllegalArgumentException("linear bias has " + bias.length + " values for " + outFeatures
                    + " outputs");
        }
        weight = weight.clone();
        bias = bias == null ? null : bias.clone();
    }

    /** @return a copy of W, C order */
    @Override
    public double[] weight() {
        return weight.clone();
    }

    /** @return a copy of b, or null */
    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearLayer l && outFeatures == l.outFeatures && inFeatures == l.inFeatures
                && Arrays.equals(weight, l.weight) && Arrays.equals(bias, l.bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weight) + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "LinearLayer(" + outFeatures + ", " + inFeatures + (bias == null ? ", no bias)" : ")");
    }
}
