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
     * @param analysis the statistics and fits
     * @param report   the verdicts (for beta)
     * @param dir      the figures directory
     * @return the files written and notes
     */
    public static Drawn draw(SweepAnalysis analysis, VerdictReport report, Path dir) {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            Optional<GroupVerdict> verdict = report.groups().stream().filter(v -> v.group().equals(g.group().id()))
                    .findFirst();
            Path out = dir.resolve(g.group().id());
            String tensor = g.judged();
            String title = ConvNetSpectra.CONV1.equals(tensor) ? ConvFigures.title(analysis, g)
                    : title(g.group().settings(), g.group().id());
            if (ConvNetSpectra.CONV1.equals(tensor)) {
                // a convolutional ResNet: the CIFAR figures, and the losses
                Drawn conv = ConvFigures.draw(analysis, g, title, out);
                files.addAll(conv.files());
                notes.addAll(conv.notes());
                Figure loss = lossFigure(g, title, false); // a fixed schedule: no threshold
                files.addAll(FigureFiles.write(loss, out, "loss_vs_depth"));
                notes(loss, g, notes);
                continue;
            }
            Optional<Figure> scaling = scaling(g, tensor, title);
            if (scaling.isPresent()) {
                files.addAll(FigureFiles.write(scaling.get(), out, "scaling_" + tensor));
                notes(scaling.get(), g, notes);
            } else {
                notes.add(g.group().id() + ": no positive statistics of " + tensor + " to draw");
            }
            if ("shared".equals(g.group().deltaMode())) {
                deltaScaling(g, title).ifPresent(f -> files.addAll(FigureFiles.write(f, out, "scaling_delta")));
            }
            double gamma = verdict.flatMap(v -> v.verdict().beta()).map(Estimate::value)
                    .map(b -> Math.round(b * 100) / 100.0).orElse(0.0);
            Optional<Figure> path = weightPath(g, tensor, title, gamma);
            if (path.isPresent()) {
                files.addAll(FigureFiles.write(path.get(), out, "weight_path_" + tensor));
                notes(path.get(), g, notes);
            }
            Figure loss = lossFigure(g, title, true);
            files.addAll(FigureFiles.write(loss, out, "loss_vs_depth"));
            notes(loss, g, notes);
        }
        return new Drawn(files, notes);
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
     * @return max norm, increment and root SSQ of the tensor against depth with their fits, if any is positive
     */
    static Optional<Figure> scaling(SweepAnalysis.GroupAnalysis g, String tensor, String title) {
        List<ScalingFigure.Series> series = new ArrayList<>();
        WeightStatistic[] shown = {WeightStatistic.MAX_NORM, WeightStatistic.INCREMENT, WeightStatistic.ROOT_SSQ};
        String[] labels = {"max norm", "increment", "root SSQ"};
        for (int s = 0; s < shown.length; s++) {
            List<double[]> pts = new ArrayList<>();
            for (CellResult c : g.group().cells()) {
                WeightStatistics w = c.statistics().get(tensor);
                if (c.fitted() && w != null && w.get(shown[s]).isPresent()) {
                    pts.add(new double[] {c.depth(), w.get(shown[s]).getAsDouble()});
                }
            }
            if (pts.isEmpty() || pts.stream().noneMatch(p -> p[1] > 0)) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            Optional<ScalingFit> fit = g.fit(tensor, shown[s]);
            series.add(fit.isPresent()
                    ? ScalingFigure.Series.of(labels[s], x, y, line(fit.get()))
                    : ScalingFigure.Series.of(labels[s], x, y));
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScalingFigure(title, tensorLabel(tensor), series).draw());
    }

    private static Optional<Figure> deltaScaling(SweepAnalysis.GroupAnalysis g, String title) {
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
        return Optional.of(new ScalingFigure(title, "\u03B4", List.of(s)).draw());
    }

    private static ScalingFigure.FittedLine line(ScalingFit f) {
        return new ScalingFigure.FittedLine(f.slope(), f.intercept(), f.ciLow(), f.ciHigh(), f.ciLevel());
    }

    private static Optional<Figure> weightPath(SweepAnalysis.GroupAnalysis g, String tensor, String title,
                                               double gamma) {
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
        int best = 0;
        double bestMean = -1;
        for (int e = 0; e < m; e++) {
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
        for (WeightSequence w : seqs) {
            double[] v = new double[w.L()];
            for (int k = 0; k < w.L(); k++) {
                v[k] = w.values()[k * m + best];
            }
            curves.add(new WeightPathFigure.Curve(w.L(), v));
        }
        String entry = deepest.cols() > 1
                ? String.format(Locale.ROOT, "%s[%d,%d]", tensorLabel(tensor), best / deepest.cols(), best % deepest.cols())
                : String.format(Locale.ROOT, "%s[%d]", tensorLabel(tensor), best);
        return Optional.of(new WeightPathFigure(title, entry, gamma, curves).draw());
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

    private static Figure lossFigure(SweepAnalysis.GroupAnalysis g, String title, boolean threshold) {
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
        return new DepthLossFigure(title, epsilon, cells).draw();
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
            case TensorSequences.A: return "A_k";
            case TensorSequences.B: return "b_k";
            case TensorSequences.DELTA: return "\u03B4_k";
            case TensorSequences.DELTA_A: return "|\u03B4_k| A_k";
            case TensorSequences.DELTA_B: return "|\u03B4_k| b_k";
            case ConvNetSpectra.CONV1: case ConvNetSpectra.CONV2: return ConvFigures.label(tensor);
            default: return tensor;
        }
    }

    /** "tanh, shared δ" from the settings for a directory of one group, else the group id. */
    static String title(Map<String, Object> settings, String id) {
        Object act = settings.get("activation");
        Object delta = settings.get("delta");
        if (act == null || delta == null || !"all".equals(id)) {
            return id.replace('_', ' ');
        }
        String d = "none".equals(delta) ? "no \u03B4" : delta + " \u03B4";
        return act + ", " + d;
    }
}
