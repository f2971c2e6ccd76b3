package org.rscale.plots;

import java.util.Arrays;

/**
 * Thins a long curve for drawing without changing what a reader sees: the points are split into consecutive
 * bins along the curve, and of each bin the first, lowest, highest and last point are kept, in their order. A
 * line through the kept points passes through every extreme of the original, so at the figure's resolution (a
 * single-column figure is about 1000 pixels wide at 300 dpi) the two are drawn the same, while a 9,100-layer weight
 * path costs the vector writers (SVG, PDF) a fraction of the time and the files a fraction of the bytes.
 */
final class CurveEnvelope {
    /** Curves longer than this are thinned (about two points per pixel of a double-column figure). */
    static final int MAX_POINTS = 4000;

    private CurveEnvelope() {
    }

    /**
     * @param x the abscissae, in drawing order
     * @param y the ordinates, same length
     * @return {x, y} unchanged when at most {@link #MAX_POINTS} long, else thinned to at most that many points
     */
    static double[][] of(double[] x, double[] y) {
        int n = x.length;
        if (n <= MAX_POINTS) {
            return new double[][] {x, y};
        }
        int bins = MAX_POINTS / 4;
        double[] ox = new double[MAX_POINTS];
        double[] oy = new double[MAX_POINTS];
        int m = 0;
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * n / bins);
            int to = (int) ((long) (b + 1) * n / bins);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
            }
            int[] keep = {from, Math.min(lo, hi), Math.max(lo, hi), to - 1};
            int last = -1;
            for (int i : keep) {
                if (i != last) {
                    ox[m] = x[i];
                    oy[m] = y[i];
                    m++;
                    last = i;
                }
            }
        }
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }
}
