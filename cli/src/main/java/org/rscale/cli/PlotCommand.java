package org.rscale.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rscale.plots.SweepFigures;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.InvalidInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale plot}: the figures of a directory's analysis, or overlays of several sweeps.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        header = "Draw the figures of a sweep (scaling, weight paths, losses, and the limit figures after 'rscale fit'), "
                + "or of several sweeps on shared axes.",
        description = {"One DIR: writes DIR/figures/<group>/ (or --out): scaling_<tensor> and scaling_<bias>, "
                + "weight_path_<tensor> and weight_path_<bias>, scaling_delta (shared delta), delta_path (per-layer "
                + "delta), loss_vs_depth; after 'rscale fit' also limit_curve_A, hidden_states, limit_error, "
                + "trend_noise_<tensor> and denoised_loss, drawn from the fit's files (nothing is refitted).",
            "The analysis in DIR/analysis is used as it is, with the options it was made with; when there is none, DIR "
                + "is analysed first (and the output says so). With --out outside DIR nothing is written into DIR "
                + "(a missing analysis then goes to OUT/analysis).",
            "Several DIRs: the overlays overlay_max_norm, overlay_increment and overlay_loss (one series per sweep and "
                + "group, shared axes) in --out (default: ./rscale-overlays)."})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "a sweep directory, or any directory with runs/*/A.npy")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "where to write the figures (default: DIR/figures; several DIRs: ./rscale-overlays)")
    Path out;

    @Mixin
    AnalysisOptions options;

    @Mixin
    FigureOptionsMixin figures;

    @Override
    public Integer call() {
        var log = spec.commandLine().getErr();
        options.progress = log;
        SweepFigures.Drawn drawn;
        if (dirs.size() == 1) {
            Path dir = dirs.get(0);
            SweepPipeline.Locations loc = SweepPipeline.Locations.outside(dir, out, true);
            SweepPipeline.Analysis a = SweepPipeline.existingOrNew(loc, options.settings(), log);
            drawn = SweepPipeline.plot(a, loc.figuresDir(), figures.options());
        } else {
            Path target = out != null ? out : Path.of("rscale-overlays");
            if (dirs.stream().anyMatch(d -> d.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize()))) {
                throw new InvalidInputException("--out " + target + " is one of the sweeps; give another directory");
            }
            List<SweepFigures.Source> sources = new ArrayList<>();
            for (Path d : dirs) {
                SweepPipeline.Locations loc = SweepPipeline.Locations.outside(d,
                        target.resolve("sweeps").resolve(d.toAbsolutePath().normalize().getFileName().toString()), true);
                SweepPipeline.Analysis a = SweepPipeline.existingOrNew(loc, options.settings(), log);
                sources.add(new SweepFigures.Source(d.toString(), a.analysis(), a.verdict()));
            }
            drawn = SweepFigures.overlays(sources, target, figures.options());
        }
        for (Path p : drawn.files()) {
            spec.commandLine().getOut().println(p);
        }
        for (String n : drawn.notes()) {
            log.println("note: " + n);
        }
        return ExitCodes.OK;
    }
}
