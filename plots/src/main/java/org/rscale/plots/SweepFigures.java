package org.rscale.plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightSequence;
import org.rscale.analysis.WeightStatistic;
import org.rscale.analysis.WeightStatistics;
import org.rscale.fits.Estimate;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.VerdictReport;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The figures of a sweep's analysis, per group of cells (SCIENCE 7), written under
 * {@code <figures>/<group>/} as PNG and SVG:
 * <pre>
 * scaling_&lt;tensor&gt;       max norm, increment and root SSQ of the judged tensor against depth, log-log,
 *                        with the fitted lines and slopes (with 95% intervals) in the legend
 * scaling_delta          |delta| against depth, for a shared delta (its slope is -alpha)
 * weight_path_&lt;tensor&gt;   one entry of the judged tensor against t = k/L for up to six depths, rescaled by
 *                        L^beta (beta from the verdict, rounded to 2 decimals): curves that collapse onto one
 *                        another support a limit; their roughness shows noise
 * loss_vs_depth          final training and test loss against depth, by training status
 * </pre>
 * A group of convolutional ResNets gets {@link ConvFigures}' figures and loss_vs_depth instead.
 * The entry shown is the one with the largest mean |value| over layers in the deepest network
 * drawn; the seed is the smallest of the group.
 */
public final class SweepFigures {
    private static final int MAX_CURVES = 6;

    private SweepFigures() {
    }

    /**
     * What was drawn.
     *
     * @param files the written files
     * @param notes what was left out, and why
     */
    public record Drawn(List<Path> files, List<String> notes) {
        // Copies.
        public Drawn {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Draws every group's figures with the default options.
     *
     * @param analysis the statistics and fits
     * @param report   the verdicts (for beta)
     * @param dir      the figures directory
     * @return the files written and notes
     */
    public static Drawn draw(SweepAnalysis analysis, VerdictReport report, Path dir) {
        return draw(analysis, report, dir, FigureOptions.DEFAULTS);
    }

    /**
     * Draws every group's figures: the scaling of the judged tensor and of its bias, a shared delta's scaling,
     * the weight and bias paths, the per-layer delta path, the losses.
     *
     * @param analysis the statistics and fits
     * @param report   the verdicts (for beta)
     * @param dir      the figures directory
     * @param options  formats, width, entry, titles
     * @return the files written and notes
     */
    public static Drawn draw(SweepAnalysis analysis, VerdictReport report, Path dir, FigureOptions options) {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PaperStyle style = options.style();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            Optional<GroupVerdict> verdict = report.groups().stream().filter(v -> v.group().equals(g.group().id()))
                    .findFirst();
            Path out = dir.resolve(g.group().id());
            String id = g.group().id();
            String tensor = g.judged();
            boolean conv = ConvNetSpectra.CONV1.equals(tensor);
            String title = !options.titles() ? "" : conv ? ConvFigures.title(analysis, g) : title(g.group().settings(), id);
            if (conv) {
                // a convolutional ResNet: the CIFAR figures, and the losses
                Drawn c = ConvFigures.draw(analysis, g, title, out, options);
                files.addAll(c.files());
                notes.addAll(c.notes());
                // a fixed schedule has no stopping threshold: none drawn, and no note about it
                files.addAll(FigureFiles.write(lossFigure(g, title, style, false), out, "loss_vs_depth", options.formats()));
                continue;
            }
            String bias = biasOf(tensor);
            double gamma = verdict.flatMap(v -> v.verdict().beta()).map(Estimate::value)
                    .map(b -> Math.round(b * 100) / 100.0).orElse(0.0);
            Optional<Figure> scaling = scaling(g, tensor, title, style);
            if (scaling.isEmpty()) {
                notes.add(id + ": no positive statistics of " + tensor + " to draw");
            }
            write(scaling, out, "scaling_" + tensor, options, files, notes, id);
            if (hasTensor(g, bias)) {
                write(scaling(g, bias, title, style), out, "scaling_" + bias, options, files, notes, id);
            }
            if ("shared".equals(g.group().deltaMode())) {
                write(deltaScaling(g, title, style), out, "scaling_delta", options, files, notes, id);
            }
            write(weightPath(g, tensor, title, gamma, options), out, "weight_path_" + tensor, options, files, notes, id);
            if (hasTensor(g, bias)) {
                write(weightPath(g, bias, title, gamma, options), out, "weight_path_" + bias, options, files, notes, id);
            }
            if ("per-layer".equals(g.group().deltaMode())) {
                write(deltaPath(g, title, style), out, "delta_path", options, files, notes, id);
            }
            write(Optional.of(lossFigure(g, title, style, true)), out, "loss_vs_depth", options, files, notes, id);
        }
        return new Drawn(files, notes);
    }

    private static void write(Optional<Figure> f, Path out, String name, FigureOptions options, List<Path> files,
                              List<String> notes, String group) {
        if (f.isEmpty()) {
            return;
        }
        files.addAll(FigureFiles.write(f.get(), out, name, options.formats()));
        for (String n : f.get().notes()) {
            notes.add(group + ": " + name + ": " + n);
        }
    }

    /** The bias tensor that goes with a weight tensor: b for A, delta_b for delta_A. */
    static String biasOf(String tensor) {
        return TensorSequences.DELTA_A.equals(tensor) ? TensorSequences.DELTA_B : TensorSequences.B;
    }

    private static boolean hasTensor(SweepAnalysis.GroupAnalysis g, String tensor) {
        return g.group().cells().stream().anyMatch(c -> c.fitted() && c.statistics().containsKey(tensor));
    }

    /**
     * One sweep among several drawn on shared axes.
     *
     * @param name     the sweep's name, for the legend
     * @param analysis its analysis
     * @param verdict  its first verdict
     */
    public record Source(String name, SweepAnalysis analysis, VerdictReport verdict) {
    }

    /**
     * Figures of several sweeps on shared axes, written directly under {@code dir}:
     * <pre>
     * overlay_max_norm   max norm of each group's judged tensor against depth, one series per sweep and group, with
     *                    its fitted line and slope
     * overlay_increment  the same for the increment
     * overlay_loss       final training loss against depth, one series per sweep and group
     * </pre>
     *
     * @param sources the sweeps, at least two
     * @param dir     the directory
     * @param options formats and titles (overlays are drawn at the text width, for their legends)
     * @return the files written and notes
     */
    public static Drawn overlays(List<Source> sources, Path dir, FigureOptions options) {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // the text width: several sweeps' legend entries need the room
        PaperStyle style = PaperStyle.doubleColumn();
        String title = options.titles() ? "comparison" : "";
        for (WeightStatistic stat : List.of(WeightStatistic.MAX_NORM, WeightStatistic.INCREMENT)) {
            List<ScalingFigure.Series> series = new ArrayList<>();
            for (Source src : sources) {
                for (SweepAnalysis.GroupAnalysis g : src.analysis().groups()) {
                    String label = overlayLabel(src, g);
                    seriesOf(g, g.judged(), stat, label).ifPresent(series::add);
                }
            }
            if (!series.isEmpty()) {
                Figure f = new ScalingFigure(title, "the judged weights", uniqueLabels(series)).draw(style);
                f.chart().setYAxisTitle(statisticWords(stat) + " of the judged weights");
                write(Optional.of(f), dir, "overlay_" + stat.key(), options, files, notes, "overlay");
            }
        }
        List<ScalingFigure.Series> loss = new ArrayList<>();
        for (Source src : sources) {
            for (SweepAnalysis.GroupAnalysis g : src.analysis().groups()) {
                List<double[]> pts = new ArrayList<>();
                for (CellResult c : g.group().cells()) {
                    if (c.finalTrainLoss() != null && c.finalTrainLoss() > 0) {
                        pts.add(new double[] {c.depth(), c.finalTrainLoss()});
                    }
                }
                if (!pts.isEmpty()) {
                    loss.add(ScalingFigure.Series.of(overlayLabel(src, g), column(pts, 0), column(pts, 1)));
                }
            }
        }
        if (!loss.isEmpty()) {
            Figure f = new ScalingFigure(title, "loss", uniqueLabels(loss)).draw(style);
            f.chart().setYAxisTitle("final training loss (MSE)");
            write(Optional.of(f), dir, "overlay_loss", options, files, notes, "overlay");
        }
        return new Drawn(files, notes);
    }

    private static String overlayLabel(Source src, SweepAnalysis.GroupAnalysis g) {
        return src.name() + ": " + title(g.group().settings(), g.group().id()) + ", " + tensorLabel(g.judged());
    }

    private static List<ScalingFigure.Series> uniqueLabels(List<ScalingFigure.Series> series) {
        List<ScalingFigure.Series> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ScalingFigure.Series s : series) {
            String label = s.label();
            for (int i = 2; !seen.add(label); i++) {
                label = s.label() + " #" + i;
            }
            out.add(new ScalingFigure.Series(label, s.depths(), s.values(), s.fit()));
        }
        return out;
    }

    private static String statisticWords(WeightStatistic s) {
        return s == WeightStatistic.MAX_NORM ? "max norm" : s == WeightStatistic.INCREMENT ? "increment"
                : s.key().replace('_', ' ');
    }

    private static double[] column(List<double[]> pts, int i) {
        double[] a = new double[pts.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = pts.get(k)[i];
        }
        return a;
    }

    private static Optional<ScalingFigure.Series> seriesOf(SweepAnalysis.GroupAnalysis g, String tensor,
                                                           WeightStatistic stat, String label) {
        List<double[]> pts = new ArrayList<>();
        for (CellResult c : g.group().cells()) {
            WeightStatistics w = c.statistics().get(tensor);
            if (c.fitted() && w != null && w.get(stat).isPresent()) {
                pts.add(new double[] {c.depth(), w.get(stat).getAsDouble()});
            }
        }
        if (pts.isEmpty() || pts.stream().noneMatch(p -> p[1] > 0)) {
            return Optional.empty();
        }
        Optional<ScalingFit> fit = g.fit(tensor, stat);
        return Optional.of(fit.isPresent()
                ? ScalingFigure.Series.of(label, column(pts, 0), column(pts, 1), line(fit.get()))
                : ScalingFigure.Series.of(label, column(pts, 0), column(pts, 1)));
    }

    private static void notes(Figure f, SweepAnalysis.GroupAnalysis g, List<String> notes) {
        for (String n : f.notes()) {
            notes.add(g.group().id() + ": " + n);
        }
    }

    /**
     * @param g      a group
     * @param tensor one of its tensors
     * @param title  the figure's title
     * @param style  the figure's style
     * @return max norm, increment and root SSQ of the tensor against depth with their fits, if any is positive
     */
    static Optional<Figure> scaling(SweepAnalysis.GroupAnalysis g, String tensor, String title, PaperStyle style) {
        List<ScalingFigure.Series> series = new ArrayList<>();
        WeightStatistic[] shown = {WeightStatistic.MAX_NORM, WeightStatistic.INCREMENT, WeightStatistic.ROOT_SSQ};
        String[] labels = {"max norm", "increment", "root SSQ"};
        for (int s = 0; s < shown.length; s++) {
            seriesOf(g, tensor, shown[s], labels[s]).ifPresent(series::add);
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScalingFigure(title, tensorLabel(tensor), series).draw(style));
    }

    private static Optional<Figure> deltaScaling(SweepAnalysis.GroupAnalysis g, String title, PaperStyle style) {
        List<CellResult> fitted = g.group().cells().stream()
                .filter(c -> c.fitted() && c.statistics().containsKey(TensorSequences.DELTA)).toList();
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        double[] x = new double[fitted.size()];
        double[] y = new double[fitted.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = fitted.get(i).depth();
            y[i] = fitted.get(i).statistics().get(TensorSequences.DELTA).get(WeightStatistic.MAX_NORM).orElse(Double.NaN);
        }
        Optional<ScalingFit> fit = g.fit(TensorSequences.DELTA, WeightStatistic.MAX_NORM);
        ScalingFigure.Series s = fit.isPresent() ? ScalingFigure.Series.of("|\u03B4| (shared)", x, y, line(fit.get()))
                : ScalingFigure.Series.of("|\u03B4| (shared)", x, y);
        return Optional.of(new ScalingFigure(title, "\u03B4", List.of(s)).draw(style));
    }

    private static ScalingFigure.FittedLine line(ScalingFit f) {
        return new ScalingFigure.FittedLine(f.slope(), f.intercept(), f.ciLow(), f.ciHigh(), f.ciLevel());
    }

    private static Optional<Figure> weightPath(SweepAnalysis.GroupAnalysis g, String tensor, String title,
                                               double gamma, FigureOptions options) {
        List<CellResult> byDepth = lowestSeedByDepth(g, tensor);
        if (byDepth.isEmpty()) {
            return Optional.empty();
        }
        List<CellResult> chosen = spread(byDepth);
        List<WeightSequence> seqs = new ArrayList<>();
        for (CellResult c : chosen) {
            TrainedRun run = RunDirectory.read(c.dir());
            seqs.add(TensorSequences.of(run).get(tensor));
        }
        WeightSequence deepest = seqs.get(seqs.size() - 1);
        int m = deepest.layerSize();
        int chosenEntry = options.flatEntry(deepest.cols(), m);
        int best = Math.max(0, chosenEntry);
        double bestMean = -1;
        for (int e = 0; e < m && chosenEntry < 0; e++) {
            double s = 0;
            for (int k = 0; k < deepest.L(); k++) {
                s += Math.abs(deepest.values()[k * m + e]);
            }
            if (s > bestMean) {
                bestMean = s;
                best = e;
            }
        }
        List<WeightPathFigure.Curve> curves = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            WeightSequence w = seqs.get(i);
            double[] v = new double[w.L()];
            for (int k = 0; k < w.L(); k++) {
                v[k] = w.values()[k * m + best];
            }
            curves.add(new WeightPathFigure.Curve(w.L(), v, chosen.get(i).seed()));
        }
        String entry = deepest.cols() > 1
                ? String.format(Locale.ROOT, "%s[%d,%d]", tensorLabel(tensor), best / deepest.cols(), best % deepest.cols())
                : String.format(Locale.ROOT, "%s[%d]", tensorLabel(tensor), best);
        return Optional.of(new WeightPathFigure(title, entry, gamma, curves).draw(options.style()));
    }

    /** Up to six cells spread evenly in log depth, always the shallowest and the deepest. */
    /**
     * @param g      a group
     * @param tensor a tensor its cells hold
     * @return the group's fitted cells of the lowest seed that hold the tensor, one per depth (the first
     *         found), by increasing depth
     */
    static List<CellResult> lowestSeedByDepth(SweepAnalysis.GroupAnalysis g, String tensor) {
        Integer seed = null;
        for (CellResult c : g.group().cells()) {
            if (c.fitted() && c.seed() != null && (seed == null || c.seed() < seed)) {
                seed = c.seed();
            }
        }
        TreeMap<Integer, CellResult> byDepth = new TreeMap<>();
        for (CellResult c : g.group().cells()) {
            if (c.fitted() && java.util.Objects.equals(c.seed(), seed) && c.statistics().containsKey(tensor)) {
                byDepth.putIfAbsent(c.depth(), c);
            }
        }
        return new ArrayList<>(byDepth.values());
    }

    /**
     * @param cells cells by increasing depth
     * @return up to six of them spread evenly in log depth, always the shallowest and the deepest
     */
    static List<CellResult> spread(List<CellResult> cells) {
        if (cells.size() <= MAX_CURVES) {
            return cells;
        }
        List<CellResult> out = new ArrayList<>();
        double lo = Math.log(cells.get(0).depth());
        double hi = Math.log(cells.get(cells.size() - 1).depth());
        for (int i = 0; i < MAX_CURVES; i++) {
            double target = lo + (hi - lo) * i / (MAX_CURVES - 1);
            CellResult best = cells.get(0);
            for (CellResult c : cells) {
                if (Math.abs(Math.log(c.depth()) - target) < Math.abs(Math.log(best.depth()) - target)) {
                    best = c;
                }
            }
            if (!out.contains(best)) {
                out.add(best);
            }
        }
        out.sort((a, b) -> Integer.compare(a.depth(), b.depth()));
        return out;
    }

    /**
     * The per-layer scaling factors delta_k: against k for the deepest network (the paper's figure), as markers
     * when it has at most 200 layers, else as a line.
     */
    private static Optional<Figure> deltaPath(SweepAnalysis.GroupAnalysis g, String title, PaperStyle style) {
        List<CellResult> byDepth = lowestSeedByDepth(g, TensorSequences.DELTA);
        if (byDepth.isEmpty()) {
            return Optional.empty();
        }
        CellResult deepest = byDepth.get(byDepth.size() - 1);
        WeightSequence d = TensorSequences.of(RunDirectory.read(deepest.dir())).get(TensorSequences.DELTA);
        if (d == null || d.L() < 2) {
            return Optional.empty();
        }
        int L = d.L();
        double[] k = new double[L];
        double[] v = new double[L];
        for (int i = 0; i < L; i++) {
            k[i] = i;
            v[i] = d.values()[i * d.layerSize()];
        }
        LineFigure.Curve c = LineFigure.Curve.depth(WeightPathFigure.legendName(L, deepest.seed()), k, v, L);
        return Optional.of(new LineFigure(title, "layer k", "\u03B4\u2096 (trained scaling factor)", List.of(c))
                .withXRange(0, L - 1).draw(style));
    }

    /** Final losses against depth; {@code threshold}: with the stopping rule's epsilon (not for a fixed schedule). */
    private static Figure lossFigure(SweepAnalysis.GroupAnalysis g, String title, PaperStyle style, boolean threshold) {
        List<DepthLossFigure.Cell> cells = new ArrayList<>();
        for (CellResult c : g.group().cells()) {
            DepthLossFigure.Status status = status(c.status());
            if (status == DepthLossFigure.Status.DIVERGED) {
                cells.add(DepthLossFigure.Cell.diverged(c.depth()));
            } else {
                cells.add(new DepthLossFigure.Cell(c.depth(), orNaN(c.finalTrainLoss()), orNaN(c.finalTestLoss()), status));
            }
        }
        Object eps = g.group().settings().get("epsilon");
        double epsilon = threshold && eps instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : Double.NaN;
        return new DepthLossFigure(title, epsilon, cells).draw(style);
    }

    private static DepthLossFigure.Status status(String s) {
        switch (s) {
            case "converged": return DepthLossFigure.Status.CONVERGED;
            case "stalled": return DepthLossFigure.Status.STALLED;
            case "max-epochs": return DepthLossFigure.Status.MAX_EPOCHS;
            case "diverged": return DepthLossFigure.Status.DIVERGED;
            default: return DepthLossFigure.Status.UNKNOWN;
        }
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** The tensor as the figures write it. */
    static String tensorLabel(String tensor) {
        switch (tensor) {
            case TensorSequences.A: return "A\u2096";
            case TensorSequences.B: return "b\u2096";
            case TensorSequences.DELTA: return "\u03B4\u2096";
            case TensorSequences.DELTA_A: return "|\u03B4\u2096| A\u2096";
            case TensorSequences.DELTA_B: return "|\u03B4\u2096| b\u2096";
            case ConvNetSpectra.CONV1: case ConvNetSpectra.CONV2: return ConvFigures.label(tensor);
            default: return tensor;
        }
    }

    /** "tanh, shared δ, fashion-mnist" (activation, delta, dataset) for a directory of one group, else the group id and the dataset. */
    static String title(Map<String, Object> settings, String id) {
        Object act = settings.get("activation");
        Object delta = settings.get("delta");
        String dataset = CellSettings.datasetShortName(settings);
        String data = dataset.isEmpty() ? "" : ", " + dataset;
        if (act == null || delta == null || !"all".equals(id)) {
            return id.replace('_', ' ') + data;
        }
        String d = "none".equals(delta) ? "no \u03B4" : delta + " \u03B4";
        return act + ", " + d + data;
    }
}
