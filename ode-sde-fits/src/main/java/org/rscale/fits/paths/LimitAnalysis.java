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

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.rscale.sweeps.io.CsvTable;
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
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;
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
 * <p><b>Output</b> ({@link #write}, under {@code <sweep>/analysis/limits/} by convention; every file
 * atomic):
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
 * rates.csv        group, tensor, quantity, slope, rate, stderr, ci_low, ci_high, r2, n_depths, n_points,
 *                  n_dropped, ci_level, boot_ci_low, boot_ci_high, boot_replicates, n_seeds, bootstrap, exponent
 * limits.json      format_version, directory, ci_level, settings, provenance, and per group: tensors,
 *                  exponent and its source, the notes, trend depths and cells, delta_bar, the .npy files
 * &lt;group&gt;/limit_&lt;tensor&gt;.npy             (G, rows[, cols]) the limit curve on t_g = g/(G-1)
 * &lt;group&gt;/trend_&lt;tensor&gt;.npy             (n+1, rows[, cols]) A-bar on t_i = i/n
 * &lt;group&gt;/cumulative_trend_&lt;tensor&gt;.npy  (n+1, rows[, cols]) Ibar on t_i = i/n
 * &lt;group&gt;/delta_bar.npy                   (n+1,) the constant delta-bar, when it applies
 * &lt;group&gt;/noise_&lt;tensor&gt;_&lt;cell&gt;.npy       (L+1, rows[, cols]) W_L(k/L) of the deepest depth's first cell
 * </pre>
 * Column meanings: see {@link CurveDistance}, {@link PathRoughness}, {@link NoiseStatistics},
 * {@link DenoisedCell}, {@link RateFit}. {@code rate = -slope}. Unknown values are written
 * {@code unknown}. The {@code rank} of convergence.csv is the chain (rank of the cells among their
 * depth's cells, 0 = lowest seed). Vector tensors ({@code b}) drop the last axis, as {@code b.npy} does.
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

    /** The limits.json format version. */
    public static final int FORMAT_VERSION = 1;
    /** The conventional output directory, under {@code <sweep>/analysis/}. */
    public static final String LIMITS_DIR = "limits";
    /** File names. */
    public static final String CONVERGENCE_CSV = "convergence.csv";
    /** File names. */
    public static final String ROUGHNESS_CSV = "roughness.csv";
    /** File names. */
    public static final String DENOISED_CSV = "denoised.csv";
    /** File names. */
    public static final String RATES_CSV = "rates.csv";
    /** File names. */
    public static final String LIMITS_JSON = "limits.json";
    /** The note of a part that was computed. */
    public static final String OK = "ok";
    /** What an unknown value is written as. */
    public static final String UNKNOWN = CellResult.UNKNOWN;
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
     * The limit analysis of one group.
     *
     * @param group            the group id
     * @param tensor           the judged tensor
     * @param biasTensor       its bias counterpart, when the cells have it
     * @param exponent         the rescaling exponent, empty when it could not be determined
     * @param exponentNote     how it was determined, or why not
     * @param convergence      per tensor, empty without an exponent
     * @param roughness        per cell and tensor
     * @param pooled           per tensor, the deepest depth's cells pooled
     * @param trends           per tensor, empty when not available
     * @param trendNote        {@value LimitAnalysis#OK} or why there is no trend
     * @param deltaBar         the constant delta-bar on the trend grid, when it applies
     * @param denoised         per cell and tensor, empty without a trend
     * @param noisePaths       the deepest depth's first cell's noise path per tensor
     * @param rates            log-log fits against depth
     */
    public record GroupLimits(String group, String tensor, Optional<String> biasTensor, OptionalDouble exponent,
                              String exponentNote, List<LimitConvergence> convergence, List<CellRoughness> roughness,
                              List<PooledRoughness> pooled, List<TrendNoiseDecomposition> trends, String trendNote,
                              Optional<SampledPath> deltaBar, List<DenoisedCell> denoised, List<NoisePath> noisePaths,
                              List<RateFit> rates) {
        // Copies.
        public GroupLimits {
            convergence = List.copyOf(convergence);
            roughness = List.copyOf(roughness);
            pooled = List.copyOf(pooled);
            trends = List.copyOf(trends);
            denoised = List.copyOf(denoised);
            noisePaths = List.copyOf(noisePaths);
            rates = List.copyOf(rates);
        }

        /**
         * @param t a tensor
         * @return its convergence, if computed
         */
        public Optional<LimitConvergence> convergenceOf(String t) {
            return convergence.stream().filter(c -> c.tensor().equals(t)).findFirst();
        }

        /**
         * @param t a tensor
         * @return its trend/noise decomposition, if computed
         */
        public Optional<TrendNoiseDecomposition> trendOf(String t) {
            return trends.stream().filter(c -> c.tensor().equals(t)).findFirst();
        }

        /**
         * @param t        a tensor
         * @param quantity a rate quantity, e.g. {@value LimitAnalysis#CONVERGENCE_SUP}
         * @return its fit, if any
         */
        public Optional<ScalingFit> rate(String t, String quantity) {
            return rates.stream().filter(r -> r.tensor().equals(t) && r.quantity().equals(quantity)).findFirst()
                    .map(RateFit::fit);
        }
    }

    /**
     * The roughness of one cell's tensor.
     *
     * @param cell      the cell's id
     * @param depth     L
     * @param seed      the seed, null when unknown
     * @param roughness the measurement
     */
    public record CellRoughness(String cell, int depth, Integer seed, PathRoughness roughness) {
    }

    /**
     * The Hurst exponents of every entry of every cell at the deepest depth, pooled.
     *
     * @param tensor the tensor
     * @param depth  the deepest depth
     * @param cells  the cells pooled
     * @param hurst  the median over all their entries, empty when none has an estimate
     */
    public record PooledRoughness(String tensor, int depth, List<String> cells, Optional<MedianEstimate> hurst) {
        // Copies.
        public PooledRoughness {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One cell's decomposition and losses.
     *
     * @param cell           the cell's id
     * @param depth          L
     * @param seed           the seed, null when unknown
     * @param inTrend        whether the cell is one of the trend cells
     * @param tensor         the tensor of {@link #noise()}
     * @param noise          the noise's quadratic variation and share
     * @param trainLoss      the original network's mean squared error on its training set, recomputed
     * @param denoisedLoss   the denoised network's, on the same set
     * @param finalTrainLoss the final epoch-average training loss from run.json, null when unknown
     * @param lossNote       {@value LimitAnalysis#OK} or why there is no loss
     */
    public record DenoisedCell(String cell, int depth, Integer seed, boolean inTrend, String tensor, NoiseStatistics noise,
                               OptionalDouble trainLoss, OptionalDouble denoisedLoss, Double finalTrainLoss,
                               String lossNote) {
    }

    /**
     * A noise path of one cell.
     *
     * @param tensor the tensor
     * @param cell   the cell's id
     * @param depth  L
     * @param path   {@code W_L(k/L)}, {@code k = 0 .. L}
     */
    public record NoisePath(String tensor, String cell, int depth, SampledPath path) {
    }

    /**
     * A log-log fit against depth of one quantity of the limit analysis.
     *
     * @param tensor   the tensor
     * @param quantity e.g. {@value LimitAnalysis#CONVERGENCE_SUP}
     * @param fit      the fit (slope, OLS and seed-bootstrap intervals)
     */
    public record RateFit(String tensor, String quantity, ScalingFit fit) {
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
                lc.supFit().ifPresent(f -> rates.add(new RateFit(e.getKey(), CONVERGENCE_SUP, f)));
                lc.l2Fit().ifPresent(f -> rates.add(new RateFit(e.getKey(), CONVERGENCE_L2, f)));
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
            CellSettings cs = CellSettings.fromMap(run.settings(), json.toString());
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
        ScalingFit.of(d, v, level).ifPresent(f -> rates.add(new RateFit(t, quantity, f)));
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    // ---------------------------------------------------------------------------------------------- output

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
     * @param formatVersion {@value LimitAnalysis#FORMAT_VERSION}
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
     * Writes every table, limits.json and the curves (see the class comment), each file atomically.
     *
     * @param dir the output directory, conventionally {@code <sweep>/analysis/limits}
     */
    public void write(Path dir) {
        writeConvergence(dir.resolve(CONVERGENCE_CSV));
        writeRoughness(dir.resolve(ROUGHNESS_CSV));
        writeDenoised(dir.resolve(DENOISED_CSV));
        writeRates(dir.resolve(RATES_CSV));
        List<GroupSummary> summaries = new ArrayList<>();
        for (GroupLimits g : groups) {
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
                    : g.convergence().isEmpty() ? "not available: no cell with finite weights" : OK;
            OptionalDouble deltaBar = g.deltaBar().map(p -> OptionalDouble.of(p.values()[0])).orElse(OptionalDouble.empty());
            summaries.add(new GroupSummary(g.group(), g.tensor(), g.biasTensor(), g.exponent(), settings.exponentSource(),
                    g.exponentNote(), convergenceNote, g.trendNote(), trendDepths, trendCells, settings.nTimes(),
                    deltaBar, files));
        }
        LimitsFile file = new LimitsFile(FORMAT_VERSION, directory.toString(), ciLevel, settings, summaries, provenance);
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

    private void writeConvergence(Path file) {
        List<String> cols = List.of("group", "tensor", "depth_a", "depth_b", "rank", "cell_a", "cell_b", "exponent",
                "grid_points", "sup_distance", "l2_distance", "relative_sup", "relative_l2");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : groups) {
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

    private void writeRoughness(Path file) {
        List<String> cols = List.of("group", "scope", "cell", "depth", "seed", "tensor", "exponent",
                "quadratic_variation", "raw_quadratic_variation", "hurst", "hurst_ci_low", "hurst_ci_high",
                "hurst_ci_level", "hurst_q25", "hurst_q75", "holder", "holder_ci_low", "holder_ci_high", "entries",
                "linear_entries", "max_lag", "note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : groups) {
            for (CellRoughness c : g.roughness()) {
                PathRoughness p = c.roughness();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("scope", "cell");
                r.put("cell", c.cell());
                r.put("depth", c.depth());
                r.put("seed", c.seed() == null ? UNKNOWN : c.seed());
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
                r.put("cell", p.cells().isEmpty() ? UNKNOWN : String.join("+", p.cells()));
                r.put("depth", p.depth());
                // every seed of the depth: no single seed (scope says pooled), so an empty field
                r.put("seed", null);
                r.put("tensor", p.tensor());
                r.put("exponent", num(g.exponent()));
                r.put("quadratic_variation", UNKNOWN);
                r.put("raw_quadratic_variation", UNKNOWN);
                putMedian(r, p.hurst(), p.hurst().map(h -> h.capped(1.0)));
                r.put("entries", p.hurst().map(MedianEstimate::n).orElse(0));
                r.put("linear_entries", UNKNOWN);
                r.put("max_lag", UNKNOWN);
                r.put("note", p.hurst().isPresent() ? OK : "not available: no entry of the deepest cells has an estimate");
                rows.add(r);
            }
        }
        csv(file, cols, rows);
    }

    private static void putMedian(Map<String, Object> r, Optional<MedianEstimate> hurst, Optional<MedianEstimate> holder) {
        r.put("hurst", hurst.isPresent() ? (Object) hurst.get().median() : UNKNOWN);
        r.put("hurst_ci_low", hurst.isPresent() ? (Object) hurst.get().ciLow() : UNKNOWN);
        r.put("hurst_ci_high", hurst.isPresent() ? (Object) hurst.get().ciHigh() : UNKNOWN);
        r.put("hurst_ci_level", hurst.isPresent() ? (Object) hurst.get().level() : UNKNOWN);
        r.put("hurst_q25", hurst.isPresent() ? (Object) hurst.get().q25() : UNKNOWN);
        r.put("hurst_q75", hurst.isPresent() ? (Object) hurst.get().q75() : UNKNOWN);
        r.put("holder", holder.isPresent() ? (Object) holder.get().median() : UNKNOWN);
        r.put("holder_ci_low", holder.isPresent() ? (Object) holder.get().ciLow() : UNKNOWN);
        r.put("holder_ci_high", holder.isPresent() ? (Object) holder.get().ciHigh() : UNKNOWN);
    }

    private void writeDenoised(Path file) {
        List<String> cols = List.of("group", "cell", "depth", "seed", "in_trend", "tensor", "exponent", "n_times",
                "noise_quadratic_variation", "raw_noise_quadratic_variation", "noise_fraction", "train_loss",
                "denoised_loss", "final_train_loss", "loss_note");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : groups) {
            for (DenoisedCell c : g.denoised()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("cell", c.cell());
                r.put("depth", c.depth());
                r.put("seed", c.seed() == null ? UNKNOWN : c.seed());
                r.put("in_trend", c.inTrend());
                r.put("tensor", c.tensor());
                r.put("exponent", num(g.exponent()));
                r.put("n_times", settings.nTimes());
                r.put("noise_quadratic_variation", num(c.noise().quadraticVariation()));
                r.put("raw_noise_quadratic_variation", num(c.noise().rawQuadraticVariation()));
                r.put("noise_fraction", num(c.noise().noiseFraction()));
                r.put("train_loss", num(c.trainLoss()));
                r.put("denoised_loss", num(c.denoisedLoss()));
                r.put("final_train_loss", c.finalTrainLoss() == null ? UNKNOWN : c.finalTrainLoss());
                r.put("loss_note", c.lossNote());
                rows.add(r);
            }
        }
        csv(file, cols, rows);
    }

    private void writeRates(Path file) {
        List<String> cols = List.of("group", "tensor", "quantity", "slope", "rate", "stderr", "ci_low", "ci_high", "r2",
                "n_depths", "n_points", "n_dropped", "ci_level", "boot_ci_low", "boot_ci_high", "boot_replicates",
                "n_seeds", "bootstrap", "exponent");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupLimits g : groups) {
            for (RateFit rf : g.rates()) {
                ScalingFit f = rf.fit();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("tensor", rf.tensor());
                r.put("quantity", rf.quantity());
                r.put("slope", f.slope());
                r.put("rate", -f.slope());
                r.put("stderr", f.stderr());
                r.put("ci_low", f.ciLow());
                r.put("ci_high", f.ciHigh());
                r.put("r2", f.r2());
                r.put("n_depths", f.nDepths());
                r.put("n_points", f.nPoints());
                r.put("n_dropped", f.nDropped());
                r.put("ci_level", f.ciLevel());
                r.put("boot_ci_low", f.bootstrap().available() ? (Object) f.bootstrap().ciLow() : UNKNOWN);
                r.put("boot_ci_high", f.bootstrap().available() ? (Object) f.bootstrap().ciHigh() : UNKNOWN);
                r.put("boot_replicates", f.bootstrap().replicates());
                r.put("n_seeds", f.bootstrap().nSeeds());
                r.put("bootstrap", f.bootstrap().note());
                r.put("exponent", num(g.exponent()));
                rows.add(r);
            }
        }
        csv(file, cols, rows);
    }

    private static void csv(Path file, List<String> cols, List<Map<String, Object>> rows) {
        CsvTable.write(file, cols, rows);
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : UNKNOWN;
    }

    private static Object num(OptionalDouble v) {
        return v.isPresent() ? num(v.getAsDouble()) : UNKNOWN;
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
}
