package org.rscale.fits.dynamics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rscale.fits.CsvRows;
import org.rscale.fits.StageJson;
import org.rscale.fits.paths.RateFit;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;

/**
 * {@code <sweep>/analysis/limits/dynamics.csv}: one row per network of every group with its hidden-state
 * statistics ({@link NetworkDynamics}); its writer and typed reader. The group fits go to rates.csv
 * ({@link #rates}, tensor {@value SweepDynamics#HIDDEN_STATES}).
 * <pre>
 * group, cell, depth, seed, status, judged, inputs, qv1, qv2, kappa, q, v2, v2_two_step, v2_noise, f, f_source, q_over_f,
 * active_share, e_lin, e_nn, e_sde, e_nonlin, d_seed, d_cons, note
 * </pre>
 * {@code active_share} is empty for activations that are not gated (only ReLU is), and optional on reading (files
 * written before it existed read as NaN).
 * {@code judged} says whether the network entered the fits and levels (measured, its depth in the judged range,
 * trained to convergence or of unknown status unless {@code --include-unconverged}).
 * Missing numbers are empty fields (a diverged cell, a network without sigma'(0), the first depth's D_cons).
 */
public final class DynamicsFiles {
    /** The file name. */
    public static final String NAME = "dynamics.csv";
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("group", "cell", "depth", "seed", "status", "judged", "inputs",
            "qv1", "qv2", "kappa", "q", "v2", "v2_two_step", "v2_noise", "f", "f_source", "q_over_f", "active_share",
            "e_lin", "e_nn", "e_sde", "e_nonlin", "d_seed", "d_cons", "note");
    /** The columns a reader needs: all but the optional {@code active_share}. */
    private static final List<String> REQUIRED = COLUMNS.stream().filter(c -> !c.equals("active_share")).toList();

    private DynamicsFiles() {
    }

    /**
     * A row as read back.
     *
     * @param group   the group id
     * @param judged  whether the network entered the fits and levels
     * @param network its statistics
     */
    public record Row(String group, boolean judged, NetworkDynamics network) {
    }

    /**
     * Writes dynamics.csv.
     *
     * @param d   the hidden-state statistics
     * @param dir the limits directory
     */
    public static void write(SweepDynamics d, Path dir) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupDynamics g : d.groups()) {
            for (NetworkDynamics n : g.networks()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.group());
                r.put("cell", n.cell());
                r.put("depth", n.depth());
                r.put("seed", n.seed());
                r.put("status", n.status());
                r.put("judged", g.judges(n));
                r.put("inputs", n.inputs());
                r.put("qv1", n.qv1());
                r.put("qv2", n.qv2());
                r.put("kappa", n.kappa());
                r.put("q", n.q());
                r.put("v2", n.v2());
                r.put("v2_two_step", n.v2TwoStep());
                r.put("v2_noise", n.v2Noise());
                r.put("f", n.f());
                r.put("f_source", n.fSource());
                r.put("q_over_f", n.qOverF());
                r.put("active_share", n.activeShare());
                r.put("e_lin", n.eLin());
                r.put("e_nn", n.eNn());
                r.put("e_sde", n.eSde());
                r.put("e_nonlin", n.eNonlin());
                r.put("d_seed", n.dSeed());
                r.put("d_cons", n.dCons());
                r.put("note", n.note());
                rows.add(r);
            }
        }
        new CsvRows(COLUMNS, rows).write(dir.resolve(NAME));
    }

    /**
     * The group fits of every group, for {@code fits.paths.RatesFile}.
     *
     * @param d the hidden-state statistics
     * @return group id to its rates, quantities as in {@link SweepDynamics#FIT_KEYS}
     */
    public static Map<String, List<RateFit>> rates(SweepDynamics d) {
        Map<String, List<RateFit>> out = new LinkedHashMap<>();
        for (GroupDynamics g : d.groups()) {
            List<RateFit> r = new ArrayList<>();
            for (String k : SweepDynamics.FIT_KEYS) {
                g.fit(k).ifPresent(f -> r.add(RateFit.of(SweepDynamics.HIDDEN_STATES, k, f)));
            }
            out.put(g.group(), r);
        }
        return out;
    }

    /**
     * Reads dynamics.csv.
     *
     * @param dir the limits directory
     * @return its rows, in file order
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<Row> read(Path dir) {
        return CsvTable.read(dir.resolve(NAME), REQUIRED, StageJson.RUN_FIT_FIRST, DynamicsFiles::row);
    }

    private static Row row(CsvRow r) {
        java.util.OptionalInt seed = r.optionalInteger("seed");
        NetworkDynamics n = new NetworkDynamics(r.text("cell"), r.optionalInteger("depth").orElse(0),
                seed.isPresent() ? seed.getAsInt() : null, r.text("status"), r.optionalInteger("inputs").orElse(0),
                r.number("qv1"), r.number("qv2"), r.number("kappa"), r.number("q"), r.number("v2"),
                r.number("v2_two_step"), r.number("v2_noise"), r.number("f"), r.text("f_source"),
                r.number("q_over_f"), r.number("active_share"), r.number("e_lin"), r.number("e_nn"),
                r.number("e_sde"), r.number("e_nonlin"), r.number("d_seed"), r.number("d_cons"), r.text("note"));
        return new Row(r.text("group"), Boolean.parseBoolean(r.text("judged")), n);
    }
}
