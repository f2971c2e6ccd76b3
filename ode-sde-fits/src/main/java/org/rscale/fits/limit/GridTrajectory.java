package org.rscale.fits.limit;

import java.util.Arrays;

/**
 * A solution known on a grid {@code 0 = t_0 &lt; ... &lt; t_n = 1} (an Euler&ndash;Maruyama path) and read
 * between grid points by linear interpolation; exact at the grid points.
 */
public final class GridTrajectory implements LimitTrajectory {
    private final int dim;
    private final double[] t;
    private final double[] states;

    /**
     * @param dim    the width d
     * @param t      the grid; kept, not copied
     * @param states (n+1)*d values, grid-point-major; kept, not copied
     */
    GridTrajectory(int dim, double[] t, double[] states) {
        if (states.length != (long) t.length * dim) {
            throw new IllegalArgumentException("a grid of " + t.length + " points and width " + dim + " needs "
                    + (long) t.length * dim + " states, got " + states.length);
        }
        this.dim = dim;
        this.t = t;
        this.states = states;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** @return the grid; not a copy: do not modify */
    public double[] grid() {
        return t;
    }

    /** @return the states on the grid, grid-point-major; not a copy: do not modify */
    public double[] states() {
        return states;
    }

    @Override
    public void valueAt(double s, double[] out) {
        double x = Math.min(1.0, Math.max(0.0, s));
        int g = Arrays.binarySearch(t, x);
        if (g >= 0) {
            System.arraycopy(states, g * dim, out, 0, dim);
            return;
        }
        int hi = -g - 1;
        int lo = hi - 1;
        double w = (x - t[lo]) / (t[hi] - t[lo]);
        for (int i = 0; i < dim; i++) {
            out[i] = states[lo * dim + i] + w * (states[hi * dim + i] - states[lo * dim + i]);
        }
    }
}
