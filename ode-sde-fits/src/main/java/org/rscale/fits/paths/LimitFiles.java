package org.rscale.fits.paths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.fits.CsvRows;
import org.rscale.fits.SampledPath;
import org.rscale.fits.StageJson;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.run.Provenance;

/**
 * The files of the limit analysis ({@link LimitAnalysis}) under {@code <sweep>/analysis/limits/}: their names,
 * their writer, and typed readers for what later stages and the figures use. Every file is written atomically.
 * <pre>
 * convergence.csv  group, tensor, depth_a, depth_b, rank, cell_a, cell_b, exponent, grid_points,
 *                  sup_distance, l2_distance, relative_sup, relative_l2
 * roughness.csv    group, scope (cell | pooled), cell, depth, seed, tensor, exponent,
 *                  quadratic_variation, raw_quadratic_variation, hurst, hurst_ci_low, hurst_ci_high,
 *                  hurst_ci_level, hurst_q25, hurst_q75, holder, holder_ci_low, holder_ci_high, entries,
 *                  linear_entries, max_lag, note
 * denoised.csv     group, cell, depth, seed, in_trend, tensor, exponent, n_times, noise_quadratic_variation,
 *                  raw_noise_quadratic_variation, noise_fraction, train_loss, denoised_loss,
 *                  final_train_loss, loss_note
 * limits.json      format_version, directory, ci_level, settings, provenance, and per group: tensors,
 *                  exponent and its source, the notes, trend depths and cells, delta_bar, the .npy files
 * &lt;group&gt;/limit_&lt;tensor&gt;.npy             (G, rows[, cols]) the limit curve on t_g = g/(G-1)
 * &lt;group&gt;/trend_&lt;tensor&gt;.npy             (n+1, rows[, cols]) A-bar on t_i = i/n
 * &lt;group&gt;/cumulative_trend_&lt;tensor&gt;.npy  (n+1, rows[, cols]) Ibar on t_i = i/n
 * &lt;group&gt;/delta_bar.npy                   (n+1,) the constant delta-bar, when it applies
 * &lt;group&gt;/noise_&lt;tensor&gt;_&lt;cell&gt;.npy       (L+1, rows[, cols]) W_L(k/L) of the deepest depth's first cell
 * </pre>
 * Column meanings: see {@link CurveDistance}, {@link PathRoughness}, {@link NoiseStatistics}, {@link DenoisedCell}.
 * A missing number (an unknown seed, a loss that could not be computed) is an empty field ({@link CsvRows}).
 * Vector tensors ({@code b}) drop the last axis, as {@code b.npy} does.
 */
public final class LimitFiles {
    /** The limits.json format version (2: missing numbers are empty fields, rates in {@link RatesFile}). */
    public static final int FORMAT_VERSION = 2;
    /** The conventional output directory, under {@code <sweep>/analysis/}. */
    public static final String LIMITS_DIR = "limits";
    /** File name. */
    public static final String CONVERGENCE_CSV = "convergence.csv";
    /** File name. */
    public static final String ROUGHNESS_CSV = "roughness.csv";
    /** File name. */
    public static final String DENOISED_CSV = "denoised.csv";
    /** File name. */
    public static final String LIMITS_JSON = "limits.json";

    private LimitFiles() {
    }

    /**
     * The per-group part of limits.json.
     *
     * @param group            the group id
     * @param tensor           the judged tensor
     * @param biasTensor       its bias counterpart, when present
     * @param exponent         the rescaling exponent, when determined
     * @param exponentSource   where it came from
     * @param exponentNote     how it was determined, or why not
     * @param convergenceNote  {@value LimitAnalysis#OK} or why there is no convergence analysis
     * @param trendNote        {@value LimitAnalysis#OK} or why there is no trend
     * @param trendDepths      the trend depths
     * @param trendCells       the trend cells
     * @param nTimes           the trend grid's n
     * @param deltaBar         delta-bar, when it applies
     * @param files            the .npy files written for the group, relative to the limits directory
     */
    public record GroupSummary(String group, String tensor, Optional<String> biasTensor, OptionalDouble exponent,
                               ExponentSource exponentSource, String exponentNote, String convergenceNote,
                               String trendNote, List<Integer> trendDepths, List<String> trendCells, int nTimes,
                               OptionalDouble deltaBar, List<String> files) {
    }

    /**
     * The content of limits.json.
     *
     * @param formatVersion {@value LimitFiles#FORMAT_VERSION}
     * @param directory     the analysed directory
     * @param ciLevel       the level of every interval
     * @param settings      the settings
     * @param groups        the per-group summaries
     * @param provenance    where and when the analysis ran
     */
    public record LimitsFile(int formatVersion, String directory, double ciLevel, LimitSettings settings,
                             List<GroupSummary> groups, Provenance provenance) {
    }

    /**
     * Writes the limit analysis' tables, limits.json and curves (see the class comment), each file atomically;
     * its rates go to rates.csv through {@link RatesFile} (see {@link #rates}).
     *
     * @param a   the limit analysis
     * @param dir the output directory, conventionally {@code <sweep>/analysis/limits}
     */
    public static void write(LimitAnalysis a, Path dir) {
        writeConvergence(a, dir.resolve(CONVERGENCE_CSV));
        writeRoughness(a, dir.resolve(ROUGHNESS_CSV));
        writeDenoised(a, dir.resolve(DENOISED_CSV));
        List<GroupSummary> summaries = new ArrayList<>();
        LimitSettings settings = a.settings();
        for (GroupLimits g : a.groups()) {
            List<String> files = new ArrayList<>();
            for (LimitConvergence c : g.convergence()) {
                files.add(npy(dir, g.group(), "limit_" + c.tensor() + ".npy", c.limit()));
            }
            for (TrendNoiseDecomposition t : g.trends()) {
                files.add(npy(dir, g.group(), "trend_" + t.tensor() + ".npy", t.trend()));
                files.add(npy(dir, g.group(), "cumulative_trend_" + t.tensor() + ".npy", t.cumulativeTrend()));
            }
            if (g.deltaBar().isPresent()) {
                files.add(npy(dir, g.group(), "delta_bar.npy", g.deltaBar().get()));
            }
            for (NoisePath p : g.noisePaths()) {
                files.add(npy(dir, g.group(), "noise_" + p.tensor() + "_" + p.cell() + ".npy", p.path()));
            }
            List<Integer> trendDepths = g.trends().isEmpty() ? List.of() : g.trends().get(0).depths();
            List<String> trendCells = g.trends().isEmpty() ? List.of() : g.trends().get(0).cells();
            String convergenceNote = g.exponent().isEmpty() ? "not available: no exponent (" + g.exponentNote() + ")"
                    : g.convergence().isEmpty() ? "not available: no cell with finite weights" : LimitAnalysis.OK;
            OptionalDouble deltaBar = g.deltaBar().map(p -> OptionalDouble.of(p.values()[0])).orElse(OptionalDouble.empty());
            summaries.add(new GroupSummary(g.group(), g.tensor(), g.biasTensor(), g.exponent(), settings.exponentSource(),
                    g.exponentNote(), convergenceNote, g.trendNote(), trendDepths, trendCells, settings.nTimes(),
                    deltaBar, files));
        }
        LimitsFile file = new LimitsFile(FORMAT_VERSION, a.directory().toString(), a.ciLevel(), settings, summaries,
                a.provenance());
        AtomicFiles.write(dir.resolve(LIMITS_JSON), out -> DataFormats.json().writeValue(out, file));
    }

    /** Writes a sampled path as .npy of shape (points,), (points, rows) or (points, rows, cols); returns its name. */
    private static String npy(Path dir, String group, String name, SampledPath p) {
        int[] shape = p.cols() > 1 ? new int[] {p.points(), p.rows(), p.cols()}
                : p.rows() > 1 ? new int[] {p.points(), p.rows()} : new int[] {p.points()};
        String rel = group + "/" + name;
        Npy.write(dir.resolve(group).resolve(name), shape, p.values());
        return rel;
    }

    private static void writeConvergence(LimitAnalysis a, Path file) {
        List<String> cols = List.of("group", "tensor", "depth_a", "depth_b", "rank", "cell_a", "cell_b", "exponent",
                "grid_points", "sup_distance", "l2_distance", "relative_sup", "relative_l2");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : a.groups()) {
            for (LimitConvergence c : g.convergence()) {
                for (CurveDistance d : c.distances()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("group", g.group());
                    r.put("tensor", d.tensor());
                    r.put("depth_a", d.depthA());
                    r.put("depth_b", d.depthB());
                    r.put("rank", d.rank());
                    r.put("cell_a", d.cellA());
                    r.put("cell_b", d.cellB());
                    r.put("exponent", c.exponent());
                    r.put("grid_points", c.gridPoints());
                    r.put("sup_distance", num(d.sup()));
                    r.put("l2_distance", num(d.l2()));
                    r.put("relative_sup", num(d.relativeSup()));
                    r.put("relative_l2", num(d.relativeL2()));
                    rows.add(r);
                }
            }
        }
        csv(file, cols, rows);
    }

    private static void writeRoughness(LimitAnalysis a, Path file) {
        List<String> cols = List.of("group", "scope", "cell", "depth", "seed", "tensor", "exponent",
                "quadratic_variation", "raw_quadratic_variation", "hurst", "hurst_ci_low", "hurst_ci_high",
                "hurst_ci_level", "hurst_q25", "hurst_q75", "holder", "holder_ci_low", "holder_ci_high", "entries",
                "linear_entries", "max_lag", "note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : a.groups()) {
            for (CellRoughness c : g.roughness()) {
                PathRoughness p = c.roughness();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("scope", "cell");
                r.put("cell", c.cell());
                r.put("depth", c.depth());
                r.put("seed", c.seed() == null ? "" : c.seed());
                r.put("tensor", p.tensor());
                r.put("exponent", num(p.exponent()));
                r.put("quadratic_variation", num(p.quadraticVariation()));
                r.put("raw_quadratic_variation", num(p.rawQuadraticVariation()));
                putMedian(r, p.hurst(), p.holder());
                r.put("entries", p.entries());
                r.put("linear_entries", p.linearEntries());
                r.put("max_lag", p.maxLag());
                r.put("note", p.note());
                rows.add(r);
            }
            for (PooledRoughness p : g.pooled()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("scope", "pooled");
                r.put("cell", p.cells().isEmpty() ? "" : String.join("+", p.cells()));
                r.put("depth", p.depth());
                r.put("seed", null); // every seed of the depth (scope pooled): no single seed, an empty field
                r.put("tensor", p.tensor());
                r.put("exponent", num(g.exponent()));
                r.put("quadratic_variation", "");
                r.put("raw_quadratic_variation", "");
                putMedian(r, p.hurst(), p.hurst().map(h -> h.capped(1.0)));
                r.put("entries", p.hurst().map(MedianEstimate::n).orElse(0));
                r.put("linear_entries", "");
                r.put("max_lag", "");
                r.put("note", p.hurst().isPresent() ? LimitAnalysis.OK : "not available: no entry of the deepest cells has an estimate");
                rows.add(r);
            }
        }
        csv(file, cols, rows);
    }

    private static void putMedian(Map<String, Object> r, Optional<MedianEstimate> hurst, Optional<MedianEstimate> holder) {
        r.put("hurst", hurst.isPresent() ? (Object) hurst.get().median() : "");
        r.put("hurst_ci_low", hurst.isPresent() ? (Object) hurst.get().ciLow() : "");
        r.put("hurst_ci_high", hurst.isPresent() ? (Object) hurst.get().ciHigh() : "");
        r.put("hurst_ci_level", hurst.isPresent() ? (Object) hurst.get().level() : "");
        r.put("hurst_q25", hurst.isPresent() ? (Object) hurst.get().q25() : "");
        r.put("hurst_q75", hurst.isPresent() ? (Object) hurst.get().q75() : "");
        r.put("holder", holder.isPresent() ? (Object) holder.get().median() : "");
        r.put("holder_ci_low", holder.isPresent() ? (Object) holder.get().ciLow() : "");
        r.put("holder_ci_high", holder.isPresent() ? (Object) holder.get().ciHigh() : "");
    }

    private static void writeDenoised(LimitAnalysis a, Path file) {
        List<String> cols = List.of("group", "cell", "depth", "seed", "in_trend", "tensor", "exponent", "n_times",
                "noise_quadratic_variation", "raw_noise_quadratic_variation", "noise_fraction", "train_loss",
                "denoised_loss", "final_train_loss", "loss_note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : a.groups()) {
            for (DenoisedCell c : g.denoised()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("cell", c.cell());
                r.put("depth", c.depth());
                r.put("seed", c.seed() == null ? "" : c.seed());
                r.put("in_trend", c.inTrend());
                r.put("tensor", c.tensor());
                r.put("exponent", num(g.exponent()));
                r.put("n_times", a.settings().nTimes());
                r.put("noise_quadratic_variation", num(c.noise().quadraticVariation()));
                r.put("raw_noise_quadratic_variation", num(c.noise().rawQuadraticVariation()));
                r.put("noise_fraction", num(c.noise().noiseFraction()));
                r.put("train_loss", num(c.trainLoss()));
                r.put("denoised_loss", num(c.denoisedLoss()));
                r.put("final_train_loss", c.finalTrainLoss() == null ? "" : c.finalTrainLoss());
                r.put("loss_note", c.lossNote());
                rows.add(r);
            }
        }
        csv(file, cols, rows);
    }

    private static void csv(Path file, List<String> cols, List<Map<String, Object>> rows) {
        new CsvRows(cols, rows).write(file);
    }

    private static Object num(double v) {
        return v;
    }

    private static Object num(OptionalDouble v) {
        return v;
    }

    /**
     * The rates of every group, for {@link RatesFile}.
     *
     * @param a the limit analysis
     * @return group id to its rates
     */
    public static Map<String, List<RateFit>> rates(LimitAnalysis a) {
        Map<String, List<RateFit>> out = new LinkedHashMap<>();
        for (GroupLimits g : a.groups()) {
            out.put(g.group(), g.rates());
        }
        return out;
    }

    /**
     * Reads limits.json.
     *
     * @param dir the limits directory
     * @return its content
     * @throws InvalidInputException naming the file when it is missing or not a limits.json
     */
    public static LimitsFile read(Path dir) {
        Path file = dir.resolve(LIMITS_JSON);
        LimitsFile f = StageJson.read(file, LimitsFile.class);
        if (f == null || f.groups() == null) {
            throw new InvalidInputException(file + ": not a limits.json (no groups)");
        }
        return f;
    }

    /**
     * One row of denoised.csv as read back.
     *
     * @param group        the group id
     * @param cell         the cell's id
     * @param depth        L
     * @param tensor       the tensor
     * @param trainLoss    the original network's training loss, when computed
     * @param denoisedLoss the denoised network's, when computed
     * @param lossNote     {@value LimitAnalysis#OK} or why there is no loss
     */
    public record DenoisedRow(String group, String cell, int depth, String tensor, OptionalDouble trainLoss,
                              OptionalDouble denoisedLoss, String lossNote) {
    }

    /**
     * Reads denoised.csv.
     *
     * @param dir the limits directory
     * @return its rows
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<DenoisedRow> readDenoised(Path dir) {
        return CsvTable.read(dir.resolve(DENOISED_CSV),
                List.of("group", "cell", "depth", "tensor", "train_loss", "denoised_loss", "loss_note"),
                StageJson.RUN_FIT_FIRST, r -> new DenoisedRow(r.text("group"), r.text("cell"),
                        r.optionalInteger("depth").orElse(0), r.text("tensor"), finite(r.number("train_loss")),
                        finite(r.number("denoised_loss")), r.text("loss_note")));
    }

    /**
     * Reads one of a group's curves.
     *
     * @param dir   the limits directory
     * @param group the group id
     * @param name  the file name, e.g. {@code cumulative_trend_A.npy}
     * @return the array, empty when the file is not there (the part was not available)
     */
    public static Optional<NpyArray> curve(Path dir, String group, String name) {
        Path file = dir.resolve(group).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Npy.read(file)) : Optional.empty();
    }

    /**
     * @param summary a group's summary from limits.json
     * @param tensor  a tensor
     * @return the cell whose noise path the group's files hold for that tensor, if any
     */
    public static Optional<String> noisePathCell(GroupSummary summary, String tensor) {
        String prefix = summary.group() + "/noise_" + tensor + "_";
        for (String f : summary.files()) {
            if (f.startsWith(prefix) && f.endsWith(".npy")) {
                return Optional.of(f.substring(prefix.length(), f.length() - 4));
            }
        }
        return Optional.empty();
    }

    /**
     * @param file a limits.json content
     * @param group a group id
     * @return its summary, if the file has one
     */
    public static Optional<GroupSummary> group(LimitsFile file, String group) {
        return file.groups().stream().filter(g -> g.group().equals(group)).findFirst();
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
