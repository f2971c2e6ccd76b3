package org.rscale.fits.limit;

/**
 * One solution {@code t -> H(t)} of a limit equation on [0, 1] from one input {@code H(0) = x}, readable
 * at any time, in particular at the layer times {@code k/L} of a network of depth L.
 *
 * <p>Implementations are not thread-safe (the ODE's dense output keeps an interpolation state).
 */
public sealed interface LimitTrajectory permits DenseTrajectory, GridTrajectory {

    /** @return the width d */
    int dim();

    /**
     * @param t   a time in [0, 1] (clamped to it)
     * @param out receives H(t), d values; modified
     */
    void valueAt(double t, double[] out);

    /**
     * The states at the layer times of a network of depth L.
     *
     * @param L   the depth, at least 1
     * @param out receives {@code H(k/L)} at {@code [k d, (k+1) d)}, {@code k = 0..L}; (L+1)*d values; modified
     */
    default void statesAt(int L, double[] out) {
        int d = dim();
        if (L < 1 || out.length != (long) (L + 1) * d) {
            throw new IllegalArgumentException("states of depth " + L + " need (L+1)*d = " + (long) (L + 1) * d
                    + " values, got " + out.length);
        }
        double[] h = new double[d];
        for (int k = 0; k <= L; k++) {
            valueAt(k == L ? 1.0 : (double) k / L, h);
            System.arraycopy(h, 0, out, k * d, d);
        }
    }
}
