package org.rscale.sweeps.initscan;

import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;

/**
 * {@code init/ratios.csv} (and each unit's part of it): one row per (network, beta, input), the
 * four ratios of the JMLR initialisation study. Owner of the format: writer and typed reader.
 *
 * <pre>
 * model, init, hurst, width, depth, beta, draw, input,
 * output_ratio     ||h_L|| / ||h_0||
 * output_change    ||h_L - h_0|| / ||h_0||
 * gradient_ratio   ||dl/dh_0|| / ||dl/dh_L||
 * gradient_change  ||dl/dh_L - dl/dh_0|| / ||dl/dh_L||
 * </pre>
 *
 * The lines are written here, read by {@link CsvTable#readExactly}. Numbers are the shortest decimal that
 * round-trips ({@link CsvTable#number}); {@code hurst} is empty for iid and smooth networks (it does not apply); a
 * ratio that overflowed is {@code inf}, one that is undefined {@code nan} ({@link CsvTable#numberOrNan}: never
 * dropped, never empty), so numpy and pandas read every ratio back exactly.
 */
public final class RatiosTable {
    /** The header. */
    public static final List<String> COLUMNS = List.of("model", "init", "hurst", "width", "depth", "beta", "draw",
            "input", "output_ratio", "output_change", "gradient_ratio", "gradient_change");

    private RatiosTable() {
    }

    /**
     * One row.
     *
     * @param model          res-1 or res-3
     * @param init           iid, smooth or fbm
     * @param hurst          H, or NaN for iid and smooth
     * @param width          d
     * @param depth          L
     * @param beta           the exponent of alpha = L^-beta
     * @param draw           the network's draw index
     * @param input          the input's index
     * @param outputRatio    ||h_L|| / ||h_0||
     * @param outputChange   ||h_L - h_0|| / ||h_0||
     * @param gradientRatio  ||g_0|| / ||g_L||
     * @param gradientChange ||g_L - g_0|| / ||g_L||
     */
    public record Row(BranchModel model, Initialisation init, double hurst, int width, int depth, double beta, int draw,
                      int input, double outputRatio, double outputChange, double gradientRatio, double gradientChange) {

        /** @return the line, without newline */
        public String line() {
            return model.key() + "," + init.key() + "," + CsvTable.number(hurst) + "," + width + "," + depth + ","
                    + CsvTable.numberOrNan(beta) + "," + draw + "," + input + "," + CsvTable.numberOrNan(outputRatio)
                    + "," + CsvTable.numberOrNan(outputChange) + "," + CsvTable.numberOrNan(gradientRatio) + ","
                    + CsvTable.numberOrNan(gradientChange);
        }
    }

    /** @return the header line, without newline */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /**
     * @param file a ratios table
     * @return its rows, in file order
     * @throws org.rscale.sweeps.InvalidInputException naming the file and line of a malformed row
     */
    public static List<Row> read(Path file) {
        return CsvTable.readExactly(file, COLUMNS, RatiosTable::row);
    }

    private static Row row(CsvRow r) {
        String where = r.where();
        return new Row(BranchModel.of(r.text("model"), where), Initialisation.of(r.text("init"), where),
                r.number("hurst"), r.integer("width"), r.integer("depth"), r.number("beta"), r.integer("draw"),
                r.integer("input"), r.number("output_ratio"), r.number("output_change"), r.number("gradient_ratio"),
                r.number("gradient_change"));
    }
}
