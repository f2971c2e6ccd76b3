package org.rscale.fits.dynamics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The hidden-state statistics of a sweep (VERDICT.md, "Per-network statistics" and "Group fits"): every cell of
 * every group re-read from disk one at a time and measured ({@link NetworkDynamics#measure}) on the group's probe
 * inputs ({@link ProbeInputs}); the trajectory spreads; the group fits and the deepest-third levels
 * ({@link GroupDynamics}).
 *
 * <p><b>Cells.</b> Diverged cells are not measured: they get a row saying so and are counted. A network whose
 * hidden states are not finite, or whose width differs from the group's, likewise. Every other cell is measured,
 * whatever its depth; only the networks in the range that trained to convergence (or whose status is unknown)
 * enter the fits and levels, unless {@link DynamicsSettings#includeUnconverged()}.
 *
 * <p><b>Spreads.</b> Within a group the networks come in depth then seed order; the rank of a network is its
 * position among its depth's measured networks (0 = lowest seed). {@code D_seed} of a network of rank
 * {@code r > 0} is the sup distance between its trajectory and the rank-0 network's at the same depth;
 * {@code D_cons} of a network of rank {@code r} is the sup distance to the rank-{@code r} network of the
 * previous measured depth (one chain per rank, as convergence.csv). Sup distance: the largest
 * {@code |h^a(t_g) - h^b(t_g)|} over the probe inputs and the grid {@code t_g = g/(G-1)}.
 *
 * <p><b>Deepest third.</b> The {@code ceil(n/3)} deepest of the {@code n} distinct depths of the measured
 * networks in the range ({@link org.rscale.fits.DynamicsCriteria#deepestFraction()}); medians with their
 * order-statistic intervals ({@link MedianEstimate}), maxima as plain values.
 *
 * @param directory  the sweep directory
 * @param settings   the settings
 * @param ciLevel    the level of every interval
 * @param groups     one result per group, in the analysis' order
 * @param provenance where and when it ran
 */
public record SweepDynamics(Path directory, DynamicsSettings settings, double ciLevel, List<GroupDynamics> groups,
                            Provenance provenance) {
    /** The tensor name of the hidden-state rates in rates.csv. */
    public static final String HIDDEN_STATES = "hidden_states";
    /** Fit keys, in rates.csv order. */
    public static final List<String> FIT_KEYS = List.of("qv1", "q", "v2", "e_lin", "e_nn", "e_sde", "e_nonlin", "d_cons",
            "d_seed", "active_share", "q_per_active");

    /** Copies. */
    public SweepDynamics {
        groups = List.copyOf(groups);
    }

    /**
     * Measures every group.
     *
     * @param analysis        the sweep analysis (groups and cells)
     * @param settings        the settings
     * @param deepestFraction the share of the deepest depths the levels use
     * @return the statistics
     * @throws InvalidInputException when a run directory can no longer be read
     */
    public static SweepDynamics of(SweepAnalysis analysis, DynamicsSettings settings, double deepestFraction) {
        Instant started = Instant.now();
        DataSource data = new DataSource();
        List<GroupDynamics> out = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            out.add(group(g, settings, analysis.level(), deepestFraction, data));
        }
        return new SweepDynamics(analysis.dir(), settings, analysis.level(), out,
                Provenance.here("none", "float64", false, "cpu", started, Instant.now()));
    }

    /** @return the groups by id */
    public Map<String, GroupDynamics> byGroup() {
        Map<String, GroupDynamics> m = new TreeMap<>();
        for (GroupDynamics g : groups) {
            m.put(g.group(), g);
        }
        return m;
    }

    private static GroupDynamics group(SweepAnalysis.GroupAnalysis g, DynamicsSettings s, double level,
                                       double deepestFraction, DataSource data) {
        String id = g.group().id();
        List<String> notes = new ArrayList<>();
        List<NetworkDynamics> rows = new ArrayList<>();
        CellResult firstFitted = g.group().cells().stream().filter(CellResult::fitted).findFirst().orElse(null);
        if (firstFitted == null) {
            for (CellResult c : g.group().cells()) {
                rows.add(NetworkDynamics.notMeasured(c.id(), c.depth(), c.seed(), c.status(), NetworkDynamics.DIVERGED));
            }
            notes.add("every cell diverged: nothing measured");
            return empty(id, s, rows, notes);
        }
        TrainedRun first = RunDirectory.read(firstFitted.dir());
        int d = first.dim();
        Activation sigma = RunNetworks.activation(first, s.foreignActivation());
        String activationSource = first.settings().containsKey("activation") ? "run.json"
                : "foreign weights: --activation (default " + s.foreignActivation().key() + ")";
        ProbeInputs in = ProbeInputs.of(first, id, d, s.samples(), s.seed(), data);

        List<double[]> previous = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        int currentDepth = -1;
        for (CellResult c : g.group().cells()) {
            if (!c.fitted()) {
                rows.add(NetworkDynamics.notMeasured(c.id(), c.depth(), c.seed(), c.status(), NetworkDynamics.DIVERGED));
                continue;
            }
            TrainedRun run = RunDirectory.read(c.dir());
            if (run.dim() != d) {
                rows.add(NetworkDynamics.notMeasured(c.id(), c.depth(), c.seed(), c.status(),
                        "width " + run.dim() + " differs from the group's " + d + ": left out"));
                continue;
            }
            ResidualNet net = RunNetworks.network(run, sigma);
            NetworkDynamics.Measured m = NetworkDynamics.measure(net, c.id(), c.seed(), c.status(), in, s.modes(),
                    s.blocks(), s.gridPoints());
            if (m.trajectories() == null) {
                rows.add(m.row());
                continue;
            }
            if (c.depth() != currentDepth) {
                if (!current.isEmpty()) {
                    previous = current;
                }
                current = new ArrayList<>();
                currentDepth = c.depth();
            }
            int rank = current.size();
            double dSeed = rank > 0 ? supDistance(m.trajectories(), current.get(0), d) : Double.NaN;
            double dCons = rank < previous.size() && !previous.isEmpty()
                    ? supDistance(m.trajectories(), previous.get(rank), d) : Double.NaN;
            current.add(m.trajectories());
            rows.add(m.row().withSpreads(dSeed, dCons));
        }
        long lost = rows.stream().filter(r -> !r.measured() && !NetworkDynamics.DIVERGED.equals(r.note())).count();
        long diverged = rows.stream().filter(r -> NetworkDynamics.DIVERGED.equals(r.note())).count();
        if (diverged > 0) {
            notes.add(diverged + " diverged cells left out");
        }
        if (lost > 0) {
            notes.add(lost + " cells not measured (non-finite hidden states or another width)");
        }

        List<NetworkDynamics> judged = rows.stream().filter(r -> r.measured() && s.range().contains(r.depth())
                && (s.includeUnconverged() || GroupDynamics.trained(r.status()))).toList();
        long unconverged = rows.stream().filter(r -> r.measured() && s.range().contains(r.depth())
                && !GroupDynamics.trained(r.status())).count();
        if (unconverged > 0) {
            notes.add(unconverged + " unconverged networks in the range " + (s.includeUnconverged()
                    ? "judged with the others (--include-unconverged)" : "measured but not judged"));
        }
        TreeSet<Integer> depthSet = new TreeSet<>();
        for (NetworkDynamics r : judged) {
            depthSet.add(r.depth());
        }
        List<Integer> depths = new ArrayList<>(depthSet);
        int keep = (int) Math.ceil(depths.size() * deepestFraction);
        List<Integer> deepest = depths.subList(depths.size() - keep, depths.size());
        List<NetworkDynamics> deep = judged.stream().filter(r -> deepest.contains(r.depth())).toList();

        Map<String, ScalingFit> fits = new LinkedHashMap<>();
        fit(fits, "qv1", judged, NetworkDynamics::qv1, level);
        fit(fits, "q", judged, NetworkDynamics::q, level);
        fit(fits, "v2", judged, NetworkDynamics::v2, level);
        fit(fits, "e_lin", judged, NetworkDynamics::eLin, level);
        fit(fits, "e_nn", judged, NetworkDynamics::eNn, level);
        fit(fits, "e_sde", judged, NetworkDynamics::eSde, level);
        fit(fits, "e_nonlin", judged, NetworkDynamics::eNonlin, level);
        fit(fits, "d_cons", judged, NetworkDynamics::dCons, level);
        fit(fits, "d_seed", judged, NetworkDynamics::dSeed, level);
        // gated activations: the share of units on, and the diffusion per unit on (NaN, so no fit, otherwise)
        fit(fits, "active_share", judged, NetworkDynamics::activeShare, level);
        fit(fits, "q_per_active", judged, r -> r.q() / r.activeShare(), level);

        String fSource = in.hasTargets() ? NetworkDynamics.F_TARGETS : NetworkDynamics.F_SCALE;
        if (!in.hasTargets()) {
            notes.add("no training targets for these weights: f is the scale mean |h_L|^2");
        }
        return new GroupDynamics(id, sigma.key(), activationSource, in.source(), fSource, s.range(),
                s.includeUnconverged(), depths,
                List.copyOf(deepest), rows, fits,
                median(deep, NetworkDynamics::kappa, level),
                median(deep, NetworkDynamics::qOverF, level),
                max(deep, NetworkDynamics::qOverF),
                median(deep, r -> r.v2() / r.v2Noise(), level),
                median(deep, r -> r.eLin() / Math.sqrt(r.f()), level),
                median(deep, r -> r.eNn() / Math.sqrt(r.f()), level),
                median(deep, r -> r.eNonlin() / Math.sqrt(r.f()), level),
                median(deep, r -> r.eSde() / r.eNn(), level),
                max(deep, r -> r.dCons() / r.dSeed()), notes);
    }

    private static GroupDynamics empty(String id, DynamicsSettings s, List<NetworkDynamics> rows, List<String> notes) {
        return new GroupDynamics(id, s.foreignActivation().key(), "unknown", "none", "", s.range(),
                s.includeUnconverged(), List.of(),
                List.of(), rows, Map.of(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), notes);
    }

    private static void fit(Map<String, ScalingFit> fits, String key, List<NetworkDynamics> rows,
                            ToDoubleFunction<NetworkDynamics> value, double level) {
        int[] depths = new int[rows.size()];
        double[] values = new double[rows.size()];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = rows.get(i).depth();
            values[i] = value.applyAsDouble(rows.get(i));
        }
        ScalingFit.of(depths, values, level).ifPresent(f -> fits.put(key, f));
    }

    private static Optional<MedianEstimate> median(List<NetworkDynamics> rows, ToDoubleFunction<NetworkDynamics> value,
                                                   double level) {
        double[] v = finiteValues(rows, value);
        return v.length == 0 ? Optional.empty() : Optional.of(MedianEstimate.of(v, level));
    }

    private static OptionalDouble max(List<NetworkDynamics> rows, ToDoubleFunction<NetworkDynamics> value) {
        double[] v = finiteValues(rows, value);
        if (v.length == 0) {
            return OptionalDouble.empty();
        }
        double m = v[0];
        for (double x : v) {
            m = Math.max(m, x);
        }
        return OptionalDouble.of(m);
    }

    private static double[] finiteValues(List<NetworkDynamics> rows, ToDoubleFunction<NetworkDynamics> value) {
        List<Double> out = new ArrayList<>();
        for (NetworkDynamics r : rows) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The largest distance between two trajectory sets on the same grid.
     *
     * @param a n*G*d values
     * @param b n*G*d values
     * @param d the width
     * @return {@code max_{input, g} |a - b|}
     */
    static double supDistance(double[] a, double[] b, int d) {
        double best = 0;
        for (int p = 0; p < a.length; p += d) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double x = a[p + i] - b[p + i];
                s += x * x;
            }
            best = Math.max(best, s);
        }
        return Math.sqrt(best);
    }
}
