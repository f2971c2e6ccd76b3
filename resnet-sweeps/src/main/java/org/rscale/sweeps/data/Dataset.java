package org.rscale.sweeps.data;

/**
 * Inputs and targets of a regression task, both {@code n x d}, row-major: sample {@code i}
 * occupies {@code [i*d, (i+1)*d)} of {@code x} and of {@code y}. The arrays are owned by the
 * dataset and never modified after construction.
 *
 * @param n the number of samples
 * @param d the dimension of inputs and targets
 * @param x the inputs
 * @param y the targets
 */
public record Dataset(int n, int d, double[] x, double[] y) {

    // Checks the array lengths.
    public Dataset {
        if (n < 0 || d < 1) {
            throw new IllegalArgumentException("bad dataset shape n=" + n + ", d=" + d);
        }
        if (x.length != (long) n * d || y.length != (long) n * d) {
            throw new IllegalArgumentException("dataset arrays must hold n*d = " + (long) n * d
                    + " values (x has " + x.length + ", y has " + y.length + ")");
        }
    }

    /**
     * @param from first sample, inclusive
     * @param to   last sample, exclusive
     * @return a copy of samples {@code [from, to)}
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + n + " samples");
        }
        return new Dataset(to - from, d, java.util.Arrays.copyOfRange(x, from * d, to * d),
                java.util.Arrays.copyOfRange(y, from * d, to * d));
    }
}
