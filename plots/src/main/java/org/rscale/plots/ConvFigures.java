package org.rscale.plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.ConvKernelNorm;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.WeightStatistic;

/**
 * The paper's CIFAR-10 figures for a group of convolutional ResNets (SCIENCE.md 1.3 and 7), for conv1
 * ({@code A_k}) and conv2 ({@code delta_k}), written under {@code <figures>/<group>/} as PNG and SVG:
 * <pre>
 * block_norms_&lt;tensor&gt;    every block's operator norm against the depth L (log-log, small markers), the max
 *                          over blocks of each network highlighted, with its fitted line (slope -beta for conv1,
 *                          -alpha for conv2): the reference code's plot_max_norms
 * block_profile_&lt;tensor&gt;  the operator norm of block k against k/L, one curve per depth (up to six, lowest seed)
 * scaling_&lt;tensor&gt;        max norm, increment and root SSQ against depth, log-log, with fitted slopes
 *                          (the reference code's plot_rssq_and_increments, plus the max norm)
 * </pre>
 * The norms are those of {@link ConvNetSpectra} (the operator norm of each kernel on its block's input).
 */
public final class ConvFigures {
    private ConvFigures() {
    }

    /**
     * Draws the conv figures of one group.
     *
     * @param analysis the analysis (its conv spectra)
     * @param g        a group of convolutional cells
     * @param title    the figures' title
     * @param out      the group's figures directory
     * @param options  formats, width, titles
     * @return the files written and notes
     */
    public static SweepFigures.Drawn draw(SweepAnalysis analysis, SweepAnalysis.GroupAnalysis g, String title, Path out,
                                          FigureOptions options) {
        PaperStyle style = options.style();
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String tensor : List.of(ConvNetSpectra.CONV1, ConvNetSpectra.CONV2)) {
            Optional<Figure> norms = blockNorms(analysis, g, tensor, title, style);
            if (norms.isPresent()) {
                files.addAll(FigureFiles.write(norms.get(), out, "block_norms_" + tensor, options.formats()));
                norms.get().notes().forEach(n -> notes.add(g.group().id() + ": " + n));
            } else {
                notes.add(g.group().id() + ": no operator norms of " + tensor + " to draw");
            }
            blockProfile(analysis, g, tensor, title, style).ifPresent(f -> files.addAll(
                    FigureFiles.write(f, out, "block_profile_" + tensor, options.formats())));
            Optional<Figure> scaling = SweepFigures.scaling(g, tensor, title, style);
            if (scaling.isPresent()) {
                files.addAll(FigureFiles.write(scaling.get(), out, "scaling_" + tensor, options.formats()));
                scaling.get().notes().forEach(n -> notes.add(g.group().id() + ": " + n));
            }
        }
        return new SweepFigures.Drawn(files, notes);
    }

    /**
     * @param analysis the analysis
     * @param g        a group of convolutional cells
     * @return "conv ResNet, width 64" (the first stage's channels), then the group's id when it is not the only one
     */
    static String title(SweepAnalysis analysis, SweepAnalysis.GroupAnalysis g) {
        String width = "";
        for (CellResult c : g.group().cells()) {
            ConvNetSpectra s = analysis.convSpectra().get(c.id());
            if (s != null && !s.rows(ConvNetSpectra.CONV1, ConvKernelNorm.KERNEL).isEmpty()) {
                width = ", width " + s.rows(ConvNetSpectra.CONV1, ConvKernelNorm.KERNEL).get(0).cOut();
                break;
            }
        }
        String id = g.group().id();
        return "conv ResNet" + width + ("all".equals(id) ? "" : " (" + id.replace('_', ' ') + ")");
    }

    /** "conv1 (Aₖ)" or "conv2 (δₖ)". */
    static String label(String tensor) {
        return ConvNetSpectra.CONV1.equals(tensor) ? "conv1 (A\u2096)" : "conv2 (\u03B4\u2096)";
    }

    private static Optional<Figure> blockNorms(SweepAnalysis analysis, SweepAnalysis.GroupAnalysis g, String tensor,
                                               String title, PaperStyle style) {
        List<double[]> blocks = new ArrayList<>();
        List<double[]> maxima = new ArrayList<>();
        for (CellResult c : g.group().cells()) {
            ConvNetSpectra s = analysis.convSpectra().get(c.id());
            if (!c.fitted() || s == null) {
                continue;
            }
            double max = 0;
            for (ConvKernelNorm n : s.rows(tensor, ConvKernelNorm.KERNEL)) {
                blocks.add(new double[] {c.depth(), n.operatorNorm()});
                max = Math.max(max, n.operatorNorm());
            }
            if (max > 0) {
                maxima.add(new double[] {c.depth(), max});
            }
        }
        if (maxima.isEmpty()) {
            return Optional.empty();
        }
        Optional<ScalingFit> fit = g.fit(tensor, WeightStatistic.MAX_NORM);
        ScalingFigure.FittedLine line = fit.map(f -> new ScalingFigure.FittedLine(f.slope(), f.intercept(), f.ciLow(),
                f.ciHigh(), f.ciLevel())).orElse(null);
        return Optional.of(new BlockNormFigure(title, label(tensor), column(blocks, 0), column(blocks, 1),
                column(maxima, 0), column(maxima, 1), line).draw(style));
    }

    private static Optional<Figure> blockProfile(SweepAnalysis analysis, SweepAnalysis.GroupAnalysis g, String tensor,
                                                 String title, PaperStyle style) {
        List<CellResult> cells = SweepFigures.spread(SweepFigures.lowestSeedByDepth(g, tensor));
        List<LineFigure.Curve> curves = new ArrayList<>();
        for (CellResult c : cells) {
            ConvNetSpectra s = analysis.convSpectra().get(c.id());
            if (s == null) {
                continue;
            }
            List<ConvKernelNorm> rows = s.rows(tensor, ConvKernelNorm.KERNEL);
            if (rows.isEmpty()) {
                continue;
            }
            double[] t = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = (double) rows.get(i).block() / c.depth();
                y[i] = rows.get(i).operatorNorm();
            }
            String label = String.format(Locale.ROOT, "L = %d%s", c.depth(), c.seed() == null ? "" : ", seed " + c.seed());
            curves.add(LineFigure.Curve.depth(label, t, y, c.depth()));
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LineFigure(title, "t = k/L", "operator norm of " + label(tensor), curves).draw(style));
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }
}
