package org.rscale.fits.paths;

import org.rscale.fits.SampledPath;

/**
 * The distance between the rescaled weight curves of two consecutive depths of one chain of cells
 * ({@link RescaledCurve}, {@link LimitConvergence}):
 * <pre>
 *   D(t_g)      = A_{L_b}(t_g) - A_{L_a}(t_g)                              (a matrix per grid point)
 *   sup         = max_g ||D(t_g)||_F
 *   l2          = sqrt( (1/G) sum_g ||D(t_g)||_F^2 )
 *   relativeSup = sup / max_g ||A_{L_b}(t_g)||_F
 *   relativeL2  = l2  / sqrt( (1/G) sum_g ||A_{L_b}(t_g)||_F^2 )
 * </pre>
 * Conventions: Frobenius norm over the entries at each {@code t}, then the sup (as in H1,
 * {@code max_k ||L^beta A_k - A-bar(k/L)||}) or the root mean square over the grid (for the L2 distance
 * the two orders agree: it is also the Frobenius norm of the per-entry L2 norms). The relative distances
 * divide by the deeper curve's norm; they are NaN when that curve is zero.
 *
 * @param tensor      the tensor, e.g. {@code A}
 * @param depthA      the shallower depth {@code L_a}
 * @param depthB      the deeper depth {@code L_b}
 * @param rank        the chain: the rank of both cells among the cells of their depth (0 = lowest seed)
 * @param cellA       the shallower cell's id
 * @param cellB       the deeper cell's id
 * @param sup         the sup distance
 * @param l2          the L2 distance
 * @param relativeSup the sup distance over the deeper curve's sup norm
 * @param relativeL2  the L2 distance over the deeper curve's L2 norm
 */
public record CurveDistance(String tensor, int depthA, int depthB, int rank, String cellA, String cellB, double sup,
                            double l2, double relativeSup, double relativeL2) {

    /**
     * Measures two curves on the same grid.
     *
     * @param tensor the tensor
     * @param a      the shallower depth's cell
     * @param b      the deeper depth's cell
     * @return their distance
     * @throws IllegalArgumentException when the grids or the value shapes differ
     */
    public static CurveDistance between(String tensor, LimitConvergence.DepthCurve a, LimitConvergence.DepthCurve b) {
        SampledPath p = a.curve();
        SampledPath q = b.curve();
        if (p.points() != q.points() || p.rows() != q.rows() || p.cols() != q.cols()) {
            throw new IllegalArgumentException("curves of " + a.cell() + " and " + b.cell() + " differ in grid or shape: "
                    + p.points() + " x " + p.rows() + " x " + p.cols() + " vs " + q.points() + " x " + q.rows() + " x "
                    + q.cols());
        }
        int G = p.points();
        int m = p.size();
        double[] x = p.values();
        double[] y = q.values();
        double sup = 0;
        double sumSq = 0;
        double normSup = 0;
        double normSq = 0;
        int offset = 0;
        for (int g = 0; g < G; g++) {
            double d2 = 0;
            double n2 = 0;
            for (int e = 0; e < m; e++) {
                // ||D(t_g)||_F^2 and ||A_{L_b}(t_g)||_F^2
                double d = y[offset + e] - x[offset + e];
                d2 += d * d;
                n2 += y[offset + e] * y[offset + e];
            }
            sup = Math.max(sup, Math.sqrt(d2));
            normSup = Math.max(normSup, Math.sqrt(n2));
            sumSq += d2;
            normSq += n2;
            offset += m;
        }
        double l2 = Math.sqrt(sumSq / G);
        double normL2 = Math.sqrt(normSq / G);
        return new CurveDistance(tensor, a.depth(), b.depth(), a.rank(), a.cell(), b.cell(), sup, l2,
                normSup > 0 ? sup / normSup : Double.NaN, normL2 > 0 ? l2 / normL2 : Double.NaN);
    }
}
