package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import org.rscale.analysis.DepthRange;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.limit.ComparisonCriteria;
import org.rscale.fits.limit.OdeSettings;
import org.rscale.fits.dynamics.DynamicsFiles;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.dynamics.SweepDynamics;
import org.rscale.fits.paths.ExponentSource;
import org.rscale.fits.paths.GroupLimits;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.LimitFiles;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.paths.RateFit;
import org.rscale.fits.paths.RatesFile;
import org.rscale.fits.paths.RescaledCurve;
import org.rscale.fits.sweep.FitFiles;
import org.rscale.fits.sweep.FitVerdictReport;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.fits.sweep.SweepLimits;
import org.rscale.fits.sweep.UpgradedVerdict;
import org.rscale.fits.sweep.VerdictFiles;
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
 * {@code rscale fit}: measure the networks' hidden-state dynamics, decide the regime on them (VERDICT.md, second
 * design), estimate the limit of the weights, compare the cross-run candidate ODEs with the networks, and upgrade
 * the verdict.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        header = "Decide the regime on the networks' hidden states, estimate the limit, upgrade the verdict.",
        description = {"Analyses DIR as 'rscale analyze' does, measures every network's hidden-state dynamics "
                + "(dynamics.csv), runs the limit analysis of the weights (convergence, roughness, trend/noise "
                + "decomposition) and the comparison of the networks with the cross-run neural and linear ODEs, writes "
                + "DIR/analysis/limits/ (dynamics.csv, rates.csv, comparison.csv, terminal_distribution.csv, fit.json, "
                + "limits.json, *.npy) and replaces DIR/analysis/verdict.json by the upgraded verdict (the first one is "
                + "kept inside it under first_verdict). Works on weights trained elsewhere (runs/*/A.npy only)."})
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

    @Option(names = "--dynamics-samples", paramLabel = "N", defaultValue = "64",
            description = "probe inputs of the hidden-state statistics (default: ${DEFAULT-VALUE})")
    int dynamicsSamples;

    @Option(names = "--modes", paramLabel = "M", defaultValue = "16",
            description = "low-pass cut-off of the own-coefficient networks, in DCT modes along the layers "
                    + "(default: ${DEFAULT-VALUE})")
    int modes;

    @Option(names = "--include-unconverged",
            description = "judge the hidden states of stalled and capped networks too (default: they are measured and "
                    + "listed in dynamics.csv, counted, but enter no fit)")
    boolean includeUnconverged;

    @Option(names = "--n-times", paramLabel = "N", defaultValue = "500",
            description = "grid i/N of the trend; only depths above N make the trend (default: ${DEFAULT-VALUE}, the "
                    + "reference code's)")
    int nTimes;

    @Option(names = "--trend-depths", paramLabel = "N", defaultValue = "4",
            description = "how many of the deepest depths above --n-times make the trend, 0 for all (default: "
                    + "${DEFAULT-VALUE})")
    int trendDepths;

    @Option(names = "--skip-deepest", paramLabel = "N", defaultValue = "0",
            description = "leave out the N deepest qualifying depths from the trend (the reference code: 4; default: "
                    + "${DEFAULT-VALUE})")
    int skipDeepest;

    @Option(names = "--exponent-source", paramLabel = "SOURCE", defaultValue = "max_norm",
            description = "the rescaling exponent: max_norm (beta = -slope of the max norm), cumulative_sum "
                    + "(1 - slope of the cumulative-sum norm) (default: ${DEFAULT-VALUE})")
    String exponentSource;

    @Option(names = "--exponent", paramLabel = "BETA",
            description = "a fixed rescaling exponent instead of a fitted one")
    Double exponent;

    @Option(names = "--compare-depths", paramLabel = "N", defaultValue = "12",
            description = "compare the networks of at most N depths with the cross-run ODEs, spread in log depth, the "
                    + "deepest included (default: ${DEFAULT-VALUE})")
    int compareDepths;

    @Option(names = "--min-compare-depth", paramLabel = "L", defaultValue = "4",
            description = "compare no network shallower than L with the cross-run ODEs (default: ${DEFAULT-VALUE})")
    int minCompareDepth;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "16",
            description = "inputs of the cross-run comparison: training inputs regenerated from run.json, else random "
                    + "unit vectors (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "400",
            description = "simulated paths of the many-path SDE (default: ${DEFAULT-VALUE})")
    int paths;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "256",
            description = "Euler-Maruyama steps of the many-path SDE (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the input samples and the simulated paths (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--activation", paramLabel = "SIGMA", defaultValue = "tanh",
            description = "activation of weights whose run.json does not name one (foreign weights) "
                    + "(default: ${DEFAULT-VALUE})")
    String activation;

    @Override
    public Integer call() {
        Result r = fit(dir, out, options, settings(), limitSettings(), dynamicsSettings(), spec.commandLine().getErr());
        print(spec.commandLine().getOut(), r);
        return ExitCodes.OK;
    }

    /** The limit analysis' settings from the options. */
    LimitSettings limitSettings() {
        ExponentSource source = exponent != null ? ExponentSource.FIXED : ExponentSource.of(exponentSource);
        if (source == ExponentSource.FIXED && exponent == null) {
            throw new InvalidInputException("--exponent-source fixed needs --exponent BETA");
        }
        return new LimitSettings(RescaledCurve.DEFAULT_POINTS, nTimes, trendDepths, skipDeepest, source,
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
        return new SweepLimitSettings(compareDepths, minCompareDepth, samples, paths, steps, 4, seed,
                foreignActivation(), 201, new ComparisonCriteria(options.level,
                ComparisonCriteria.DEFAULTS.minimumRate(), ComparisonCriteria.DEFAULTS.exactTolerance()),
                OdeSettings.DEFAULTS, modes);
    }

    /** The hidden-state statistics' settings from the options: the range from 2 x modes unless given. */
    DynamicsSettings dynamicsSettings() {
        if (modes < 1) {
            throw new InvalidInputException("--modes " + modes + ": must be at least 1");
        }
        DepthRange range = options.minDepth != null ? options.range()
                : DynamicsSettings.defaultRange(modes).intersect(options.range());
        return new DynamicsSettings(dynamicsSamples, modes, DynamicsSettings.DEFAULT_BLOCKS,
                DynamicsSettings.DEFAULT_GRID_POINTS, seed, range, foreignActivation(), includeUnconverged);
    }

    /** A fit and its outputs. */
    record Result(AnalyzeCommand.Result analysis, LimitAnalysis limits, SweepLimits fits, SweepDynamics dynamics,
                  FitVerdictReport verdict, Path limitsDir) {
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
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        AnalyzeCommand.Result a = AnalyzeCommand.analyse(dir, out, options);
        stage(log, "weight statistics and fits", t0);
        t0 = System.nanoTime();
        SweepDynamics dyn = SweepDynamics.of(a.analysis(), dynamics, DynamicsCriteria.defaults().deepestFraction());
        stage(log, "hidden-state statistics of every network (" + dynamics.samples() + " inputs, " + dynamics.modes()
                + " low-pass modes)", t0);
        t0 = System.nanoTime();
        LimitAnalysis limits = LimitAnalysis.of(a.analysis(), limitSettings);
        stage(log, "limit analysis of the weights (convergence, roughness, trend/noise decomposition)", t0);
        t0 = System.nanoTime();
        SweepLimits fits = SweepLimits.of(a.analysis(), limits, settings);
        stage(log, "cross-run limit ODEs against the networks", t0);
        Path limitsDir = a.outDir().resolve(LimitFiles.LIMITS_DIR);
        LimitFiles.write(limits, limitsDir);
        FitFiles.write(fits, limitsDir);
        DynamicsFiles.write(dyn, limitsDir);
        RatesFile.write(limitsDir, rates(LimitFiles.rates(limits), FitFiles.rates(fits), DynamicsFiles.rates(dyn)));
        FitVerdictReport report = FitVerdictReport.of(a.report(), limits, fits, dyn, DynamicsCriteria.defaults(),
                started);
        VerdictFiles.write(report, a.outDir());
        return new Result(a, limits, fits, dyn, report, limitsDir);
    }

    private static void stage(PrintWriter log, String what, long since) {
        log.printf(Locale.ROOT, "fit: %s: %.1f s%n", what, (System.nanoTime() - since) / 1e9);
        log.flush();
    }

    @SafeVarargs
    private static Map<String, List<RateFit>> rates(Map<String, List<RateFit>>... parts) {
        Map<String, List<RateFit>> all = new LinkedHashMap<>();
        for (Map<String, List<RateFit>> p : parts) {
            for (Map.Entry<String, List<RateFit>> e : p.entrySet()) {
                all.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).addAll(e.getValue());
            }
        }
        return all;
    }

    /**
     * Prints, per group, the decision in one sentence, then its reasons and confidence.
     *
     * @param out where
     * @param r   the result
     */
    static void print(PrintWriter out, Result r) {
        out.printf("%s: %s%n", r.analysis().analysis().dir(), r.analysis().analysis().summary());
        for (FitVerdictReport.Group g : r.verdict().groups()) {
            UpgradedVerdict v = g.verdict();
            out.println();
            out.println(g.group() + ": " + v.decision());
            out.println("  " + v.confidence());
            out.println("  reasons:");
            for (String reason : v.reasons()) {
                out.println("    - " + reason);
            }
            for (GroupLimits gl : r.limits().groups()) {
                if (gl.group().equals(g.group()) && !LimitAnalysis.OK.equals(gl.trendNote())) {
                    out.println("  trend/noise decomposition: " + gl.trendNote());
                }
            }
        }
        out.println();
        out.printf(Locale.ROOT, "wrote %s and %s/ (%s, %s, %s, %s, ...)%n",
                r.analysis().outDir().resolve(VerdictFiles.NAME), r.limitsDir(), DynamicsFiles.NAME, RatesFile.NAME,
                FitFiles.COMPARISON_CSV, FitFiles.FIT_JSON);
    }

    static Path limitsDirOf(Path dir) {
        return dir.resolve(RunFiles.ANALYSIS_DIR).resolve(LimitFiles.LIMITS_DIR);
    }
}
