package org.rscale.plots;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Final training loss (and test loss) against depth, log-log, with the convergence threshold:
 * did the sweep train every depth, and where did training stall or diverge? (SCIENCE.md section 3
 * for the stopping rule, section 7 for "training loss against depth".)
 *
 * <p>What is drawn:
 * <pre>
 * training loss, converged    filled blue discs
 * training loss, stalled      filled orange triangles
 * training loss, max epochs   filled purple squares
 * diverged                    vermillion crosses in a band above the top labelled decade
 * test loss (any status)      open green diamonds
 * threshold ε                 dashed black line, legend "threshold ε = 10⁻³"
 * </pre>
 * Only statuses that occur get a legend entry. The x axis covers the depths in whole decades; the
 * y axis covers the finite positive losses and ε in whole decades, plus, when a cell diverged,
 * 0.4 decade above the top decade where the diverged cells are drawn.
 *
 * <p>Edge cases:
 * <ul>
 *   <li>Diverged cells have no finite loss: whatever their losses hold is ignored and they are
 *       drawn as crosses at the top of the plot, legend {@code "diverged (3), drawn at top"}. A sweep in which
 *       every cell diverged gives a figure with ε and the crosses.</li>
 *   <li>A NaN test loss means "not measured": no test marker, no note.</li>
 *   <li>Any other loss that is not finite and positive cannot go on the log axis: it is omitted,
 *       and the series' legend entry and {@link Figure#notes()} say how many.</li>
 *   <li>No cell, a depth that is not finite and positive, or ε not finite and positive:
 *       {@link IllegalArgumentException} when the record is built.</li>
 * </ul>
 *
 * @param title   short title; empty for none
 * @param epsilon the convergence threshold ε on the training loss, finite and positive; NaN when unknown
 *                (weights trained elsewhere), then no threshold line is drawn
 * @param cells   the cells of the sweep, any order, several seeds per depth allowed; not empty
 */
public record DepthLossFigure(String title, double epsilon, List<DepthLossFigure.Cell> cells) {

    /** How training of a cell ended (SCIENCE.md section 3). */
    public enum Status {
        /** The epoch-average training loss went below ε. */
        CONVERGED("converged"),
        /** Five epochs in a row without going below 0.99 times the best loss so far. */
        STALLED("stalled"),
        /** Stopped at the epoch cap. */
        MAX_EPOCHS("max epochs"),
        /** Not recorded (weights trained elsewhere, without run.json). */
        UNKNOWN("status unknown"),
        /** The loss became NaN or infinite. */
        DIVERGED("diverged");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** @return the status as written on the figure, e.g. {@code "max epochs"} */
        public String text() {
            return text;
        }
    }

    /**
     * The outcome of one trained cell.
     *
     * @param depth     the depth L, finite and positive
     * @param trainLoss final training loss; ignored when diverged
     * @param testLoss  final test loss; NaN when not measured; ignored when diverged
     * @param status    how training ended
     */
    public record Cell(double depth, double trainLoss, double testLoss, Status status) {

        /**
         * Checks the components.
         *
         * @param depth     the depth L, finite and positive
         * @param trainLoss final training loss
         * @param testLoss  final test loss, NaN when not measured
         * @param status    how training ended
         * @throws IllegalArgumentException if the depth is not finite and positive
         */
        public Cell {
            Objects.requireNonNull(status, "status");
            if (!(depth > 0) || Double.isInfinite(depth)) {
                throw new IllegalArgumentException("cell depth " + depth + " is not finite and positive");
            }
        }

        /**
         * @param depth the depth
         * @return a diverged cell (losses NaN)
         */
        public static Cell diverged(double depth) {
            return new Cell(depth, Double.NaN, Double.NaN, Status.DIVERGED);
        }
    }

    /** Decades above the top labelled decade where diverged cells are drawn. */
    static final double DIVERGED_BAND_DECADES = 0.4;

    /** Chart series name of the test losses. */
    public static final String TEST_SERIES = "test loss";
    /** Chart series name of the diverged cells. */
    public static final String DIVERGED_SERIES = "diverged (drawn at top)";
    /** Chart series name of the threshold line. */
    public static final String EPSILON_SERIES = "threshold";

    /**
     * Checks and copies the components.
     *
     * @param title   short title; empty for none
     * @param epsilon the convergence threshold, finite and positive
     * @param cells   the cells; not empty
     * @throws IllegalArgumentException if there is no cell or ε is not finite and positive
     */
    public DepthLossFigure {
        Objects.requireNonNull(title, "title");
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("depth-loss figure '" + title + "' has no cell");
        }
        if (!Double.isNaN(epsilon) && (!(epsilon > 0) || Double.isInfinite(epsilon))) {
            throw new IllegalArgumentException("convergence threshold epsilon must be finite and positive (or NaN: "
                    + "unknown, not drawn), got " + epsilon);
        }
    }

    /**
     * @param status a status other than {@link Status#DIVERGED}
     * @return the chart series name of its training losses, e.g. {@code "train: converged"}
     */
    public static String trainSeriesName(Status status) {
        return "train: " + status.text();
    }

    /**
     * Draws the figure in the single-column style.
     *
     * @return the figure
     */
    public Figure draw() {
        return draw(PaperStyle.singleColumn());
    }

    /**
     * Draws the figure. Chart series, each only when it has a point: {@link #trainSeriesName} per
     * status, {@link #TEST_SERIES}, {@link #DIVERGED_SERIES}, and (when epsilon is known) {@link #EPSILON_SERIES}, a
     * two-point line at ε across the x axis.
     *
     * @param style the paper style
     * @return the figure
     */
    public Figure draw(PaperStyle style) {
        Map<Status, List<double[]>> train = new EnumMap<>(Status.class);
        Map<Status, int[]> trainOmitted = new EnumMap<>(Status.class);
        List<double[]> test = new ArrayList<>();
        List<Double> diverged = new ArrayList<>();
        int testOmitted = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        boolean hasEpsilon = !Double.isNaN(epsilon);
        double yMin = hasEpsilon ? epsilon : Double.POSITIVE_INFINITY;
        double yMax = hasEpsilon ? epsilon : 0;
        for (Cell c : cells) {
            xMin = Math.min(xMin, c.depth);
            xMax = Math.max(xMax, c.depth);
            if (c.status == Status.DIVERGED) {
                diverged.add(c.depth);
                continue;
            }
            if (plottable(c.trainLoss)) {
                train.computeIfAbsent(c.status, s -> new ArrayList<>()).add(new double[] {c.depth, c.trainLoss});
                yMin = Math.min(yMin, c.trainLoss);
                yMax = Math.max(yMax, c.trainLoss);
            } else {
                trainOmitted.computeIfAbsent(c.status, s -> new int[1])[0]++;
            }
            if (plottable(c.testLoss)) {
                test.add(new double[] {c.depth, c.testLoss});
                yMin = Math.min(yMin, c.testLoss);
                yMax = Math.max(yMax, c.testLoss);
            } else if (!Double.isNaN(c.testLoss)) {
                testOmitted++;
            }
        }

        if (yMax <= 0) {
            // nothing but diverged cells and no threshold: show the decade below 1
            yMin = 0.1;
            yMax = 1;
        }
        PaperChart chart = new PaperChart(style, title, "depth L", "final loss", Styler.LegendPosition.OutsideS);
        chart.logXData(xMin, xMax);
        DecadeRange yDecades = DecadeRange.covering(yMin, yMax);
        double top = yDecades.max() * Math.pow(10, DIVERGED_BAND_DECADES);
        if (diverged.isEmpty()) {
            // the data's range; diverged cells need the band above the top decade instead
            chart.logYData(yMin, yMax);
        } else {
            chart.logY(yDecades, top);
        }

        List<String> notes = new ArrayList<>();
        PaperMarker.Shape[] shapes = {PaperMarker.Shape.CIRCLE, PaperMarker.Shape.TRIANGLE_UP, PaperMarker.Shape.SQUARE,
            PaperMarker.Shape.TRIANGLE_DOWN};
        int[] colours = {0, 4, 3, 5};
        for (Status status : new Status[] {Status.CONVERGED, Status.STALLED, Status.MAX_EPOCHS, Status.UNKNOWN}) {
            List<double[]> pts = train.getOrDefault(status, List.of());
            int omitted = trainOmitted.getOrDefault(status, new int[1])[0];
            String name = trainSeriesName(status);
            if (omitted > 0) {
                notes.add(name + ": " + omitted + " training " + (omitted == 1 ? "loss" : "losses")
                        + " not finite and positive, omitted");
            }
            if (pts.isEmpty()) {
                continue;
            }
            int k = status.ordinal();
            XYSeries s = scatter(chart, name, pts);
            s.setMarker(style.marker(shapes[k], true));
            s.setMarkerColor(style.color(colours[k]));
            if (omitted > 0) {
                s.setLabel(name + " (" + omitted + " omitted: not > 0)");
            }
        }
        if (!test.isEmpty()) {
            XYSeries s = scatter(chart, TEST_SERIES, test);
            s.setMarker(style.marker(PaperMarker.Shape.DIAMOND, false));
            s.setMarkerColor(style.color(2));
            if (testOmitted > 0) {
                s.setLabel(TEST_SERIES + " (" + testOmitted + " omitted: not > 0)");
            }
        }
        if (testOmitted > 0) {
            notes.add(TEST_SERIES + ": " + testOmitted + " test " + (testOmitted == 1 ? "loss" : "losses")
                    + " not finite and positive, omitted");
        }
        if (!diverged.isEmpty()) {
            List<double[]> pts = new ArrayList<>();
            for (double d : diverged) {
                pts.add(new double[] {d, top});
            }
            XYSeries s = scatter(chart, DIVERGED_SERIES, pts);
            s.setMarker(style.marker(PaperMarker.Shape.CROSS, false));
            s.setMarkerColor(style.color(1));
            s.setLabel("diverged (" + diverged.size() + "), drawn at top");
        }
        if (hasEpsilon) {
            XYSeries eps = chart.addSeries(EPSILON_SERIES, PaperChart.padLog(xMin, xMax),
                    new double[] {epsilon, epsilon});
            eps.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            eps.setMarker(SeriesMarkers.NONE);
            eps.setLineColor(PaperStyle.INK);
            eps.setLineStyle(style.dashedLine(0));
            eps.setLabel("threshold \u03B5 = " + FigureText.number(epsilon));
        } else {
            notes.add("convergence threshold unknown: not drawn");
        }
        chart.fitHeightToLegend();
        return new Figure(chart, style, notes);
    }

    private static boolean plottable(double v) {
        return v > 0 && Double.isFinite(v);
    }

    private static XYSeries scatter(PaperChart chart, String name, List<double[]> pts) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return s;
    }
}
