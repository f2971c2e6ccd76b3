package org.rscale.fits.paths;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.PathRoughness;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightSequence;
import org.rscale.analysis.WeightStatistic;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The limit analysis of a sweep: for each group of cells (one judged tensor, see
 * {@link TensorSequences#judged}), whether the rescaled weights converge to a curve (H1), how rough
 * their cumulative sums are (H1 against H2), and the trend/noise decomposition with the training loss of
 * the denoised networks (SCIENCE.md sections 5 and 6).
 *
 * <p><b>Input.</b> A {@link SweepAnalysis} (groups, fits, the cells' run directories). The weights are
 * re-read from disk ({@link RunDirectory#read}) one cell at a time, in two passes per group: the first
 * measures roughness, feeds the convergence chains and accumulates the trend; the second denoises each
 * cell and evaluates its losses. Memory holds one cell's weights, one rescaled curve per seed, the
 * trend, and the deepest cell's noise path. Diverged cells are left out (as in the fits); cells with
 * non-finite weights are left out of convergence and trend.
 *
 * <p><b>Tensors.</b> The judged tensor ({@code A}, or {@code delta_A} = {@code |delta_k| A_k} for a
 * per-layer delta) and its bias counterpart ({@code b}, {@code delta_b}) when present, both rescaled with
 * the group's one exponent ({@link ExponentSource}; default {@code beta = -slope} of the judged tensor's
 * max norm, as the reference code does for A and b alike). For a delta that is not per layer,
 * {@code delta-bar = mean over the trend cells of L^(1-gamma) delta_eff} ({@code |delta|} shared,
 * {@code L^-beta} fixed, 1 none) is reported as a constant path: the factor of the limit ODE
 * {@code dH/dt = delta-bar sigma'(0) (A-bar H + b-bar)}.
 *
 * <p><b>Parts</b> (each records what it was computed from):
 * <ul>
 *   <li>{@link LimitConvergence} per tensor: distances between consecutive depths, their decay rate, the
 *       limit curve;</li>
 *   <li>{@link PathRoughness} per cell and tensor, and pooled over the deepest depth's cells;</li>
 *   <li>{@link TrendNoiseDecomposition} per tensor, from the trend depths ({@link LimitSettings});</li>
 *   <li>{@link DenoisedCell} per cell and tensor: the noise's quadratic variation and the training loss of
 *       the original and the denoised network ({@link DenoisedNetwork}) on the cell's training data,
 *       regenerated from its run.json settings ({@link DataSource#load}); weights without rscale
 *       settings get "not available: no training data for foreign weights";</li>
 *   <li>{@link RateFit}: log-log fits against depth of the convergence distances and the quadratic
 *       variations, with OLS and seed-bootstrap intervals.</li>
 * </ul>
 *
 * <p><b>Output</b>: {@link LimitFiles} writes and reads back this stage's files (convergence.csv,
 * roughness.csv, denoised.csv, limits.json, the curves); its rates go to rates.csv ({@link RatesFile}).
 * The {@code rank} of a convergence chain is the rank of the cells among their depth's cells (0 = lowest seed).
 *
 * <p>References: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep Residual
 * Networks", arXiv:2212.08199; reference code {@code instadeepai/scaling-resnets} ({@code denoising.py}).
 *
 * @param directory  the analysed sweep directory
 * @param settings   the settings
 * @param ciLevel    the level of every interval (the sweep analysis')
 * @param groups     one result per group, by group id
 * @param provenance where and when the analysis ran
 */
public record LimitAnalysis(Path directory, LimitSettings settings, double ciLevel, List<GroupLimits> groups,
                            Provenance provenance) {

    /** The note of a part that was computed. */
    public static final String OK = "ok";
    /** The loss note of weights without rscale settings. */
    public static final String FOREIGN = "not available: no training data for foreign weights";

    /** Rate quantity: sup distance between consecutive depths. */
    public static final String CONVERGENCE_SUP = "convergence_sup";
    /** Rate quantity: L2 distance between consecutive depths. */
    public static final String CONVERGENCE_L2 = "convergence_l2";
    /** Rate quantity: the rescaled cumulative path's quadratic variation. */
    public static final String QUADRATIC_VARIATION = "quadratic_variation";
    /** Rate quantity: the unscaled cumulative path's quadratic variation. */
    public static final String RAW_QUADRATIC_VARIATION = "raw_quadratic_variation";
    /** Rate quantity: the rescaled noise path's quadratic variation. */
    public static final String NOISE_QUADRATIC_VARIATION = "noise_quadratic_variation";
    /** Rate quantity: the unscaled noise path's quadratic variation. */
    public static final String RAW_NOISE_QUADRATIC_VARIATION = "raw_noise_quadratic_variation";

    private static final List<String> DATA_KEYS = List.of(Setting.DATA_KIND.key(), Setting.DATA_DIM.key(),
            Setting.DATA_TRAIN_SIZE.key(), Setting.DATA_TEST_SIZE.key(), Setting.DATA_SEED.key(),
            Setting.ACTIVATION.key(), Setting.DELTA.key());

    // Copies.
    public LimitAnalysis {
        groups = List.copyOf(groups);
    }


    /**
     * Analyses every group of a sweep analysis, re-reading the weights from the cells' run directories.
     *
     * @param analysis the sweep analysis (groups, fits, cells)
     * @param settings the settings
     * @return the limit analysis
     * @throws InvalidInputException when a run directory can no longer be read
     */
    public static LimitAnalysis of(SweepAnalysis analysis, LimitSettings settings) {
        Instant started = Instant.now();
        DataSource data = new DataSource();
        List<GroupLimits> out = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            out.add(analyse(g, settings, analysis.level(), data));
        }
        return new LimitAnalysis(analysis.dir(), settings, analysis.level(), out,
                Provenance.here("none", "float64", false, "cpu", started, Instant.now()));
    }

    /**
     * @param tensor a judged tensor
     * @return its bias counterpart: {@code b} for {@code A}, {@code delta_b} for {@code delta_A}
     */
    public static String biasOf(String tensor) {
        return TensorSequences.DELTA_A.equals(tensor) ? TensorSequences.DELTA_B : TensorSequences.B;
    }

    private record Exponent(OptionalDouble value, String note) {
    }

    private record Loss(OptionalDouble train, OptionalDouble denoised, String note) {
        static Loss notAvailable(String note) {
            return new Loss(OptionalDouble.empty(), OptionalDouble.empty(), note);
        }
    }

    private static GroupLimits analyse(SweepAnalysis.GroupAnalysis g, LimitSettings s, double level, DataSource data) {
        String tensor = g.judged();
        String bias = biasOf(tensor);
        boolean effective = TensorSequences.DELTA_A.equals(tensor);
        List<CellResult> cells = new ArrayList<>();
        for (CellResult c : g.group().cells()) {
            if (c.fitted() && c.statistics().containsKey(tensor)) {
                cells.add(c);
            }
        }
        boolean hasBias = cells.stream().anyMatch(c -> c.statistics().containsKey(bias));
        List<String> tensors = hasBias ? List.of(tensor, bias) : List.of(tensor);
        Exponent exponent = exponent(g, tensor, s);
        OptionalDouble gamma = exponent.value();

        int n = cells.size();
        int[] ranks = new int[n];
        TreeSet<Integer> depthSet = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ranks[i] = i > 0 && cells.get(i - 1).depth() == cells.get(i).depth() ? ranks[i - 1] + 1 : 0;
            depthSet.add(cells.get(i).depth());
        }
        int deepest = depthSet.isEmpty() ? 0 : depthSet.last();
        List<Integer> trendDepths = TrendNoiseDecomposition.trendDepths(depthSet, s.nTimes(), s.trendDepths(),
                s.skipDeepest());
        Set<Integer> trendSet = new TreeSet<>(trendDepths);

        Map<String, LimitConvergence.Accumulator> conv = new LinkedHashMap<>();
        Map<String, TrendNoiseDecomposition.Accumulator> trendAcc = new LinkedHashMap<>();
        Map<String, List<double[]>> deepestHurst = new LinkedHashMap<>();
        Map<String, List<String>> deepestCells = new LinkedHashMap<>();
        for (String t : tensors) {
            if (gamma.isPresent()) {
                conv.put(t, new LimitConvergence.Accumulator(t, gamma.getAsDouble(), s.gridPoints()));
                trendAcc.put(t, new TrendNoiseDecomposition.Accumulator(t, gamma.getAsDouble(), s.nTimes()));
            }
            deepestHurst.put(t, new ArrayList<>());
            deepestCells.put(t, new ArrayList<>());
        }
        List<CellRoughness> roughness = new ArrayList<>();
        double deltaBarSum = 0;
        int deltaBarCount = 0;

        // pass 1: roughness, convergence chains, trend
        for (int i = 0; i < n; i++) {
            CellResult c = cells.get(i);
            TrainedRun run = RunDirectory.read(c.dir());
            Map<String, WeightSequence> seqs = TensorSequences.of(run);
            for (String t : tensors) {
                WeightSequence T = seqs.get(t);
                if (T == null) {
                    continue;
                }
                roughness.add(new CellRoughness(c.id(), c.depth(), c.seed(), PathRoughness.of(T, gamma, level)));
                if (!T.isFinite()) {
                    continue;
                }
                if (c.depth() == deepest && T.L() >= PathRoughness.MIN_LAYERS) {
                    deepestHurst.get(t).add(PathRoughness.entryHurst(T));
                    deepestCells.get(t).add(c.id());
                }
                if (gamma.isPresent()) {
                    conv.get(t).add(new LimitConvergence.DepthCurve(c.id(), c.depth(), ranks[i],
                            RescaledCurve.of(T, gamma.getAsDouble(), s.gridPoints())));
                    if (trendSet.contains(c.depth())) {
                        trendAcc.get(t).add(c.id(), T);
                    }
                }
            }
            if (!effective && gamma.isPresent() && trendSet.contains(c.depth())) {
                // delta-bar = L^(1-gamma) delta_eff; delta_eff = |delta| (shared), L^-beta (fixed), 1 (none or no delta.npy)
                double deltaEff = run.delta() == null ? 1.0 : Math.abs(run.delta()[0]);
                deltaBarSum += Math.pow(c.depth(), 1 - gamma.getAsDouble()) * deltaEff;
                deltaBarCount++;
            }
        }

        List<LimitConvergence> convergence = new ArrayList<>();
        List<RateFit> rates = new ArrayList<>();
        for (Map.Entry<String, LimitConvergence.Accumulator> e : conv.entrySet()) {
            try {
                LimitConvergence lc = e.getValue().build(level);
                convergence.add(lc);
                lc.supFit().ifPresent(f -> rates.add(new RateFit(e.getKey(), CONVERGENCE_SUP, f, gamma)));
                lc.l2Fit().ifPresent(f -> rates.add(new RateFit(e.getKey(), CONVERGENCE_L2, f, gamma)));
            } catch (IllegalStateException noCurve) {
                // every cell of this tensor had non-finite weights: no convergence
            }
        }
        List<PooledRoughness> pooled = new ArrayList<>();
        for (String t : tensors) {
            List<double[]> parts = deepestHurst.get(t);
            int total = 0;
            for (double[] p : parts) {
                total += p.length;
            }
            double[] all = new double[total];
            int at = 0;
            boolean any = false;
            for (double[] p : parts) {
                for (double x : p) {
                    any |= !Double.isNaN(x);
                    all[at++] = x;
                }
            }
            pooled.add(new PooledRoughness(t, deepest, deepestCells.get(t),
                    any ? Optional.of(MedianEstimate.of(all, level)) : Optional.empty()));
            addRoughnessRates(t, roughness, level, rates);
        }

        // trends
        List<TrendNoiseDecomposition> trends = new ArrayList<>();
        String trendNote;
        if (gamma.isEmpty()) {
            trendNote = "not available: no exponent (" + exponent.note() + ")";
        } else if (trendDepths.isEmpty()) {
            trendNote = "not available: no depth above n_times = " + s.nTimes() + " (deepest " + deepest
                    + "); lower n_times to estimate a trend from these depths";
        } else {
            for (String t : tensors) {
                TrendNoiseDecomposition.Accumulator acc = trendAcc.get(t);
                if (acc.count() > 0) {
                    trends.add(acc.build());
                }
            }
            trendNote = trends.isEmpty() ? "not available: every trend cell has non-finite weights" : OK;
        }
        Optional<SampledPath> deltaBar = Optional.empty();
        if (!trends.isEmpty() && deltaBarCount > 0) {
            double[] v = new double[s.nTimes() + 1];
            java.util.Arrays.fill(v, deltaBarSum / deltaBarCount);
            deltaBar = Optional.of(SampledPath.uniform(s.nTimes() + 1, 1, 1, v));
        }

        // pass 2: denoised weights, noise, losses
        List<DenoisedCell> denoised = new ArrayList<>();
        List<NoisePath> noisePaths = new ArrayList<>();
        if (!trends.isEmpty()) {
            Map<String, TrendNoiseDecomposition> byTensor = new LinkedHashMap<>();
            for (TrendNoiseDecomposition d : trends) {
                byTensor.put(d.tensor(), d);
            }
            for (int i = 0; i < n; i++) {
                CellResult c = cells.get(i);
                TrainedRun run = RunDirectory.read(c.dir());
                Map<String, WeightSequence> seqs = TensorSequences.of(run);
                Map<String, WeightSequence> bars = new LinkedHashMap<>();
                Map<String, NoiseStatistics> noise = new LinkedHashMap<>();
                for (TrendNoiseDecomposition d : trends) {
                    WeightSequence T = seqs.get(d.tensor());
                    if (T == null || !T.isFinite()) {
                        continue;
                    }
                    WeightSequence bar = d.denoise(T);
                    bars.put(d.tensor(), bar);
                    noise.put(d.tensor(), TrendNoiseDecomposition.noiseStatistics(T, bar, d.exponent()));
                    if (c.depth() == deepest && ranks[i] == 0) {
                        noisePaths.add(new NoisePath(d.tensor(), c.id(), c.depth(), d.noise(T)));
                    }
                }
                Loss loss = loss(run, tensor, bias, bars, effective, data);
                for (Map.Entry<String, NoiseStatistics> e : noise.entrySet()) {
                    denoised.add(new DenoisedCell(c.id(), c.depth(), c.seed(), trendSet.contains(c.depth()), e.getKey(),
                            e.getValue(), loss.train(), loss.denoised(), c.finalTrainLoss(), loss.note()));
                }
            }
            for (String t : byTensor.keySet()) {
                addNoiseRates(t, denoised, level, rates);
            }
        }
        return new GroupLimits(g.group().id(), tensor, hasBias ? Optional.of(bias) : Optional.empty(), gamma,
                exponent.note(), convergence, roughness, pooled, trends, trendNote, deltaBar, denoised, noisePaths,
                rates);
    }

    private static Exponent exponent(SweepAnalysis.GroupAnalysis g, String tensor, LimitSettings s) {
        switch (s.exponentSource()) {
            case FIXED:
                return new Exponent(s.exponent(), "fixed: " + fmt(s.exponent().getAsDouble()));
            case CUMULATIVE_SUM: {
                Optional<ScalingFit> f = g.fit(tensor, WeightStatistic.CUMULATIVE_SUM);
                if (f.isEmpty()) {
                    return new Exponent(OptionalDouble.empty(), "not available: no cumulative_sum fit of " + tensor
                            + " (fewer than 3 depths with a usable value)");
                }
                ScalingFit x = f.get();
                return new Exponent(OptionalDouble.of(1 - x.slope()), "gamma = 1 - slope of cumulative_sum of " + tensor
                        + ": " + fmt(1 - x.slope()) + " [" + fmt(1 - x.ciHigh()) + ", " + fmt(1 - x.ciLow()) + "]");
            }
            case MAX_NORM:
            default: {
                Optional<ScalingFit> f = g.fit(tensor, WeightStatistic.MAX_NORM);
                if (f.isEmpty()) {
                    return new Exponent(OptionalDouble.empty(), "not available: no max_norm fit of " + tensor
                            + " (fewer than 3 depths with a usable value)");
                }
                ScalingFit x = f.get();
                return new Exponent(OptionalDouble.of(-x.slope()), "beta = -slope of max_norm of " + tensor + ": "
                        + fmt(-x.slope()) + " [" + fmt(-x.ciHigh()) + ", " + fmt(-x.ciLow()) + "]");
            }
        }
    }

    private static Loss loss(TrainedRun run, String tensor, String bias, Map<String, WeightSequence> bars,
                             boolean effective, DataSource data) {
        if (!run.hasRunJson()) {
            return Loss.notAvailable(FOREIGN + " (no run.json)");
        }
        List<String> missing = new ArrayList<>();
        for (String k : DATA_KEYS) {
            if (!run.settings().containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            return Loss.notAvailable(FOREIGN + " (run.json lacks " + String.join(" ", missing) + ")");
        }
        WeightSequence Abar = bars.get(tensor);
        WeightSequence bbar = bars.get(bias);
        if (Abar == null || bbar == null) {
            return Loss.notAvailable("not available: no decomposition of " + (Abar == null ? tensor : bias)
                    + " for this cell");
        }
        if (run.b() == null || run.delta() == null) {
            return Loss.notAvailable("not available: the run has no " + (run.b() == null ? "b.npy" : "delta.npy"));
        }
        Path json = run.dir().resolve(RunFiles.RUN_JSON);
        try {
            CellSettings cs = CellSettings.fromMap(knownSettings(run.settings(), json.toString()), json.toString());
            Optional<String> no = DenoisedNetwork.unsupported(cs.activation(), effective);
            if (no.isPresent()) {
                return Loss.notAvailable(no.get());
            }
            // run.dir() is <sweep>/runs/<cell>: the sweep's feature cache holds MNIST-25 inputs
            TrainTestData d = data.dataFor(cs.data(), run.dir().getParent().getParent());
            if (d.dim() != run.dim()) {
                return Loss.notAvailable("not available: the data of " + json + " have dimension " + d.dim()
                        + " but the weights width " + run.dim());
            }
            ResidualNet original = ResidualNet.of(cs.activation(), cs.delta(), run.depth(), run.dim(), run.A(), run.b(),
                    run.delta());
            ResidualNet bar = DenoisedNetwork.of(cs.activation(), cs.delta(), run.delta(), Abar, bbar, effective);
            double l0 = original.meanSquaredError(d.train());
            double l1 = bar.meanSquaredError(d.train());
            return new Loss(finite(l0), finite(l1), Double.isFinite(l0) && Double.isFinite(l1) ? OK
                    : "not available: a loss is not finite (original " + l0 + ", denoised " + l1 + ")");
        } catch (InvalidInputException | IllegalArgumentException e) {
            return Loss.notAvailable("not available: " + e.getMessage());
        }
    }

    private static void addRoughnessRates(String t, List<CellRoughness> rows, double level, List<RateFit> rates) {
        List<Integer> depths = new ArrayList<>();
        List<Double> qv = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (CellRoughness r : rows) {
            if (r.roughness().tensor().equals(t)) {
                depths.add(r.depth());
                qv.add(r.roughness().quadraticVariation().orElse(Double.NaN));
                raw.add(r.roughness().rawQuadraticVariation().orElse(Double.NaN));
            }
        }
        fitRate(t, QUADRATIC_VARIATION, depths, qv, level, rates);
        fitRate(t, RAW_QUADRATIC_VARIATION, depths, raw, level, rates);
    }

    private static void addNoiseRates(String t, List<DenoisedCell> rows, double level, List<RateFit> rates) {
        List<Integer> depths = new ArrayList<>();
        List<Double> qv = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (DenoisedCell r : rows) {
            if (r.tensor().equals(t)) {
                depths.add(r.depth());
                qv.add(r.noise().quadraticVariation());
                raw.add(r.noise().rawQuadraticVariation());
            }
        }
        fitRate(t, NOISE_QUADRATIC_VARIATION, depths, qv, level, rates);
        fitRate(t, RAW_NOISE_QUADRATIC_VARIATION, depths, raw, level, rates);
    }

    private static void fitRate(String t, String quantity, List<Integer> depths, List<Double> values, double level,
                                List<RateFit> rates) {
        int[] d = new int[depths.size()];
        double[] v = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = depths.get(i);
            v[i] = values.get(i);
        }
        ScalingFit.of(d, v, level).ifPresent(f -> rates.add(RateFit.of(t, quantity, f)));
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** @return a one-line summary per group, for logs */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        for (GroupLimits g : groups) {
            StringBuilder s = new StringBuilder(g.group()).append(": ").append(g.tensor());
            g.convergenceOf(g.tensor()).flatMap(LimitConvergence::supRate)
                    .ifPresent(r -> s.append(", convergence rate ").append(r.format()));
            g.pooled().stream().filter(p -> p.tensor().equals(g.tensor())).findFirst().flatMap(PooledRoughness::hurst)
                    .ifPresent(h -> s.append(String.format(Locale.ROOT, ", Hurst %.3f [%.3f, %.3f] at L = %d",
                            h.median(), h.ciLow(), h.ciHigh(), g.pooled().get(0).depth())));
            s.append(", trend ").append(g.trendNote());
            out.add(s.toString());
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the groups by id */
    public Map<String, GroupLimits> byGroup() {
        Map<String, GroupLimits> m = new TreeMap<>();
        for (GroupLimits g : groups) {
            m.put(g.group(), g);
        }
        return m;
    }

    /**
     * The entries of a run.json's settings that name one of rscale's cell settings (with depth and seed): weights
     * trained elsewhere may record more (a {@code trainer}, say), which say nothing this analysis needs.
     */
    private static Map<String, Object> knownSettings(Map<String, Object> settings, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            if (e.getKey().equals("depth") || e.getKey().equals("seed")) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            try {
                if (org.rscale.sweeps.config.Setting.of(e.getKey(), where).scope()
                        == org.rscale.sweeps.config.Setting.Scope.CELL) {
                    out.put(e.getKey(), e.getValue());
                }
            } catch (InvalidInputException unknown) {
                // a key of another trainer: not rscale's
            }
        }
        return out;
    }
}
