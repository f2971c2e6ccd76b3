package org.rscale.plots;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.paths.LimitFiles;
import org.rscale.fits.paths.RateFit;
import org.rscale.fits.paths.RatesFile;
import org.rscale.fits.sweep.FitFiles;
import org.rscale.fits.sweep.SweepLimits;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.run.RunDirectory;

/**
 * The figures of a sweep's limit fit ({@code rscale fit}), drawn from the files under
 * {@code <sweep>/analysis/limits/} (nothing is recomputed but the networks' weights, re-read for the first
 * figure), per group under {@code <figures>/<group>/}, PNG and SVG (SCIENCE.md section 7):
 * <pre>
 * limit_curve_A         one entry of A, rescaled, L^beta_A A_k[i,j] against t = k/L for up to six depths (thin,
 *                       dark shallow to light deep), with the limit curve A-bar of the neural ODE drawn thick
 *                       (abar_neural_ode.npy, the coefficient the fit integrated)
 * hidden_states         one coordinate of h_k against k/L for up to four depths (thin), with the integrated
 *                       candidate limits from the same input (thick: neural ODE solid black, linear ODE dashed,
 *                       the SDE driven by the deepest network's noise)
 * limit_error           max_k |h_k - H(k/L)| over the compared inputs against depth, log-log, one series per
 *                       candidate with its fitted line and slope (interval) in the legend
 * trend_noise_&lt;tensor&gt;  one entry of the deepest cell (the one whose noise path limits.json names), rescaled by
 *                       L^gamma against k/L: the weights (thin), their trend part, the denoised weights
 *                       L (Ibar((k+1)/L) - Ibar(k/L)) of the decomposition (thick black), and the noise path
 *                       W(t), the cumulative sum of the difference (thick vermillion)
 * denoised_loss         training loss of the original and of the denoised networks against depth, log-log
 * </pre>
 * The entry is the one with the largest mean |value| of the trend (else of the deepest drawn network); the
 * coordinate of {@code h} the one that moves most in the deepest network. A figure whose files are missing is
 * left out with a note.
 */
public final class LimitFigures {
    private static final int MAX_CURVES = 6;

    private LimitFigures() {
    }

    /**
     * @param analysisDir an analysis directory
     * @return whether it holds a limit fit ({@code limits/fit.json})
     */
    public static boolean available(Path analysisDir) {
        return Files.isRegularFile(analysisDir.resolve(LimitFiles.LIMITS_DIR).resolve(FitFiles.FIT_JSON));
    }

    /**
     * Draws every group's limit figures.
     *
     * @param analysis  the sweep analysis (groups and cells, for the weights)
     * @param limitsDir the limits directory ({@code <sweep>/analysis/limits})
     * @param dir       the figures directory
     * @return the files written and the notes
     */
    public static SweepFigures.Drawn draw(SweepAnalysis analysis, Path limitsDir, Path dir) {
        return draw(analysis, limitsDir, dir, FigureOptions.DEFAULTS);
    }

    /**
     * Draws every group's limit figures.
     *
     * @param analysis  the sweep analysis (groups and cells, for the weights)
     * @param limitsDir the limits directory ({@code <sweep>/analysis/limits})
     * @param dir       the figures directory
     * @param options   formats, width, entry, titles
     * @return the files written and the notes
     */
    public static SweepFigures.Drawn draw(SweepAnalysis analysis, Path limitsDir, Path dir, FigureOptions options) {
        PaperStyle style = options.style();
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        FitFiles.FitFile fit = FitFiles.read(limitsDir);
        LimitFiles.LimitsFile limits = LimitFiles.read(limitsDir);
        List<FitFiles.ComparisonRow> comparison = FitFiles.readComparison(limitsDir);
        List<LimitFiles.DenoisedRow> denoised = LimitFiles.readDenoised(limitsDir);
        List<RatesFile.Row> rates = RatesFile.read(limitsDir);
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            String id = g.group().id();
            Path out = dir.resolve(id);
            String title = options.titles() ? SweepFigures.title(g.group().settings(), id) : "";
            Optional<LimitFiles.GroupSummary> lg = LimitFiles.group(limits, id);
            Optional<FitFiles.GroupSummary> fg = fit.group(id);
            if (lg.isEmpty() || fg.isEmpty()) {
                notes.add(id + ": no limit fit for this group");
                continue;
            }
            String tensor = lg.get().tensor();
            double gamma = lg.get().exponent().orElse(Double.NaN);
            int entry = entry(limitsDir, id, tensor, "trend_" + tensor + ".npy", g, options);
            double betaA = fg.get().neuralExponent();
            int entryA = entry(limitsDir, id, "A", "abar_neural_ode.npy", g, options);
            Set<FigureOptions.Format> formats = options.formats();
            add(files, notes, id, out, "limit_curve_A", formats,
                    () -> limitCurve(g, limitsDir, betaA, entryA, title, style));
            add(files, notes, id, out, "hidden_states", formats, () -> hiddenStates(g, limitsDir, fg.get(), title, style));
            add(files, notes, id, out, "limit_error", formats, () -> limitError(comparison, rates, id, title, style));
            add(files, notes, id, out, "trend_noise_" + tensor, formats,
                    () -> trendNoise(g, limitsDir, lg.get(), tensor, gamma, entry, title, style));
            add(files, notes, id, out, "denoised_loss", formats, () -> denoisedLoss(denoised, id, tensor, title, style));
        }
        return new SweepFigures.Drawn(files, notes);
    }

    /** A figure, or why it cannot be drawn. */
    private interface Builder {
        Optional<Figure> build();
    }

    private static void add(List<Path> files, List<String> notes, String group, Path out, String name,
                            Set<FigureOptions.Format> formats, Builder b) {
        Optional<Figure> f;
        try {
            f = b.build();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            notes.add(group + ": " + name + " not drawn: " + e.getMessage());
            return;
        }
        if (f.isEmpty()) {
            notes.add(group + ": " + name + " not drawn: its data are not available");
            return;
        }
        files.addAll(FigureFiles.write(f.get(), out, name, formats));
        for (String n : f.get().notes()) {
            notes.add(group + ": " + name + ": " + n);
        }
    }

    // ------------------------------------------------------------------------------------------- figures

    private static Optional<Figure> limitCurve(SweepAnalysis.GroupAnalysis g, Path limitsDir, double beta, int entry,
                                               String title, PaperStyle style) {
        String tensor = TensorSequences.A;
        List<CellResult> cells = SweepFigures.lowestSeedByDepth(g, tensor);
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        List<LineFigure.Curve> curves = new ArrayList<>();
        String entryLabel = null;
        for (CellResult c : spread(cells, MAX_CURVES)) {
            WeightSequence T = TensorSequences.of(RunDirectory.read(c.dir())).get(tensor);
            if (T == null || entry >= T.layerSize()) {
                continue;
            }
            int L = T.L();
            double scale = Math.pow(L, beta);
            double[] t = new double[L];
            double[] y = new double[L];
            for (int k = 0; k < L; k++) {
                t[k] = (double) k / L;
                // L^beta A_k[e]
                y[k] = scale * T.values()[k * T.layerSize() + entry];
            }
            curves.add(LineFigure.Curve.depth(WeightPathFigure.legendName(L, c.seed()), t, y, L));
            entryLabel = entryLabel(tensor, entry, T.cols());
        }
        Optional<NpyArray> abar = LimitFiles.curve(limitsDir, g.group().id(), "abar_neural_ode.npy");
        if (abar.isPresent()) {
            curves.add(reference("limit \u0100(t) (neural-ode coefficient)", abar.get(), entry, false));
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        String yTitle = beta == 0 ? entryLabel : FigureText.rescaled(entryLabel, beta);
        return Optional.of(new LineFigure(title, "t = k/L", yTitle, curves).draw(style));
    }

    private static Optional<Figure> hiddenStates(SweepAnalysis.GroupAnalysis g, Path limitsDir, FitFiles.GroupSummary fg,
                                                 String title, PaperStyle style) {
        TreeMap<Integer, NpyArray> hidden = new TreeMap<>();
        Map<Integer, Integer> seeds = new java.util.HashMap<>();
        Map<String, NpyArray> paths = new LinkedHashMap<>();
        for (String f : fg.files()) {
            String name = f.substring(f.indexOf('/') + 1);
            if (name.startsWith("hidden_")) {
                NpyArray a = FitFiles.array(limitsDir, f);
                hidden.put(a.shape()[0] - 1, a);
                String cell = name.substring("hidden_".length(), name.length() - ".npy".length());
                for (CellResult c : g.group().cells()) {
                    if (c.id().equals(cell) && c.seed() != null) {
                        seeds.put(a.shape()[0] - 1, c.seed());
                    }
                }
            } else if (name.startsWith("path_")) {
                paths.put(name, FitFiles.array(limitsDir, f));
            }
        }
        if (hidden.isEmpty()) {
            return Optional.empty();
        }
        NpyArray deepest = hidden.lastEntry().getValue();
        int d = deepest.shape()[1];
        int rows = deepest.shape()[0];
        int coord = 0;
        double move = -1;
        for (int i = 0; i < d; i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < rows; k++) {
                lo = Math.min(lo, deepest.data()[k * d + i]);
                hi = Math.max(hi, deepest.data()[k * d + i]);
            }
            if (hi - lo > move) {
                move = hi - lo;
                coord = i;
            }
        }
        List<LineFigure.Curve> curves = new ArrayList<>();
        for (Map.Entry<Integer, NpyArray> h : hidden.entrySet()) {
            curves.add(column("network, " + WeightPathFigure.legendName(h.getKey(), seeds.get(h.getKey())), h.getValue(),
                    coord, h.getKey(), true));
        }
        List<Map.Entry<String, NpyArray>> ordered = new ArrayList<>(paths.entrySet());
        ordered.sort((a, b) -> Integer.compare(rank(a.getKey()), rank(b.getKey())));
        for (Map.Entry<String, NpyArray> p : ordered) {
            String n = p.getKey();
            String label = n.startsWith("path_neural_ode") ? "neural ODE"
                    : n.startsWith("path_linear_ode") ? "linear ODE"
                    : "rough-part SDE of " + cellWords(g, n.substring("path_sde_".length(), n.length() - 4));
            curves.add(column(label, p.getValue(), coord, 0, n.startsWith("path_linear_ode")));
        }
        return Optional.of(new LineFigure(title, "t = k/L", "h\u2096[" + coord + "] and H(t)[" + coord + "]", curves)
                .draw(style));
    }

    /** Drawing order of the limit paths: neural ODE (black), SDE (vermillion), linear ODE (orange, dashed, on top). */
    private static int rank(String file) {
        return file.startsWith("path_neural_ode") ? 0 : file.startsWith("path_linear_ode") ? 2 : 1;
    }

    private static Optional<Figure> limitError(List<FitFiles.ComparisonRow> rows, List<RatesFile.Row> rates,
                                               String group, String title, PaperStyle style) {
        Map<String, List<double[]>> byCandidate = new LinkedHashMap<>();
        for (FitFiles.ComparisonRow r : rows) {
            if (group.equals(r.group()) && "ok".equals(r.status())) {
                byCandidate.computeIfAbsent(r.candidate(), k -> new ArrayList<>()).add(new double[] {r.depth(), r.maxError()});
            }
        }
        List<ScalingFigure.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : byCandidate.entrySet()) {
            double[] x = new double[e.getValue().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = e.getValue().get(i)[0];
                y[i] = e.getValue().get(i)[1];
            }
            Optional<ScalingFit> f = RatesFile.find(rates, group, SweepLimits.HIDDEN_STATES,
                    SweepLimits.rateQuantity(e.getKey()));
            series.add(f.isPresent() ? ScalingFigure.Series.of(e.getKey(), x, y, line(f.get()))
                    : ScalingFigure.Series.of(e.getKey(), x, y));
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        Figure f = new ScalingFigure(title, "h", series).draw(style);
        f.chart().setYAxisTitle("max error |h\u2096 \u2212 H(k/L)|");
        return Optional.of(f);
    }

    /**
     * @param f a fit read back from rates.csv
     * @return its line for a {@link ScalingFigure}
     */
    static ScalingFigure.FittedLine line(ScalingFit f) {
        return new ScalingFigure.FittedLine(f.slope(), f.intercept(), f.ciLow(), f.ciHigh(), f.ciLevel());
    }

    private static Optional<Figure> trendNoise(SweepAnalysis.GroupAnalysis g, Path limitsDir,
                                               LimitFiles.GroupSummary summary, String tensor, double gamma, int entry,
                                               String title, PaperStyle style) {
        Optional<NpyArray> cumulative = LimitFiles.curve(limitsDir, g.group().id(), "cumulative_trend_" + tensor + ".npy");
        Optional<String> cell = LimitFiles.noisePathCell(summary, tensor);
        if (cumulative.isEmpty() || cell.isEmpty() || !Double.isFinite(gamma)) {
            return Optional.empty();
        }
        CellResult c = null;
        for (CellResult r : g.group().cells()) {
            if (r.id().equals(cell.get())) {
                c = r;
            }
        }
        if (c == null) {
            return Optional.empty();
        }
        WeightSequence T = TensorSequences.of(RunDirectory.read(c.dir())).get(tensor);
        NpyArray I = cumulative.get();
        int m = T.layerSize();
        int n = I.shape()[0] - 1;
        int L = T.L();
        if (entry >= m || I.data().length != (n + 1) * m) {
            return Optional.empty();
        }
        double[] t = new double[L];
        double[] w = new double[L];
        double[] bar = new double[L];
        double[] tPath = new double[L + 1];
        double[] path = new double[L + 1];
        double scale = Math.pow(L, gamma);
        double i0 = cumulativeAt(I, n, m, entry, 0, L);
        double lo = i0;
        double running = 0;
        for (int k = 0; k < L; k++) {
            t[k] = (double) k / L;
            double hi = cumulativeAt(I, n, m, entry, k + 1, L);
            w[k] = scale * T.values()[k * m + entry];
            // L^gamma Tbar_k = L (Ibar((k+1)/L) - Ibar(k/L))
            bar[k] = L * (hi - lo);
            // W((k+1)/L) = L^(gamma-1) sum_{j<=k} T_j - (Ibar((k+1)/L) - Ibar(0)): the noise as a cumulative path
            running += w[k] / L;
            tPath[k + 1] = (double) (k + 1) / L;
            path[k + 1] = running - (hi - i0);
            lo = hi;
        }
        List<LineFigure.Curve> curves = List.of(
                LineFigure.Curve.depth("weights, " + cellWords(g, c.id()), t, w, L),
                LineFigure.Curve.reference("trend part (denoised weights)", t, bar, false),
                LineFigure.Curve.reference("noise path W(t)", tPath, path, false));
        String label = entryLabel(tensor, entry, T.cols());
        String yTitle = gamma == 0 ? label : FigureText.rescaled(label, gamma);
        return Optional.of(new LineFigure(title, "t = k/L", yTitle, curves).draw(style));
    }

    /** A cell of a group in words: {@code L = 917, seed 0}, or its id when the group does not know it. */
    private static String cellWords(SweepAnalysis.GroupAnalysis g, String id) {
        for (CellResult c : g.group().cells()) {
            if (c.id().equals(id)) {
                return WeightPathFigure.legendName(c.depth(), c.seed());
            }
        }
        return id;
    }

    /** Ibar(k/L) of one entry, linear between the grid points i/n. */
    private static double cumulativeAt(NpyArray I, int n, int m, int entry, int k, int L) {
        long num = (long) k * n;
        int i = (int) (num / L);
        if (i >= n) {
            return I.data()[n * m + entry];
        }
        double frac = (double) (num - (long) i * L) / L;
        return I.data()[i * m + entry] + frac * (I.data()[(i + 1) * m + entry] - I.data()[i * m + entry]);
    }

    private static Optional<Figure> denoisedLoss(List<LimitFiles.DenoisedRow> rows, String group, String tensor,
                                                 String title, PaperStyle style) {
        List<double[]> orig = new ArrayList<>();
        List<double[]> den = new ArrayList<>();
        for (LimitFiles.DenoisedRow r : rows) {
            if (group.equals(r.group()) && tensor.equals(r.tensor()) && r.trainLoss().isPresent()
                    && r.denoisedLoss().isPresent()) {
                orig.add(new double[] {r.depth(), r.trainLoss().getAsDouble()});
                den.add(new double[] {r.depth(), r.denoisedLoss().getAsDouble()});
            }
        }
        if (orig.isEmpty()) {
            return Optional.empty();
        }
        Figure f = new ScalingFigure(title, "loss", List.of(series("original weights", orig),
                series("denoised weights", den))).draw(style);
        f.chart().setYAxisTitle("training loss (MSE)");
        return Optional.of(f);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static ScalingFigure.Series series(String label, List<double[]> pts) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return ScalingFigure.Series.of(label, x, y);
    }

    private static LineFigure.Curve reference(String label, NpyArray a, int entry, boolean dashed) {
        int points = a.shape()[0];
        int m = a.data().length / points;
        double[] t = new double[points];
        double[] y = new double[points];
        for (int g = 0; g < points; g++) {
            t[g] = (double) g / (points - 1);
            y[g] = a.data()[g * m + entry];
        }
        return LineFigure.Curve.reference(label, t, y, dashed);
    }

    private static LineFigure.Curve column(String label, NpyArray a, int coord, int depth, boolean dashed) {
        int points = a.shape()[0];
        int d = a.shape()[1];
        double[] t = new double[points];
        double[] y = new double[points];
        for (int g = 0; g < points; g++) {
            t[g] = (double) g / (points - 1);
            y[g] = a.data()[g * d + coord];
        }
        return depth > 0 ? LineFigure.Curve.depth(label, t, y, depth) : LineFigure.Curve.reference(label, t, y, dashed);
    }

    /** The entry with the largest mean |value| of the trend, else of the deepest network's weights. */
    private static int entry(Path limitsDir, String group, String tensor, String file, SweepAnalysis.GroupAnalysis g,
                             FigureOptions options) {
        Optional<NpyArray> trend = LimitFiles.curve(limitsDir, group, file);
        double[] v;
        int m;
        int rows;
        int cols;
        if (trend.isPresent()) {
            NpyArray a = trend.get();
            rows = a.shape()[0];
            v = a.data();
            m = v.length / rows;
            cols = a.shape().length > 2 ? a.shape()[2] : 1;
        } else {
            List<CellResult> cells = SweepFigures.lowestSeedByDepth(g, tensor);
            if (cells.isEmpty()) {
                return 0;
            }
            WeightSequence T = TensorSequences.of(RunDirectory.read(cells.get(cells.size() - 1).dir())).get(tensor);
            if (T == null) {
                return 0;
            }
            v = T.values();
            m = T.layerSize();
            rows = T.L();
            cols = T.cols();
        }
        int chosen = options.flatEntry(cols, m);
        if (chosen >= 0) {
            return chosen;
        }
        int best = 0;
        double bestMean = -1;
        for (int e = 0; e < m; e++) {
            double s = 0;
            for (int k = 0; k < rows; k++) {
                s += Math.abs(v[k * m + e]);
            }
            if (s > bestMean) {
                bestMean = s;
                best = e;
            }
        }
        return best;
    }

    private static String entryLabel(String tensor, int entry, int cols) {
        return cols > 1 ? String.format(Locale.ROOT, "%s[%d,%d]", SweepFigures.tensorLabel(tensor), entry / cols, entry % cols)
                : String.format(Locale.ROOT, "%s[%d]", SweepFigures.tensorLabel(tensor), entry);
    }

    private static List<CellResult> spread(List<CellResult> cells, int count) {
        if (cells.size() <= count) {
            return cells;
        }
        List<Integer> depths = new ArrayList<>();
        for (CellResult c : cells) {
            depths.add(c.depth());
        }
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>();
        double lo = Math.log(depths.get(0));
        double hi = Math.log(depths.get(depths.size() - 1));
        for (int i = 0; i < count; i++) {
            double target = lo + (hi - lo) * i / (count - 1);
            int best = depths.get(0);
            for (int L : depths) {
                if (!keep.contains(L) && Math.abs(Math.log(L) - target) < Math.abs(Math.log(best) - target)) {
                    best = L;
                }
            }
            keep.add(best);
        }
        List<CellResult> out = new ArrayList<>();
        for (CellResult c : cells) {
            if (keep.contains(c.depth())) {
                out.add(c);
            }
        }
        return out;
    }
}
