package org.rscale.fits.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightSequence;
import org.rscale.analysis.WeightStatistic;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.SampledPath;
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
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.TrendNoiseDecomposition;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.random.RandomStreams;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The limit fit of a sweep: for every group of cells, the candidate limit equations of SCIENCE.md section 6
 * built from the group's weights, and their comparison with the networks' own hidden states
 * ({@link LimitComparison}): errors per depth, error rates with intervals, convergence, the best match,
 * and for the SDE the distribution of {@code H_1} from many simulated paths.
 *
 * <p><b>Coefficients.</b> Each group's {@link LimitAnalysis} fixes the coefficient cells and their grid:
 * <ul>
 *   <li>with a trend (some depth above {@code n_times}): the trend cells of the decomposition, on the grid
 *       {@code t_i = i / n_times}; the coefficients are trends ({@link TrendNoiseDecomposition}: the derivative
 *       of the averaged rescaled cumulative sums {@code L^(e-1) sum_{k<tL} T_k}) of the tensors below;</li>
 *   <li>without (every depth at most {@code n_times}): the deepest depth's first cell alone on its own grid
 *       {@code k / L} (its rescaled curve, each value the mean of two neighbouring layers); the SDE is then
 *       not available, since one cell cannot separate drift from noise.</li>
 * </ul>
 * The tensors and exponents, per candidate ({@code delta_k} the factor the forward pass applies, signed for a
 * per-layer delta, {@code |delta|} for a shared one):
 * <pre>
 *   candidate    A-bar, b-bar                                 delta-bar                                   network matched
 *   neural-ode   trends of A, b at e = beta_A                  per-layer: trend of delta_k at e = 1-beta_A  the network
 *                                                             else: constant mean of L^(1-beta_A) delta_k
 *   linear-ode   trends of delta_k A_k, delta_k b_k at e = 1   1                                            the network
 *   sde          trends of delta_k A_k, delta_k b_k at e = 1   1                                            the network, driven by
 *                (needs a trend)                                                                          its own noise
 * </pre>
 * Every trend is read half a layer later, {@code A-bar(t) = trend(t + s)}, {@code s} the mean of
 * {@code 1/(2L)} over the coefficient cells: the cumulative sum {@code sum_{k<tL} f(k/L)/L} of values at the
 * left points is the integral of {@code f} up to {@code t - 1/(2L)} (midpoint rule), so its derivative lags
 * {@code f} by half a layer; without the shift the neural ODE of a network of smooth weights would be off by
 * {@code |f'|/(2L)}, which ends the {@code 1/L} decay of the error at the trend depths (measured: slope -0.70
 * instead of -1 on depths 40..640 with trend depths 226..640).
 * {@code beta_A} is the limit analysis' exponent when the judged tensor is {@code A}, else {@code -slope} of
 * the max norm of {@code A}, clamped to [0, 1]. The linear ODE depends only on the products
 * {@code delta-bar A-bar = lim L delta_k A_k}, which are what the linearised network
 * {@code h + delta_k sigma'(0) (A_k h + b_k)} integrates, so they are estimated directly (at every beta). The
 * SDE is written for the effective weights {@code delta_k A_k} with {@code delta-bar = 1} (SCIENCE.md 6, H2):
 * its noise is that of the effective network {@code h + sigma(... )} with weights {@code delta_k A_k},
 * {@code delta_k b_k} ({@link NoisePaths#ofNetwork}: the left Riemann sum of the drift, so that drift and
 * noise rebuild the weights; {@link TrendNoiseDecomposition#noise} subtracts the trend's integral instead,
 * and the two paths differ by the Riemann-sum error {@code sum_{j<k} A-bar(t_j)/L - int_0^{k/L} A-bar},
 * {@code O(1/L)}, besides the rescaling {@code L^(gamma-1)}). The quadratic-variation correction is then exact
 * when {@code sigma''(0) = 0} (tanh, sin, linear) or {@code delta_k = 1}; otherwise it is off by the factor
 * {@code 1/delta_k} (documented, not corrected). The linear ODE and the SDE need {@code sigma'(0)}: not for
 * ReLU, whose only candidate is the neural ODE (for ReLU with a per-layer delta the split coefficients are
 * exact: {@code delta_k relu(z) = sign(delta_k) relu(|delta_k| z)}).
 *
 * <p><b>Inputs.</b> A seeded sample of {@code samples} training inputs, regenerated from the first cell's
 * run.json settings ({@link DataSource}); for weights without those settings, or data of another width,
 * seeded random unit vectors in R^d ({@link #UNIT_VECTORS}). The stream is
 * {@link RandomStreams#of}(seed, "limit-inputs;" + group, {@link RandomStreams#DATA}).
 *
 * <p><b>Networks compared.</b> Up to {@code compare_depths} depths (at least {@code min_compare_depth}),
 * spread evenly in log depth from the shallowest to the deepest, every cell of each; re-read from disk one
 * at a time ({@link LimitComparison.Accumulator}). Activation and delta variant come from run.json; foreign
 * weights use {@code foreign_activation}, and a delta of length L is per-layer, of length 1 shared
 * ({@code |delta|}, as the analysis' effective weights), none without delta.npy; a missing b.npy is zero.
 *
 * <p><b>Many paths.</b> With an SDE candidate: the diffusion covariance of the deepest compared cell's
 * noise ({@link DiffusionCovariance#of} on {@code windows} windows), {@code paths} Euler&ndash;Maruyama paths
 * of {@code steps} steps from every input ({@link SdeLimit#terminalDistributions}), and where the deepest
 * compared networks' outputs {@code h_L} fall in those distributions ({@link ManyPathSummary}).
 *
 * @param directory  the sweep directory
 * @param settings   the settings
 * @param ciLevel    the level of every interval
 * @param groups     one fit per group, in the analysis' order
 * @param provenance where and when the fit ran
 */
public record SweepLimits(java.nio.file.Path directory, SweepLimitSettings settings, double ciLevel,
                          List<GroupFit> groups, Provenance provenance) {

    /** Input source: training inputs regenerated from run.json. */
    public static final String TRAINING_INPUTS = "training inputs regenerated from run.json";
    /** Input source: random unit vectors. */
    public static final String UNIT_VECTORS = "seeded random unit vectors (no training data for these weights)";
    /** The tensor name of the comparison's rates in rates.csv. */
    public static final String HIDDEN_STATES = "hidden_states";
    /** Prefix of the comparison's rate quantities in rates.csv, followed by the candidate in snake_case. */
    public static final String MAX_ERROR_PREFIX = "max_error_";

    // Copies.
    public SweepLimits {
        groups = List.copyOf(groups);
    }

    /**
     * How one candidate was built, or why it was not.
     *
     * @param label     the candidate's label ({@code neural-ode}, {@code linear-ode}, {@code sde})
     * @param equation  its equation
     * @param available whether it was built and compared
     * @param source    where its coefficients come from, or why it is not available
     */
    public record CandidateInfo(String label, LimitEquation equation, boolean available, String source) {
    }

    /**
     * One network compared.
     *
     * @param cell  the cell's id
     * @param depth L
     * @param seed  the seed, null when unknown
     */
    public record ComparedCell(String cell, int depth, Integer seed) {
    }

    /**
     * Hidden states of one network from the first input, kept for the figures.
     *
     * @param cell   the cell's id
     * @param depth  L
     * @param states {@code h_k} at {@code [k d, (k+1) d)}, {@code k = 0..L}
     */
    public record HiddenStates(String cell, int depth, double[] states) {
    }

    /**
     * A candidate's solution from the first input, kept for the figures.
     *
     * @param label  the candidate
     * @param cell   for a network-driven candidate, the cell whose noise drives it; else null
     * @param path   {@code H(t)}, d x 1 values per grid point
     */
    public record Trajectory(String label, String cell, SampledPath path) {
    }

    /**
     * Where the deepest networks' outputs fall in the many-path distribution of {@code H_1}.
     *
     * @param cell          the cell whose noise gave the diffusion covariance
     * @param depth         its depth
     * @param paths         paths simulated per input
     * @param steps         Euler-Maruyama steps
     * @param windows       covariance windows
     * @param distributions one per input
     * @param outputs       the compared networks of the deepest depth: cell id to {@code h_L} of every input (n*d)
     * @param coverage      the share of (network, input, coordinate) whose {@code h_L} lies between the outer
     *                      quantiles (0.025 and 0.975 by default)
     * @param maxAbsZ       the largest |h_L - mean| / sd over them
     */
    public record ManyPathSummary(String cell, int depth, int paths, int steps, int windows,
                                  List<TerminalDistribution> distributions, Map<String, double[]> outputs,
                                  double coverage, double maxAbsZ) {
        // Copies.
        public ManyPathSummary {
            distributions = List.copyOf(distributions);
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    /**
     * The limit fit of one group.
     *
     * @param group        the group id
     * @param tensor       the judged tensor
     * @param activation   sigma
     * @param activationSource where sigma comes from (run.json, or the foreign default)
     * @param dim          d
     * @param inputs       n*d inputs
     * @param samples      n
     * @param inputSource  {@link #TRAINING_INPUTS} or {@link #UNIT_VECTORS}
     * @param betaA        the exponent of A used for the neural ODE, when known
     * @param coefficientCells the cells the coefficients were estimated from
     * @param coefficientGrid  n of the coefficient grid {@code i / n}
     * @param candidates   every candidate, available or not
     * @param compared     the networks compared, in order
     * @param comparison   the comparison, empty when no candidate or no network
     * @param hidden       hidden states for the figures (up to four depths, lowest seed)
     * @param trajectories candidates' solutions for the figures
     * @param manyPath     the many-path SDE summary, when there is an SDE candidate
     * @param coefficients the coefficients by candidate label ({@code neural-ode}: A-bar, b-bar, delta-bar of the
     *                     split; {@code linear-ode}: the products, also the SDE's drift)
     * @param neuralExponent the exponent of A the neural ODE's coefficients are rescaled by (beta_A clamped to [0, 1])
     * @param notes        what was left out and why
     */
    public record GroupFit(String group, String tensor, Activation activation, String activationSource, int dim,
                           double[] inputs, int samples, String inputSource, OptionalDouble betaA,
                           List<String> coefficientCells, int coefficientGrid, List<CandidateInfo> candidates,
                           List<ComparedCell> compared, Optional<LimitComparison> comparison,
                           List<HiddenStates> hidden, List<Trajectory> trajectories,
                           Optional<ManyPathSummary> manyPath, Map<String, LimitCoefficients> coefficients,
                           double neuralExponent, List<String> notes) {
        // Copies.
        public GroupFit {
            coefficientCells = List.copyOf(coefficientCells);
            candidates = List.copyOf(candidates);
            compared = List.copyOf(compared);
            hidden = List.copyOf(hidden);
            trajectories = List.copyOf(trajectories);
            coefficients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
            notes = List.copyOf(notes);
        }
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
        Map<String, LimitAnalysis.GroupLimits> byGroup = limits.byGroup();
        DataSource data = new DataSource();
        List<GroupFit> out = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            LimitAnalysis.GroupLimits gl = byGroup.get(g.group().id());
            out.add(fit(g, gl, limits.settings().nTimes(), settings, data));
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

    // --------------------------------------------------------------------------------------------- one group

    private static GroupFit fit(SweepAnalysis.GroupAnalysis g, LimitAnalysis.GroupLimits lim, int nTimes,
                                SweepLimitSettings s, DataSource data) {
        String id = g.group().id();
        String tensor = g.judged();
        List<String> notes = new ArrayList<>();
        List<CellResult> cells = new ArrayList<>();
        for (CellResult c : g.group().cells()) {
            if (c.fitted() && c.statistics().containsKey(tensor)) {
                cells.add(c);
            }
        }
        if (cells.isEmpty()) {
            notes.add("no fitted cell: nothing to compare");
            return empty(id, tensor, s, notes);
        }
        TrainedRun first = RunDirectory.read(cells.get(0).dir());
        int d = first.dim();
        Object act = first.settings().get(Setting.ACTIVATION.key());
        Activation sigma = act != null ? Activation.of(act.toString()) : s.foreignActivation();
        String activationSource = act != null ? "run.json" : "foreign weights: --activation (default "
                + s.foreignActivation().key() + ")";

        // exponent of A for the neural ODE
        OptionalDouble betaA;
        if (TensorSequences.A.equals(tensor) && lim != null && lim.exponent().isPresent()) {
            betaA = lim.exponent();
        } else {
            betaA = g.fit(TensorSequences.A, WeightStatistic.MAX_NORM).map(f -> OptionalDouble.of(-f.slope()))
                    .orElse(OptionalDouble.empty());
        }
        double bA = betaA.isPresent() ? Math.min(1, Math.max(0, betaA.getAsDouble())) : 0;
        if (betaA.isPresent() && bA != betaA.getAsDouble()) {
            notes.add(String.format(Locale.ROOT, "beta_A = %.3f clamped to %.0f for the neural ODE", betaA.getAsDouble(), bA));
        }
        if (betaA.isEmpty()) {
            notes.add("no max_norm fit of A: the neural ODE uses beta_A = 0");
        }

        // coefficient cells and grid
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
            CellResult deepest = cells.get(0);
            for (CellResult c : cells) {
                if (c.depth() > deepest.depth()) {
                    deepest = c;
                }
            }
            coefCells = List.of(deepest.id());
            grid = deepest.depth();
            gridNote = "from the deepest cell alone (" + deepest.id() + ", L = " + deepest.depth()
                    + ", its rescaled curve) on its own grid k/L: no trend (" + (lim == null ? "no limit analysis"
                    : lim.trendNote()) + ")";
        }
        Map<String, CellResult> byId = new LinkedHashMap<>();
        for (CellResult c : cells) {
            byId.put(c.id(), c);
        }
        Coefficients coef = coefficients(coefCells, byId, grid, bA, sigma, s);

        // candidates
        List<CandidateInfo> infos = new ArrayList<>();
        List<LimitCandidate> candidates = new ArrayList<>();
        if (coef.neural != null) {
            candidates.add(new OdeLimit(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, coef.neural, sigma, s.ode()));
            infos.add(new CandidateInfo(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, true,
                    String.format(Locale.ROOT, "A-bar, b-bar: trends of A, b rescaled by L^%.3f, %s; delta-bar: %s",
                            bA, gridNote, coef.deltaNote)));
        } else {
            infos.add(new CandidateInfo(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, false,
                    "not available: " + coef.failure));
        }
        boolean slope = Double.isFinite(sigma.slopeAtZero());
        if (!slope) {
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, false,
                    "not available: " + sigma.key() + " has no sigma'(0); its only candidate is the neural ODE"));
            infos.add(new CandidateInfo(LimitEquation.SDE.key(), LimitEquation.SDE, false,
                    "not available: " + sigma.key() + " has no sigma'(0) and sigma''(0)"));
        } else if (coef.product == null) {
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, false,
                    "not available: " + coef.failure));
            infos.add(new CandidateInfo(LimitEquation.SDE.key(), LimitEquation.SDE, false,
                    "not available: " + coef.failure));
        } else {
            candidates.add(new OdeLimit(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, coef.product, sigma,
                    s.ode()));
            infos.add(new CandidateInfo(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, true,
                    "A-bar, b-bar: trends of delta_k A_k, delta_k b_k rescaled by L (the products delta-bar A-bar, "
                            + "delta-bar b-bar), " + gridNote + "; delta-bar = 1"));
            if (trend.isPresent()) {
                candidates.add(SdeLimit.drivenByNetwork(coef.product, sigma));
                infos.add(new CandidateInfo(LimitEquation.SDE.key(), LimitEquation.SDE, true,
                        "drift: as linear-ode (effective weights, delta-bar = 1); noise: each network's own, "
                                + "W(k/L) = sum_{j<k} (delta_j A_j - A-bar(j/L)/L)"
                                + (sigma.curvatureAtZero() != 0 ? "; the sigma''(0) correction assumes delta_k = 1" : "")));
            } else {
                infos.add(new CandidateInfo(LimitEquation.SDE.key(), LimitEquation.SDE, false,
                        "not available: no trend to separate the drift from the noise (" + gridNote + ")"));
            }
        }

        // inputs
        Inputs in = inputs(first, id, d, s, data);

        // networks compared
        List<CellResult> chosen = chooseCells(cells, s);
        if (chosen.isEmpty()) {
            notes.add("no cell of depth >= " + s.minCompareDepth() + ": nothing compared");
        }
        List<ComparedCell> compared = new ArrayList<>();
        List<HiddenStates> hidden = new ArrayList<>();
        List<Trajectory> trajectories = new ArrayList<>();
        Optional<LimitComparison> comparison = Optional.empty();
        Optional<ManyPathSummary> manyPath = Optional.empty();
        if (!candidates.isEmpty() && !chosen.isEmpty()) {
            LimitComparison.Accumulator acc = new LimitComparison.Accumulator(candidates, in.x, in.n, d, s.comparison());
            TreeSet<Integer> figureDepths = figureDepths(chosen);
            int deepest = chosen.get(chosen.size() - 1).depth();
            Optional<SdeLimit> sde = candidates.stream().filter(c -> c instanceof SdeLimit).map(c -> (SdeLimit) c)
                    .findFirst();
            Map<String, double[]> outputs = new LinkedHashMap<>();
            NoisePaths deepestNoise = null;
            String deepestCell = null;
            TreeSet<Integer> drawn = new TreeSet<>();
            for (CellResult c : chosen) {
                TrainedRun run = RunDirectory.read(c.dir());
                if (run.dim() != d) {
                    notes.add("cell " + c.id() + " has width " + run.dim() + ", the group " + d + ": not compared");
                    continue;
                }
                ResidualNet net = network(run, sigma);
                ResidualNet driver = effective(net);
                acc.add(net, driver);
                compared.add(new ComparedCell(c.id(), c.depth(), c.seed()));
                boolean finite = allFinite(net.A()) && allFinite(net.b()) && allFinite(net.delta());
                if (finite && figureDepths.contains(c.depth()) && drawn.add(c.depth())) {
                    double[] h = new double[(run.depth() + 1) * d];
                    net.hiddenStates(java.util.Arrays.copyOf(in.x, d), h);
                    hidden.add(new HiddenStates(c.id(), c.depth(), h));
                }
                if (c.depth() == deepest && finite) {
                    double[] hL = new double[in.n * d];
                    net.forward(in.x, in.n, hL);
                    outputs.put(c.id(), hL);
                    if (sde.isPresent() && deepestNoise == null) {
                        deepestNoise = NoisePaths.ofNetwork(driver, sde.get().coefficients());
                        deepestCell = c.id();
                        GridTrajectory path = sde.get().pathwise(java.util.Arrays.copyOf(in.x, d), deepestNoise);
                        trajectories.add(new Trajectory(sde.get().label(), c.id(),
                                new SampledPath(path.grid(), d, 1, path.states())));
                    }
                }
            }
            if (acc.count() > 0) {
                comparison = Optional.of(acc.build());
                for (LimitCandidate c : candidates) {
                    if (c.drivenByNetwork()) {
                        continue;
                    }
                    acc.solution(c.label(), 0).ifPresent(t -> trajectories.add(0,
                            new Trajectory(c.label(), null, sample(t, s.trajectoryPoints()))));
                }
            }
            if (sde.isPresent() && deepestNoise != null) {
                manyPath = manyPath(sde.get(), deepestNoise, deepestCell, deepest, in, outputs, id, s, notes);
            }
        }
        Map<String, LimitCoefficients> coefficients = new LinkedHashMap<>();
        if (coef.neural != null) {
            coefficients.put(LimitEquation.NEURAL_ODE.key(), coef.neural);
        }
        if (coef.product != null) {
            coefficients.put(LimitEquation.LINEAR_ODE.key(), coef.product);
        }
        return new GroupFit(id, tensor, sigma, activationSource, d, in.x, in.n, in.source, betaA, coefCells, grid,
                infos, compared, comparison, hidden, trajectories, manyPath, coefficients, bA, notes);
    }

    private static GroupFit empty(String id, String tensor, SweepLimitSettings s, List<String> notes) {
        return new GroupFit(id, tensor, s.foreignActivation(), "unknown", 0, new double[0], 0, "none",
                OptionalDouble.empty(), List.of(), 0, List.of(), List.of(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Map.of(), 0, notes);
    }

    /** The two coefficient sets, or why they could not be built. */
    private static final class Coefficients {
        LimitCoefficients neural;
        LimitCoefficients product;
        String deltaNote = "";
        String failure = "";
        double shift;
    }

    /**
     * The path read {@code shift} later: {@code p(min(1, t_i + shift))} on the same grid.
     */
    static SampledPath shifted(SampledPath p, double shift) {
        if (shift == 0) {
            return p;
        }
        int m = p.size();
        double[] t = p.t();
        double[] v = new double[t.length * m];
        double[] one = new double[m];
        for (int i = 0; i < t.length; i++) {
            p.valueAt(Math.min(1.0, t[i] + shift), one);
            System.arraycopy(one, 0, v, i * m, m);
        }
        return new SampledPath(t, p.rows(), p.cols(), v);
    }

    /**
     * One pass over the coefficient cells: trends of A, b (e = beta_A), delta (per-layer, e = 1 - beta_A),
     * and of the products delta_k A_k, delta_k b_k (e = 1).
     */
    private static Coefficients coefficients(List<String> coefCells, Map<String, CellResult> byId, int grid,
                                             double betaA, Activation sigma, SweepLimitSettings s) {
        Coefficients out = new Coefficients();
        TrendNoiseDecomposition.Accumulator a = new TrendNoiseDecomposition.Accumulator("A", betaA, grid);
        TrendNoiseDecomposition.Accumulator b = new TrendNoiseDecomposition.Accumulator("b", betaA, grid);
        TrendNoiseDecomposition.Accumulator dl = new TrendNoiseDecomposition.Accumulator("delta", 1 - betaA, grid);
        TrendNoiseDecomposition.Accumulator pa = new TrendNoiseDecomposition.Accumulator("delta_A", 1, grid);
        TrendNoiseDecomposition.Accumulator pb = new TrendNoiseDecomposition.Accumulator("delta_b", 1, grid);
        double deltaSum = 0;
        double halfLayer = 0;
        boolean perLayer = false;
        int used = 0;
        for (String id : coefCells) {
            CellResult c = byId.get(id);
            if (c == null) {
                continue;
            }
            TrainedRun run = RunDirectory.read(c.dir());
            ResidualNet net = network(run, sigma);
            if (!(allFinite(net.A()) && allFinite(net.b()) && allFinite(net.delta()))) {
                continue;
            }
            int L = net.depth();
            int d = net.dim();
            perLayer = net.scaling() == ScalingFactor.PER_LAYER;
            a.add(id, new WeightSequence("A", L, d, d, net.A()));
            b.add(id, new WeightSequence("b", L, d, 1, net.b()));
            ResidualNet eff = effective(net);
            pa.add(id, new WeightSequence("delta_A", L, d, d, eff.A()));
            pb.add(id, new WeightSequence("delta_b", L, d, 1, eff.b()));
            if (perLayer) {
                dl.add(id, new WeightSequence("delta", L, 1, 1, net.delta()));
            } else {
                // delta-bar = L^(1 - beta_A) delta_eff
                deltaSum += Math.pow(L, 1 - betaA) * net.effectiveDelta(0);
            }
            halfLayer += 0.5 / L;
            used++;
        }
        if (used == 0) {
            out.failure = "no coefficient cell with finite weights";
            return out;
        }
        // the left Riemann sums lag the integral by half a layer: A-bar(t) = trend(t + mean 1/(2L))
        double shift = halfLayer / used;
        out.shift = shift;
        SampledPath tA = shifted(a.build().trend(), shift);
        SampledPath tb = shifted(b.build().trend(), shift);
        SampledPath delta;
        if (perLayer) {
            delta = shifted(dl.build().trend(), shift);
            out.deltaNote = String.format(Locale.ROOT, "trend of the per-layer delta_k rescaled by L^%.3f", 1 - betaA);
        } else {
            double v = deltaSum / used;
            double[] vals = new double[grid + 1];
            java.util.Arrays.fill(vals, v);
            delta = SampledPath.uniform(grid + 1, 1, 1, vals);
            out.deltaNote = String.format(Locale.ROOT, "constant %.6g, the mean of L^%.3f delta over the coefficient cells",
                    v, 1 - betaA);
        }
        out.neural = new LimitCoefficients(tA, tb, delta);
        double[] ones = new double[grid + 1];
        java.util.Arrays.fill(ones, 1.0);
        out.product = new LimitCoefficients(shifted(pa.build().trend(), shift), shifted(pb.build().trend(), shift),
                SampledPath.uniform(grid + 1, 1, 1, ones));
        return out;
    }

    /**
     * The network of a run: activation and delta variant from run.json, else {@code sigma} and the delta's
     * length (L: per-layer, 1: shared, none: none); a missing b is zero.
     *
     * @param run   the run
     * @param sigma the activation when run.json does not name one
     * @return the network; its arrays are the run's
     */
    static ResidualNet network(TrainedRun run, Activation sigma) {
        Object act = run.settings().get(Setting.ACTIVATION.key());
        Activation a = act != null ? Activation.of(act.toString()) : sigma;
        int L = run.depth();
        int d = run.dim();
        double[] b = run.b() != null ? run.b() : new double[L * d];
        double[] delta = run.delta();
        ScalingFactor f;
        String mode = run.deltaMode();
        if (mode != null) {
            f = ScalingFactor.of(mode);
        } else if (delta == null) {
            f = ScalingFactor.NONE;
        } else {
            f = delta.length == L && L > 1 ? ScalingFactor.PER_LAYER : ScalingFactor.SHARED;
        }
        if (delta == null || delta.length != f.storedLength(L)) {
            delta = f == ScalingFactor.PER_LAYER ? filled(L, 1.0) : new double[] {1.0};
            f = f == ScalingFactor.PER_LAYER ? f : ScalingFactor.NONE;
        }
        return ResidualNet.of(a, f, L, d, run.A(), b, delta);
    }

    /**
     * The effective network: weights {@code delta_k A_k}, {@code delta_k b_k}, no delta ({@code delta_k} as the
     * forward pass applies it: signed per layer, {@code |delta|} when shared).
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

    private record Inputs(double[] x, int n, String source) {
    }

    private static Inputs inputs(TrainedRun first, String group, int d, SweepLimitSettings s, DataSource data) {
        SplittableRandom rng = RandomStreams.of(s.seed(), "limit-inputs;" + group, RandomStreams.DATA);
        int n = s.samples();
        if (first.hasRunJson() && first.settings().containsKey(Setting.DATA_KIND.key())
                && first.settings().containsKey(Setting.DATA_DIM.key())) {
            try {
                CellSettings cs = CellSettings.fromMap(first.settings(), first.dir().resolve(RunFiles.RUN_JSON).toString());
                // first.dir() is <sweep>/runs/<cell>: the sweep's feature cache holds MNIST-25 inputs
                Dataset train = data.dataFor(cs.data(), first.dir().getParent().getParent()).train();
                if (train.d() == d && train.n() > 0) {
                    int m = Math.min(n, train.n());
                    int[] idx = new int[train.n()];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = i;
                    }
                    double[] x = new double[m * d];
                    for (int i = 0; i < m; i++) {
                        // partial Fisher-Yates: a sample without replacement
                        int j = i + rng.nextInt(idx.length - i);
                        int t = idx[i];
                        idx[i] = idx[j];
                        idx[j] = t;
                        System.arraycopy(train.x(), idx[i] * d, x, i * d, d);
                    }
                    return new Inputs(x, m, TRAINING_INPUTS);
                }
            } catch (InvalidInputException | IllegalArgumentException e) {
                // fall through to unit vectors
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double v = rng.nextGaussian();
                x[i * d + j] = v;
                sq += v * v;
            }
            double norm = Math.sqrt(sq);
            for (int j = 0; j < d; j++) {
                x[i * d + j] /= norm;
            }
        }
        return new Inputs(x, n, UNIT_VECTORS);
    }

    /** Every cell of up to compare_depths depths spread evenly in log depth, shallowest and deepest kept. */
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

    /** Up to {@code count} of the sorted depths, nearest to an even spread in log depth. */
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

    private static Optional<ManyPathSummary> manyPath(SdeLimit sde, NoisePaths noise, String cell, int depth, Inputs in,
                                                      Map<String, double[]> outputs, String group,
                                                      SweepLimitSettings s, List<String> notes) {
        int windows = Math.min(s.windows(), noise.steps());
        List<TerminalDistribution> dist;
        try {
            DiffusionCovariance cov = DiffusionCovariance.of(noise, windows);
            dist = sde.terminalDistributions(in.x, in.n, cov, s.manyPath(), s.seed(), group);
        } catch (IllegalStateException | IllegalArgumentException e) {
            notes.add("many-path SDE not available: " + e.getMessage());
            return Optional.empty();
        }
        int d = in.x.length / in.n;
        int inside = 0;
        int total = 0;
        double maxZ = 0;
        for (double[] hL : outputs.values()) {
            for (int i = 0; i < in.n; i++) {
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
        return Optional.of(new ManyPathSummary(cell, depth, s.paths(), s.steps(), windows, dist, outputs, coverage, maxZ));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static boolean allFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ output

    /** File names. */
    public static final String COMPARISON_CSV = "comparison.csv";
    /** File names. */
    public static final String TERMINAL_CSV = "terminal_distribution.csv";
    /** File names. */
    public static final String FIT_JSON = "fit.json";
    /** The fit.json format version. */
    public static final int FORMAT_VERSION = 1;

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
    public record FitFile(int formatVersion, String directory, double ciLevel, SweepLimitSettings settings,
                          List<GroupSummary> groups, Provenance provenance) {
    }

    /**
     * Writes the limit analysis' files (with the comparison's rates added to rates.csv), comparison.csv,
     * terminal_distribution.csv, fit.json and, per group, {@code inputs.npy} (n, d), {@code hidden_<cell>.npy}
     * (L+1, d: h_k from the first input), {@code path_<candidate>.npy} (the ODE solutions from the first input on
     * {@code trajectory_points} points) and {@code path_sde_<cell>.npy} (on the cell's grid k/L), and the
     * coefficients {@code abar_<candidate>.npy} (n+1, d, d), {@code bbar_<candidate>.npy} (n+1, d),
     * {@code deltabar_<candidate>.npy} (n+1,) on {@code i/n} for {@code neural_ode} and {@code linear_ode} (the
     * products, also the SDE's drift); each file atomically.
     *
     * @param dir    the limits directory, conventionally {@code <sweep>/analysis/limits}
     * @param limits the limit analysis this fit was built from
     */
    public void write(java.nio.file.Path dir, LimitAnalysis limits) {
        withRates(limits).write(dir);
        writeComparison(dir.resolve(COMPARISON_CSV));
        writeTerminal(dir.resolve(TERMINAL_CSV));
        List<GroupSummary> summaries = new ArrayList<>();
        for (GroupFit g : groups) {
            List<String> files = new ArrayList<>();
            java.nio.file.Path gd = dir.resolve(g.group());
            if (g.samples() > 0) {
                org.rscale.sweeps.io.Npy.write(gd.resolve("inputs.npy"), new int[] {g.samples(), g.dim()}, g.inputs());
                files.add(g.group() + "/inputs.npy");
            }
            for (HiddenStates h : g.hidden()) {
                String name = "hidden_" + h.cell() + ".npy";
                org.rscale.sweeps.io.Npy.write(gd.resolve(name), new int[] {h.depth() + 1, g.dim()}, h.states());
                files.add(g.group() + "/" + name);
            }
            for (Trajectory t : g.trajectories()) {
                String name = "path_" + t.label().replace('-', '_') + (t.cell() == null ? "" : "_" + t.cell()) + ".npy";
                org.rscale.sweeps.io.Npy.write(gd.resolve(name), new int[] {t.path().points(), g.dim()}, t.path().values());
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
                for (org.rscale.fits.limit.CandidateComparison cc : c.candidates()) {
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
        FitFile file = new FitFile(FORMAT_VERSION, directory.toString(), ciLevel, settings, summaries, provenance);
        org.rscale.sweeps.io.AtomicFiles.write(dir.resolve(FIT_JSON),
                out -> org.rscale.sweeps.io.DataFormats.json().writeValue(out, file));
    }

    /** Writes a path as .npy of shape (points,), (points, rows) or (points, rows, cols); returns its name. */
    private static String npy(java.nio.file.Path gd, String group, String name, SampledPath p) {
        int[] shape = p.cols() > 1 ? new int[] {p.points(), p.rows(), p.cols()}
                : p.rows() > 1 ? new int[] {p.points(), p.rows()} : new int[] {p.points()};
        org.rscale.sweeps.io.Npy.write(gd.resolve(name), shape, p.values());
        return group + "/" + name;
    }

    /** The limit analysis with each group's comparison rates appended to its rates. */
    private LimitAnalysis withRates(LimitAnalysis limits) {
        Map<String, GroupFit> fits = byGroup();
        List<LimitAnalysis.GroupLimits> out = new ArrayList<>();
        for (LimitAnalysis.GroupLimits gl : limits.groups()) {
            List<LimitAnalysis.RateFit> rates = new ArrayList<>(gl.rates());
            GroupFit g = fits.get(gl.group());
            if (g != null && g.comparison().isPresent()) {
                for (org.rscale.fits.limit.CandidateComparison cc : g.comparison().get().candidates()) {
                    cc.rate().ifPresent(f -> rates.add(new LimitAnalysis.RateFit(HIDDEN_STATES, rateQuantity(cc.label()), f)));
                }
            }
            out.add(new LimitAnalysis.GroupLimits(gl.group(), gl.tensor(), gl.biasTensor(), gl.exponent(),
                    gl.exponentNote(), gl.convergence(), gl.roughness(), gl.pooled(), gl.trends(), gl.trendNote(),
                    gl.deltaBar(), gl.denoised(), gl.noisePaths(), rates));
        }
        return new LimitAnalysis(limits.directory(), limits.settings(), limits.ciLevel(), out, limits.provenance());
    }

    private void writeComparison(java.nio.file.Path file) {
        List<String> cols = List.of("group", "candidate", "equation", "cell", "depth", "seed", "max_error",
                "relative_error", "terminal_error", "limit_scale", "worst_sample", "worst_layer", "status", "note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupFit g : groups) {
            if (g.comparison().isEmpty()) {
                continue;
            }
            for (org.rscale.fits.limit.CandidateComparison cc : g.comparison().get().candidates()) {
                for (org.rscale.fits.limit.TrajectoryError e : cc.errors()) {
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
                for (org.rscale.fits.limit.TrajectoryFailure f : cc.failures()) {
                    ComparedCell c = g.compared().get(f.net());
                    Map<String, Object> r = row(g, cc, c);
                    for (String k : List.of("max_error", "relative_error", "terminal_error", "limit_scale",
                            "worst_sample", "worst_layer")) {
                        r.put(k, LimitAnalysis.UNKNOWN);
                    }
                    r.put("status", f.kind().key());
                    r.put("note", f.reason());
                    rows.add(r);
                }
            }
        }
        csv(file, cols, rows);
    }

    private static Map<String, Object> row(GroupFit g, org.rscale.fits.limit.CandidateComparison cc, ComparedCell c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("group", g.group());
        r.put("candidate", cc.label());
        r.put("equation", cc.equation().key());
        r.put("cell", c.cell());
        r.put("depth", c.depth());
        r.put("seed", c.seed() == null ? LimitAnalysis.UNKNOWN : c.seed());
        return r;
    }

    private void writeTerminal(java.nio.file.Path file) {
        List<String> cols = List.of("group", "sample", "coordinate", "input", "paths", "diverged", "mean", "sd",
                "q_low", "q_median", "q_high", "q_low_level", "q_high_level", "noise_cell", "network_cell",
                "network_depth", "network_value", "z");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupFit g : groups) {
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
                        r.put("z", t.sd(j) > 0 ? (Object) ((v - t.mean()[j]) / t.sd(j)) : LimitAnalysis.UNKNOWN);
                        rows.add(r);
                    }
                }
            }
        }
        csv(file, cols, rows);
    }

    private static void csv(java.nio.file.Path file, List<String> cols, List<Map<String, Object>> rows) {
        org.rscale.sweeps.io.CsvTable.write(file, cols, rows);
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : LimitAnalysis.UNKNOWN;
    }

    /**
     * @param label a candidate's label
     * @return its rate quantity in rates.csv, e.g. {@code max_error_neural_ode}
     */
    public static String rateQuantity(String label) {
        return MAX_ERROR_PREFIX + label.replace('-', '_');
    }

    /**
     * @param g a group's fit
     * @param label a candidate's label
     * @return its error rate fit, if any
     */
    public static Optional<ScalingFit> rate(GroupFit g, String label) {
        return g.comparison().flatMap(c -> c.candidate(label)).flatMap(c -> c.rate());
    }
}
