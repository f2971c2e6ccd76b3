package org.rscale.plots;

import java.util.Arrays;

/**
 * The points of a series that can go on a logarithmic y axis (finite, positive values), and how
 * many were omitted, by reason.
 *
 * @param x           abscissas of the kept points
 * @param y           ordinates of the kept points, finite and positive
 * @param nonPositive number of values omitted for being zero or negative
 * @param nonFinite   number of values omitted for being NaN or infinite
 */
record LogPoints(double[] x, double[] y, int nonPositive, int nonFinite) {

    /**
     * @param x abscissas; not modified
     * @param y ordinates, same length; not modified
     * @return the points whose ordinate is finite and positive, in input order
     */
    static LogPoints of(double[] x, double[] y) {
        double[] kx = new double[x.length];
        double[] ky = new double[y.length];
        int n = 0;
        int nonPositive = 0;
        int nonFinite = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                nonFinite++;
            } else if (y[i] <= 0) {
                nonPositive++;
            } else {
                kx[n] = x[i];
                ky[n] = y[i];
                n++;
            }
        }
        return new LogPoints(Arrays.copyOf(kx, n), Arrays.copyOf(ky, n), nonPositive, nonFinite);
    }

    /** @return number of kept points */
    int size() {
        return y.length;
    }

    /** @return number of omitted points */
    int omitted() {
        return nonPositive + nonFinite;
    }

    /** @return the smallest kept ordinate; only when {@code size() > 0} */
    double yMin() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : y) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** @return the largest kept ordinate; only when {@code size() > 0} */
    double yMax() {
        double m = 0;
        for (double v : y) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * @return e.g. {@code "2 values ≤ 0 omitted"}, {@code "1 NaN/infinite value omitted"}, or both
     *         joined by a comma; empty when nothing was omitted
     */
    String omissionText() {
        StringBuilder sb = new StringBuilder();
        if (nonPositive > 0) {
            sb.append(nonPositive).append(nonPositive == 1 ? " value" : " values").append(" \u2264 0 omitted");
        }
        if (nonFinite > 0) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(nonFinite).append(nonFinite == 1 ? " NaN/infinite value" : " NaN/infinite values").append(" omitted");
        }
        return sb.toString();
    }
}
