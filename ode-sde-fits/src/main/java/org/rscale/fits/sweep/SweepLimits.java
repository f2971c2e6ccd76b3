package org.rscale.fits.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightStatistic;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.SampledPath;
import org.rscale.fits.dynamics.LowPass;
import org.rscale.fits.dynamics.ProbeInputs;
import org.rscale.fits.dynamics.RunNetworks;
import org.rscale.fits.limit.DiffusionCovariance;
import org.rscale.fits.limit.GridTrajectory;
import org.rscale.fits.limit.LimitCandidate;
import org.rscale.fits.limit.LimitCoefficients;
import org.rscale.fits.limit.LimitComparison;
import org.rscale.fits.limit.LimitTrajectory;
import org.rscale.fits.limit.NoisePaths;
import org.rscale.fits.limit.OdeLimit;
import org.rscale.fits.limit.SdeLimit;
import org.rscale.fits.limit.TerminalDistribution;
import org.rscale.fits.paths.GroupLimits;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.TrendNoiseDecomposition;
import org.rscale.fits.sweep.GroupFit.CandidateInfo;
import org.rscale.fits.sweep.GroupFit.ComparedCell;
import org.rscale.fits.sweep.GroupFit.HiddenStates;
import org.rscale.fits.sweep.GroupFit.ManyPathSummary;
import org.rscale.fits.sweep.GroupFit.Trajectory;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The cross-run limit fit of a sweep: for every group of cells, the candidate limit ODEs of SCIENCE.md section 6
 * built from the group's trend (one coefficient function for all its networks), their comparison with the
 * networks' own hidden states ({@link LimitComparison}: errors per depth, error rates, convergence, the best
 * match), and the rough-part SDE of the deepest network with the distribution of {@code H_1} from many paths.
 * Whether the networks approach one coefficient function is the identification question (VERDICT.md); the
 * hidden-state statistics ({@code fits.dynamics}) answer the regime question on each network's own
 * coefficients. Files: {@link FitFiles}.
 *
 * <p><b>Coefficients.</b> Each group's {@link LimitAnalysis} fixes the coefficient cells and their grid:
 * <ul>
 *   <li>with a trend (some depth above {@code n_times}): the trend cells of the decomposition, on the grid
 *       {@code t_i = i / n_times}; the coefficients are trends ({@link TrendNoiseDecomposition}: the derivative
 *       of the averaged rescaled cumulative sums {@code L^(e-1) sum_{k<tL} T_k}) of the tensors below;</li>
 *   <li>without (every depth at most {@code n_times}): the deepest depth's first cell with finite weights alone
 *       on its own grid {@code k / L} (its rescaled curve).</li>
 * </ul>
 * The tensors and exponents, per candidate ({@code delta_k} the factor the forward pass applies, signed for a
 * per-layer delta, {@code |delta|} for a shared one):
 * <pre>
 *   candidate    A-bar, b-bar                                 delta-bar
 *   neural-ode   trends of A, b at e = beta_A                  per-layer: trend of delta_k at e = 1-beta_A
 *                                                             else: constant mean of L^(1-beta_A) delta_k
 *   linear-ode   trends of delta_k A_k, delta_k b_k at e = 1   1
 * </pre>
 * Every trend is read half a layer later, {@code A-bar(t) = trend(t + s)}, {@code s} the mean of
 * {@code 1/(2L)} over the coefficient cells: the cumulative sum {@code sum_{k<tL} f(k/L)/L} of values at the left
 * points is the integral of {@code f} up to {@code t - 1/(2L)} (midpoint rule), so its derivative lags {@code f}
 * by half a layer (measured without the shift: slope -0.70 instead of -1 on depths 40..640). {@code beta_A} is
 * the limit analysis' exponent when the judged tensor is {@code A}, else {@code -slope} of the max norm of
 * {@code A}, clamped to [0, 1]. The linear ODE depends only on the products {@code lim L delta_k A_k}, estimated
 * directly; it needs {@code sigma'(0)} (not ReLU, whose only candidate is the neural ODE).
 *
 * <p><b>The SDE.</b> Not a cross-run candidate any more: driven by each network's own noise relative to the
 * cross-run trend, it rebuilt the network from its own weights (its own linearisation), so it matched any tanh
 * network and could never be evidence (VERDICT.md). The SDE now drifts with the network's own low-pass
 * {@code S(delta_k A_k)}, {@code S(delta_k b_k)} ({@link LowPass}, {@code modes} modes) and is driven by the rough
 * part only, {@code delta_k A_k - S}; it is measured for every network in {@code dynamics.csv} ({@code e_sde})
 * and credited only when it beats the own-coefficient neural network there. Here it gives, for the deepest
 * compared network, its pathwise solution (for the figure) and the many-path distribution of {@code H_1}
 * ({@link DiffusionCovariance#of} its rough part on {@code windows} windows, {@link SdeLimit#terminalDistributions}),
 * and where the deepest networks' outputs fall in it.
 *
 * <p><b>Inputs</b> ({@link ProbeInputs}): {@code samples} training inputs regenerated from the first cell's
 * run.json, else seeded random unit vectors.
 *
 * <p><b>Networks compared.</b> Up to {@code compare_depths} depths (at least {@code min_compare_depth}),
 * spread evenly in log depth from the shallowest to the deepest, every fitted cell of each (diverged cells are
 * left out); re-read one at a time ({@link LimitComparison.Accumulator}); a network whose states or whose
 * candidate's solution is not finite is a recorded failure, left out of the rate.
 *
 * @param directory  the sweep directory
 * @param settings   the settings
 * @param ciLevel    the level of every interval
 * @param groups     one fit per group, in the analysis' order
 * @param provenance where and when the fit ran
 */
public record SweepLimits(Path directory, SweepLimitSettings settings, double ciLevel, List<GroupFit> groups,
                          Provenance provenance) {
    /** Input source: training inputs regenerated from run.json. */
    public static final String TRAINING_INPUTS = ProbeInputs.TRAINING_INPUTS;
    /** Input source: random unit vectors. */
    public static final String UNIT_VECTORS = ProbeInputs.UNIT_VECTORS;
    /** The tensor name of the comparison's rates in rates.csv. */
    public static final String HIDDEN_STATES = "hidden_states";
    /** Prefix of the comparison's rate quantities in rates.csv, followed by the candidate in snake_case. */
    public static final String MAX_ERROR_PREFIX = "max_error_";

    /** Copies. */
    public SweepLimits {
        groups = List.copyOf(groups);
    }

    /**
     * Fits every group.
     *
     * @param analysis the sweep analysis
     * @param limits   its limit analysis ({@link LimitAnalysis#of})
     * @param settings the settings
     * @return the fit
     * @throws InvalidInputException when a run directory can no longer be read
     */
    public static SweepLimits of(SweepAnalysis analysis, LimitAnalysis limits, SweepLimitSettings settings) {
        Instant started = Instant.now();
        Map<String, GroupLimits> byGroup = limits.byGroup();
        DataSource data = new DataSource();
        List<GroupFit> out = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            out.add(fit(g, byGroup.get(g.group().id()), limits.settings().nTimes(), settings, data));
        }
        return new SweepLimits(analysis.dir(), settings, analysis.level(), out,
                Provenance.here("none", "float64", false, "cpu", started, Instant.now()));
    }

    /** @return the groups by id */
    public Map<String, GroupFit> byGroup() {
        Map<String, GroupFit> m = new TreeMap<>();
        for (GroupFit g : groups) {
            m.put(g.group(), g);
        }
        return m;
    }

    /**
     * @param label a candidate's label
     * @return its rate quantity in rates.csv, e.g. {@code max_error_neural_ode}
     */
    public static String rateQuantity(String label) {
        return MAX_ERROR_PREFIX + label.replace('-', '_');
    }

    /**
     * @param g     a group's fit
     * @param label a candidate's label
     * @return its error rate fit, if any
     */
    public static Optional<ScalingFit> rate(GroupFit g, String label) {
        return g.comparison().flatMap(c -> c.candidate(label)).flatMap(c -> c.rate());
    }

    // --------------------------------------------------------------------------------------------- one group

    private static GroupFit fit(SweepAnalysis.GroupAnalysis g, GroupLimits lim, int nTimes, SweepLimitSettings s,
                                DataSource data) {
        String id = g.group().id();
        String tensor = g.judged();
        List<String> notes = new ArrayList<>();
        List<CellResult> cells = new ArrayList<>();
        for (CellResult c : g.cellsInRange()) {
            if (c.fitted() && c.statistics().containsKey(tensor)) {
                cells.add(c);
            }
        }
        long diverged = g.cellsInRange().stream().filter(c -> !c.fitted()).count();
        if (diverged > 0) {
            notes.add(diverged + " diverged cells left out");
        }
        if (cells.isEmpty()) {
            notes.add("no fitted cell: nothing to compare");
            return empty(id, tensor, s, notes);
        }
        TrainedRun first = RunDirectory.read(cells.get(0).dir());
        int d = first.dim();
        Activation sigma = RunNetworks.activation(first, s.foreignActivation());
        String activationSource = first.settings().containsKey("activation") ? "run.json"
                : "foreign weights: --activation (default " + s.foreignActivation().key() + ")";
        double bA = neuralExponent(g, tensor, lim, notes);

        Map<String, CellResult> byId = new LinkedHashMap<>();
        for (CellResult c : cells) {
            byId.put(c.id(), c);
        }
        Optional<TrendNoiseDecomposition> trend = lim == null ? Optional.empty() : lim.trendOf(tensor);
        List<String> coefCells;
        int grid;
        String gridNote;
        if (trend.isPresent()) {
            coefCells = trend.get().cells();
            grid = nTimes;
            gridNote = "over the decomposition's trend cells (depths " + trend.get().depths() + ", "
                    + coefCells.size() + " cells) on t_i = i/" + nTimes;
        } else {
            CellResult deepest = deepestFinite(cells, sigma);
            coefCells = List.of(deepest.id());
            grid = deepest.depth();
            gridNote = "from the deepest cell alone (" + deepest.id() + ", L = " + deepest.depth()
                    + ", its rescaled curve) on its own grid k/L: no trend (" + (lim == null ? "no limit analysis"
                    : lim.trendNote()) + ")";
        }
        CandidateCoefficients coef = CandidateCoefficients.of(coefCells, byId, grid, bA, sigma);

        List<CandidateInfo> infos = new ArrayList<>();
        List<LimitCandidate> candidates = new ArrayList<>();
        boolean slope = Double.isFinite(sigma.slopeAtZero());
        if (coef.neural().isPresent()) {
            candidates.add(new OdeLimit(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, coef.neural().get(),
                    sigma, s.ode()));
            infos.add(new CandidateInfo(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, true,
                    String.format(Locale.ROOT, "A-bar, b-bar: trends of A, b rescaled by L^%.3f, %s; delta-bar: %s",
                            bA, gridNote, coef.deltaNote())));
        } else {
            infos.add(new CandidateInfo(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, false,
                    "not available: " + coef.failure()));
        }
        if (!slope) {
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, false,
                    "not available: " + sigma.key() + " has no sigma'(0); its only candidate is the neural ODE"));
        } else if (coef.product().isEmpty()) {
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, false,
                    "not available: " + coef.failure()));
        } else {
            candidates.add(new OdeLimit(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE,
                    coef.product().get(), sigma, s.ode()));
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, true,
                    "A-bar, b-bar: trends of delta_k A_k, delta_k b_k rescaled by L (the products delta-bar A-bar, "
                            + "delta-bar b-bar), " + gridNote + "; delta-bar = 1"));
        }
        boolean sdePossible = slope && Double.isFinite(sigma.curvatureAtZero());
        infos.add(new CandidateInfo(LimitEquation.SDE.key(), LimitEquation.SDE, sdePossible, sdePossible
                ? "per network: drift its own low-pass S(delta_k A_k), S(delta_k b_k) (" + s.modes() + " modes), "
                + "noise its rough part delta_k A_k - S; compared in dynamics.csv (e_sde), here the deepest compared "
                + "network's path and many-path distribution"
                : "not available: " + sigma.key() + " has no sigma'(0) and sigma''(0)"));

        ProbeInputs in = ProbeInputs.of(first, id, d, s.samples(), s.seed(), data);
        List<CellResult> chosen = chooseCells(cells, s);
        if (chosen.isEmpty()) {
            notes.add("no cell of depth >= " + s.minCompareDepth() + ": nothing compared");
        }
        Compared c = compare(chosen, candidates, sigma, in, d, s, sdePossible, notes);
        Optional<ManyPathSummary> manyPath = Optional.empty();
        if (c.deepestSde != null) {
            manyPath = manyPath(c.deepestSde, c.deepestNoise, c.deepestCell, c.deepestDepth, in, c.outputs, id, s,
                    notes);
        }
        Map<String, LimitCoefficients> coefficients = new LinkedHashMap<>();
        coef.neural().ifPresent(x -> coefficients.put(LimitEquation.NEURAL_ODE.key(), x));
        coef.product().ifPresent(x -> coefficients.put(LimitEquation.LINEAR_ODE.key(), x));
        OptionalDouble betaA = g.fit(TensorSequences.A, WeightStatistic.MAX_NORM).map(f -> OptionalDouble.of(-f.slope()))
                .orElse(OptionalDouble.empty());
        if (TensorSequences.A.equals(tensor) && lim != null && lim.exponent().isPresent()) {
            betaA = lim.exponent();
        }
        return new GroupFit(id, tensor, sigma, activationSource, d, in.x(), in.n(), in.source(), betaA, coefCells,
                grid, infos, c.compared, c.comparison, c.hidden, c.trajectories, manyPath, coefficients, bA, notes);
    }

    /** beta_A clamped to [0, 1]: the limit analysis' exponent for A, else -slope of A's max norm, else 0. */
    private static double neuralExponent(SweepAnalysis.GroupAnalysis g, String tensor, GroupLimits lim,
                                         List<String> notes) {
        OptionalDouble betaA;
        if (TensorSequences.A.equals(tensor) && lim != null && lim.exponent().isPresent()) {
            betaA = lim.exponent();
        } else {
            betaA = g.fit(TensorSequences.A, WeightStatistic.MAX_NORM).map(f -> OptionalDouble.of(-f.slope()))
                    .orElse(OptionalDouble.empty());
        }
        if (betaA.isEmpty()) {
            notes.add("no max_norm fit of A: the neural ODE uses beta_A = 0");
            return 0;
        }
        double bA = Math.min(1, Math.max(0, betaA.getAsDouble()));
        if (bA != betaA.getAsDouble()) {
            notes.add(String.format(Locale.ROOT, "beta_A = %.3f clamped to %.0f for the neural ODE",
                    betaA.getAsDouble(), bA));
        }
        return bA;
    }

    private static CellResult deepestFinite(List<CellResult> cells, Activation sigma) {
        CellResult best = cells.get(0);
        for (CellResult c : cells) {
            if (c.depth() > best.depth() && RunNetworks.finite(RunNetworks.network(RunDirectory.read(c.dir()), sigma))) {
                best = c;
            }
        }
        return best;
    }

    /** What the comparison pass collects. */
    private static final class Compared {
        final List<ComparedCell> compared = new ArrayList<>();
        final List<HiddenStates> hidden = new ArrayList<>();
        final List<Trajectory> trajectories = new ArrayList<>();
        final Map<String, double[]> outputs = new LinkedHashMap<>();
        Optional<LimitComparison> comparison = Optional.empty();
        SdeLimit deepestSde;
        NoisePaths deepestNoise;
        String deepestCell;
        int deepestDepth;
    }

    private static Compared compare(List<CellResult> chosen, List<LimitCandidate> candidates, Activation sigma,
                                    ProbeInputs in, int d, SweepLimitSettings s, boolean sdePossible,
                                    List<String> notes) {
        Compared out = new Compared();
        if (chosen.isEmpty()) {
            return out;
        }
        LimitComparison.Accumulator acc = candidates.isEmpty() ? null
                : new LimitComparison.Accumulator(candidates, in.x(), in.n(), d, s.comparison());
        TreeSet<Integer> figureDepths = figureDepths(chosen);
        int deepest = chosen.get(chosen.size() - 1).depth();
        TreeSet<Integer> drawn = new TreeSet<>();
        double[] x0 = Arrays.copyOf(in.x(), d);
        for (CellResult c : chosen) {
            TrainedRun run = RunDirectory.read(c.dir());
            if (run.dim() != d) {
                notes.add("cell " + c.id() + " has width " + run.dim() + ", the group " + d + ": not compared");
                continue;
            }
            ResidualNet net = RunNetworks.network(run, sigma);
            ResidualNet driver = effective(net);
            if (acc != null) {
                acc.add(net, driver);
            }
            out.compared.add(new ComparedCell(c.id(), c.depth(), c.seed()));
            boolean finite = RunNetworks.finite(net);
            if (finite && figureDepths.contains(c.depth()) && drawn.add(c.depth())) {
                double[] h = new double[(run.depth() + 1) * d];
                net.hiddenStates(x0, h);
                out.hidden.add(new HiddenStates(c.id(), c.depth(), h));
            }
            if (c.depth() == deepest && finite) {
                double[] hL = new double[in.n() * d];
                net.forward(in.x(), in.n(), hL);
                out.outputs.put(c.id(), hL);
                if (sdePossible && out.deepestSde == null && run.depth() >= 2) {
                    // drift: the network's own low-pass S(delta_k A_k) per unit time; noise: the rough part
                    ResidualNet smooth = ResidualNet.of(sigma, ScalingFactor.NONE, run.depth(), d,
                            LowPass.of(driver.A(), run.depth(), d * d, s.modes()),
                            LowPass.of(driver.b(), run.depth(), d, s.modes()), new double[] {1.0});
                    SdeLimit sde = SdeLimit.drivenByNetwork(LimitCoefficients.ofNetwork(smooth, 1), sigma);
                    NoisePaths noise = NoisePaths.ofNetwork(driver, sde.coefficients());
                    GridTrajectory path = sde.pathwise(x0, noise);
                    out.trajectories.add(new Trajectory(sde.label(), c.id(), new SampledPath(path.grid(), d, 1,
                            path.states())));
                    out.deepestSde = sde;
                    out.deepestNoise = noise;
                    out.deepestCell = c.id();
                    out.deepestDepth = c.depth();
                }
            }
        }
        if (acc != null && acc.count() > 0) {
            out.comparison = Optional.of(acc.build());
            for (LimitCandidate cand : candidates) {
                acc.solution(cand.label(), 0).ifPresent(t -> out.trajectories.add(0,
                        new Trajectory(cand.label(), null, sample(t, s.trajectoryPoints()))));
            }
        }
        return out;
    }

    private static GroupFit empty(String id, String tensor, SweepLimitSettings s, List<String> notes) {
        return new GroupFit(id, tensor, s.foreignActivation(), "unknown", 0, new double[0], 0, "none",
                OptionalDouble.empty(), List.of(), 0, List.of(), List.of(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Map.of(), 0, notes);
    }

    /**
     * The effective network: weights {@code delta_k A_k}, {@code delta_k b_k}, no delta ({@code delta_k} as the
     * forward pass applies it: signed per layer, {@code |delta|} when shared).
     *
     * @param net a network
     * @return its effective network
     */
    static ResidualNet effective(ResidualNet net) {
        int L = net.depth();
        int d = net.dim();
        double[] A = new double[L * d * d];
        double[] b = new double[L * d];
        double[] netA = net.A();
        double[] netB = net.b();
        for (int k = 0; k < L; k++) {
            double dk = net.effectiveDelta(k);
            for (int i = 0; i < d * d; i++) {
                // A~_k = delta_k A_k
                A[k * d * d + i] = dk * netA[k * d * d + i];
            }
            for (int i = 0; i < d; i++) {
                b[k * d + i] = dk * netB[k * d + i];
            }
        }
        return ResidualNet.of(net.activation(), ScalingFactor.NONE, L, d, A, b, new double[] {1.0});
    }

    /**
     * Every cell of up to compare_depths depths spread evenly in log depth, shallowest and deepest kept.
     *
     * @param cells the group's fitted cells
     * @param s     the settings
     * @return the chosen cells, by depth
     */
    static List<CellResult> chooseCells(List<CellResult> cells, SweepLimitSettings s) {
        TreeSet<Integer> depths = new TreeSet<>();
        for (CellResult c : cells) {
            if (c.depth() >= s.minCompareDepth()) {
                depths.add(c.depth());
            }
        }
        TreeSet<Integer> chosen = spread(new ArrayList<>(depths), s.compareDepths());
        List<CellResult> out = new ArrayList<>();
        for (CellResult c : cells) {
            if (chosen.contains(c.depth())) {
                out.add(c);
            }
        }
        out.sort((p, q) -> Integer.compare(p.depth(), q.depth()));
        return out;
    }

    /**
     * @param depths sorted depths
     * @param count  how many to keep
     * @return up to {@code count} of them, nearest to an even spread in log depth
     */
    static TreeSet<Integer> spread(List<Integer> depths, int count) {
        TreeSet<Integer> out = new TreeSet<>();
        if (depths.size() <= count) {
            out.addAll(depths);
            return out;
        }
        double lo = Math.log(depths.get(0));
        double hi = Math.log(depths.get(depths.size() - 1));
        List<Integer> left = new ArrayList<>(depths);
        for (int i = 0; i < count; i++) {
            double target = lo + (hi - lo) * i / (count - 1);
            int best = 0;
            for (int j = 1; j < left.size(); j++) {
                if (Math.abs(Math.log(left.get(j)) - target) < Math.abs(Math.log(left.get(best)) - target)) {
                    best = j;
                }
            }
            out.add(left.remove(best));
        }
        return out;
    }

    private static TreeSet<Integer> figureDepths(List<CellResult> chosen) {
        List<Integer> depths = new ArrayList<>(new TreeSet<>(chosen.stream().map(CellResult::depth).toList()));
        return spread(depths, 4);
    }

    private static SampledPath sample(LimitTrajectory t, int points) {
        int d = t.dim();
        double[] v = new double[points * d];
        double[] h = new double[d];
        for (int g = 0; g < points; g++) {
            t.valueAt(g == points - 1 ? 1.0 : (double) g / (points - 1), h);
            System.arraycopy(h, 0, v, g * d, d);
        }
        return SampledPath.uniform(points, d, 1, v);
    }

    private static Optional<ManyPathSummary> manyPath(SdeLimit sde, NoisePaths noise, String cell, int depth,
                                                      ProbeInputs in, Map<String, double[]> outputs, String group,
                                                      SweepLimitSettings s, List<String> notes) {
        int windows = Math.min(s.windows(), noise.steps());
        List<TerminalDistribution> dist;
        try {
            DiffusionCovariance cov = DiffusionCovariance.of(noise, windows);
            dist = sde.terminalDistributions(in.x(), in.n(), cov, s.manyPath(), s.seed(), group);
        } catch (IllegalStateException | IllegalArgumentException e) {
            notes.add("many-path SDE not available: " + e.getMessage());
            return Optional.empty();
        }
        int d = in.d();
        int inside = 0;
        int total = 0;
        double maxZ = 0;
        for (double[] hL : outputs.values()) {
            for (int i = 0; i < in.n(); i++) {
                TerminalDistribution t = dist.get(i);
                int last = t.levels().length - 1;
                for (int j = 0; j < d; j++) {
                    double v = hL[i * d + j];
                    if (v >= t.quantile(0, j) && v <= t.quantile(last, j)) {
                        inside++;
                    }
                    total++;
                    double sd = t.sd(j);
                    if (sd > 0) {
                        maxZ = Math.max(maxZ, Math.abs(v - t.mean()[j]) / sd);
                    }
                }
            }
        }
        double coverage = total == 0 ? Double.NaN : (double) inside / total;
        return Optional.of(new ManyPathSummary(cell, depth, s.paths(), s.steps(), windows, dist, outputs, coverage,
                maxZ));
    }
}
