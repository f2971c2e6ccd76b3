package org.rscale.fits.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.ScalingFit;
import org.rscale.fits.CsvRows;
import org.rscale.fits.SampledPath;
import org.rscale.fits.StageJson;
import org.rscale.fits.limit.CandidateComparison;
import org.rscale.fits.limit.LimitCoefficients;
import org.rscale.fits.limit.LimitComparison;
import org.rscale.fits.limit.TerminalDistribution;
import org.rscale.fits.limit.TrajectoryError;
import org.rscale.fits.limit.TrajectoryFailure;
import org.rscale.fits.paths.RateFit;
import org.rscale.fits.sweep.GroupFit.CandidateInfo;
import org.rscale.fits.sweep.GroupFit.ComparedCell;
import org.rscale.fits.sweep.GroupFit.HiddenStates;
import org.rscale.fits.sweep.GroupFit.ManyPathSummary;
import org.rscale.fits.sweep.GroupFit.Trajectory;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.run.Provenance;

/**
 * The files of the cross-run limit fit ({@link SweepLimits}) under {@code <sweep>/analysis/limits/}: their names,
 * their writer, and typed readers for the figures.
 * <pre>
 * comparison.csv             group, candidate, equation, cell, depth, seed, max_error, relative_error,
 *                            terminal_error, limit_scale, worst_sample, worst_layer, status (ok or the failure), note
 * terminal_distribution.csv  group, sample, coordinate, input, paths, diverged, mean, sd, q_low, q_median, q_high,
 *                            q_low_level, q_high_level, noise_cell, network_cell, network_depth, network_value, z
 * fit.json                   settings, provenance, per group: activation and its source, inputs and their source,
 *                            beta_a, neural_exponent, coefficient cells and grid, each candidate's source (or why it
 *                            is not available), compared cells, best, closest, rates, many-path summary, notes, files
 * &lt;group&gt;/inputs.npy         (n, d) the inputs compared
 * &lt;group&gt;/hidden_&lt;cell&gt;.npy  (L+1, d) h_k from the first input, up to four depths
 * &lt;group&gt;/path_&lt;cand&gt;.npy    (201, d) the ODE solutions from the first input; path_sde_&lt;cell&gt;.npy (L+1, d), the
 *                            rough-part SDE of the deepest compared network
 * &lt;group&gt;/abar_&lt;cand&gt;.npy    (n+1, d, d), bbar_ (n+1, d), deltabar_ (n+1,): the coefficients of neural_ode and
 *                            linear_ode on i/n
 * </pre>
 * Missing numbers are empty fields ({@link CsvRows}). The comparison's rates go to rates.csv ({@link #rates}).
 */
public final class FitFiles {
    private FitFiles() {
    }

    /** File name. */
    public static final String COMPARISON_CSV = "comparison.csv";
    /** File name. */
    public static final String TERMINAL_CSV = "terminal_distribution.csv";
    /** File name. */
    public static final String FIT_JSON = "fit.json";
    /** The fit.json format version (2: settings as a map, the SDE out of the comparison, empty missing numbers). */
    public static final int FORMAT_VERSION = 2;

    /**
     * The per-group part of fit.json.
     *
     * @param group            the group id
     * @param tensor           the judged tensor
     * @param activation       sigma
     * @param activationSource where sigma comes from
     * @param samples          the number of inputs
     * @param inputSource      where the inputs come from
     * @param betaA            the fitted exponent of A (-slope of its max norm), when known
     * @param neuralExponent   the exponent the neural ODE's coefficients use (beta_A clamped to [0, 1], 0 unknown)
     * @param coefficientCells the cells the coefficients come from
     * @param coefficientGrid  n of the coefficient grid i/n
     * @param candidates       how each candidate was built, or why not
     * @param compared         the networks compared
     * @param best             the best converging candidate, when one converges
     * @param closest          the candidate closest at the deepest depth
     * @param rates            per candidate: rate (slope of log max_error against log L) with its interval,
     *                         convergence, deepest error
     * @param manyPath         the many-path summary (without the distributions, which are in the CSV)
     * @param notes            what was left out
     * @param files            the .npy files written, relative to the limits directory
     */
    public record GroupSummary(String group, String tensor, String activation, String activationSource, int samples,
                               String inputSource, OptionalDouble betaA, double neuralExponent,
                               List<String> coefficientCells,
                               int coefficientGrid, List<CandidateInfo> candidates, List<ComparedCell> compared,
                               Optional<String> best, Optional<String> closest, List<CandidateRate> rates,
                               Optional<ManyPathFacts> manyPath, List<String> notes, List<String> files) {
    }

    /**
     * A candidate's rate as fit.json writes it.
     *
     * @param candidate    the label
     * @param convergence  exact, converging, not-converging, undetermined
     * @param slope        the slope of log max_error against log L, when fitted
     * @param ciLow        its lower bound
     * @param ciHigh       its upper bound
     * @param ciLevel      the level
     * @param r2           R^2
     * @param nDepths      depths in the fit
     * @param deepestError the mean max error at the deepest depth
     * @param failures     networks that could not be compared
     */
    public record CandidateRate(String candidate, String convergence, OptionalDouble slope, OptionalDouble ciLow,
                                OptionalDouble ciHigh, double ciLevel, OptionalDouble r2, int nDepths,
                                OptionalDouble deepestError, int failures) {
    }

    /**
     * The many-path facts of fit.json.
     *
     * @param cell     the cell whose noise gave the covariance
     * @param depth    its depth
     * @param paths    paths per input
     * @param steps    Euler-Maruyama steps
     * @param windows  covariance windows
     * @param coverage the share of the deepest networks' output coordinates inside the outer quantiles
     * @param maxAbsZ  the largest |h_L - mean| / sd
     * @param diverged diverged paths, summed over inputs
     */
    public record ManyPathFacts(String cell, int depth, int paths, int steps, int windows, double coverage,
                                double maxAbsZ, int diverged) {
    }

    /**
     * The content of fit.json.
     *
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param directory     the sweep directory
     * @param ciLevel       the level of every interval
     * @param settings      the settings
     * @param groups        per group
     * @param provenance    where and when the fit ran
     */
    public record FitFile(int formatVersion, String directory, double ciLevel, Map<String, Object> settings,
                          List<GroupSummary> groups, Provenance provenance) {
        /** Copies. */
        public FitFile {
            settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /**
         * @param group a group id
         * @return its summary, if the file has one
         */
        public Optional<GroupSummary> group(String group) {
            return groups.stream().filter(g -> g.group().equals(group)).findFirst();
        }
    }

    /**
     * Writes comparison.csv, terminal_distribution.csv, fit.json and, per group, {@code inputs.npy} (n, d), {@code hidden_<cell>.npy}
     * (L+1, d: h_k from the first input), {@code path_<candidate>.npy} (the ODE solutions from the first input on
     * {@code trajectory_points} points) and {@code path_sde_<cell>.npy} (on the cell's grid k/L), and the
     * coefficients {@code abar_<candidate>.npy} (n+1, d, d), {@code bbar_<candidate>.npy} (n+1, d),
     * {@code deltabar_<candidate>.npy} (n+1,) on {@code i/n} for {@code neural_ode} and {@code linear_ode} (the
     * products, also the SDE's drift); each file atomically.
     *
     * @param fit the limit fit
     * @param dir the limits directory, conventionally {@code <sweep>/analysis/limits}
     */
    public static void write(SweepLimits fit, Path dir) {
        writeComparison(fit, dir.resolve(COMPARISON_CSV));
        writeTerminal(fit, dir.resolve(TERMINAL_CSV));
        List<GroupSummary> summaries = new ArrayList<>();
        for (GroupFit g : fit.groups()) {
            List<String> files = new ArrayList<>();
            Path gd = dir.resolve(g.group());
            if (g.samples() > 0) {
                Npy.write(gd.resolve("inputs.npy"), new int[] {g.samples(), g.dim()}, g.inputs());
                files.add(g.group() + "/inputs.npy");
            }
            for (HiddenStates h : g.hidden()) {
                String name = "hidden_" + h.cell() + ".npy";
                Npy.write(gd.resolve(name), new int[] {h.depth() + 1, g.dim()}, h.states());
                files.add(g.group() + "/" + name);
            }
            for (Trajectory t : g.trajectories()) {
                String name = "path_" + t.label().replace('-', '_') + (t.cell() == null ? "" : "_" + t.cell()) + ".npy";
                Npy.write(gd.resolve(name), new int[] {t.path().points(), g.dim()}, t.path().values());
                files.add(g.group() + "/" + name);
            }
            for (Map.Entry<String, LimitCoefficients> e : g.coefficients().entrySet()) {
                String tag = e.getKey().replace('-', '_');
                LimitCoefficients c = e.getValue();
                files.add(npy(gd, g.group(), "abar_" + tag + ".npy", c.A()));
                files.add(npy(gd, g.group(), "bbar_" + tag + ".npy", c.b()));
                files.add(npy(gd, g.group(), "deltabar_" + tag + ".npy", c.delta()));
            }
            List<CandidateRate> rates = new ArrayList<>();
            g.comparison().ifPresent(c -> {
                for (CandidateComparison cc : c.candidates()) {
                    Optional<ScalingFit> f = cc.rate();
                    rates.add(new CandidateRate(cc.label(), cc.convergence().key(),
                            f.map(x -> OptionalDouble.of(x.slope())).orElse(OptionalDouble.empty()),
                            f.map(x -> OptionalDouble.of(x.ciLow())).orElse(OptionalDouble.empty()),
                            f.map(x -> OptionalDouble.of(x.ciHigh())).orElse(OptionalDouble.empty()),
                            c.criteria().level(), f.map(x -> OptionalDouble.of(x.r2())).orElse(OptionalDouble.empty()),
                            f.map(ScalingFit::nDepths).orElse(0), cc.deepestError(), cc.failures().size()));
                }
            });
            Optional<ManyPathFacts> mp = g.manyPath().map(m -> new ManyPathFacts(m.cell(), m.depth(), m.paths(),
                    m.steps(), m.windows(), m.coverage(), m.maxAbsZ(),
                    m.distributions().stream().mapToInt(TerminalDistribution::diverged).sum()));
            summaries.add(new GroupSummary(g.group(), g.tensor(), g.activation().key(), g.activationSource(), g.samples(),
                    g.inputSource(), g.betaA(), g.neuralExponent(), g.coefficientCells(), g.coefficientGrid(), g.candidates(), g.compared(),
                    g.comparison().flatMap(LimitComparison::best), g.comparison().flatMap(LimitComparison::closest),
                    rates, mp, g.notes(), files));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = DataFormats.json().convertValue(fit.settings(), Map.class);
        FitFile file = new FitFile(FORMAT_VERSION, fit.directory().toString(), fit.ciLevel(), settings, summaries,
                fit.provenance());
        AtomicFiles.write(dir.resolve(FIT_JSON), out -> DataFormats.json().writeValue(out, file));
    }

    /** Writes a path as .npy of shape (points,), (points, rows) or (points, rows, cols); returns its name. */
    private static String npy(Path gd, String group, String name, SampledPath p) {
        int[] shape = p.cols() > 1 ? new int[] {p.points(), p.rows(), p.cols()}
                : p.rows() > 1 ? new int[] {p.points(), p.rows()} : new int[] {p.points()};
        Npy.write(gd.resolve(name), shape, p.values());
        return group + "/" + name;
    }

    private static void writeComparison(SweepLimits fit, Path file) {
        List<String> cols = List.of("group", "candidate", "equation", "cell", "depth", "seed", "max_error",
                "relative_error", "terminal_error", "limit_scale", "worst_sample", "worst_layer", "status", "note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupFit g : fit.groups()) {
            if (g.comparison().isEmpty()) {
                continue;
            }
            for (CandidateComparison cc : g.comparison().get().candidates()) {
                for (TrajectoryError e : cc.errors()) {
                    ComparedCell c = g.compared().get(e.net());
                    Map<String, Object> r = row(g, cc, c);
                    r.put("max_error", e.maxError());
                    r.put("relative_error", num(e.relativeError()));
                    r.put("terminal_error", e.terminalError());
                    r.put("limit_scale", e.limitScale());
                    r.put("worst_sample", e.worstSample());
                    r.put("worst_layer", e.worstLayer());
                    r.put("status", "ok");
                    r.put("note", "");
                    rows.add(r);
                }
                for (TrajectoryFailure f : cc.failures()) {
                    ComparedCell c = g.compared().get(f.net());
                    Map<String, Object> r = row(g, cc, c);
                    for (String k : List.of("max_error", "relative_error", "terminal_error", "limit_scale",
                            "worst_sample", "worst_layer")) {
                        r.put(k, "");
                    }
                    r.put("status", f.kind().key());
                    r.put("note", f.reason());
                    rows.add(r);
                }
            }
        }
        csv(file, cols, rows);
    }

    private static Map<String, Object> row(GroupFit g, CandidateComparison cc, ComparedCell c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("group", g.group());
        r.put("candidate", cc.label());
        r.put("equation", cc.equation().key());
        r.put("cell", c.cell());
        r.put("depth", c.depth());
        r.put("seed", c.seed() == null ? "" : c.seed());
        return r;
    }

    private static void writeTerminal(SweepLimits fit, Path file) {
        List<String> cols = List.of("group", "sample", "coordinate", "input", "paths", "diverged", "mean", "sd",
                "q_low", "q_median", "q_high", "q_low_level", "q_high_level", "noise_cell", "network_cell",
                "network_depth", "network_value", "z");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupFit g : fit.groups()) {
            if (g.manyPath().isEmpty()) {
                continue;
            }
            ManyPathSummary m = g.manyPath().get();
            int d = g.dim();
            for (int i = 0; i < m.distributions().size(); i++) {
                TerminalDistribution t = m.distributions().get(i);
                double[] levels = t.levels();
                int last = levels.length - 1;
                int mid = levels.length / 2;
                for (Map.Entry<String, double[]> net : m.outputs().entrySet()) {
                    for (int j = 0; j < d; j++) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("group", g.group());
                        r.put("sample", i);
                        r.put("coordinate", j);
                        r.put("input", t.x()[j]);
                        r.put("paths", t.paths());
                        r.put("diverged", t.diverged());
                        r.put("mean", t.mean()[j]);
                        r.put("sd", t.sd(j));
                        r.put("q_low", t.quantile(0, j));
                        r.put("q_median", t.quantile(mid, j));
                        r.put("q_high", t.quantile(last, j));
                        r.put("q_low_level", levels[0]);
                        r.put("q_high_level", levels[last]);
                        r.put("noise_cell", m.cell());
                        r.put("network_cell", net.getKey());
                        r.put("network_depth", m.depth());
                        double v = net.getValue()[i * d + j];
                        r.put("network_value", v);
                        r.put("z", t.sd(j) > 0 ? (Object) ((v - t.mean()[j]) / t.sd(j)) : "");
                        rows.add(r);
                    }
                }
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

    /**
     * The comparison's rates of every group, for {@code fits.paths.RatesFile} (tensor
     * {@value SweepLimits#HIDDEN_STATES}, quantity {@code max_error_<candidate>}).
     *
     * @param fit the limit fit
     * @return group id to its rates
     */
    public static Map<String, List<RateFit>> rates(SweepLimits fit) {
        Map<String, List<RateFit>> out = new LinkedHashMap<>();
        for (GroupFit g : fit.groups()) {
            List<RateFit> rates = new ArrayList<>();
            g.comparison().ifPresent(c -> {
                for (CandidateComparison cc : c.candidates()) {
                    cc.rate().ifPresent(f -> rates.add(RateFit.of(SweepLimits.HIDDEN_STATES,
                            SweepLimits.rateQuantity(cc.label()), f)));
                }
            });
            out.put(g.group(), rates);
        }
        return out;
    }

    /**
     * Reads fit.json.
     *
     * @param dir the limits directory
     * @return its content
     * @throws InvalidInputException naming the file when it is missing or not a fit.json
     */
    public static FitFile read(Path dir) {
        Path file = dir.resolve(FIT_JSON);
        FitFile f = StageJson.read(file, FitFile.class);
        if (f == null || f.formatVersion() < FORMAT_VERSION) {
            throw new InvalidInputException(file + ": format_version " + (f == null ? "none" : f.formatVersion())
                    + ", this rscale reads " + FORMAT_VERSION + " (run 'rscale fit' again)");
        }
        return f;
    }

    /**
     * One row of comparison.csv as read back.
     *
     * @param group     the group id
     * @param candidate the candidate's label
     * @param cell      the network's cell
     * @param depth     L
     * @param maxError  the maximum error, NaN for a failed comparison
     * @param status    {@code ok} or the failure
     */
    public record ComparisonRow(String group, String candidate, String cell, int depth, double maxError,
                                String status) {
    }

    /**
     * Reads comparison.csv.
     *
     * @param dir the limits directory
     * @return its rows
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<ComparisonRow> readComparison(Path dir) {
        return CsvTable.read(dir.resolve(COMPARISON_CSV),
                List.of("group", "candidate", "cell", "depth", "max_error", "status"), StageJson.RUN_FIT_FIRST,
                r -> new ComparisonRow(r.text("group"), r.text("candidate"), r.text("cell"),
                        r.optionalInteger("depth").orElse(0), r.number("max_error"), r.text("status")));
    }

    /**
     * Reads one of a group's arrays named in fit.json.
     *
     * @param dir      the limits directory
     * @param relative a name from a summary's {@code files}, e.g. {@code all/hidden_L00100_s0.npy}
     * @return the array
     */
    public static NpyArray array(Path dir, String relative) {
        return Npy.read(dir.resolve(relative));
    }
}
