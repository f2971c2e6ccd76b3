package org.rscale.sweeps.inittrain;

import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;

/**
 * {@code init-train/accuracy.csv}: one row per training, in unit order. Owner of the format: writer
 * and typed reader.
 *
 * <pre>
 * init, hurst (empty for iid and smooth), beta, lr, seed, status (finished | diverged), epochs,
 * final_train_loss, test_loss (empty when not finite), test_accuracy
 * </pre>
 */
public final class AccuracyTable {
    /** The header. */
    public static final List<String> COLUMNS = List.of("init", "hurst", "beta", "lr", "seed", "status", "epochs",
            "final_train_loss", "test_loss", "test_accuracy");

    private AccuracyTable() {
    }

    /**
     * One row.
     *
     * @param init           the law
     * @param hurst          H, or NaN
     * @param beta           the exponent
     * @param lr             the initial learning rate
     * @param seed           the seed
     * @param status         finished or diverged
     * @param epochs         epochs run
     * @param finalTrainLoss the last epoch's training loss, NaN if not finite
     * @param testLoss       the final test loss, NaN if not finite
     * @param testAccuracy   the final test accuracy
     */
    public record Row(Initialisation init, double hurst, double beta, double lr, int seed, String status, int epochs,
                      double finalTrainLoss, double testLoss, double testAccuracy) {

        /**
         * @param run a training's result
         * @return its row
         */
        public static Row of(TrainRun run) {
            return new Row(Initialisation.of(run.init()), run.hurst() == null ? Double.NaN : run.hurst(), run.beta(),
                    run.lr(), run.seed(), run.status(), run.epochs(),
                    run.finalTrainLoss() == null ? Double.NaN : run.finalTrainLoss(),
                    run.testLoss() == null ? Double.NaN : run.testLoss(), run.testAccuracy());
        }

        /** @return the line, without newline */
        public String line() {
            return init.key() + "," + CsvTable.number(hurst) + "," + CsvTable.numberOrNan(beta) + ","
                    + CsvTable.numberOrNan(lr) + "," + seed + "," + status + "," + epochs + ","
                    + CsvTable.number(finalTrainLoss) + "," + CsvTable.number(testLoss) + ","
                    + CsvTable.numberOrNan(testAccuracy);
        }
    }

    /** @return the header line */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /**
     * @param file an accuracy table
     * @return its rows
     * @throws org.rscale.sweeps.InvalidInputException naming the file and line of a malformed row
     */
    public static List<Row> read(Path file) {
        return CsvTable.readExactly(file, COLUMNS, AccuracyTable::row);
    }

    private static Row row(CsvRow r) {
        return new Row(Initialisation.of(r.text("init"), r.where()), r.number("hurst"), r.number("beta"), r.number("lr"),
                r.integer("seed"), r.text("status"), r.integer("epochs"), r.number("final_train_loss"),
                r.number("test_loss"), r.number("test_accuracy"));
    }
}
