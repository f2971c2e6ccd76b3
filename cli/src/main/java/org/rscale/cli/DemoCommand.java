package org.rscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rscale.plots.SweepFigures;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rscale demo}: a small sweep on the synthetic data, analysed and plotted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Train the 'demo' preset (tanh, shared delta, depths 3..1000, two seeds), analyse it, fit its limits, "
                + "draw its figures.",
        description = {"Runs sweep, analyze, fit (with its defaults) and plot, and prints the upgraded verdict. Well "
                + "under a minute on 2 cores. Re-running resumes: finished cells are not trained again."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rscale-demo",
            description = "the sweep directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "cells at once (default: the hardware threads)")
    Integer jobs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting of the demo preset")
    java.util.List<String> sets = new java.util.ArrayList<>();

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        SweepConfigLoader loader = new SweepConfigLoader().preset("demo");
        for (String s : sets) {
            loader.set(s);
        }
        SweepDirectory sweep = SweepDirectory.plan(out, loader.resolve());
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        int code = SweepCommand.run(spec, sweep, Math.max(1, n));
        if (code != ExitCodes.OK) {
            return code;
        }
        FitCommand defaults = new FitCommand();
        new picocli.CommandLine(defaults).parseArgs(out.toString());
        defaults.options = options;
        FitCommand.Result fit = FitCommand.fit(out, null, options, defaults.settings(), defaults.limitSettings(),
                defaults.dynamicsSettings(), spec.commandLine().getErr());
        SweepFigures.Drawn drawn = PlotCommand.draw(fit.analysis(), out.resolve(RunFiles.FIGURES_DIR));
        var o = spec.commandLine().getOut();
        o.println();
        FitCommand.print(o, fit);
        o.println("figures:");
        for (java.nio.file.Path p : drawn.files()) {
            if (p.toString().endsWith(".png")) {
                o.println("  " + p + "  (and .svg)");
            }
        }
        for (String note : drawn.notes()) {
            spec.commandLine().getErr().println("note: " + note);
        }
        return ExitCodes.OK;
    }
}
