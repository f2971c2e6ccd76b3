package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictReport;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale analyze}: statistics, scaling fits and regime verdicts of a directory of trained networks.
 */
@Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
        header = "Measure the trained weights of every cell, fit their scaling with depth, decide the regime.",
        description = {"Reads every DIR/runs/*/ holding at least A.npy (rscale's runs, or weights exported by other "
                + "software; run.json, b.npy, delta.npy optional) and writes statistics.csv, fits.csv and "
                + "verdict.json under DIR/analysis (or --out)."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep directory, or any directory with runs/*/A.npy")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: DIR/analysis)")
    Path out;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        Result r = analyse(dir, out, options);
        print(spec.commandLine().getOut(), r);
        return ExitCodes.OK;
    }

    /** An analysis and its verdicts, written to disk. */
    record Result(SweepAnalysis analysis, VerdictReport report, Path outDir) {
    }

    /**
     * Analyses a directory and writes statistics.csv, fits.csv and verdict.json.
     *
     * @param dir     the directory
     * @param out     the output directory, or null for DIR/analysis
     * @param options the analysis options
     * @return what was computed
     */
    static Result analyse(Path dir, Path out, AnalysisOptions options) {
        Path target = out != null ? out : dir.resolve(RunFiles.ANALYSIS_DIR);
        SweepPipeline.Analysis a = SweepPipeline.analyze(dir, target, options.settings());
        return new Result(a.analysis(), a.verdict(), target);
    }

    /**
     * Prints a one-paragraph summary per group.
     *
     * @param out where
     * @param r   the result
     */
    static void print(PrintWriter out, Result r) {
        out.printf("%s: %s%n", r.analysis().dir(), r.analysis().summary());
        for (GroupVerdict g : r.report().groups()) {
            RegimeVerdict v = g.verdict();
            StringBuilder line = new StringBuilder();
            line.append("  ").append(g.group()).append(": ").append(v.regime().key().toUpperCase(Locale.ROOT));
            if (v.limitEquation() != org.rscale.fits.LimitEquation.NONE) {
                line.append(" (").append(v.limitEquation().key()).append(')');
            }
            line.append(" on ").append(v.tensor()).append(" (").append(g.dataset()).append(')');
            v.beta().ifPresent(b -> line.append(", beta = ").append(b.format()));
            v.alpha().ifPresent(a -> line.append(", alpha = ").append(a.format()));
            out.println(line);
            StringBuilder ev = new StringBuilder("    evidence:");
            for (org.rscale.fits.Evidence e : v.evidence()) {
                ev.append(' ').append(e.quantity().key()).append(' ').append(e.estimate().format()).append(';');
            }
            out.println(ev.substring(0, ev.length() - 1));
            out.println("    " + v.confidence());
        }
        out.printf("wrote %s, %s, %s%n", r.outDir().resolve("statistics.csv"), r.outDir().resolve("fits.csv"),
                r.outDir().resolve("verdict.json"));
    }
}
