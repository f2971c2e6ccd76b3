package org.rscale.report;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rscale.analysis.AnalysisSettings;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ConvProgress;
import org.rscale.analysis.ConvSpectraFiles;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.dynamics.DynamicsFiles;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.dynamics.SweepDynamics;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.LimitFiles;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.paths.RateFit;
import org.rscale.fits.paths.RatesFile;
import org.rscale.fits.sweep.FinalVerdicts;
import org.rscale.fits.sweep.FitFiles;
import org.rscale.fits.sweep.FitVerdictReport;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.fits.sweep.SweepLimits;
import org.rscale.fits.sweep.VerdictFiles;
import org.rscale.plots.DynamicsFigures;
import org.rscale.plots.FigureOptions;
import org.rscale.plots.LimitFigures;
import org.rscale.plots.SweepFigures;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.run.RunFiles;

/**
 * The stages after training, analyze, fit, plot and report, as a library the commands only call. Each stage
 * writes its own files and reads the earlier stages' files when they exist:
 * <pre>
 * stage     reads                                    writes
 * analyze   runs/*                                    analysis/statistics.csv, fits.csv, verdict.json
 * fit       runs/*, the analysis                      analysis/limits/* (dynamics.csv, rates.csv, ...), the upgraded
 *                                                    verdict.json (decided on the hidden states)
 * plot      runs/* (weights drawn), analysis/*        figures/&lt;group&gt;/*
 * report    analysis/verdict.json, figures/*, runs/*  report/index.html
 * </pre>
 * {@code plot} and {@code report} never recompute an analysis that exists with other options: the weight
 * statistics that figures need are computed with the options recorded in {@code verdict.json}; a missing analysis
 * is computed (and the log says so). Where the files go is a {@link Locations}: with an output directory outside
 * the sweep, nothing is written into the sweep.
 */
public final class SweepPipeline {

    private SweepPipeline() {
    }

    /**
     * Where a run of the pipeline reads and writes.
     *
     * @param dir         the sweep directory (read)
     * @param analysisDir the analysis directory: read when it holds a verdict, else written
     * @param figuresDir  the figures directory
     * @param reportDir   the report directory ({@code index.html})
     */
    public record Locations(Path dir, Path analysisDir, Path figuresDir, Path reportDir) {

        /**
         * The default places: {@code DIR/analysis}, {@code DIR/figures}, {@code DIR/report}.
         *
         * @param dir the sweep directory
         * @return its locations
         */
        public static Locations of(Path dir) {
            return new Locations(dir, dir.resolve(RunFiles.ANALYSIS_DIR), dir.resolve(RunFiles.FIGURES_DIR),
                    dir.resolve(ReportFiles.REPORT_DIR));
        }

        /**
         * The places when the figures (or the report) go to {@code out}: the sweep's own analysis when it exists,
         * else {@code out/analysis}, so nothing is written into the sweep.
         *
         * @param dir the sweep directory
         * @param out the output directory, or null for the defaults
         * @param outIsFigures whether {@code out} is the figures directory ({@code plot}) rather than the report's
         * @return the locations
         */
        public static Locations outside(Path dir, Path out, boolean outIsFigures) {
            if (out == null) {
                return of(dir);
            }
            Path own = dir.resolve(RunFiles.ANALYSIS_DIR);
            Path analysis = VerdictFiles.exists(own) ? own : out.resolve(RunFiles.ANALYSIS_DIR);
            Path ownFigures = dir.resolve(RunFiles.FIGURES_DIR);
            Path figures = outIsFigures ? out
                    : hasFigures(ownFigures) ? ownFigures : out.resolve(RunFiles.FIGURES_DIR);
            return new Locations(dir, analysis, figures, outIsFigures ? out.resolve(ReportFiles.REPORT_DIR) : out);
        }
    }

    /** An analysis, in memory, with the first verdict and where its files are. */
    public record Analysis(SweepAnalysis analysis, VerdictReport verdict, Path analysisDir) {
    }

    /**
     * Analyses a directory and writes statistics.csv, fits.csv and verdict.json.
     *
     * @param dir         the sweep directory
     * @param analysisDir where to write
     * @param settings    the analysis settings
     * @return the analysis
     */
    public static Analysis analyze(Path dir, Path analysisDir, AnalysisSettings settings) {
        return analyze(dir, analysisDir, settings, ConvProgress.NONE);
    }

    /**
     * Analyses a directory and writes statistics.csv, fits.csv, verdict.json and, for convolutional cells, the
     * kernels' operator norms and singular values (their spectra kept per cell under the analysis directory).
     *
     * @param dir         the sweep directory
     * @param analysisDir where to write
     * @param settings    the analysis settings
     * @param progress    told about each conv cell measured
     * @return the analysis
     */
    public static Analysis analyze(Path dir, Path analysisDir, AnalysisSettings settings, ConvProgress progress) {
        Analysis a = compute(dir, analysisDir, settings, progress);
        a.analysis().writeStatistics(analysisDir.resolve(ReportFiles.STATISTICS_CSV));
        a.analysis().writeFits(analysisDir.resolve(ReportFiles.FITS_CSV));
        ConvSpectraFiles.writeTables(a.analysis(), analysisDir);
        VerdictFiles.write(a.verdict(), analysisDir);
        return a;
    }

    /**
     * @param log where the lines go
     * @return one line per conv cell measured or kept, on {@code log}
     */
    public static ConvProgress progressTo(PrintWriter log) {
        return (cell, blocks, kept, seconds) -> {
            synchronized (log) {
                log.printf(java.util.Locale.ROOT, "conv: %s (%d blocks) %s%n", cell, blocks, kept
                        ? "kept from analysis/conv/" : String.format(java.util.Locale.ROOT, "measured in %.1f s", seconds));
                log.flush();
            }
        };
    }

    private static Analysis compute(Path dir, Path analysisDir, AnalysisSettings settings, ConvProgress progress) {
        Instant started = Instant.now();
        SweepAnalysis analysis = SweepAnalysis.of(dir, settings.incrementExponent(), settings.level(),
                settings.convIn(analysisDir), progress, settings.range());
        VerdictReport report = VerdictReport.of(analysis, RegimeCriteria.defaults(), started);
        return new Analysis(analysis, report, analysisDir);
    }

    /**
     * The analysis that {@code plot} and {@code report} draw from: the one in the analysis directory when it has a
     * verdict (its statistics computed in memory with the options recorded in that verdict, nothing written), else
     * a new one with {@code settings}, written there (and the log says so).
     *
     * @param loc      where to read and write
     * @param settings the settings for a missing analysis; when an analysis exists with other settings, the log
     *                 says that the recorded ones are used
     * @param log      where to say what is computed
     * @return the analysis
     */
    public static Analysis existingOrNew(Locations loc, AnalysisSettings settings, PrintWriter log) {
        if (VerdictFiles.exists(loc.analysisDir())) {
            FinalVerdicts v = VerdictFiles.read(loc.analysisDir());
            AnalysisSettings recorded = new AnalysisSettings(v.incrementExponent(),
                    Double.isNaN(v.ciLevel()) ? settings.level() : v.ciLevel(), settings.conv(), v.range());
            if (!recorded.sameRecordedOptions(settings) && !settings.sameRecordedOptions(AnalysisSettings.DEFAULTS)) {
                log.println("note: " + loc.analysisDir() + " was analysed with --level " + recorded.level()
                        + " --increment-exponent " + recorded.incrementExponent() + "; drawing with those (run "
                        + "'rscale analyze' to change them)");
            }
            return compute(loc.dir(), loc.analysisDir(), recorded, progressTo(log));
        }
        log.println("no analysis in " + loc.analysisDir() + ": analysing " + loc.dir() + " now (as 'rscale analyze')");
        log.flush();
        return analyze(loc.dir(), loc.analysisDir(), settings, progressTo(log));
    }

    /**
     * A limit fit and its outputs; for a sweep of conv cells only the analysis (the rest null: the weight-level
     * verdict stands).
     *
     * @param analysis  the analysis and its first verdict
     * @param limits    the limit analysis of the weights
     * @param fits      the cross-run candidates against the networks
     * @param dynamics  the hidden-state statistics
     * @param verdict   the upgraded verdict
     * @param limitsDir where the limit files are
     */
    public record Fit(Analysis analysis, LimitAnalysis limits, SweepLimits fits, SweepDynamics dynamics,
                      FitVerdictReport verdict, Path limitsDir) {
    }

    /**
     * Analyses a directory, measures its networks' hidden states, fits its limits, decides the regime on the
     * hidden states (VERDICT.md, second design) and writes every file ({@code rscale fit}). Each stage's time goes
     * to the log.
     *
     * @param dir           the sweep directory
     * @param analysisDir   where the analysis goes (the limit files to its {@code limits/})
     * @param settings      the analysis settings (its depth range is the weight-level fits')
     * @param fitSettings   the cross-run comparison's settings
     * @param limitSettings the limit analysis' settings
     * @param dynamics      the hidden-state statistics' settings (their own depth range)
     * @param log           where progress goes
     * @return what was computed
     */
    public static Fit fit(Path dir, Path analysisDir, AnalysisSettings settings, SweepLimitSettings fitSettings,
                          LimitSettings limitSettings, DynamicsSettings dynamics, PrintWriter log) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Analysis a = analyze(dir, analysisDir, settings, progressTo(log));
        long conv = a.analysis().groups().stream().filter(g -> ConvNetSpectra.CONV1.equals(g.judged())).count();
        if (conv == a.analysis().groups().size()) {
            log.println("fit: " + dir + " holds convolutional ResNets only; the hidden-state statistics and limit "
                    + "equations of SCIENCE.md 6 are those of the fully-connected network, so the verdict of 'rscale "
                    + "analyze' (the weight-level rules on the kernels' operator norms) stands");
            log.flush();
            return new Fit(a, null, null, null, null, null);
        }
        if (conv > 0) {
            throw new InvalidInputException(dir + " mixes fully-connected and convolutional cells: 'rscale fit' "
                    + "fits the limits of fully-connected networks; give it a directory of those only");
        }
        stage(log, "weight statistics and fits", t0);
        t0 = System.nanoTime();
        SweepDynamics dyn = SweepDynamics.of(a.analysis(), dynamics, DynamicsCriteria.defaults().deepestFraction());
        stage(log, "hidden-state statistics of every network (" + dynamics.samples() + " inputs, " + dynamics.modes()
                + " low-pass modes)", t0);
        t0 = System.nanoTime();
        LimitAnalysis limits = LimitAnalysis.of(a.analysis(), limitSettings);
        stage(log, "limit analysis of the weights (convergence, roughness, trend/noise decomposition)", t0);
        t0 = System.nanoTime();
        SweepLimits fits = SweepLimits.of(a.analysis(), limits, fitSettings);
        stage(log, "cross-run limit ODEs against the networks", t0);
        Path limitsDir = analysisDir.resolve(LimitFiles.LIMITS_DIR);
        LimitFiles.write(limits, limitsDir);
        FitFiles.write(fits, limitsDir);
        DynamicsFiles.write(dyn, limitsDir);
        RatesFile.write(limitsDir, rates(LimitFiles.rates(limits), FitFiles.rates(fits), DynamicsFiles.rates(dyn)));
        FitVerdictReport report = FitVerdictReport.of(a.verdict(), limits, fits, dyn, DynamicsCriteria.defaults(),
                started);
        VerdictFiles.write(report, analysisDir);
        return new Fit(a, limits, fits, dyn, report, limitsDir);
    }

    private static void stage(PrintWriter log, String what, long since) {
        log.printf(java.util.Locale.ROOT, "fit: %s: %.1f s%n", what, (System.nanoTime() - since) / 1e9);
        log.flush();
    }

    @SafeVarargs
    private static java.util.Map<String, List<RateFit>> rates(java.util.Map<String, List<RateFit>>... parts) {
        java.util.Map<String, List<RateFit>> all = new java.util.LinkedHashMap<>();
        for (java.util.Map<String, List<RateFit>> p : parts) {
            for (java.util.Map.Entry<String, List<RateFit>> e : p.entrySet()) {
                all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        return all;
    }

    /**
     * Draws every figure of an analysis into a figures directory: the sweep figures, and the limit and hidden-state
     * figures when the analysis directory holds a limit fit.
     *
     * @param a          the analysis
     * @param figuresDir where the figures go
     * @param options    formats, width, entry, titles
     * @return what was drawn
     */
    public static SweepFigures.Drawn plot(Analysis a, Path figuresDir, FigureOptions options) {
        SweepFigures.Drawn base = SweepFigures.draw(a.analysis(), a.verdict(), figuresDir, options);
        if (!LimitFigures.available(a.analysisDir())) {
            return base;
        }
        Path limitsDir = a.analysisDir().resolve(LimitFiles.LIMITS_DIR);
        SweepFigures.Drawn limits = LimitFigures.draw(a.analysis(), limitsDir, figuresDir, options);
        List<Path> files = new ArrayList<>(base.files());
        files.addAll(limits.files());
        List<String> notes = new ArrayList<>(base.notes());
        notes.addAll(limits.notes());
        if (DynamicsFigures.available(limitsDir)) {
            SweepFigures.Drawn dyn = DynamicsFigures.draw(a.analysis(), limitsDir, figuresDir, options);
            files.addAll(dyn.files());
            notes.addAll(dyn.notes());
        }
        return new SweepFigures.Drawn(files, notes);
    }

    /**
     * Writes the report of one sweep, {@code reportDir/index.html}: from the verdict and the figures that exist;
     * a missing analysis or missing figures are made first (and the log says so).
     *
     * @param loc      where to read and write
     * @param settings the analysis settings for a missing analysis
     * @param options  figure options for missing figures
     * @param log      where to say what is computed
     * @return the report and the page written
     */
    public static Written report(Locations loc, AnalysisSettings settings, FigureOptions options, PrintWriter log) {
        return page(reportContent(loc, settings, options, log), loc);
    }

    /**
     * Writes the report of one sweep from an analysis just computed ({@code fit}, {@code demo}): its figures are
     * drawn first when the figures directory has none; nothing is analysed again.
     *
     * @param loc      where to read and write
     * @param a        the analysis
     * @param options  figure options for missing figures
     * @param log      where to say what is computed
     * @return the report and the page written
     */
    public static Written report(Locations loc, Analysis a, FigureOptions options, PrintWriter log) {
        if (!hasFigures(loc.figuresDir())) {
            plot(a, loc.figuresDir(), options).notes().forEach(n -> log.println("note: " + n));
        }
        return page(SweepReport.read(loc.dir(), loc.analysisDir(), loc.figuresDir()), loc);
    }

    private static Written page(SweepReport r, Locations loc) {
        Path page = loc.reportDir().resolve(ReportFiles.INDEX_HTML);
        HtmlReport.write(page, "rscale report: " + r.name(), List.of(r), List.of());
        return new Written(List.of(r), page);
    }

    /**
     * The content of one sweep's report, from the verdict and the figures that exist; a missing analysis or missing
     * figures are made first (and the log says so). Nothing else is written.
     *
     * @param loc      where to read and write
     * @param settings the analysis settings for a missing analysis
     * @param options  figure options for missing figures
     * @param log      where to say what is computed
     * @return the report's content
     */
    public static SweepReport reportContent(Locations loc, AnalysisSettings settings, FigureOptions options,
                                            PrintWriter log) {
        ensureFigures(loc, settings, options, log);
        return SweepReport.read(loc.dir(), loc.analysisDir(), loc.figuresDir());
    }

    /**
     * Writes one comparison page for several sweeps: each sweep's report, and overlays of their figures on shared
     * axes.
     *
     * @param dirs     the sweep directories, at least two
     * @param out      the comparison's directory ({@code index.html} and the overlay figures under
     *                 {@code figures/})
     * @param settings the analysis settings for a missing analysis
     * @param options  figure options
     * @param log      where to say what is computed
     * @return the reports and the page written
     */
    public static Written compare(List<Path> dirs, Path out, AnalysisSettings settings, FigureOptions options,
                                  PrintWriter log) {
        List<SweepReport> reports = new ArrayList<>();
        List<Analysis> analyses = new ArrayList<>();
        for (Path d : dirs) {
            Locations loc = Locations.outside(d, out.resolve(ReportFiles.SWEEPS_DIR).resolve(label(d, dirs)), false);
            analyses.add(ensureFigures(loc, settings, options, log));
            reports.add(SweepReport.read(d, loc.analysisDir(), loc.figuresDir()));
        }
        Path overlayDir = out.resolve(RunFiles.FIGURES_DIR);
        List<SweepFigures.Source> sources = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            sources.add(new SweepFigures.Source(reports.get(i).name(), analyses.get(i).analysis(),
                    analyses.get(i).verdict()));
        }
        SweepFigures.Drawn drawn = SweepFigures.overlays(sources, overlayDir, options);
        for (String n : drawn.notes()) {
            log.println("note: " + n);
        }
        List<FigureEntry> overlays = SweepReport.figures(overlayDir).stream()
                .filter(f -> f.group().isEmpty()).toList();
        Path page = out.resolve(ReportFiles.INDEX_HTML);
        List<String> names = reports.stream().map(SweepReport::name).toList();
        HtmlReport.write(page, "rscale comparison: " + String.join(" vs ", names), reports, overlays);
        return new Written(reports, page);
    }

    /** The reports shown on a page and the page's file. */
    public record Written(List<SweepReport> reports, Path page) {
        // Copies.
        public Written {
            reports = List.copyOf(reports);
        }
    }

    private static Analysis ensureFigures(Locations loc, AnalysisSettings settings, FigureOptions options,
                                          PrintWriter log) {
        Analysis a = existingOrNew(loc, settings, log);
        if (!hasFigures(loc.figuresDir())) {
            log.println("no figures in " + loc.figuresDir() + ": drawing them now (as 'rscale plot')");
            log.flush();
            SweepFigures.Drawn d = plot(a, loc.figuresDir(), options);
            for (String n : d.notes()) {
                log.println("note: " + n);
            }
        }
        return a;
    }

    private static boolean hasFigures(Path figuresDir) {
        return !SweepReport.figures(figuresDir).isEmpty();
    }

    private static String label(Path d, List<Path> all) {
        String name = d.toAbsolutePath().normalize().getFileName() == null ? "sweep"
                : d.toAbsolutePath().normalize().getFileName().toString();
        return (all.indexOf(d) + 1) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param dir a directory
     * @return whether it can be written (exists and is writable, or can be created)
     */
    static boolean writable(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isWritable(p);
    }
}
