package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.math3.distribution.TDistribution;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;

/**
 * The summaries of a ratios table that the figures draw (pure functions of the rows).
 *
 * <pre>
 * depth curves     per (model, init, H, width) and beta, per depth: the mean over networks of the
 *                  per-network mean over inputs, with a Student-t interval of that mean at the given
 *                  level (the paper's seaborn line plots show a bootstrap interval of the mean)
 * phase diagrams   per (model, width, depth) of the fbm networks: for every (beta, H) cell the mean
 *                  over its rows (networks x inputs) of log10 of the quantity, as the reference code's
 *                  pivot table; with IEEE arithmetic: a cell holding a NaN is NaN, one holding +inf
 *                  (and no NaN or -inf) is +inf
 * samples          per (model, init, H, width, depth, beta), every row's value (histograms)
 * </pre>
 *
 * A depth point any of whose networks has a non-finite value has a non-finite mean and interval;
 * it counts them in {@link DepthPoint#nonFinite()}.
 */
public final class RatioStatistics {
    private RatioStatistics() {
    }

    /** The four quantities of a row. */
    public enum Quantity {
        /** ||h_L|| / ||h_0||. */
        OUTPUT_RATIO("output_ratio", "‖h_L‖ / ‖h_0‖"),
        /** ||h_L - h_0|| / ||h_0||. */
        OUTPUT_CHANGE("output_change", "‖h_L − h_0‖ / ‖h_0‖"),
        /** ||g_0|| / ||g_L||. */
        GRADIENT_RATIO("gradient_ratio", "‖∂l/∂h_0‖ / ‖∂l/∂h_L‖"),
        /** ||g_L - g_0|| / ||g_L||. */
        GRADIENT_CHANGE("gradient_change", "‖∂l/∂h_L − ∂l/∂h_0‖ / ‖∂l/∂h_L‖");

        private final String column;
        private final String formula;

        Quantity(String column, String formula) {
            this.column = column;
            this.formula = formula;
        }

        /** @return the column of ratios.csv */
        public String column() {
            return column;
        }

        /** @return the formula, for axis titles */
        public String formula() {
            return formula;
        }

        /**
         * @param row a row
         * @return this quantity's value in it
         */
        public double of(RatiosTable.Row row) {
            switch (this) {
                case OUTPUT_RATIO: return row.outputRatio();
                case OUTPUT_CHANGE: return row.outputChange();
                case GRADIENT_RATIO: return row.gradientRatio();
                case GRADIENT_CHANGE: return row.gradientChange();
                default: throw new AssertionError(this);
            }
        }
    }

    /**
     * The networks of one law and width.
     *
     * @param model res-1 or res-3
     * @param init  the law
     * @param hurst H, or NaN
     * @param width d
     */
    public record Group(BranchModel model, Initialisation init, double hurst, int width) {
        /** @return e.g. {@code res-3, fbm(H = 0.3), d = 40} (H to 4 significant digits) */
        public String label() {
            return model.key() + ", " + (init == Initialisation.FBM ? "fbm(H = " + ScanUnit.compact(hurst) + ")"
                    : init.key()) + ", d = " + width;
        }

        /** @return e.g. {@code res-3_fbm-H0.3_d40}, for file names (H to 4 significant digits) */
        public String slug() {
            return model.key() + "_" + (init == Initialisation.FBM ? "fbm-H" + ScanUnit.compact(hurst) : init.key())
                    + "_d" + width;
        }
    }

    /**
     * One depth of a curve.
     *
     * @param depth     L
     * @param networks  the networks averaged
     * @param mean      the mean over networks of their mean over inputs
     * @param low       the interval's lower bound (NaN with one network)
     * @param high      its upper bound
     * @param nonFinite networks whose value is infinite or NaN
     */
    public record DepthPoint(int depth, int networks, double mean, double low, double high, int nonFinite) {
    }

    /**
     * A quantity against depth for one group and beta.
     *
     * @param group  the networks
     * @param beta   the exponent
     * @param points one per depth, ascending
     */
    public record DepthCurve(Group group, double beta, List<DepthPoint> points) {
        /**
         * Copies the list.
         *
         * @param group  the group
         * @param beta   the beta
         * @param points the points
         */
        public DepthCurve {
            points = List.copyOf(points);
        }
    }

    /**
     * A (beta, H) phase diagram.
     *
     * @param model       res-1 or res-3
     * @param width       d
     * @param depth       L
     * @param hursts      the Hurst indices, ascending (columns)
     * @param betas       the betas, ascending (rows)
     * @param cells       {@code cells[b][h]}: the mean of log10(quantity) over the cell's rows; NaN
     *                    for an empty cell or one holding NaN
     * @param rowsPerCell the most rows in one cell
     */
    public record PhaseDiagram(BranchModel model, int width, int depth, double[] hursts, double[] betas,
                               double[][] cells, int rowsPerCell) {
        /** @return e.g. {@code res-3_d40_L1000}, for file names */
        public String slug() {
            return model.key() + "_d" + width + "_L" + depth;
        }
    }

    /**
     * Samples for a histogram.
     *
     * @param group  the networks
     * @param depth  L
     * @param beta   the exponent
     * @param values every row's value, in table order
     */
    public record Sample(Group group, int depth, double beta, double[] values) {
    }

    /**
     * @param rows     a ratios table
     * @param quantity what to average
     * @param level    the interval's level, e.g. 0.95
     * @return one curve per (group, beta), in order of first appearance, points by ascending depth
     */
    public static List<DepthCurve> depthCurves(List<RatiosTable.Row> rows, Quantity quantity, double level) {
        // group, beta -> depth -> draw -> (sum, count) over inputs
        Map<Group, Map<Double, TreeMap<Integer, Map<Integer, double[]>>>> acc = new LinkedHashMap<>();
        for (RatiosTable.Row r : rows) {
            Group g = groupOf(r);
            double[] cell = acc.computeIfAbsent(g, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.beta(), k -> new TreeMap<>())
                    .computeIfAbsent(r.depth(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.draw(), k -> new double[2]);
            cell[0] += quantity.of(r);
            cell[1]++;
        }
        List<DepthCurve> curves = new ArrayList<>();
        for (Map.Entry<Group, Map<Double, TreeMap<Integer, Map<Integer, double[]>>>> g : acc.entrySet()) {
            for (Map.Entry<Double, TreeMap<Integer, Map<Integer, double[]>>> b : g.getValue().entrySet()) {
                List<DepthPoint> points = new ArrayList<>();
                for (Map.Entry<Integer, Map<Integer, double[]>> d : b.getValue().entrySet()) {
                    points.add(point(d.getKey(), d.getValue().values(), level));
                }
                curves.add(new DepthCurve(g.getKey(), b.getKey(), points));
            }
        }
        return curves;
    }

    private static DepthPoint point(int depth, java.util.Collection<double[]> draws, double level) {
        int n = draws.size();
        double sum = 0;
        int nonFinite = 0;
        double[] means = new double[n];
        int i = 0;
        for (double[] c : draws) {
            means[i] = c[0] / c[1];
            nonFinite += Double.isFinite(means[i]) ? 0 : 1;
            sum += means[i++];
        }
        double mean = sum / n;
        if (n < 2) {
            return new DepthPoint(depth, n, mean, Double.NaN, Double.NaN, nonFinite);
        }
        double ss = 0;
        for (double m : means) {
            ss += (m - mean) * (m - mean);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2)
                * Math.sqrt(ss / (n - 1) / n);
        return new DepthPoint(depth, n, mean, mean - half, mean + half, nonFinite);
    }

    /**
     * @param rows     a ratios table
     * @param quantity the quantity whose log10 is averaged
     * @return one diagram per (model, width, depth) of the fbm rows with at least two Hurst indices
     *         and two betas
     */
    public static List<PhaseDiagram> phaseDiagrams(List<RatiosTable.Row> rows, Quantity quantity) {
        Map<List<Integer>, List<RatiosTable.Row>> byGroup = new LinkedHashMap<>();
        for (RatiosTable.Row r : rows) {
            if (r.init() == Initialisation.FBM) {
                byGroup.computeIfAbsent(List.of(r.model().ordinal(), r.width(), r.depth()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<PhaseDiagram> out = new ArrayList<>();
        for (List<RatiosTable.Row> group : byGroup.values()) {
            TreeSet<Double> hs = new TreeSet<>();
            TreeSet<Double> bs = new TreeSet<>();
            for (RatiosTable.Row r : group) {
                hs.add(r.hurst());
                bs.add(r.beta());
            }
            if (hs.size() < 2 || bs.size() < 2) {
                continue;
            }
            double[] hursts = hs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] betas = bs.stream().mapToDouble(Double::doubleValue).toArray();
            double[][] sum = new double[betas.length][hursts.length];
            int[][] count = new int[betas.length][hursts.length];
            for (RatiosTable.Row r : group) {
                int b = java.util.Arrays.binarySearch(betas, r.beta());
                int h = java.util.Arrays.binarySearch(hursts, r.hurst());
                sum[b][h] += Math.log10(quantity.of(r));
                count[b][h]++;
            }
            int most = 0;
            for (int b = 0; b < betas.length; b++) {
                for (int h = 0; h < hursts.length; h++) {
                    most = Math.max(most, count[b][h]);
                    sum[b][h] = count[b][h] == 0 ? Double.NaN : sum[b][h] / count[b][h];
                }
            }
            RatiosTable.Row first = group.get(0);
            out.add(new PhaseDiagram(first.model(), first.width(), first.depth(), hursts, betas, sum, most));
        }
        return out;
    }

    /**
     * @param rows     a ratios table
     * @param quantity the quantity
     * @return one sample per (group, depth, beta), in order of first appearance
     */
    public static List<Sample> samples(List<RatiosTable.Row> rows, Quantity quantity) {
        Map<List<Object>, List<Double>> acc = new LinkedHashMap<>();
        for (RatiosTable.Row r : rows) {
            acc.computeIfAbsent(List.of(groupOf(r), r.depth(), r.beta()), k -> new ArrayList<>()).add(quantity.of(r));
        }
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Double>> e : acc.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new Sample((Group) e.getKey().get(0), (Integer) e.getKey().get(1), (Double) e.getKey().get(2), v));
        }
        return out;
    }

    private static Group groupOf(RatiosTable.Row r) {
        return new Group(r.model(), r.init(), r.hurst(), r.width());
    }
}
