package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import org.rscale.analysis.ConvNetSpectra;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.limit.ComparisonCriteria;
import org.rscale.fits.limit.OdeSettings;
import org.rscale.fits.paths.ExponentSource;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.paths.RescaledCurve;
import org.rscale.fits.sweep.FitVerdictReport;
import org.rscale.fits.sweep.LimitEvidence;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.fits.sweep.SweepLimits;
import org.rscale.report.ReportFiles;
import org.rscale.report.ReportSummary;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale fit}: estimate the limit of a sweep's weights, integrate the candidate limit equations,
 * compare them with the networks' hidden states, and upgrade the regime verdict.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        header = "Estimate the limit of the weights, integrate the limit equations, compare them with the networks, "
                + "upgrade the verdict.",
        description = {"Analyses DIR as 'rscale analyze' does, then writes DIR/analysis/limits/ (convergence, "
                + "roughness, trend/noise decomposition, comparison of the networks with the neural ODE, the linear ODE "
                + "and the SDE: comparison.csv, rates.csv, terminal_distribution.csv, fit.json, limits.json, *.npy) and "
                + "replaces DIR/analysis/verdict.json by the upgraded verdict (the first one is kept inside it under "
                + "first_verdict). Works on weights trained elsewhere (runs/*/A.npy only)."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep directory, or any directory with runs/*/A.npy")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "the analysis directory (default: DIR/analysis); the "
            + "limit files go to its limits/ subdirectory")
    Path out;

    @Mixin
    AnalysisOptions options;

    @Option(names = "--n-times", paramLabel = "N", description = "grid i/N of the trend; only depths above N make the trend (default: ${DEFAULT-VALUE}, the "
                    + "reference code's)")
    int nTimes;

    @Option(names = "--trend-depths", paramLabel = "N", description = "how many of the deepest depths above --n-times make the trend, 0 for all (default: "
                    + "${DEFAULT-VALUE})")
    int trendDepths;

    @Option(names = "--skip-deepest", paramLabel = "N", description = "leave out the N deepest qualifying depths from the trend (the reference code: 4; default: "
                    + "${DEFAULT-VALUE})")
    int skipDeepest;

    @Option(names = "--exponent-source", paramLabel = "SOURCE", description = "the rescaling exponent: max_norm (beta\u00A0=\u00A0-slope of the max norm), "
                    + "cumulative_sum (1\u00A0-\u00A0slope of the cumulative-sum norm) (default: ${DEFAULT-VALUE})")
    String exponentSource;

    @Option(names = "--exponent", paramLabel = "BETA",
            description = "a fixed rescaling exponent instead of a fitted one")
    Double exponent;

    @Option(names = "--compare-depths", paramLabel = "N", description = "compare the networks of at most N depths, spread in log depth, the deepest included "
                    + "(default: ${DEFAULT-VALUE})")
    int compareDepths;

    @Option(names = "--min-compare-depth", paramLabel = "L", description = "compare no network shallower than L (default: ${DEFAULT-VALUE})")
    int minCompareDepth;

    @Option(names = "--samples", paramLabel = "N", description = "inputs compared: training inputs regenerated from run.json, else random unit vectors "
                    + "(default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--paths", paramLabel = "N", description = "simulated paths of the many-path SDE (default: ${DEFAULT-VALUE})")
    int paths;

    @Option(names = "--steps", paramLabel = "N", description = "Euler-Maruyama steps of the many-path SDE (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the input sample and the simulated paths (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--activation", paramLabel = "SIGMA", description = "activation of weights whose run.json does not name one (foreign weights) "
                    + "(default: ${DEFAULT-VALUE})")
    String activation;

    @Mixin
    FigureOptionsMixin figures;

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getErr();
        options.progress = log;
        Result r = fit(dir, out, options, settings(), limitSettings(), log);
        print(spec.commandLine().getOut(), r);
        // the figures and the report of the new verdict (beside the analysis when --out moved it)
        SweepPipeline.Locations loc = out == null ? SweepPipeline.Locations.of(dir)
                : new SweepPipeline.Locations(dir, out, out.resolveSibling(RunFiles.FIGURES_DIR),
                out.resolveSibling(ReportFiles.REPORT_DIR));
        SweepPipeline.Analysis a = new SweepPipeline.Analysis(r.analysis().analysis(), r.analysis().report(),
                r.analysis().outDir());
        SweepPipeline.plot(a, loc.figuresDir(), figures.options()).notes().forEach(n -> log.println("note: " + n));
        SweepPipeline.Written w = SweepPipeline.report(loc, options.settings(), figures.options(), log);
        spec.commandLine().getOut().println();
        ReportSummary.lines(w.reports().get(0), w.page()).forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }

    /** The limit analysis' settings from the options. */
    LimitSettings limitSettings() {
        ExponentSource source = exponent != null ? ExponentSource.FIXED : ExponentSource.of(exponentSource);
        if (source == ExponentSource.FIXED && exponent == null) {
            throw new InvalidInputException("--exponent-source fixed needs --exponent BETA");
        }
        return new LimitSettings(LimitSettings.defaults().gridPoints(), nTimes, trendDepths, skipDeepest, source,
                exponent != null ? OptionalDouble.of(exponent) : OptionalDouble.empty());
    }

    /** The comparison's settings from the options. */
    SweepLimitSettings settings() {
        Activation a;
        try {
            a = Activation.of(activation);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--activation " + activation + ": " + e.getMessage());
        }
        SweepLimitSettings d = SweepLimitSettings.defaults();
        return new SweepLimitSettings(compareDepths, minCompareDepth, samples, paths, steps, d.windows(), seed, a,
                d.trajectoryPoints(),
                new ComparisonCriteria(options.level, ComparisonCriteria.DEFAULTS.minimumRate(),
                        ComparisonCriteria.DEFAULTS.exactTolerance()), OdeSettings.DEFAULTS);
    }

    /** A fit and its outputs; for convolutional ResNets only the analysis (the other components are null). */
    record Result(AnalyzeCommand.Result analysis, LimitAnalysis limits, SweepLimits fits, FitVerdictReport verdict,
                  Path limitsDir) {
    }

    /**
     * Analyses a directory, fits its limits and writes every file.
     *
     * @param dir           the directory
     * @param out           the analysis directory, or null for DIR/analysis
     * @param options       the analysis options
     * @param settings      the comparison's settings
     * @param limitSettings the limit analysis' settings
     * @param log           where progress goes
     * @return what was computed
     */
    static Result fit(Path dir, Path out, AnalysisOptions options, SweepLimitSettings settings,
                      LimitSettings limitSettings, PrintWriter log) {
        Path analysisDir = out != null ? out : dir.resolve(RunFiles.ANALYSIS_DIR);
        SweepPipeline.Fit f = SweepPipeline.fit(dir, analysisDir, options.settings(), settings, limitSettings, log);
        AnalyzeCommand.Result a = new AnalyzeCommand.Result(f.analysis().analysis(), f.analysis().verdict(), analysisDir);
        return new Result(a, f.limits(), f.fits(), f.verdict(), f.limitsDir());
    }

    /**
     * Prints the upgraded verdict of every group.
     *
     * @param out where
     * @param r   the result
     */
    static void print(PrintWriter out, Result r) {
        if (r.verdict() == null) {
            AnalyzeCommand.print(out, r.analysis()); // convolutional ResNets: the analysis is the whole result
            return;
        }
        out.printf("%s: %s%n", r.analysis().analysis().dir(), r.analysis().analysis().summary());
        for (FitVerdictReport.Group g : r.verdict().groups()) {
            RegimeVerdict v = g.verdict();
            StringBuilder line = new StringBuilder("  ").append(g.group()).append(": ")
                    .append(v.regime().key().toUpperCase(Locale.ROOT));
            if (v.limitEquation() != LimitEquation.NONE) {
                line.append(" (").append(v.limitEquation().key()).append(')');
            }
            line.append(" on ").append(v.tensor()).append(" (").append(g.dataset()).append(')');
            v.beta().ifPresent(b -> line.append(", beta = ").append(b.format()));
            line.append(", confidence ").append(g.confidenceLevel());
            out.println(line);
            List<String> cands = new ArrayList<>();
            for (LimitEvidence.CandidateEvidence c : g.limitEvidence().candidates()) {
                cands.add(c.candidate() + " " + c.convergence()
                        + c.rate().map(e -> " (error slope " + e.format() + ")").orElse(""));
            }
            out.println("    limits: best match " + g.limitEvidence().best().orElse("none") + "; "
                    + String.join("; ", cands));
            StringBuilder ev = new StringBuilder("    limit evidence:");
            for (LimitEvidence.Item i : g.limitEvidence().items()) {
                if (i.estimate().isPresent()) {
                    ev.append(' ').append(i.quantity()).append(' ').append(i.estimate().get().format())
                            .append(i.counts() ? "" : " (not used)").append(';');
                }
            }
            out.println(ev.charAt(ev.length() - 1) == ';' ? ev.substring(0, ev.length() - 1) : ev + " none");
            for (LimitAnalysis.GroupLimits gl : r.limits().groups()) {
                if (gl.group().equals(g.group()) && !LimitAnalysis.OK.equals(gl.trendNote())) {
                    out.println("    trend/noise decomposition: " + gl.trendNote());
                }
            }
            out.println("    first verdict (scaling fits): " + g.firstVerdict().regime().key());
            out.println("    " + v.confidence());
        }
        out.printf("wrote %s and %s/ (%s, %s, %s, %s, ...)%n", r.analysis().outDir().resolve("verdict.json"),
                r.limitsDir(), SweepLimits.COMPARISON_CSV, LimitAnalysis.RATES_CSV, SweepLimits.TERMINAL_CSV,
                SweepLimits.FIT_JSON);
    }

    static Path limitsDirOf(Path dir) {
        return dir.resolve(RunFiles.ANALYSIS_DIR).resolve(LimitAnalysis.LIMITS_DIR);
    }
}
