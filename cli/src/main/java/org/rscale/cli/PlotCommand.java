package org.rscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rscale.plots.SweepFigures;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale plot}: the figures of a directory's analysis.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        header = "Draw the scaling, weight-path and loss figures of every group (PNG and SVG).",
        description = {"Analyses DIR as 'rscale analyze' does (and rewrites DIR/analysis), then writes "
                + "DIR/figures/<group>/scaling_<tensor>, weight_path_<tensor>, scaling_delta (shared delta) and "
                + "loss_vs_depth, each as .png and .svg."})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep directory, or any directory with runs/*/A.npy")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the figures (default: DIR/figures)")
    Path out;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        AnalyzeCommand.Result r = AnalyzeCommand.analyse(dir, null, options);
        SweepFigures.Drawn drawn = draw(r, out != null ? out : dir.resolve(RunFiles.FIGURES_DIR));
        for (Path p : drawn.files()) {
            spec.commandLine().getOut().println(p);
        }
        for (String n : drawn.notes()) {
            spec.commandLine().getErr().println("note: " + n);
        }
        return ExitCodes.OK;
    }

    /**
     * @param r   an analysis
     * @param dir the figures directory
     * @return what was drawn
     */
    static SweepFigures.Drawn draw(AnalyzeCommand.Result r, Path dir) {
        return SweepFigures.draw(r.analysis(), r.report(), dir);
    }
}
