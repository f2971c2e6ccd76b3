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

import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The weight analysis of a directory of trained networks: every statistic of SCIENCE 4 for every
 * tensor of every cell, and the log-log fits per group of cells that differ only in depth and
 * seed.
 *
 * <p>Input: every {@code <dir>/runs/<name>/} holding at least {@code A.npy} (rscale's run format,
 * or weights exported by other software; see {@link RunDirectory#read}). Directories whose name
 * starts with a dot (staging) are ignored; others without {@code A.npy} are reported as skipped (and
 * named in the summary); an {@code A.npy} that is not a regular {@code .npy} file of floating-point
 * values is refused. Diverged cells are left out of the fits and counted. Cells of different widths
 * d never share a group: the width comes from the weights when run.json does not give it.
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
 * @param skipped           run directories without A.npy
 * @param incrementExponent f in the increment statistic {@code L^f max ||T_k - T_{k-1}||}
 * @param level             the confidence level of the fits
 */
public record SweepAnalysis(Path dir, List<GroupAnalysis> groups, List<Path> skipped, double incrementExponent,
                            double level) {

    // Copies.
    public SweepAnalysis {
        groups = List.copyOf(groups);
        skipped = List.copyOf(skipped);
    }

    /**
     * One group's cells and fits.
     *
     * @param group  the cells
     * @param fits   tensor name to its fits by statistic (fitted cells only)
     * @param judged the tensor whose scaling decides the regime ({@link TensorSequences#judged})
     */
    public record GroupAnalysis(CellGroup group, Map<String, Map<WeightStatistic, ScalingFit>> fits, String judged) {
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

        /** @return distinct depths among the fitted cells */
        public int distinctDepths() {
            return (int) group.cells().stream().filter(CellResult::fitted).mapToInt(CellResult::depth).distinct().count();
        }
    }

    /**
     * Reads and analyses every run directory of {@code dir}.
     *
     * @param dir               a sweep directory, or any directory with a {@code runs/} subdirectory
     * @param incrementExponent f of the increment statistic (0: the raw increment)
     * @param level             the confidence level of the fits, in (0, 1)
     * @return the analysis
     * @throws InvalidInputException when there is no run directory with A.npy, or a file is malformed
     */
    public static SweepAnalysis of(Path dir, double incrementExponent, double level) {
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
        List<Path> runDirs = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(runs)) {
            for (Path p : s) {
                if (!Files.isDirectory(p) || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                // anything named A.npy is read, so that a directory or a device in its place is refused, not skipped
                if (Files.exists(p.resolve(RunFiles.A_NPY), LinkOption.NOFOLLOW_LINKS)) {
                    runDirs.add(p);
                } else {
                    skipped.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + FileFailure.describe(e), e);
        }
        if (runDirs.isEmpty()) {
            throw new InvalidInputException(runs + ": no run directory holds an A.npy");
        }
        Collections.sort(runDirs);
        Collections.sort(skipped);
        List<CellResult> cells = new ArrayList<>();
        for (Path p : runDirs) {
            cells.add(measure(RunDirectory.read(p), incrementExponent));
        }
        List<GroupAnalysis> groups = new ArrayList<>();
        for (CellGroup g : CellGroup.of(cells)) {
            groups.add(fit(g, level));
        }
        return new SweepAnalysis(dir, groups, skipped, incrementExponent, level);
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
     * Fits every statistic of every tensor of a group over its fitted cells.
     *
     * @param g     the group
     * @param level the confidence level
     * @return the group's analysis
     */
    public static GroupAnalysis fit(CellGroup g, double level) {
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
                if (c.fitted() && c.statistics().containsKey(t)) {
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
        if (!tensors.contains(judged)) {
            judged = TensorSequences.A;
        }
        return new GroupAnalysis(g, fits, judged);
    }

    /**
     * Writes {@code statistics.csv}: one row per group, cell, tensor and defined statistic.
     *
     * @param file the destination, replaced atomically
     */
    public void writeStatistics(Path file) {
        CsvSchema schema = CsvSchema.builder().addColumn("group").addColumn("cell").addColumn("depth").addColumn("seed")
                .addColumn("tensor").addColumn("statistic").addColumn("value").setUseHeader(true).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupAnalysis g : groups) {
            for (CellResult c : g.group().cells()) {
                for (Map.Entry<String, WeightStatistics> t : c.statistics().entrySet()) {
                    for (Map.Entry<WeightStatistic, Double> s : t.getValue().values().entrySet()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("group", g.group().id());
                        row.put("cell", c.id());
                        row.put("depth", c.depth());
                        row.put("seed", c.seed() == null ? CellResult.UNKNOWN : c.seed());
                        row.put("tensor", t.getKey());
                        row.put("statistic", s.getKey().key());
                        row.put("value", s.getValue());
                        rows.add(row);
                    }
                }
            }
        }
        AtomicFiles.write(file, out -> DataFormats.csv().writer(schema).writeValue(out, rows));
    }

    /**
     * Writes {@code fits.csv}: one row per group, tensor and statistic with a fit, the OLS columns first
     * and the seed bootstrap's columns last.
     *
     * @param file the destination, replaced atomically
     */
    public void writeFits(Path file) {
        CsvSchema schema = CsvSchema.builder().addColumn("group").addColumn("tensor").addColumn("statistic")
                .addColumn("slope").addColumn("stderr").addColumn("ci_low").addColumn("ci_high").addColumn("r2")
                .addColumn("n_depths").addColumn("intercept").addColumn("n_points").addColumn("n_dropped")
                .addColumn("ci_level").addColumn("increment_exponent").addColumn("boot_ci_low")
                .addColumn("boot_ci_high").addColumn("boot_replicates").addColumn("n_seeds").addColumn("bootstrap")
                .setUseHeader(true).build();
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
                    row.put("boot_ci_low", boot.available() ? boot.ciLow() : CellResult.UNKNOWN);
                    row.put("boot_ci_high", boot.available() ? boot.ciHigh() : CellResult.UNKNOWN);
                    row.put("boot_replicates", boot.replicates());
                    row.put("n_seeds", boot.nSeeds());
                    row.put("bootstrap", boot.note());
                    rows.add(row);
                }
            }
        }
        AtomicFiles.write(file, out -> DataFormats.csv().writer(schema).writeValue(out, rows));
    }

    /** @return a one-line description of the directory's content */
    public String summary() {
        int cells = 0;
        for (GroupAnalysis g : groups) {
            cells += g.group().cells().size();
        }
        String names = "";
        if (!skipped.isEmpty()) {
            List<String> first = new ArrayList<>();
            for (Path p : skipped.subList(0, Math.min(3, skipped.size()))) {
                first.add(String.valueOf(p.getFileName()));
            }
            names = ": " + String.join(", ", first) + (skipped.size() > 3 ? ", ..." : "");
        }
        return String.format(Locale.ROOT, "%d cells in %d group%s%s", cells, groups.size(), groups.size() == 1 ? "" : "s",
                skipped.isEmpty() ? "" : ", " + skipped.size() + " run director" + (skipped.size() == 1 ? "y" : "ies")
                        + " without A.npy skipped" + names);
    }
}
