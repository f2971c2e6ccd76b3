package org.rscale.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.dynamics.DynamicsFiles;
import org.rscale.fits.dynamics.NetworkDynamics;
import org.rscale.fits.dynamics.SweepDynamics;
import org.rscale.fits.paths.RatesFile;

/**
 * The figures of the hidden-state statistics ({@code rscale fit}), drawn from {@code dynamics.csv} and
 * {@code rates.csv} through their readers (nothing is recomputed), per group under {@code <figures>/<group>/},
 * PNG and SVG; only the networks in the judged depth range, the ones the fits use:
 * <pre>
 * dynamics_variation   QV1, q = 2 QV1 - QV2 (diffusion), v2 (drift energy) and the fit floor f against depth,
 *                      log-log, with the fitted lines and slopes of QV1, q and v2
 * dynamics_gating      (gated activations: ReLU) q, the share of units on and q per unit on against depth, log-log,
 *                      with fitted lines: whether a decaying diffusion is one whose units are being switched off
 * dynamics_kappa       the coherence kappa = QV2/QV1 against depth (log depth, linear kappa) with the thresholds
 *                      smooth (1.75) and rough (1.25)
 * dynamics_errors      e_lin, e_nn (distances to the own-coefficient linear and nonlinear networks), e_nonlin (to the
 *                      network's own linearisation) and e_sde (to the rough-part SDE; one series with e_nonlin
 *                      when the two coincide, sigma''(0) = 0 as for tanh)
 *                      against depth, log-log with fitted lines, and sqrt(f)/10, the level under which a candidate
 *                      matches
 * dynamics_spread      D_cons (consecutive depths) and D_seed (seeds at one depth) against depth, with fitted lines
 * </pre>
 */
public final class DynamicsFigures {
    private DynamicsFigures() {
    }

    /**
     * @param limitsDir a limits directory
     * @return whether it holds hidden-state statistics
     */
    public static boolean available(Path limitsDir) {
        return Files.isRegularFile(limitsDir.resolve(DynamicsFiles.NAME));
    }

    /**
     * Draws every group's figures.
     *
     * @param analysis  the sweep analysis (the groups and their titles)
     * @param limitsDir the limits directory
     * @param dir       the figures directory
     * @return the files written and the notes
     */
    public static SweepFigures.Drawn draw(SweepAnalysis analysis, Path limitsDir, Path dir) {
        return draw(analysis, limitsDir, dir, FigureOptions.DEFAULTS);
    }

    /**
     * Draws every group's figures.
     *
     * @param analysis  the sweep analysis (the groups and their titles)
     * @param limitsDir the limits directory
     * @param dir       the figures directory
     * @param options   formats, width, titles
     * @return the files written and the notes
     */
    public static SweepFigures.Drawn draw(SweepAnalysis analysis, Path limitsDir, Path dir, FigureOptions options) {
        PaperStyle style = options.style();
        Set<FigureOptions.Format> formats = options.formats();
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<DynamicsFiles.Row> rows = DynamicsFiles.read(limitsDir);
        List<RatesFile.Row> rates = RatesFile.read(limitsDir);
        DynamicsCriteria c = DynamicsCriteria.defaults();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            String id = g.group().id();
            String title = options.titles() ? SweepFigures.title(g.group().settings(), id) : "";
            List<NetworkDynamics> nets = rows.stream().filter(r -> r.group().equals(id) && r.judged())
                    .map(DynamicsFiles.Row::network).toList();
            if (nets.isEmpty()) {
                notes.add(id + ": no hidden-state statistics in the judged range");
                continue;
            }
            Path out = dir.resolve(id);
            draw(files, notes, id, out, formats, "dynamics_variation", () -> scaling(style, title, "QV1, q, v2, f of h_k", List.of(
                    series("QV1", nets, NetworkDynamics::qv1, rates, id, "qv1"),
                    series("q (diffusion)", nets, NetworkDynamics::q, rates, id, "q"),
                    series("v2 (drift)", nets, NetworkDynamics::v2, rates, id, "v2"),
                    series("f (fit floor)", nets, NetworkDynamics::f, rates, id, ""))));
            if (nets.stream().anyMatch(n -> Double.isFinite(n.activeShare()))) {
                draw(files, notes, id, out, formats, "dynamics_gating", () -> scaling(style, title,
                        "q and the share of units on", List.of(
                                series("q (diffusion)", nets, NetworkDynamics::q, rates, id, "q"),
                                series("share of units on", nets, NetworkDynamics::activeShare, rates, id,
                                        "active_share"),
                                series("q / share (per unit on)", nets, n -> n.q() / n.activeShare(), rates, id,
                                        "q_per_active"))));
            }
            draw(files, notes, id, out, formats, "dynamics_kappa", () -> new LevelFigure(title,
                    "\u03BA = QV2/QV1 of h_k", "\u03BA of each network", depths(nets), values(nets, NetworkDynamics::kappa),
                    List.of(new LevelFigure.Threshold("smooth from " + c.smoothKappa(), c.smoothKappa()),
                            new LevelFigure.Threshold("rough up to " + c.roughKappa(), c.roughKappa())), 1, 2).draw(style));
            draw(files, notes, id, out, formats, "dynamics_errors", () -> scaling(style, title, "distance to h_k", List.of(
                    series("e_lin", nets, NetworkDynamics::eLin, rates, id, "e_lin"),
                    series("e_nn", nets, NetworkDynamics::eNn, rates, id, "e_nn"),
                    series(sameSdeAndLinearised(nets) ? "e_nonlin = e_sde (\u03C3''(0) = 0)" : "e_nonlin", nets,
                            NetworkDynamics::eNonlin, rates, id, "e_nonlin"),
                    sameSdeAndLinearised(nets) ? Optional.empty()
                            : series("e_sde", nets, NetworkDynamics::eSde, rates, id, "e_sde"),
                    series("\u221Af / 10", nets, n -> Math.sqrt(n.f()) / 10, rates, id, ""))));
            draw(files, notes, id, out, formats, "dynamics_spread", () -> scaling(style, title, "spread of h(t)", List.of(
                    series("D_cons", nets, NetworkDynamics::dCons, rates, id, "d_cons"),
                    series("D_seed", nets, NetworkDynamics::dSeed, rates, id, "d_seed"))));
        }
        return new SweepFigures.Drawn(files, notes);
    }

    /**
     * @param nets the networks
     * @return whether every network's rough-part SDE is its own linearisation (sigma''(0) = 0, e.g. tanh): then one
     *         series stands for both
     */
    private static boolean sameSdeAndLinearised(List<NetworkDynamics> nets) {
        for (NetworkDynamics n : nets) {
            if (!(Double.compare(n.eSde(), n.eNonlin()) == 0
                    || Math.abs(n.eSde() - n.eNonlin()) <= 1e-12 * Math.abs(n.eNonlin()))) {
                return false;
            }
        }
        return true;
    }

    /** A figure, or why it cannot be drawn. */
    private interface Builder {
        Figure build();
    }

    private static void draw(List<Path> files, List<String> notes, String group, Path out,
                             Set<FigureOptions.Format> formats, String name, Builder b) {
        Figure f;
        try {
            f = b.build();
        } catch (IllegalArgumentException e) {
            notes.add(group + ": " + name + " not drawn: " + e.getMessage());
            return;
        }
        files.addAll(FigureFiles.write(f, out, name, formats));
        for (String n : f.notes()) {
            notes.add(group + ": " + name + ": " + n);
        }
    }

    private static Figure scaling(PaperStyle style, String title, String yTitle,
                                  List<Optional<ScalingFigure.Series>> series) {
        List<ScalingFigure.Series> kept = new ArrayList<>();
        for (Optional<ScalingFigure.Series> s : series) {
            s.ifPresent(kept::add);
        }
        Figure f = new ScalingFigure(title, "h_k", kept).draw(style);
        f.chart().setYAxisTitle(yTitle);
        return f;
    }

    /** The series of one statistic over the networks, with its fit from rates.csv (key empty: no line). */
    private static Optional<ScalingFigure.Series> series(String label, List<NetworkDynamics> nets,
                                                         ToDoubleFunction<NetworkDynamics> value,
                                                         List<RatesFile.Row> rates, String group, String key) {
        // a statistic that is undefined for a network (D_seed of the lowest seed, e_lin without sigma'(0)) is left
        // out here, not counted as omitted from the logarithmic axis
        List<NetworkDynamics> defined = nets.stream().filter(n -> !Double.isNaN(value.applyAsDouble(n))).toList();
        double[] x = depths(defined);
        double[] y = values(defined, value);
        boolean any = false;
        for (double v : y) {
            any |= Double.isFinite(v) && v > 0;
        }
        if (!any) {
            return Optional.empty();
        }
        Optional<ScalingFit> fit = key.isEmpty() ? Optional.empty()
                : RatesFile.find(rates, group, SweepDynamics.HIDDEN_STATES, key);
        return Optional.of(fit.isPresent() ? ScalingFigure.Series.of(label, x, y, LimitFigures.line(fit.get()))
                : ScalingFigure.Series.of(label, x, y));
    }

    private static double[] depths(List<NetworkDynamics> nets) {
        double[] x = new double[nets.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = nets.get(i).depth();
        }
        return x;
    }

    private static double[] values(List<NetworkDynamics> nets, ToDoubleFunction<NetworkDynamics> value) {
        double[] y = new double[nets.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = value.applyAsDouble(nets.get(i));
        }
        return y;
    }
}
