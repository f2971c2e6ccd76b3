package org.rscale.sweeps.data;

/**
 * Inputs with integer class labels: {@code n} samples of {@code inputs} values each, row-major
 * (sample {@code i} at {@code x[i * inputs .. (i + 1) * inputs)}). The arrays are owned by this
 * object and never modified after construction.
 *
 * @param n      the number of samples
 * @param inputs values per sample (784 for MNIST: 28 x 28 pixels, row-major)
 * @param x      the inputs
 * @param labels the class of each sample, 0..classes-1
 */
public record LabelledInputs(int n, int inputs, double[] x, int[] labels) {

    // Checks the array lengths.
    public LabelledInputs {
        if (n < 0 || inputs < 1 || x.length != (long) n * inputs || labels.length != n) {
            throw new IllegalArgumentException(n + " samples of " + inputs + " inputs need " + (long) n * inputs
                    + " values and " + n + " labels (got " + x.length + " and " + labels.length + ")");
        }
    }

    /**
     * @param i a sample
     * @return its label
     */
    public int label(int i) {
        return labels[i];
    }
}
