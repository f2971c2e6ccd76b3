package org.rscale.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.PathsTable;
import org.rscale.sweeps.initscan.RatioStatistics;
import org.rscale.sweeps.initscan.RatioStatistics.Quantity;
import org.rscale.sweeps.initscan.RatiosTable;
import org.rscale.sweeps.initscan.ScanDirectory;

/**
 * The figures of an initialisation scan (the JMLR paper's Figures 1-7), written under
 * {@code DIR/init/figures/} in the formats of the {@link FigureOptions} (PNG, SVG, PDF), at its width (single:
 * panels stacked in one column 3.4 in wide; double: up to {@value #ROW} panels side by side, 7 in), titled or not.
 * Which figures a scan gets follows from its shape, by this table (evaluated by {@link #draw}):
 *
 * <pre>
 * figure                          when                                         one per
 * change_{output,gradient}_G      a group has 2 or more depths                  group G = (model, init, H, width):
 *                                                                               one panel per beta, the mean change
 *                                                                               against depth with its 95% interval
 * histogram_{output,gradient}     a (group, depth, beta) has at least           group, depth and beta (at most
 *   _ratio_G_L_beta               {@value #HISTOGRAM_MIN} networks and the group  {@value #HISTOGRAM_MAX} betas per group)
 *                                 one depth
 * phase_{output,gradient}_M       fbm rows with 2 or more H and betas           model, width, depth M: the mean
 *                                                                               log10 change per (beta, H) cell,
 *                                                                               with beta*(H) = max(H, 1/2)
 * weight_paths                    paths.csv exists                              scan: one panel per (init, H), the
 *                                                                               first draw's entry V_k[0, 0]
 * </pre>
 */
public final class InitFigures {
    /** The fewest networks of a histogram. */
    public static final int HISTOGRAM_MIN = 50;
    /** The most betas per group that get histograms. */
    public static final int HISTOGRAM_MAX = 4;
    /** The interval level of the depth curves. */
    public static final double LEVEL = 0.95;
    /** The most panels side by side at the double width. */
    public static final int ROW = 3;

    private InitFigures() {
    }

    /** The figure kinds and when a scan gets them. */
    enum Kind {
        /** change against depth, one panel per beta. */
        CHANGE_VS_DEPTH,
        /** histograms of the ratios. */
        HISTOGRAM,
        /** the (beta, H) heatmap. */
        PHASE_DIAGRAM,
        /** fbm (weight) sample paths. */
        WEIGHT_PATHS
    }

    /**
     * What was drawn.
     *
     * @param files the written files
     * @param notes what the figures leave out, and why
     */
    public record Drawn(List<Path> files, List<String> notes) {
        /**
         * Copies.
         *
         * @param files the files
         * @param notes the notes
         */
        public Drawn {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Reads the scan's tables and draws every figure its shape calls for, with the default options.
     *
     * @param scan an assembled scan
     * @return the files written and notes
     */
    public static Drawn draw(ScanDirectory scan) {
        return draw(scan, FigureOptions.DEFAULTS);
    }

    /**
     * Reads the scan's tables and draws every figure its shape calls for.
     *
     * @param scan    an assembled scan
     * @param options formats, width, titles (the entry is not used: the paths show V_k[0, 0])
     * @return the files written and notes
     */
    public static Drawn draw(ScanDirectory scan, FigureOptions options) {
        List<RatiosTable.Row> rows = Files.isRegularFile(scan.ratiosFile()) ? RatiosTable.read(scan.ratiosFile())
                : List.of();
        List<PathsTable.Row> paths = Files.isRegularFile(scan.pathsFile()) ? PathsTable.read(scan.pathsFile())
                : List.of();
        return draw(rows, paths, scan.figuresDir(), options);
    }

    /**
     * Draws with the default options.
     *
     * @param rows  a ratios table
     * @param paths a paths table (may be empty)
     * @param dir   the figures directory
     * @return the files written and notes
     */
    public static Drawn draw(List<RatiosTable.Row> rows, List<PathsTable.Row> paths, Path dir) {
        return draw(rows, paths, dir, FigureOptions.DEFAULTS);
    }

    /**
     * @param rows    a ratios table
     * @param paths   a paths table (may be empty)
     * @param dir     the figures directory
     * @param options formats, width, titles
     * @return the files written and notes
     */
    public static Drawn draw(List<RatiosTable.Row> rows, List<PathsTable.Row> paths, Path dir, FigureOptions options) {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            switch (kind) {
                case CHANGE_VS_DEPTH:
                    changeVsDepth(rows, dir, options, files, notes);
                    break;
                case HISTOGRAM:
                    histograms(rows, dir, options, files, notes);
                    break;
                case PHASE_DIAGRAM:
                    phaseDiagrams(rows, dir, options, files, notes);
                    break;
                case WEIGHT_PATHS:
                    weightPaths(paths, dir, options, files, notes);
                    break;
                default:
                    throw new AssertionError(kind);
            }
        }
        return new Drawn(files, notes);
    }

    private static void changeVsDepth(List<RatiosTable.Row> rows, Path dir, FigureOptions options, List<Path> files,
                                      List<String> notes) {
        for (Quantity q : new Quantity[] {Quantity.OUTPUT_CHANGE, Quantity.GRADIENT_CHANGE}) {
            Map<RatioStatistics.Group, List<RatioStatistics.DepthCurve>> byGroup = new LinkedHashMap<>();
            for (RatioStatistics.DepthCurve c : RatioStatistics.depthCurves(rows, q, LEVEL)) {
                if (c.points().size() >= 2) {
                    byGroup.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
                }
            }
            for (Map.Entry<RatioStatistics.Group, List<RatioStatistics.DepthCurve>> e : byGroup.entrySet()) {
                List<RatioStatistics.DepthCurve> curves = new ArrayList<>(e.getValue());
                curves.sort((a, b) -> Double.compare(a.beta(), b.beta()));
                PaperStyle style = panelStyle(curves.size(), options);
                List<Figure> panels = new ArrayList<>();
                for (RatioStatistics.DepthCurve c : curves) {
                    int n = c.points().size();
                    double[] L = new double[n];
                    double[] mean = new double[n];
                    double[] low = new double[n];
                    double[] high = new double[n];
                    int networks = 0;
                    for (int i = 0; i < n; i++) {
                        RatioStatistics.DepthPoint p = c.points().get(i);
                        L[i] = p.depth();
                        mean[i] = p.mean();
                        low[i] = p.low();
                        high[i] = p.high();
                        networks = Math.max(networks, p.networks());
                    }
                    // the composite's title is the SVG's only: with titles, each panel names its group
                    String panel = (options.titles() ? e.getKey().label() + ", " : "") + "β = " + FigureText.number(c.beta());
                    panels.add(new DepthBandFigure(panel, q.formula(),
                            "mean of " + networks + " networks", percent(LEVEL) + " interval of the mean", L, mean,
                            low, high).draw(style));
                }
                String what = q == Quantity.OUTPUT_CHANGE ? "output" : "gradient";
                Figure fig = new PanelFigure(what + " change against depth, " + e.getKey().label(), panels,
                        columns(panels.size(), options)).draw();
                files.addAll(FigureFiles.write(fig, dir, "change_" + what + "_" + e.getKey().slug(), options.formats()));
                for (String note : fig.notes()) {
                    notes.add("change_" + what + "_" + e.getKey().slug() + ": " + note);
                }
            }
        }
    }

    private static void histograms(List<RatiosTable.Row> rows, Path dir, FigureOptions options, List<Path> files,
                                   List<String> notes) {
        for (Quantity q : new Quantity[] {Quantity.OUTPUT_RATIO, Quantity.GRADIENT_RATIO}) {
            List<RatioStatistics.Sample> samples = RatioStatistics.samples(rows, q);
            Map<RatioStatistics.Group, Set<Integer>> depths = new LinkedHashMap<>();
            Map<RatioStatistics.Group, Set<Double>> betas = new LinkedHashMap<>();
            for (RatioStatistics.Sample s : samples) {
                depths.computeIfAbsent(s.group(), k -> new LinkedHashSet<>()).add(s.depth());
                betas.computeIfAbsent(s.group(), k -> new LinkedHashSet<>()).add(s.beta());
            }
            for (RatioStatistics.Sample s : samples) {
                if (s.values().length < HISTOGRAM_MIN || depths.get(s.group()).size() != 1
                        || betas.get(s.group()).size() > HISTOGRAM_MAX) {
                    continue;
                }
                String label = s.values().length + " values, " + s.group().label() + ", L = " + s.depth() + ", β = "
                        + FigureText.number(s.beta());
                Figure fig = new HistogramFigure("", q.formula(), label, s.values()).draw(options.style());
                String name = "histogram_" + q.column() + "_" + s.group().slug() + "_L" + s.depth() + "_beta"
                        + FigureText.number(s.beta()).replace('\u2212', '-');
                files.addAll(FigureFiles.write(fig, dir, name, options.formats()));
                for (String note : fig.notes()) {
                    notes.add(name + ": " + note);
                }
            }
        }
    }

    private static void phaseDiagrams(List<RatiosTable.Row> rows, Path dir, FigureOptions options, List<Path> files,
                                      List<String> notes) {
        for (Quantity q : new Quantity[] {Quantity.OUTPUT_CHANGE, Quantity.GRADIENT_CHANGE}) {
            String what = q == Quantity.OUTPUT_CHANGE ? "output" : "gradient";
            for (RatioStatistics.PhaseDiagram p : RatioStatistics.phaseDiagrams(rows, q)) {
                String title = !options.titles() ? ""
                        : what + " change, " + p.model().key() + ", d = " + p.width() + ", L = " + p.depth();
                String colour = "mean over " + p.rowsPerCell() + " rows of log₁₀ " + q.formula();
                Figure fig = new PhaseDiagramFigure(title, colour, p.hursts(), p.betas(), p.cells(),
                        PhaseDiagramFigure.Scale.LOG_CHANGE).draw(heatmapStyle(options));
                String name = "phase_" + what + "_" + p.slug();
                files.addAll(FigureFiles.write(fig, dir, name, options.formats()));
                for (String note : fig.notes()) {
                    notes.add(name + ": " + note);
                }
            }
        }
    }

    private static void weightPaths(List<PathsTable.Row> paths, Path dir, FigureOptions options, List<Path> files,
                                    List<String> notes) {
        // the first draw's entry 0 of every (model, init, H, width, depth)
        Map<List<Object>, List<PathsTable.Row>> curves = new LinkedHashMap<>();
        for (PathsTable.Row r : paths) {
            if (r.draw() == 0 && r.entry() == 0) {
                curves.computeIfAbsent(List.of(r.model(), r.init(), r.hurst(), r.width(), r.depth()),
                        k -> new ArrayList<>()).add(r);
            }
        }
        if (curves.isEmpty()) {
            return;
        }
        PaperStyle style = panelStyle(curves.size(), options);
        List<Figure> panels = new ArrayList<>();
        for (List<PathsTable.Row> c : curves.values()) {
            PathsTable.Row first = c.get(0);
            double[] t = new double[c.size() + 1];
            double[] y = new double[c.size() + 1];
            for (int i = 0; i < c.size(); i++) {
                t[i + 1] = c.get(i).t();
                y[i + 1] = c.get(i).path();
            }
            String law = first.init() == Initialisation.FBM ? "H = " + FigureText.number(first.hurst())
                    : first.init().key();
            String exponent = FigureText.number(PathsTable.pathExponent(first.init(), first.hurst()));
            panels.add(new LineFigure(law, "t = k/L", "L^−" + exponent + " Σ_{i≤k} √d V_i[0, 0]",
                    List.of(LineFigure.Curve.depth(law + ", L = " + first.depth() + ", draw 0", t, y,
                            first.depth()))).draw(style));
        }
        Figure fig = new PanelFigure("weight paths at initialisation", panels, columns(panels.size(), options)).draw();
        files.addAll(FigureFiles.write(fig, dir, "weight_paths", options.formats()));
        for (String note : fig.notes()) {
            notes.add("weight_paths: " + note);
        }
    }

    /**
     * @param panels  the panels of a figure
     * @param options its width
     * @return one panel's style: single width, 3.4 in (the panels stacked); double, 7 in over the panels of a row
     *         (at most {@value #ROW}), at least 2.3 in each
     */
    static PaperStyle panelStyle(int panels, FigureOptions options) {
        if (options.width() == FigureOptions.Width.SINGLE) {
            return new PaperStyle(3.4, 2.3, 300, 8);
        }
        return new PaperStyle(Math.max(2.3, 7.0 / Math.max(1, Math.min(ROW, panels))), 2.3, 300, 8);
    }

    /**
     * @param panels  the panels of a figure
     * @param options its width
     * @return the panels per row: one at the single width, up to {@value #ROW} at the double
     */
    static int columns(int panels, FigureOptions options) {
        return options.width() == FigureOptions.Width.SINGLE ? 1 : Math.max(1, Math.min(ROW, panels));
    }

    /**
     * @param options the width
     * @return a heatmap's style: 3.4 x 3.3 in (single) or 7 x 5 in (double)
     */
    static PaperStyle heatmapStyle(FigureOptions options) {
        return options.width() == FigureOptions.Width.SINGLE ? new PaperStyle(3.4, 3.3, 300, 8)
                : new PaperStyle(7.0, 5.0, 300, 9);
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * level);
    }
}
