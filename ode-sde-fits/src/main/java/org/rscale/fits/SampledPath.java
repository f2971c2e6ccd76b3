package org.rscale.fits;

import java.util.Arrays;

/**
 * A matrix- (or vector-, or scalar-) valued function of t in [0, 1] known on a grid
 * 0 = t_0 &lt; t_1 &lt; ... &lt; t_{n-1} = 1 and read between grid points by linear interpolation:
 * a limit curve A-bar(t), a trend, a cumulative noise path W(t).
 *
 * <p>Layout: the value at grid point g is {@code values[g*rows*cols .. (g+1)*rows*cols)},
 * row-major. The arrays are owned by the path: not copied, never modified.
 *
 * @param t      the grid, strictly increasing, from 0 to 1
 * @param rows   rows of each value
 * @param cols   columns of each value (1 for vectors and scalars)
 * @param values the values, grid-point-major
 */
public record SampledPath(double[] t, int rows, int cols, double[] values) {

    // Checks the grid and the lengths.
    public SampledPath {
        if (t.length < 2) {
            throw new IllegalArgumentException("a sampled path needs at least 2 grid points, got " + t.length);
        }
        if (t[0] != 0.0 || t[t.length - 1] != 1.0) {
            throw new IllegalArgumentException("grid must run from 0 to 1, got " + t[0] + " .. " + t[t.length - 1]);
        }
        for (int i = 1; i < t.length; i++) {
            if (!(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("grid must increase strictly at index " + i);
            }
        }
        if (rows < 1 || cols < 1 || values.length != (long) t.length * rows * cols) {
            throw new IllegalArgumentException("values must hold " + t.length + " x " + rows + " x " + cols
                    + " numbers, got " + values.length);
        }
    }

    /**
     * A path on the uniform grid t_g = g / (n - 1).
     *
     * @param n      grid points, at least 2
     * @param rows   rows
     * @param cols   columns
     * @param values n*rows*cols values; kept, not copied
     * @return the path
     */
    public static SampledPath uniform(int n, int rows, int cols, double[] values) {
        double[] t = new double[n];
        for (int g = 0; g < n; g++) {
            t[g] = (double) g / (n - 1);
        }
        t[n - 1] = 1.0;
        return new SampledPath(t, rows, cols, values);
    }

    /** @return entries per value, rows * cols */
    public int size() {
        return rows * cols;
    }

    /**
     * The value at s by linear interpolation between the grid points around it (s is clamped to
     * [0, 1]).
     *
     * @param s   the time, not NaN
     * @param out receives rows*cols values; modified
     * @throws IllegalArgumentException when {@code s} is NaN (an integrator whose step went non-finite: the caller
     *                                  records a failed integration instead of reading past the grid)
     */
    public void valueAt(double s, double[] out) {
        if (Double.isNaN(s)) {
            throw new IllegalArgumentException("a sampled path was read at time NaN");
        }
        int m = size();
        double x = Math.min(1.0, Math.max(0.0, s));
        int g = Arrays.binarySearch(t, x);
        if (g >= 0) {
            System.arraycopy(values, g * m, out, 0, m);
            return;
        }
        int hi = -g - 1;
        int lo = hi - 1;
        double w = (x - t[lo]) / (t[hi] - t[lo]);
        int a = lo * m;
        int b = hi * m;
        for (int i = 0; i < m; i++) {
            out[i] = values[a + i] + w * (values[b + i] - values[a + i]);
        }
    }

    /** @return the number of grid points */
    public int points() {
        return t.length;
    }
}
