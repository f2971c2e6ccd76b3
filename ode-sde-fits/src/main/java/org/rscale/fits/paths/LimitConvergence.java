package org.rscale.fits.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.Estimate;
import org.rscale.fits.SampledPath;

/**
 * The convergence of the rescaled weights {@code L^beta T_floor(tL)} to a limit curve as the depth grows
 * (hypothesis H1 of SCIENCE.md section 5), measured by the distances between consecutive depths and
 * their decay rate.
 *
 * <p><b>Definition.</b> Every cell's curve is sampled on the common grid of {@link RescaledCurve}
 * ({@code G} points, default {@value RescaledCurve#DEFAULT_POINTS}). The cells of each depth are ranked
 * (by seed, then id: the order of {@link org.rscale.analysis.CellGroup}); the cells of rank {@code r}
 * form chain {@code r}, and each chain is compared between consecutive depths at which it has a cell
 * ({@link CurveDistance}: sup and L2 distances). Several seeds thus give several distances per depth
 * pair, not an average: averaging seeds would smooth away exactly the noise whose persistence tells
 * H1 from H2, and different seeds need not converge to the same limit.
 *
 * <p><b>Rate.</b> The distances are fitted as {@code log(distance) = c + slope log(L_a)} against the
 * shallower depth {@code L_a} ({@link ScalingFit}: OLS with Student t interval, and the seed bootstrap
 * over the chains when there are several); the rate is {@code -slope} ({@link #supRate()}). Predictions:
 * <pre>
 *   weights                           sup / L2 rate     why
 *   L^-beta f(k/L), f smooth          1                 sampling f at floor(tL)/L errs by |f'| / L
 *   L^-beta f(k/L), f Hölder(a)       a
 *   L^-beta xi_k (iid), diffusive     0                 rescaled noise keeps its size; distances flat
 *   growing noise                     &lt; 0
 * </pre>
 * A positive rate with small relative distances supports H1; a rate near 0 with relative distances of
 * order 1 rejects it.
 *
 * <p><b>Limit curve.</b> {@link #limit()} is the deepest depth's rescaled curve of the lowest-rank cell
 * (the lowest seed), on the common grid: the best available approximation of {@code A-bar} when the rate
 * is positive, within about the last distance. It is not a Richardson extrapolation (that would need the
 * rate to be exact and the error to be smooth in {@code 1/L}, which the floor sampling is not).
 *
 * <p><b>Memory.</b> {@link Accumulator} takes the curves in depth order and keeps one curve per chain, so
 * only {@code G x rows x cols} numbers per seed are held, whatever the number of depths.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (hypothesis 1, weights against k/L overlaid for several depths);
 * R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual Networks", arXiv:2212.08199.
 *
 * @param tensor     the tensor
 * @param exponent   beta, the rescaling exponent
 * @param gridPoints G
 * @param distances  the distances, by depth pair then chain
 * @param supFit     the log-log fit of the sup distances against {@code L_a}; empty with fewer than 3 pairs
 *                   at 3 depths
 * @param l2Fit      the same for the L2 distances
 * @param limit      the deepest depth's curve of the lowest rank
 * @param limitCell  the cell of {@link #limit()}
 * @param limitDepth its depth
 */
public record LimitConvergence(String tensor, double exponent, int gridPoints, List<CurveDistance> distances,
                               Optional<ScalingFit> supFit, Optional<ScalingFit> l2Fit, SampledPath limit,
                               String limitCell, int limitDepth) {

    /**
     * Copies the distances.
     *
     * @param tensor the tensor
     * @param exponent beta
     * @param gridPoints G
     * @param distances the distances
     * @param supFit the fit of the sup distances
     * @param l2Fit the fit of the L2 distances
     * @param limit the deepest curve
     * @param limitCell its cell
     * @param limitDepth its depth
     */
    public LimitConvergence {
        distances = List.copyOf(distances);
    }

    /**
     * One cell's rescaled curve.
     *
     * @param cell  the cell's id
     * @param depth its depth
     * @param rank  its rank among the cells of its depth (0 = lowest seed)
     * @param curve {@link RescaledCurve#of} of its weights
     */
    public record DepthCurve(String cell, int depth, int rank, SampledPath curve) {
    }

    /**
     * The convergence of a list of curves.
     *
     * @param tensor     the tensor
     * @param exponent   beta used for the curves
     * @param gridPoints G of the curves
     * @param curves     the cells' curves in non-decreasing depth order, at least one
     * @param level      the level of the rate intervals
     * @return the distances, their fits and the limit
     */
    public static LimitConvergence of(String tensor, double exponent, int gridPoints, List<DepthCurve> curves,
                                      double level) {
        Accumulator acc = new Accumulator(tensor, exponent, gridPoints);
        for (DepthCurve c : curves) {
            acc.add(c);
        }
        return acc.build(level);
    }

    /**
     * The curves of the cells of a sweep, one at a time.
     *
     * @param tensor     the tensor
     * @param exponent   beta
     * @param gridPoints G
     * @param weights    each cell's weights, in non-decreasing depth order
     * @param cells      each cell's id
     * @param level      the level of the rate intervals
     * @return the convergence
     */
    public static LimitConvergence ofWeights(String tensor, double exponent, int gridPoints, List<WeightSequence> weights,
                                             List<String> cells, double level) {
        Accumulator acc = new Accumulator(tensor, exponent, gridPoints);
        for (int i = 0; i < weights.size(); i++) {
            acc.add(cells.get(i), weights.get(i));
        }
        return acc.build(level);
    }

    /** @return {@code -slope} of the sup-distance fit with the fit's interval, if there is a fit */
    public Optional<Estimate> supRate() {
        return supFit.map(f -> Estimate.slopeOf(f).negate());
    }

    /** @return {@code -slope} of the L2-distance fit with the fit's interval, if there is a fit */
    public Optional<Estimate> l2Rate() {
        return l2Fit.map(f -> Estimate.slopeOf(f).negate());
    }

    /**
     * Builds a {@link LimitConvergence} from curves given one at a time in non-decreasing depth order,
     * keeping one curve per chain. Not thread-safe.
     */
    public static final class Accumulator {
        private final String tensor;
        private final double exponent;
        private final int gridPoints;
        private final Map<Integer, DepthCurve> previous = new TreeMap<>();
        private final List<CurveDistance> distances = new ArrayList<>();
        private int currentDepth = 0;
        private int currentRank = 0;
        private DepthCurve deepest;

        /**
         * @param tensor     the tensor
         * @param exponent   beta
         * @param gridPoints G, at least 2
         */
        public Accumulator(String tensor, double exponent, int gridPoints) {
            if (gridPoints < 2) {
                throw new IllegalArgumentException("grid points must be at least 2, got " + gridPoints);
            }
            this.tensor = tensor;
            this.exponent = exponent;
            this.gridPoints = gridPoints;
        }

        /**
         * Adds a cell's weights; its rank is the number of cells of the same depth added before it.
         *
         * @param cell the cell's id
         * @param T    its weights, finite; not modified, not kept
         */
        public void add(String cell, WeightSequence T) {
            int rank = T.L() == currentDepth ? currentRank : 0;
            add(new DepthCurve(cell, T.L(), rank, RescaledCurve.of(T, exponent, gridPoints)));
        }

        /**
         * Adds a cell's curve.
         *
         * @param c the curve; its depth must not be below the previous one's
         * @throws IllegalArgumentException when the depth decreases or the grid differs
         */
        public void add(DepthCurve c) {
            if (c.depth() < currentDepth) {
                throw new IllegalArgumentException("curves must come in non-decreasing depth order: " + c.cell() + " (L = "
                        + c.depth() + ") after depth " + currentDepth);
            }
            if (c.curve().points() != gridPoints) {
                throw new IllegalArgumentException("curve of " + c.cell() + " has " + c.curve().points()
                        + " grid points, expected " + gridPoints);
            }
            if (c.depth() != currentDepth) {
                currentDepth = c.depth();
                currentRank = 0;
            }
            currentRank++;
            DepthCurve before = previous.get(c.rank());
            if (before != null && before.depth() < c.depth()) {
                distances.add(CurveDistance.between(tensor, before, c));
            }
            previous.put(c.rank(), c);
            if (deepest == null || c.depth() > deepest.depth() || (c.depth() == deepest.depth() && c.rank() < deepest.rank())) {
                deepest = c;
            }
        }

        /**
         * @param level the level of the rate intervals, in (0, 1)
         * @return the convergence of the curves added so far
         * @throws IllegalStateException when no curve was added
         */
        public LimitConvergence build(double level) {
            if (deepest == null) {
                throw new IllegalStateException("no curve of " + tensor + " was added");
            }
            int n = distances.size();
            int[] depths = new int[n];
            double[] sup = new double[n];
            double[] l2 = new double[n];
            for (int i = 0; i < n; i++) {
                CurveDistance d = distances.get(i);
                depths[i] = d.depthA();
                sup[i] = d.sup();
                l2[i] = d.l2();
            }
            return new LimitConvergence(tensor, exponent, gridPoints, distances, ScalingFit.of(depths, sup, level),
                    ScalingFit.of(depths, l2, level), deepest.curve(), deepest.cell(), deepest.depth());
        }
    }
}
