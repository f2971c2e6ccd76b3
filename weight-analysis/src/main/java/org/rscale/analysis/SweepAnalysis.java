package org.rscale.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.run.RunCheck;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.StateDictKernels;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The weight analysis of a directory of trained networks: every statistic of SCIENCE 4 for every
 * tensor of every cell, and the log-log fits per group of cells that differ only in depth and
 * seed.
 *
 * <p>Input: every {@code <dir>/runs/<name>/} holding at least {@code A.npy} (rscale's run format,
 * or weights exported by other software; see {@link RunDirectory#read}), or the kernels of a
 * convolutional ResNet: rscale's conv run format ({@code blocks.csv}, {@link ConvRunDirectory#read}) or a
 * PyTorch {@code state_dict} as {@code .safetensors} or {@code .npy} files ({@link StateDictKernels#read}).
 * Directories whose name starts with a dot (staging) are ignored; others without weights are reported as
 * skipped (and named in the summary); an {@code A.npy} that is not a regular {@code .npy} file of
 * floating-point values is refused. In a sweep directory (one with {@code sweep.yaml}) every run directory is
 * rscale's, and only complete ones are read: those {@link RunDirectory#check} (the one definition of a done
 * cell, which {@code sweep} and {@code status} use too) finds complete; an incomplete or invalid one (a missing
 * {@code A.npy}, a truncated {@code run.json}) is skipped with its reason, so that a sweep can be analysed while
 * it is still running, and a corrupt result is named rather than read. Diverged cells are left out of the fits and counted. Cells of different
 * widths d never share a group: the width comes from the weights when run.json does not give it.
 *
 * <p>A convolutional cell's tensors are {@code conv1} and {@code conv2}, measured by {@link ConvStatistics}
 * from the spectra of its kernels ({@link ConvNetSpectra}, kept per cell by {@link ConvSpectraFiles}); the
 * judged tensor of a group of such cells is {@code conv1}.
 *
 * <p>Output ({@link #writeStatistics}, {@link #writeFits}):
 * <pre>
 * statistics.csv  group, cell, depth, seed, tensor, statistic, value
 * fits.csv        group, tensor, statistic, slope, stderr, ci_low, ci_high, r2, n_depths,
 *                 intercept, n_points, n_dropped, ci_level, increment_exponent,
 *                 boot_ci_low, boot_ci_high, boot_replicates, n_seeds, bootstrap
 * </pre>
 * Undefined statistics (L = 1, non-finite weights) have no row; an unknown seed is written
 * {@code unknown}. The last five columns of fits.csv are the {@link SeedBootstrap} interval of the
 * slope (same level as {@code ci_level}): its bounds ({@code unknown} when not available), the number of
 * replicates (0 when not available), the largest number of cells at one depth, and the method or the
 * reason there is no interval (e.g. {@value BootstrapInterval#ONE_SEED}).
 *
 * @param dir               the analysed directory
 * @param groups            the groups, by id
 * @param skipped           run directories not read: without weights (no A.npy, conv kernels or state_dict), or,
 *                          in a sweep directory, not complete runs; each with its reason
 * @param incrementExponent f in the increment statistic {@code L^f max ||T_k - T_{k-1}||}
 * @param level             the confidence level of the fits
 * @param range             the depths the fits use (statistics.csv holds every cell)
 * @param convSpectra       the spectra of the convolutional cells, by cell id (empty when there are none)
 */
public record SweepAnalysis(Path dir, List<GroupAnalysis> groups, List<Skipped> skipped, double incrementExponent,
                            double level, DepthRange range, Map<String, ConvNetSpectra> convSpectra) {

    /** The reason of a run directory skipped for having no weights. */
    public static final String NO_WEIGHTS = "no A.npy, conv kernels (blocks.csv) or state_dict";

    /**
     * A run directory the analysis did not read.
     *
     * @param dir    the run directory
     * @param reason why: {@link #NO_WEIGHTS}, or what {@link RunDirectory#check} found wrong (one line naming the
     *               file)
     */
    public record Skipped(Path dir, String reason) {
        /** @return whether it holds no weights at all (rather than an incomplete or invalid run) */
        public boolean withoutWeights() {
            return NO_WEIGHTS.equals(reason);
        }

        /** @return one line for the user, e.g. {@code skipped runs/L40: invalid result: runs/L40/A.npy: ...} */
        public String describe() {
            return "skipped " + dir + ": " + (withoutWeights() ? reason : "invalid result: " + reason
                    + " (trained again by the next sweep or resubmission)");
        }
    }

    // Copies.
    public SweepAnalysis {
        groups = List.copyOf(groups);
        skipped = List.copyOf(skipped);
        convSpectra = Collections.unmodifiableMap(new LinkedHashMap<>(convSpectra));
    }

    /**
     * An analysis without convolutional cells.
     *
     * @param dir               the analysed directory
     * @param groups            the groups, by id
     * @param skipped           run directories not read
     * @param incrementExponent f in the increment statistic
     * @param level             the confidence level of the fits
     */
    public SweepAnalysis(Path dir, List<GroupAnalysis> groups, List<Skipped> skipped, double incrementExponent,
                         double level) {
        this(dir, groups, skipped, incrementExponent, level, DepthRange.ALL, Map.of());
    }

    /**
     * One group's cells and fits.
     *
     * @param group  the cells
     * @param fits   tensor name to its fits by statistic (fitted cells in the range only)
     * @param judged the tensor whose scaling decides the regime ({@link TensorSequences#judged})
     * @param range  the depths the fits use
     */
    public record GroupAnalysis(CellGroup group, Map<String, Map<WeightStatistic, ScalingFit>> fits, String judged,
                                DepthRange range) {
        // Copies.
        public GroupAnalysis {
            fits = Collections.unmodifiableMap(new LinkedHashMap<>(fits));
        }

        /**
         * @param tensor    a tensor
         * @param statistic a statistic
         * @return its fit, if there is one
         */
        public Optional<ScalingFit> fit(String tensor, WeightStatistic statistic) {
            Map<WeightStatistic, ScalingFit> m = fits.get(tensor);
            return m == null ? Optional.empty() : Optional.ofNullable(m.get(statistic));
        }

        /** @return distinct depths among the fitted cells in the range */
        public int distinctDepths() {
            return (int) group.cells().stream().filter(c -> c.fitted() && range.contains(c.depth()))
                    .mapToInt(CellResult::depth).distinct().count();
        }

        /** @return the group's cells in the range, diverged ones included (they are counted, not fitted) */
        public List<CellResult> cellsInRange() {
            return group.cells().stream().filter(c -> range.contains(c.depth())).toList();
        }
    }

    /**
     * Reads and analyses every run directory of {@code dir}, convolutional cells with the default settings,
     * their spectra kept in {@code dir/analysis/conv/}.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with weights, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level) {
        return of(dir, incrementExponent, level, DepthRange.ALL);
    }

    /**
     * Reads and analyses every run directory of {@code dir}, fitting the cells whose depth is in a range;
     * convolutional cells with the default settings, their spectra kept in {@code dir/analysis/conv/}.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @param range             the depths the fits use
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with weights, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level, DepthRange range) {
        return of(dir, incrementExponent, level, ConvAnalysisSettings.defaults(
                dir.resolve(RunFiles.ANALYSIS_DIR).resolve(ConvSpectraFiles.CELLS_DIR)), ConvProgress.NONE, range);
    }

    /**
     * Reads and analyses every run directory of {@code dir}.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @param conv              how convolutional cells are measured
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with weights, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level, ConvAnalysisSettings conv) {
        return of(dir, incrementExponent, level, conv, ConvProgress.NONE, DepthRange.ALL);
    }

    /**
     * Reads and analyses every run directory of {@code dir}, telling a listener of each conv cell measured.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @param conv              how convolutional cells are measured
     * @param progress          hears of each conv cell once it is measured
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with weights, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level, ConvAnalysisSettings conv,
                                   ConvProgress progress) {
        return of(dir, incrementExponent, level, conv, progress, DepthRange.ALL);
    }

    /**
     * Reads and analyses every run directory of {@code dir}, fitting the cells whose depth is in a range, telling
     * a listener of each conv cell measured.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @param conv              how convolutional cells are measured
     * @param progress          hears of each conv cell once it is measured
     * @param range             the depths the fits use (statistics.csv holds every cell)
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with weights, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level, ConvAnalysisSettings conv,
                                   ConvProgress progress, DepthRange range) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("confidence level must lie in (0, 1), got " + level);
        }
        if (!Double.isFinite(incrementExponent)) {
            throw new InvalidInputException("increment exponent must be a finite number, got " + incrementExponent);
        }
        Path runs = dir.resolve(RunFiles.RUNS_DIR);
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": directory not found");
        }
        if (!Files.isDirectory(runs)) {
            throw new InvalidInputException(dir + ": no " + RunFiles.RUNS_DIR + "/ directory (expected "
                    + runs + "/<name>/A.npy)");
        }
        // a sweep's run directories are rscale's: only complete ones count, by the one definition of done
        boolean sweep = Files.isRegularFile(dir.resolve(RunFiles.SWEEP_YAML));
        List<Path> runDirs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(runs)) {
            for (Path p : s) {
                if (!Files.isDirectory(p) || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (sweep) {
                    RunCheck check = RunDirectory.check(p);
                    if (check.complete()) {
                        runDirs.add(p);
                    } else {
                        skipped.add(new Skipped(p, check.reason()));
                    }
                    continue;
                }
                // anything named A.npy is read, so that a directory or a device in its place is refused, not skipped
                if (Files.exists(p.resolve(RunFiles.A_NPY), LinkOption.NOFOLLOW_LINKS) || ConvRunDirectory.isConvRun(p)
                        || StateDictKernels.holdsKernels(p, conv.layout())) {
                    runDirs.add(p);
                } else {
                    skipped.add(new Skipped(p, NO_WEIGHTS));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + FileFailure.describe(e), e);
        }
        Collections.sort(runDirs);
        skipped.sort(java.util.Comparator.comparing(Skipped::dir));
        if (runDirs.isEmpty() && sweep) {
            throw new InvalidInputException(runs + ": no complete run yet" + (skipped.isEmpty() ? ""
                    : " (" + skipped.size() + " incomplete, e.g. " + skipped.get(0).reason() + "; 'rscale status "
                    + dir + "' lists them)"));
        }
        if (runDirs.isEmpty()) {
            throw new InvalidInputException(runs + ": no run directory holds an A.npy, conv kernels (blocks.csv) or a "
                    + "state_dict (.safetensors, or .npy files named like " + conv.layout().names().block() + "."
                    + conv.layout().names().conv1() + ")");
        }
        List<CellResult> cells = new ArrayList<>();
        Map<String, ConvNetSpectra> spectra = new LinkedHashMap<>();
        List<Path> convDirs = new ArrayList<>();
        for (Path p : runDirs) {
            if (Files.exists(p.resolve(RunFiles.A_NPY), LinkOption.NOFOLLOW_LINKS)) {
                cells.add(measure(RunDirectory.read(p), incrementExponent));
            } else {
                convDirs.add(p);
            }
        }
        for (ConvSpectraFiles.MeasuredCell c : measureConv(convDirs, conv, progress)) {
            spectra.put(c.id(), c.spectra());
            cells.add(measure(c, incrementExponent));
        }
        List<GroupAnalysis> groups = new ArrayList<>();
        for (CellGroup g : CellGroup.of(cells)) {
            groups.add(fit(g, level, range));
        }
        return new SweepAnalysis(dir, groups, skipped, incrementExponent, level, range, spectra);
    }

    /**
     * The statistics of one trained network (its weights are not kept).
     *
     * @param run               the network
     * @param incrementExponent f of the increment statistic
     * @return what the analysis keeps of it
     */
    public static CellResult measure(TrainedRun run, double incrementExponent) {
        Map<String, WeightStatistics> stats = new LinkedHashMap<>();
        for (Map.Entry<String, WeightSequence> e : TensorSequences.of(run).entrySet()) {
            stats.put(e.getKey(), WeightStatistics.of(e.getValue(), incrementExponent));
        }
        Map<String, Object> settings = new LinkedHashMap<>(run.settings());
        settings.remove("depth");
        settings.remove("seed");
        // the width is a fact of the weights even without run.json: cells of different widths never share
        // a group (their curves could not be compared), foreign or not
        settings.putIfAbsent(Setting.DATA_DIM.key(), run.dim());
        return new CellResult(run.dir(), run.id(), run.depth(), run.seed(), run.status(), run.finalTrainLoss(),
                run.finalTestLoss(), settings, stats);
    }

    /**
     * What the analysis keeps of one convolutional network: the statistics of conv1 and conv2
     * ({@link ConvStatistics}). Its settings are run.json's without those that follow from the depth
     * (depth, seed, and explicit block counts such as {@code conv.blocks: 3-4-6-3}; a rule such as
     * {@code paper} stays), so that the cells of a depth sweep form one group.
     *
     * @param run               the network and its spectra
     * @param incrementExponent f of the increment statistic
     * @return what the analysis keeps of it
     */
    public static CellResult measure(ConvSpectraFiles.MeasuredCell run, double incrementExponent) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Double train = null;
        Double test = null;
        if (run.record() != null) {
            if (run.record().settings() != null) {
                settings.putAll(run.record().settings());
            }
            train = run.record().finalTrainLoss();
            test = run.record().finalTestLoss();
        }
        settings.remove("depth");
        settings.remove("seed");
        // explicit block counts (conv.blocks: 3-4-6-3) follow the depth; a rule (paper, even) does not
        settings.entrySet().removeIf(e -> e.getValue() == null || (e.getKey().endsWith("blocks")
                || e.getKey().contains("block_counts")) && (e.getValue() instanceof List
                || e.getValue().toString().matches("\\d+(-\\d+)+")));
        return new CellResult(run.dir(), run.id(), run.depth(), run.seed(), run.status(), train, test, settings,
                ConvStatistics.of(run.spectra(), incrementExponent));
    }

    /**
     * Measures conv cells, {@link ConvAnalysisSettings#jobs()} at a time (each on its own thread with its own
     * workspace; the results do not depend on the number of jobs).
     *
     * @param dirs     the cells' run directories
     * @param conv     the settings
     * @param progress hears of each cell once it is measured
     * @return the cells, in the order of {@code dirs}
     */
    static List<ConvSpectraFiles.MeasuredCell> measureConv(List<Path> dirs, ConvAnalysisSettings conv,
                                                           ConvProgress progress) {
        List<ConvSpectraFiles.MeasuredCell> out = new ArrayList<>();
        if (conv.jobs() == 1 || dirs.size() <= 1) {
            for (Path p : dirs) {
                out.add(ConvSpectraFiles.measure(p, conv, progress));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(conv.jobs(), dirs.size()));
        try {
            List<Future<ConvSpectraFiles.MeasuredCell>> futures = new ArrayList<>();
            for (Path p : dirs) {
                futures.add(pool.submit(() -> ConvSpectraFiles.measure(p, conv, progress)));
            }
            for (Future<ConvSpectraFiles.MeasuredCell> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring conv cells", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Fits every statistic of every tensor of a group over its fitted cells.
     *
     * @param g     the group
     * @param level the confidence level
     * @return the group's analysis
     */
    public static GroupAnalysis fit(CellGroup g, double level) {
        return fit(g, level, DepthRange.ALL);
    }

    /**
     * Fits every statistic of every tensor of a group over its fitted cells in a depth range.
     *
     * @param g     the group
     * @param level the confidence level
     * @param range the depths fitted
     * @return the group's analysis
     */
    public static GroupAnalysis fit(CellGroup g, double level, DepthRange range) {
        Set<String> tensors = new LinkedHashSet<>();
        int deltaLength = 0;
        for (CellResult c : g.cells()) {
            tensors.addAll(c.statistics().keySet());
            WeightStatistics d = c.statistics().get(TensorSequences.DELTA);
            if (d != null) {
                deltaLength = Math.max(deltaLength, d.L());
            }
        }
        Map<String, Map<WeightStatistic, ScalingFit>> fits = new LinkedHashMap<>();
        for (String t : tensors) {
            // the network's depth, not the tensor's length: a shared delta has one value at every depth
            List<CellResult> cells = new ArrayList<>();
            for (CellResult c : g.cells()) {
                if (c.fitted() && range.contains(c.depth()) && c.statistics().containsKey(t)) {
                    cells.add(c);
                }
            }
            int[] depths = new int[cells.size()];
            double[] values = new double[cells.size()];
            Map<WeightStatistic, ScalingFit> byStatistic = new EnumMap<>(WeightStatistic.class);
            for (WeightStatistic s : WeightStatistic.values()) {
                for (int i = 0; i < depths.length; i++) {
                    depths[i] = cells.get(i).depth();
                    values[i] = cells.get(i).statistics().get(t).get(s).orElse(Double.NaN);
                }
                ScalingFit.of(depths, values, level).ifPresent(f -> byStatistic.put(s, f));
            }
            fits.put(t, byStatistic);
        }
        String mode = g.deltaMode();
        String judged = TensorSequences.judged(mode, deltaLength);
        if (tensors.contains(ConvNetSpectra.CONV1)) {
            judged = ConvNetSpectra.CONV1; // conv1 plays A_k (SCIENCE 1.3)
        } else if (!tensors.contains(judged)) {
            judged = TensorSequences.A;
        }
        return new GroupAnalysis(g, fits, judged, range);
    }

    /**
     * Writes {@code statistics.csv}: one row per group, cell, tensor and defined statistic.
     *
     * @param file the destination, replaced atomically
     */
    public void writeStatistics(Path file) {
        List<String> columns = List.of("group", "cell", "depth", "seed", "tensor", "statistic", "value");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupAnalysis g : groups) {
            for (CellResult c : g.group().cells()) {
                for (Map.Entry<String, WeightStatistics> t : c.statistics().entrySet()) {
                    for (Map.Entry<WeightStatistic, Double> s : t.getValue().values().entrySet()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("group", g.group().id());
                        row.put("cell", c.id());
                        row.put("depth", c.depth());
                        row.put("seed", c.seed());
                        row.put("tensor", t.getKey());
                        row.put("statistic", s.getKey().key());
                        row.put("value", s.getValue());
                        rows.add(row);
                    }
                }
            }
        }
        CsvTable.write(file, columns, rows);
    }

    /**
     * Writes {@code fits.csv}: one row per group, tensor and statistic with a fit, the OLS columns first
     * and the seed bootstrap's columns last.
     *
     * @param file the destination, replaced atomically
     */
    public void writeFits(Path file) {
        List<String> columns = List.of("group", "tensor", "statistic", "slope", "stderr", "ci_low", "ci_high", "r2",
                "n_depths", "intercept", "n_points", "n_dropped", "ci_level", "increment_exponent", "boot_ci_low",
                "boot_ci_high", "boot_replicates", "n_seeds", "bootstrap");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupAnalysis g : groups) {
            for (Map.Entry<String, Map<WeightStatistic, ScalingFit>> t : g.fits().entrySet()) {
                for (Map.Entry<WeightStatistic, ScalingFit> s : t.getValue().entrySet()) {
                    ScalingFit f = s.getValue();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group", g.group().id());
                    row.put("tensor", t.getKey());
                    row.put("statistic", s.getKey().key());
                    row.put("slope", f.slope());
                    row.put("stderr", f.stderr());
                    row.put("ci_low", f.ciLow());
                    row.put("ci_high", f.ciHigh());
                    row.put("r2", f.r2());
                    row.put("n_depths", f.nDepths());
                    row.put("intercept", f.intercept());
                    row.put("n_points", f.nPoints());
                    row.put("n_dropped", f.nDropped());
                    row.put("ci_level", f.ciLevel());
                    row.put("increment_exponent", incrementExponent);
                    BootstrapInterval boot = f.bootstrap();
                    row.put("boot_ci_low", boot.available() ? boot.ciLow() : null);
                    row.put("boot_ci_high", boot.available() ? boot.ciHigh() : null);
                    row.put("boot_replicates", boot.replicates());
                    row.put("n_seeds", boot.nSeeds());
                    row.put("bootstrap", boot.note());
                    rows.add(row);
                }
            }
        }
        CsvTable.write(file, columns, rows);
    }

    /** @return a one-line description of the directory's content */
    public String summary() {
        int cells = 0;
        for (GroupAnalysis g : groups) {
            cells += g.group().cells().size();
        }
        List<Skipped> bare = skipped.stream().filter(Skipped::withoutWeights).toList();
        List<Skipped> incomplete = skipped.stream().filter(x -> !x.withoutWeights()).toList();
        return String.format(Locale.ROOT, "%d cells in %d group%s%s%s", cells, groups.size(),
                groups.size() == 1 ? "" : "s", skippedText(incomplete, "incomplete run"), skippedText(bare,
                        "run", " without weights"));
    }

    /** {@code , 2 incomplete run directories skipped: a, b} (at most three names), or empty. */
    private static String skippedText(List<Skipped> list, String what) {
        return skippedText(list, what, "");
    }

    private static String skippedText(List<Skipped> list, String what, String tail) {
        if (list.isEmpty()) {
            return "";
        }
        List<String> first = new ArrayList<>();
        for (Skipped x : list.subList(0, Math.min(3, list.size()))) {
            first.add(String.valueOf(x.dir().getFileName()));
        }
        return ", " + list.size() + " " + what + " director" + (list.size() == 1 ? "y" : "ies") + tail + " skipped: "
                + String.join(", ", first) + (list.size() > 3 ? ", ..." : "");
    }
}
