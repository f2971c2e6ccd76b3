package org.rscale.plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic inputs that look like a real sweep, one per figure, used by the tests and to
 * render sample figures for a human to look at:
 * {@code mvn -o -pl plots test -Dtest=SampleFiguresTest -Drscale.plot.samples=/tmp/rscale-plot-samples}.
 */
final class SampleFigures {

    private SampleFigures() {
    }

    /** @return the paper's depth grid: unique floor(1.2^n) in [3, 10000], 44 depths from 3 to 9100 */
    static double[] depthGrid() {
        List<Double> grid = new ArrayList<>();
        for (int n = 0;; n++) {
            double v = Math.floor(Math.pow(1.2, n));
            if (v > 10000) {
                break;
            }
            if (v >= 3 && (grid.isEmpty() || grid.get(grid.size() - 1) != v)) {
                grid.add(v);
            }
        }
        double[] a = new double[grid.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = grid.get(i);
        }
        return a;
    }

    /** OLS of ln y on ln x with a normal-approximation 95% interval (good enough for a sample). */
    static ScalingFigure.FittedLine fit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(y[i]) - intercept - slope * Math.log(x[i]);
            sse += r * r;
        }
        double se = Math.sqrt(sse / (n - 2) / sxx);
        return ScalingFigure.FittedLine.of(slope, intercept, slope - 1.96 * se, slope + 1.96 * se);
    }

    static ScalingFigure scaling(long seed) {
        Random rng = new Random(seed);
        double[] L = depthGrid();
        double[][] stats = new double[3][L.length];
        double[] exponents = {-0.21, -1.18, 0.29};
        double[] scales = {0.8, 0.5, 0.3};
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < L.length; i++) {
                stats[s][i] = scales[s] * Math.pow(L[i], exponents[s]) * Math.exp(0.08 * rng.nextGaussian());
            }
        }
        List<ScalingFigure.Series> series = List.of(
                ScalingFigure.Series.of("max norm", L, stats[0], fit(L, stats[0])),
                ScalingFigure.Series.of("increment", L, stats[1], fit(L, stats[1])),
                ScalingFigure.Series.of("root SSQ", L, stats[2], fit(L, stats[2])));
        return new ScalingFigure("tanh, shared \u03B4", "A_k", series);
    }

    static WeightPathFigure weightPaths(long seed) {
        Random rng = new Random(seed);
        List<WeightPathFigure.Curve> curves = new ArrayList<>();
        for (int L : new int[] {10, 100, 1000, 10000}) {
            double[] v = new double[L];
            for (int k = 0; k < L; k++) {
                double t = (double) k / L;
                // L^-0.2 (smooth trend + noise that vanishes with depth)
                v[k] = Math.pow(L, -0.2) * (0.6 * Math.sin(2 * Math.PI * t) + 0.3 * t
                        + 0.4 * Math.pow(L, -0.3) * rng.nextGaussian());
            }
            curves.add(new WeightPathFigure.Curve(L, v));
        }
        return new WeightPathFigure("tanh, shared \u03B4", "A_k[3,7]", 0.2, curves);
    }

    static DepthLossFigure depthLoss(long seed) {
        Random rng = new Random(seed);
        List<DepthLossFigure.Cell> cells = new ArrayList<>();
        double[] L = depthGrid();
        for (int i = 0; i < L.length; i++) {
            double d = L[i];
            if (d > 5000 && i % 2 == 0) {
                cells.add(DepthLossFigure.Cell.diverged(d));
                continue;
            }
            DepthLossFigure.Status status;
            double train;
            if (d < 400) {
                status = DepthLossFigure.Status.CONVERGED;
                train = 1e-3 * Math.exp(-0.5 * Math.abs(rng.nextGaussian()));
            } else if (d < 2000) {
                status = DepthLossFigure.Status.STALLED;
                train = 1.5e-3 * Math.pow(d / 400, 0.8) * Math.exp(0.1 * rng.nextGaussian());
            } else {
                status = DepthLossFigure.Status.MAX_EPOCHS;
                train = 5e-3 * Math.pow(d / 2000, 0.5) * Math.exp(0.1 * rng.nextGaussian());
            }
            double test = train * 1.6 * Math.exp(0.1 * rng.nextGaussian());
            cells.add(new DepthLossFigure.Cell(d, train, test, status));
        }
        return new DepthLossFigure("MNIST-25, tanh", 1e-3, cells);
    }

    /** A statistic that is zero at small depths (e.g. an increment of a constant path). */
    static ScalingFigure scalingWithOmissions() {
        double[] L = {3, 5, 10, 30, 100, 300, 1000, 3000};
        double[] v = {0, 0, 2e-2, 6e-3, 2e-3, 6e-4, Double.NaN, 6e-5};
        return new ScalingFigure("relu, per-layer \u03B4", "|\u03B4_k| A_k", List.of(
                ScalingFigure.Series.of("increment", L, v, ScalingFigure.FittedLine.of(-1.0, Math.log(0.2), -1.1, -0.9)),
                ScalingFigure.Series.of("max norm", L, new double[] {1, 0.9, 0.8, 0.7, 0.7, 0.6, 0.6, 0.5})));
    }

    /** Twelve depths of smooth paths: the legend lists six. */
    static WeightPathFigure manyDepths(long seed) {
        Random rng = new Random(seed);
        List<WeightPathFigure.Curve> curves = new ArrayList<>();
        for (int L : new int[] {3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610}) {
            double[] v = new double[L];
            for (int k = 0; k < L; k++) {
                double t = (double) k / L;
                v[k] = 1.0 / L * (Math.cos(3 * t) + 0.5 * t) + 0.02 / L * rng.nextGaussian();
            }
            curves.add(new WeightPathFigure.Curve(L, v));
        }
        return new WeightPathFigure("", "b_k[2]", 1, curves);
    }

    /**
     * Writes the three sample figures and a few edge cases.
     *
     * @param directory where to write
     * @return the written files
     */
    static List<Path> writeAll(Path directory) {
        List<Path> written = new ArrayList<>();
        written.addAll(FigureFiles.write(scaling(1).draw(), directory, "scaling"));
        written.addAll(FigureFiles.write(weightPaths(2).draw(), directory, "weight-path"));
        written.addAll(FigureFiles.write(depthLoss(3).draw(), directory, "depth-loss"));
        // edge cases, to check by eye that they stay readable
        written.addAll(FigureFiles.write(scalingWithOmissions().draw(), directory, "edge-scaling-omitted"));
        written.addAll(FigureFiles.write(manyDepths(4).draw(), directory, "edge-weight-path-many-depths"));
        written.addAll(FigureFiles.write(new DepthLossFigure("all diverged", 1e-3, List.of(
                DepthLossFigure.Cell.diverged(10), DepthLossFigure.Cell.diverged(100))).draw(),
                directory, "edge-depth-loss-all-diverged"));
        written.addAll(FigureFiles.write(scaling(1).draw(PaperStyle.doubleColumn()), directory, "edge-scaling-double-column"));
        return written;
    }
}
