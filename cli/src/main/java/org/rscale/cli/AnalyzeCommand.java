package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ConvProgress;
import org.rscale.analysis.ConvSpectraFiles;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.sweep.VerdictFiles;
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
                + "software; run.json, b.npy, delta.npy optional), or a convolutional ResNet's kernels (rscale's conv "
                + "runs, or a PyTorch state_dict as one .safetensors file or one .npy file per tensor), and writes "
                + "statistics.csv, fits.csv and verdict.json under DIR/analysis (or --out); for conv nets also "
                + "conv_norms.csv, conv_singular_values.csv and conv/<cell>.json (each cell's spectra, reused while "
                + "its kernel files are unchanged)."})
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
        options.progress = spec.commandLine().getErr();
        Result r = analyse(dir, out, options);
        notes(spec.commandLine().getErr(), r.analysis());
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
        SweepPipeline.Analysis a = SweepPipeline.analyze(dir, target, options.settings(),
                options.progress == null ? ConvProgress.NONE : SweepPipeline.progressTo(options.progress));
        return new Result(a.analysis(), a.verdict(), target);
    }

    /**
     * One line on stderr per run directory of a sweep that was skipped as incomplete or invalid (as {@code rscale
     * status} reports it), so that a corrupt result is named; those without weights are counted in the summary.
     *
     * @param err      where
     * @param analysis the analysis
     */
    static void notes(PrintWriter err, SweepAnalysis analysis) {
        for (SweepAnalysis.Skipped s : analysis.skipped()) {
            if (!s.withoutWeights()) {
                err.println("note: " + s.describe());
            }
        }
        err.flush();
    }

    /** conv2 (delta_k) judged alone by the same rule, beside conv1's verdict. */
    private static void printConv2(PrintWriter out, Result r, String group) {
        for (SweepAnalysis.GroupAnalysis g : r.analysis().groups()) {
            if (g.group().id().equals(group)) {
                RegimeVerdict c2 = VerdictReport.decide(g, ConvNetSpectra.CONV2, RegimeCriteria.defaults()).verdict();
                StringBuilder line = new StringBuilder("    conv2 judged alone: ")
                        .append(c2.regime().key().toUpperCase(Locale.ROOT));
                for (org.rscale.fits.Evidence e : c2.evidence()) {
                    line.append("; ").append(e.quantity().key()).append(' ').append(e.estimate().format());
                }
                out.println(line);
            }
        }
    }

    /**
     * Prints a one-paragraph summary per group.
     *
     * @param out where
     * @param r   the result
     */
    static void print(PrintWriter out, Result r) {
        out.printf("%s: %s; fits over %s%n", r.analysis().dir(), r.analysis().summary(),
                r.analysis().range().describe());
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
            out.println(v.evidence().isEmpty() ? "    evidence: none" : ev.substring(0, ev.length() - 1));
            v.betaAverage().ifPresent(b -> out.println("    two exponents: depth average beta_avg = " + b.format()
                    + ", varying part beta_var = " + v.betaVarying().map(x -> x.format()).orElse("not available")));
            if (ConvNetSpectra.CONV1.equals(v.tensor())) {
                printConv2(out, r, g.group());
            }
            out.println("    " + v.confidence());
        }
        out.printf("wrote %s, %s, %s%n", r.outDir().resolve("statistics.csv"), r.outDir().resolve("fits.csv"),
                r.outDir().resolve(VerdictFiles.NAME));
        if (!r.analysis().convSpectra().isEmpty()) {
            out.printf("wrote %s, %s and %s/ (operator norms of every kernel and increment)%n",
                    r.outDir().resolve(ConvSpectraFiles.NORMS_CSV), r.outDir().resolve(ConvSpectraFiles.SINGULAR_VALUES_CSV),
                    r.outDir().resolve(ConvSpectraFiles.CELLS_DIR));
        }
    }
}
