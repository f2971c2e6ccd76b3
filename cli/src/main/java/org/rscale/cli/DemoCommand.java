package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.plots.SweepFigures;
import org.rscale.report.ReportSummary;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rscale demo}: a small sweep on the synthetic data, analysed, fitted, plotted and reported.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Train the 'demo' preset (tanh, shared delta, depths 3..1000, two seeds), then analyse it, fit its "
                + "limits, draw its figures and write its report.",
        description = {"Runs sweep, fit (which analyses), plot and report with their defaults and ends with the decision "
                + "and the report's path (DIR/report/index.html). About a minute on 2 cores. Re-running resumes: "
                + "finished cells are not trained again."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rscale-demo",
            description = "the sweep directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "cells trained at once, each on one thread (default: ${DEFAULT-VALUE}, the hardware threads; "
                    + "fewer when that many of the largest cells left would not fit in the heap together)")
    int jobs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting of the demo preset")
    List<String> sets = new ArrayList<>();

    @Mixin
    AnalysisOptions options;

    @Mixin
    FigureOptionsMixin figures;

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw new InvalidInputException("--jobs must be at least 1, got " + jobs);
        }
        SweepConfigLoader loader = new SweepConfigLoader().preset("demo");
        for (String s : sets) {
            loader.set(s);
        }
        SweepDirectory sweep = SweepCommand.plan(spec, out, loader.resolve(), jobs);
        int code = SweepCommand.run(spec, sweep, jobs);
        if (code != ExitCodes.OK) {
            return code;
        }
        PrintWriter log = spec.commandLine().getErr();
        SweepPipeline.Locations loc = SweepPipeline.Locations.of(out);
        DynamicsSettings d = DynamicsSettings.defaults();
        FitCommand.Result fit = FitCommand.fit(out, loc.analysisDir(), options,
                SweepLimitSettings.defaults().withLevel(options.settings().level()), LimitSettings.defaults(),
                FitCommand.dynamicsSettings(options, d.samples(), d.modes(), d.seed(), d.foreignActivation(), false),
                log);
        log.println("plot: drawing the figures ...");
        log.flush();
        SweepFigures.Drawn drawn = SweepPipeline.plot(fit.fit().analysis(), loc.figuresDir(), figures.options());
        for (String note : drawn.notes()) {
            log.println("note: " + note);
        }
        SweepPipeline.Written w = SweepPipeline.report(loc, fit.fit().analysis(), figures.options(), log);
        PrintWriter o = spec.commandLine().getOut();
        o.println();
        FitCommand.print(o, fit);
        o.println("figures: " + drawn.files().size() + " files in " + out.resolve(RunFiles.FIGURES_DIR));
        ReportSummary.lines(w.reports().get(0), w.page()).forEach(o::println);
        return ExitCodes.OK;
    }
}
