package org.rscale.sweeps.inittrain;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * {@code result.json} of one training: what was trained and how it ended. Losses that are not finite
 * are {@code null}.
 *
 * @param formatVersion  1
 * @param index          the unit's index
 * @param init           iid, smooth or fbm
 * @param hurst          H, null for iid and smooth
 * @param beta           the exponent of alpha = L^-beta
 * @param lr             Adam's initial learning rate
 * @param seed           the seed
 * @param status         {@code finished}, or {@code diverged} (a non-finite training loss; training stopped)
 * @param epochs         epochs run
 * @param steps          Adam steps taken
 * @param finalTrainLoss the last epoch's mean training loss (over its batches, weighted by size)
 * @param testLoss       the final test loss
 * @param testAccuracy   the final test accuracy, in [0, 1]
 * @param trainSize      training samples
 * @param testSize       test samples
 * @param seconds        thread seconds of the training
 * @param provenance     where it ran
 */
public record TrainRun(int formatVersion, int index, String init, Double hurst, double beta, double lr, int seed,
                       String status, int epochs, long steps, Double finalTrainLoss, Double testLoss,
                       double testAccuracy, int trainSize, int testSize, double seconds, Provenance provenance) {

    /** The current format version. */
    public static final int FORMAT_VERSION = 1;
    /** A training that ran all its epochs. */
    public static final String FINISHED = "finished";
    /** A training whose loss became NaN or infinite. */
    public static final String DIVERGED = "diverged";

    /**
     * @param file a result.json
     * @return the record
     * @throws InvalidInputException if it is missing or malformed
     */
    public static TrainRun read(Path file) {
        try {
            return DataFormats.json().readValue(file.toFile(), TrainRun.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidInputException(file + ": not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a training result ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /**
     * @param v a number
     * @return it, or null when not finite
     */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
