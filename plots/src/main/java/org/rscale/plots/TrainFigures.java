package org.rscale.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.ScanUnit;
import org.rscale.sweeps.inittrain.AccuracyTable;
import org.rscale.sweeps.inittrain.TrainDirectory;
import org.rscale.sweeps.inittrain.TrainUnit;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;

/**
 * The figures of a trained study (the JMLR paper's Figures 8 and 9), under
 * {@code DIR/init-train/figures/} in the formats, width and titling of the {@link FigureOptions} (as
 * {@link InitFigures}):
 *
 * <pre>
 * figure                  when                                   shows
 * weights_after_training  some trainings saved V.npy             one panel per such training: the entry V_k[0, 0]
 *                                                                of the trained network against t = k/L
 * accuracy_heatmap        fbm trainings with 2 or more H and     per (beta, H) cell the best, over the learning rates,
 *                         betas                                  of the mean test accuracy over seeds; colours [0, 1]
 * </pre>
 */
public final class TrainFigures {
    private TrainFigures() {
    }

    /**
     * Draws with the default options.
     *
     * @param study an assembled study
     * @return the files written and notes
     */
    public static InitFigures.Drawn draw(TrainDirectory study) {
        return draw(study, FigureOptions.DEFAULTS);
    }

    /**
     * @param study   an assembled study
     * @param options formats, width, titles
     * @return the files written and notes
     */
    public static InitFigures.Drawn draw(TrainDirectory study, FigureOptions options) {
        return draw(study, study.figuresDir(), options);
    }

    /**
     * @param study   an assembled study
     * @param dir     where the figures go
     * @param options formats, width, titles
     * @return the files written and notes
     */
    public static InitFigures.Drawn draw(TrainDirectory study, Path dir, FigureOptions options) {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        weights(study, dir, options, files, notes);
        if (Files.isRegularFile(study.accuracyFile())) {
            accuracy(AccuracyTable.read(study.accuracyFile()), study, dir, options, files, notes);
        }
        return new InitFigures.Drawn(files, notes);
    }

    private static void weights(TrainDirectory study, Path dir, FigureOptions options, List<Path> files, List<String> notes) {
        List<TrainUnit> saved = new ArrayList<>();
        for (TrainUnit u : study.plan().units()) {
            if (Files.isRegularFile(study.unitDir(u).resolve(TrainDirectory.V_NPY))) {
                saved.add(u);
            }
        }
        if (saved.isEmpty()) {
            return;
        }
        boolean severalLrs = study.plan().config().lrs().size() > 1;
        boolean severalSeeds = study.plan().config().seeds().size() > 1;
        PaperStyle style = InitFigures.panelStyle(saved.size(), options);
        List<Figure> panels = new ArrayList<>();
        for (TrainUnit u : saved) {
            NpyArray V = Npy.read(study.unitDir(u).resolve(TrainDirectory.V_NPY));
            int L = V.shape()[0];
            int d = V.shape()[1];
            double[] t = new double[L];
            double[] v = new double[L];
            for (int k = 0; k < L; k++) {
                t[k] = (double) k / L;
                v[k] = V.data()[k * d * d];
            }
            String law = u.init() == Initialisation.FBM ? "fbm(H = " + ScanUnit.compact(u.hurst()) + ")" : u.init().key();
            String title = law + ", β = " + ScanUnit.compact(u.beta());
            String label = "V_k[0, 0] after training" + (severalLrs ? ", lr " + u.lr() : "")
                    + (severalSeeds ? ", seed " + u.seed() : "");
            panels.add(new LineFigure(title + (severalLrs ? ", lr " + u.lr() : ""), "t = k/L", "V_k[0, 0]",
                    List.of(LineFigure.Curve.depth(label, t, v, L))).draw(style));
        }
        Figure fig = new PanelFigure("one weight entry after training", panels,
                InitFigures.columns(panels.size(), options)).draw();
        files.addAll(FigureFiles.write(fig, dir, "weights_after_training", options.formats()));
        for (String n : fig.notes()) {
            notes.add("weights_after_training: " + n);
        }
    }

    private static void accuracy(List<AccuracyTable.Row> rows, TrainDirectory study, Path dir, FigureOptions options,
                                 List<Path> files, List<String> notes) {
        // (beta, H) -> lr -> (sum, count) of the accuracy over seeds
        Map<List<Double>, Map<Double, double[]>> cells = new LinkedHashMap<>();
        TreeSet<Double> hursts = new TreeSet<>();
        TreeSet<Double> betas = new TreeSet<>();
        for (AccuracyTable.Row r : rows) {
            if (r.init() != Initialisation.FBM) {
                continue;
            }
            hursts.add(r.hurst());
            betas.add(r.beta());
            double[] acc = cells.computeIfAbsent(List.of(r.beta(), r.hurst()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.lr(), k -> new double[2]);
            acc[0] += r.testAccuracy();
            acc[1]++;
        }
        if (hursts.size() < 2 || betas.size() < 2) {
            return;
        }
        double[] h = hursts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = betas.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] best = new double[b.length][h.length];
        int lrs = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < h.length; j++) {
                Map<Double, double[]> byLr = cells.get(List.of(b[i], h[j]));
                best[i][j] = Double.NaN;
                if (byLr != null) {
                    lrs = Math.max(lrs, byLr.size());
                    double max = Double.NEGATIVE_INFINITY;
                    for (double[] acc : byLr.values()) {
                        max = Math.max(max, acc[0] / acc[1]);
                    }
                    best[i][j] = max;
                }
            }
        }
        var config = study.plan().config();
        String title = !options.titles() ? "" : "test accuracy, res-1, d = " + config.width() + ", L = " + config.depth();
        String colour = "best over " + lrs + " learning rates of the mean test accuracy";
        Figure fig = new PhaseDiagramFigure(title, colour, h, b, best, PhaseDiagramFigure.Scale.ACCURACY)
                .draw(InitFigures.heatmapStyle(options));
        files.addAll(FigureFiles.write(fig, dir, "accuracy_heatmap", options.formats()));
        for (String n : fig.notes()) {
            notes.add("accuracy_heatmap: " + n + " (no training of those cells)");
        }
    }
}
