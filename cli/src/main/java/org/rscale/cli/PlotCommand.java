package org.rscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import java.util.ArrayList;
import java.util.List;

import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.plots.LimitFigures;
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
        header = "Draw the scaling, weight-path and loss figures of every group, and the limit figures after 'rscale fit' "
                + "(PNG and SVG).",
        description = {"Analyses DIR as 'rscale analyze' does (and rewrites DIR/analysis/statistics.csv and fits.csv; "
                + "an upgraded verdict.json of 'rscale fit' is kept), then writes "
                + "DIR/figures/<group>/scaling_<tensor>, weight_path_<tensor>, scaling_delta (shared delta) and "
                + "loss_vs_depth; when DIR/analysis/limits/fit.json exists ('rscale fit' ran), also limit_curve_<tensor>, "
                + "hidden_states, limit_error, trend_noise_<tensor> and denoised_loss, drawn from the files of the fit "
                + "(nothing is refitted). Each as .png and .svg."})
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
        options.progress = spec.commandLine().getErr();
        boolean fitted = LimitFigures.available(dir.resolve(RunFiles.ANALYSIS_DIR));
        AnalyzeCommand.Result r = fitted ? AnalyzeCommand.analyseKeepingVerdict(dir, options)
                : AnalyzeCommand.analyse(dir, null, options);
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
        SweepFigures.Drawn base = SweepFigures.draw(r.analysis(), r.report(), dir);
        if (!LimitFigures.available(r.outDir())) {
            return base;
        }
        SweepFigures.Drawn limits = LimitFigures.draw(r.analysis(), r.outDir().resolve(LimitAnalysis.LIMITS_DIR), dir);
        List<Path> files = new ArrayList<>(base.files());
        files.addAll(limits.files());
        List<String> notes = new ArrayList<>(base.notes());
        notes.addAll(limits.notes());
        return new SweepFigures.Drawn(files, notes);
    }
}
