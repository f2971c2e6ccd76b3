package org.rscale.sweeps.initscan;

import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;

/**
 * {@code init/paths.csv}: the initial weights V_k[0, j], j &lt; {@code paths}, of every network along
 * k, unit variance, and their cumulative path. Owner of the format: writer and typed reader.
 *
 * <pre>
 * model, init, hurst, width, depth, draw, entry (j), k, t = (k + 1)/L,
 * weight   w_k = sqrt(d) V_k[0, j]                 (unit variance under every law)
 * path     L^-H sum_{i &lt;= k} w_i                   (the path at t; H the Hurst index for fbm,
 *                                                   1/2 for iid, 1 for smooth)
 * </pre>
 *
 * For fbm the path is a sample of fractional Brownian motion on [0, 1] with unit variance at t = 1
 * (the reference code's {@code generate_fbm}: {@code cumsum(fGn) N^-H}); for iid a random walk
 * scaled to Brownian motion; for smooth weights the Riemann sums of the process.
 */
public final class PathsTable {
    /** The header. */
    public static final List<String> COLUMNS = List.of("model", "init", "hurst", "width", "depth", "draw", "entry", "k",
            "t", "weight", "path");

    private PathsTable() {
    }

    /**
     * One row.
     *
     * @param model  res-1 or res-3
     * @param init   iid, smooth or fbm
     * @param hurst  H, or NaN
     * @param width  d
     * @param depth  L
     * @param draw   the network's draw index
     * @param entry  j of V_k[0, j]
     * @param k      the layer
     * @param t      (k + 1)/L
     * @param weight sqrt(d) V_k[0, j]
     * @param path   L^-H sum_{i &lt;= k} w_i
     */
    public record Row(BranchModel model, Initialisation init, double hurst, int width, int depth, int draw, int entry,
                      int k, double t, double weight, double path) {

        /** @return the line, without newline */
        public String line() {
            return model.key() + "," + init.key() + "," + CsvTable.number(hurst) + "," + width + "," + depth + ","
                    + draw + "," + entry + "," + k + "," + CsvTable.numberOrNan(t) + "," + CsvTable.numberOrNan(weight)
                    + "," + CsvTable.numberOrNan(path);
        }
    }

    /**
     * The exponent of the path's normalisation L^-H.
     *
     * @param init  the law
     * @param hurst H for fbm
     * @return H for fbm, 1/2 for iid, 1 for smooth
     */
    public static double pathExponent(Initialisation init, double hurst) {
        switch (init) {
            case FBM: return hurst;
            case IID: return 0.5;
            case SMOOTH: return 1.0;
            default: throw new IllegalArgumentException("no path exponent for " + init.key());
        }
    }

    /** @return the header line, without newline */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /**
     * @param file a paths table
     * @return its rows, in file order
     * @throws org.rscale.sweeps.InvalidInputException naming the file and line of a malformed row
     */
    public static List<Row> read(Path file) {
        return CsvTable.readExactly(file, COLUMNS, PathsTable::row);
    }

    private static Row row(CsvRow r) {
        String where = r.where();
        return new Row(BranchModel.of(r.text("model"), where), Initialisation.of(r.text("init"), where),
                r.number("hurst"), r.integer("width"), r.integer("depth"), r.integer("draw"), r.integer("entry"),
                r.integer("k"), r.number("t"), r.number("weight"), r.number("path"));
    }
}
