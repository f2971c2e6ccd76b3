package org.rscale.fits.paths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.BootstrapInterval;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.CsvRows;
import org.rscale.fits.StageJson;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;

/**
 * {@code analysis/limits/rates.csv}: every log-log fit against depth of the limit fit, one row per group, tensor
 * and quantity; the one writer and typed reader of the file. The limit analysis contributes the convergence and
 * quadratic-variation rates of its tensors, the comparison the candidates' error rates, the hidden-state
 * statistics theirs (tensor {@code hidden_states}); {@code rscale fit} writes them together.
 *
 * <pre>
 * group, tensor, quantity, slope, rate (= -slope), stderr, ci_low, ci_high, r2, n_depths, n_points, n_dropped,
 * ci_level, boot_ci_low, boot_ci_high, boot_replicates, n_seeds, bootstrap, exponent, intercept
 * </pre>
 * Missing numbers (a bootstrap with one seed per depth, a quantity without a rescaling exponent) are empty fields.
 */
public final class RatesFile {
    /** The file name. */
    public static final String NAME = "rates.csv";
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("group", "tensor", "quantity", "slope", "rate", "stderr",
            "ci_low", "ci_high", "r2", "n_depths", "n_points", "n_dropped", "ci_level", "boot_ci_low", "boot_ci_high",
            "boot_replicates", "n_seeds", "bootstrap", "exponent", "intercept");

    private RatesFile() {
    }

    /**
     * A rate as read back.
     *
     * @param group the group id
     * @param rate  the rate (its fit carries the OLS numbers and the bootstrap bounds, not the replicates' seed)
     */
    public record Row(String group, RateFit rate) {
    }

    /**
     * Writes the rates of every group.
     *
     * @param dir   the limits directory
     * @param rates group id to its rates, in order
     */
    public static void write(Path dir, Map<String, List<RateFit>> rates) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<RateFit>> g : rates.entrySet()) {
            for (RateFit rf : g.getValue()) {
                ScalingFit f = rf.fit();
                BootstrapInterval b = f.bootstrap();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", g.getKey());
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
                r.put("boot_ci_low", b.available() ? b.ciLow() : Double.NaN);
                r.put("boot_ci_high", b.available() ? b.ciHigh() : Double.NaN);
                r.put("boot_replicates", b.replicates());
                r.put("n_seeds", b.nSeeds());
                r.put("bootstrap", b.note());
                r.put("exponent", rf.exponent());
                r.put("intercept", f.intercept());
                rows.add(r);
            }
        }
        new CsvRows(COLUMNS, rows).write(dir.resolve(NAME));
    }

    /**
     * Reads every rate.
     *
     * @param dir the limits directory
     * @return the rows, in file order
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<Row> read(Path dir) {
        return CsvTable.read(dir.resolve(NAME), COLUMNS, StageJson.RUN_FIT_FIRST, RatesFile::row);
    }

    private static Row row(CsvRow r) {
        double level = r.number("ci_level");
        double lo = r.number("boot_ci_low");
        double hi = r.number("boot_ci_high");
        int reps = r.optionalInteger("boot_replicates").orElse(0);
        int seeds = r.optionalInteger("n_seeds").orElse(0);
        BootstrapInterval b = Double.isFinite(lo) && Double.isFinite(hi) && reps > 0
                ? new BootstrapInterval(true, r.text("bootstrap"), lo, hi, level, reps, seeds, 0L)
                : BootstrapInterval.notAvailable(r.text("bootstrap").isEmpty() ? BootstrapInterval.NOT_COMPUTED
                : r.text("bootstrap"), level, seeds);
        ScalingFit f = new ScalingFit(r.number("slope"), r.number("intercept"), r.number("stderr"),
                r.number("ci_low"), r.number("ci_high"), level, r.number("r2"), r.optionalInteger("n_points").orElse(0),
                r.optionalInteger("n_depths").orElse(0), r.optionalInteger("n_dropped").orElse(0), b);
        double e = r.number("exponent");
        return new Row(r.text("group"), new RateFit(r.text("tensor"), r.text("quantity"), f,
                Double.isFinite(e) ? OptionalDouble.of(e) : OptionalDouble.empty()));
    }

    /**
     * @param rows     rows read by {@link #read}
     * @param group    a group
     * @param tensor   a tensor
     * @param quantity a quantity
     * @return that rate's fit, if present
     */
    public static Optional<ScalingFit> find(List<Row> rows, String group, String tensor, String quantity) {
        for (Row r : rows) {
            if (r.group().equals(group) && r.rate().tensor().equals(tensor) && r.rate().quantity().equals(quantity)) {
                return Optional.of(r.rate().fit());
            }
        }
        return Optional.empty();
    }
}
