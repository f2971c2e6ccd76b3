package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import org.rscale.analysis.DepthRange;
import org.rscale.fits.limit.ComparisonCriteria;
import org.rscale.fits.limit.OdeSettings;
import org.rscale.fits.dynamics.DynamicsFiles;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.paths.ExponentSource;
import org.rscale.fits.paths.GroupLimits;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.LimitFiles;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.paths.RatesFile;
import org.rscale.fits.sweep.FitFiles;
import org.rscale.fits.sweep.FitVerdictReport;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.fits.sweep.UpgradedVerdict;
import org.rscale.fits.sweep.VerdictFiles;
import org.rscale.report.ReportFiles;
import org.rscale.report.ReportSummary;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale fit}: measure the networks' hidden-state dynamics, decide the regime on them (VERDICT.md, second
 * design), estimate the limit of the weights, compare the cross-run candidate ODEs with the networks, upgrade the
 * verdict, then draw the figures and write the report.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        header = "Decide the regime on the networks' hidden states, estimate the limit, upgrade the verdict.",
        description = {"Analyses DIR as 'rscale analyze' does, measures every network's hidden-state dynamics "
                + "(dynamics.csv), runs the limit analysis of the weights (convergence, roughness, trend/noise "
                + "decomposition) and the comparison of the networks with the cross-run neural and linear ODEs, writes "
                + "DIR/analysis/limits/ (dynamics.csv, rates.csv, comparison.csv, terminal_distribution.csv, fit.json, "
                + "limits.json, *.npy) and replaces DIR/analysis/verdict.json by the upgraded verdict (the first one is "
                + "kept inside it under first_verdict); then draws the figures and writes the report. Works on weights "
                + "trained elsewhere (runs/*/A.npy only); for convolutional ResNets the weight-level verdict of "
                + "'rscale analyze' stands."})
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

    @Option(names = "--dynamics-samples", paramLabel = "N",
            description = "probe inputs of the hidden-state statistics (default: ${DEFAULT-VALUE})")
    int dynamicsSamples;

    @Option(names = "--modes", paramLabel = "M",
            description = "low-pass cut-off of the own-coefficient networks, in DCT modes along the layers "
                    + "(default: ${DEFAULT-VALUE})")
    int modes;

    @Option(names = "--include-unconverged",
            description = "judge the hidden states of stalled and capped networks too (default: they are measured and "
                    + "listed in dynamics.csv, counted, but enter no fit)")
    boolean includeUnconverged;

    @Option(names = "--n-times", paramLabel = "N",
            description = "grid i/N of the trend; only depths above N make the trend (default: ${DEFAULT-VALUE}, the "
                    + "reference code's)")
    int nTimes;

    @Option(names = "--trend-depths", paramLabel = "N",
            description = "how many of the deepest depths above --n-times make the trend, 0 for all (default: "
                    + "${DEFAULT-VALUE})")
    int trendDepths;

    @Option(names = "--skip-deepest", paramLabel = "N",
            description = "leave out the N deepest qualifying depths from the trend (the reference code: 4; default: "
                    + "${DEFAULT-VALUE})")
    int skipDeepest;

    @Option(names = "--exponent-source", paramLabel = "SOURCE",
            description = "the rescaling exponent: max_norm (beta = -slope of the max norm), cumulative_sum "
                    + "(1 - slope of the cumulative-sum norm) (default: ${DEFAULT-VALUE})")
    String exponentSource;

    @Option(names = "--exponent", paramLabel = "BETA",
            description = "a fixed rescaling exponent instead of a fitted one")
    Double exponent;

    @Option(names = "--compare-depths", paramLabel = "N",
            description = "compare the networks of at most N depths with the cross-run ODEs, spread in log depth, the "
                    + "deepest included (default: ${DEFAULT-VALUE})")
    int compareDepths;

    @Option(names = "--min-compare-depth", paramLabel = "L",
            description = "compare no network shallower than L with the cross-run ODEs (default: ${DEFAULT-VALUE})")
    int minCompareDepth;

    @Option(names = "--samples", paramLabel = "N",
            description = "inputs of the cross-run comparison: training inputs regenerated from run.json, else random "
                    + "unit vectors (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--paths", paramLabel = "N",
            description = "simulated paths of the many-path SDE (default: ${DEFAULT-VALUE})")
    int paths;

    @Option(names = "--steps", paramLabel = "N",
            description = "Euler-Maruyama steps of the many-path SDE (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the input samples and the simulated paths (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--activation", paramLabel = "SIGMA",
            description = "activation of weights whose run.json does not name one (foreign weights) "
                    + "(default: ${DEFAULT-VALUE})")
    String activation;

    @Mixin
    FigureOptionsMixin figures;

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getErr();
        options.progress = log;
        Result r = fit(dir, out, options, settings(), limitSettings(), dynamicsSettings(), log);
        PrintWriter o = spec.commandLine().getOut();
        print(o, r);
        // the figures and the report of the new verdict (beside the analysis when --out moved it)
        SweepPipeline.Locations loc = out == null ? SweepPipeline.Locations.of(dir)
                : new SweepPipeline.Locations(dir, out, out.resolveSibling(RunFiles.FIGURES_DIR),
                out.resolveSibling(ReportFiles.REPORT_DIR));
        long t0 = System.nanoTime();
        var drawn = SweepPipeline.plot(r.fit().analysis(), loc.figuresDir(), figures.options());
        drawn.notes().forEach(n -> log.println("note: " + n));
        log.printf(Locale.ROOT, "fit: %d figure files: %.1f s%n", drawn.files().size(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        SweepPipeline.Written w = SweepPipeline.report(loc, r.fit().analysis(), figures.options(), log);
        log.printf(Locale.ROOT, "fit: the report: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        log.flush();
        o.println();
        ReportSummary.lines(w.reports().get(0), w.page()).forEach(o::println);
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

    private Activation foreignActivation() {
        try {
            return Activation.of(activation);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--activation " + activation + ": " + e.getMessage());
        }
    }

    /** The comparison's settings from the options. */
    SweepLimitSettings settings() {
        SweepLimitSettings d = SweepLimitSettings.defaults();
        return new SweepLimitSettings(compareDepths, minCompareDepth, samples, paths, steps, d.windows(), seed,
                foreignActivation(), d.trajectoryPoints(), new ComparisonCriteria(options.level,
                ComparisonCriteria.DEFAULTS.minimumRate(), ComparisonCriteria.DEFAULTS.exactTolerance()),
                OdeSettings.DEFAULTS, modes);
    }

    /** The hidden-state statistics' settings from the options: the range from 2 x modes unless given. */
    DynamicsSettings dynamicsSettings() {
        if (modes < 1) {
            throw new InvalidInputException("--modes " + modes + ": must be at least 1");
        }
        return dynamicsSettings(options, dynamicsSamples, modes, seed, foreignActivation(), includeUnconverged);
    }

    /**
     * The hidden-state statistics' settings: the judged range is the analysis options' when they give a minimum
     * depth, else from 2 x modes (up to their maximum).
     *
     * @param options            the analysis options (--min-depth, --max-depth)
     * @param samples            probe inputs
     * @param modes              low-pass modes
     * @param seed               the probe inputs' seed
     * @param foreign            the activation of weights without run.json
     * @param includeUnconverged whether stalled and capped networks are judged
     * @return the settings
     */
    static DynamicsSettings dynamicsSettings(AnalysisOptions options, int samples, int modes, long seed,
                                             Activation foreign, boolean includeUnconverged) {
        DepthRange range = options.minDepth != null ? options.range()
                : DynamicsSettings.defaultRange(modes).intersect(options.range());
        return new DynamicsSettings(samples, modes, DynamicsSettings.DEFAULT_BLOCKS,
                DynamicsSettings.DEFAULT_GRID_POINTS, seed, range, foreign, includeUnconverged);
    }

    /**
     * A fit and its outputs; for convolutional ResNets only the analysis (the fit's other components are null).
     *
     * @param fit         what the pipeline computed
     * @param analysisDir the analysis directory
     */
    record Result(SweepPipeline.Fit fit, Path analysisDir) {
        /** @return the analysis as 'rscale analyze' prints it */
        AnalyzeCommand.Result analysis() {
            return new AnalyzeCommand.Result(fit.analysis().analysis(), fit.analysis().verdict(), analysisDir);
        }
    }

    /**
     * Analyses a directory, measures its hidden states, fits its limits and writes every file.
     *
     * @param dir           the directory
     * @param out           the analysis directory, or null for DIR/analysis
     * @param options       the analysis options
     * @param settings      the comparison's settings
     * @param limitSettings the limit analysis' settings
     * @param dynamics      the hidden-state statistics' settings
     * @param log           where progress goes
     * @return what was computed
     */
    static Result fit(Path dir, Path out, AnalysisOptions options, SweepLimitSettings settings,
                      LimitSettings limitSettings, DynamicsSettings dynamics, PrintWriter log) {
        Path analysisDir = out != null ? out : dir.resolve(RunFiles.ANALYSIS_DIR);
        Result r = new Result(SweepPipeline.fit(dir, analysisDir, options.settings(), settings, limitSettings,
                dynamics, log), analysisDir);
        AnalyzeCommand.notes(log, r.analysis().analysis());
        return r;
    }

    /**
     * Prints, per group, the decision in one sentence, then its reasons and confidence.
     *
     * @param out where
     * @param r   the result
     */
    static void print(PrintWriter out, Result r) {
        FitVerdictReport verdict = r.fit().verdict();
        if (verdict == null) {
            AnalyzeCommand.print(out, r.analysis()); // convolutional ResNets: the analysis is the whole result
            return;
        }
        out.printf("%s: %s%n", r.fit().analysis().analysis().dir(), r.fit().analysis().analysis().summary());
        for (FitVerdictReport.Group g : verdict.groups()) {
            UpgradedVerdict v = g.verdict();
            out.println();
            String data = RscaleBuild.UNKNOWN.equals(g.dataset()) ? "" : " (" + g.dataset() + ")";
            out.println(g.group() + data + ": " + v.decision());
            out.println("  " + v.confidence());
            out.println("  reasons:");
            for (String reason : v.reasons()) {
                out.println("    - " + reason);
            }
            for (GroupLimits gl : r.fit().limits().groups()) {
                if (gl.group().equals(g.group()) && !LimitAnalysis.OK.equals(gl.trendNote())) {
                    out.println("  trend/noise decomposition: " + gl.trendNote());
                }
            }
        }
        out.println();
        out.printf(Locale.ROOT, "wrote %s and %s/ (%s, %s, %s, %s, ...)%n",
                r.analysisDir().resolve(VerdictFiles.NAME), r.fit().limitsDir(), DynamicsFiles.NAME, RatesFile.NAME,
                FitFiles.COMPARISON_CSV, FitFiles.FIT_JSON);
    }

    static Path limitsDirOf(Path dir) {
        return dir.resolve(RunFiles.ANALYSIS_DIR).resolve(LimitFiles.LIMITS_DIR);
    }
}
