package org.rscale.sweeps.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * The trained weights of one network as read from a run directory, rscale's own or one written
 * by other software (at least {@code A.npy}; {@code b.npy}, {@code delta.npy} and {@code run.json}
 * optional). Weights are in rscale's {@code A h} convention whatever the file's convention.
 *
 * @param dir            the run directory
 * @param id             its name
 * @param depth          L, the first axis of A.npy
 * @param dim            d
 * @param A              L*d*d values, A_k[i][j] at {@code k d^2 + i d + j}
 * @param b              L*d values, or null when there is no b.npy
 * @param delta          the stored delta (length L or 1), or null when there is no delta.npy
 * @param settings       the settings from run.json (flat keys), empty without run.json
 * @param status         the training status, or {@code unknown} without run.json
 * @param finalTrainLoss the final training loss, or null
 * @param finalTestLoss  the final test loss, or null
 * @param seed           the training seed, or null when unknown
 * @param hasRunJson     whether a run.json was present
 */
public record TrainedRun(Path dir, String id, int depth, int dim, double[] A, double[] b, double[] delta,
                         Map<String, Object> settings, String status, Double finalTrainLoss, Double finalTestLoss,
                         Integer seed, boolean hasRunJson) {

    /** The status of a run without run.json. */
    public static final String UNKNOWN_STATUS = "unknown";

    // Copies the settings map.
    public TrainedRun {
        settings = Map.copyOf(settings);
    }

    /** @return the delta variant from the settings ({@code delta}), or null when unknown */
    public String deltaMode() {
        Object v = settings.get("delta");
        return v == null ? null : v.toString();
    }
}
