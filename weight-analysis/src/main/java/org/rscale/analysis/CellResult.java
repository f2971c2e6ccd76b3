package org.rscale.analysis;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the analysis keeps of one trained network once its weights are read: identity, training
 * outcome and the statistics of each of its tensors. The weights themselves are dropped.
 *
 * @param dir            its run directory
 * @param id             the directory name
 * @param depth          L
 * @param seed           the training seed, or null when unknown (foreign weights without run.json)
 * @param status         converged, stalled, max-epochs, diverged, or {@code unknown}
 * @param finalTrainLoss the final training loss, or null
 * @param finalTestLoss  the final test loss, or null
 * @param settings       the cell's settings without depth and seed (empty when unknown)
 * @param statistics     tensor name to its statistics ({@code A}, {@code b}, {@code delta}, {@code delta_A}, {@code delta_b})
 */
public record CellResult(Path dir, String id, int depth, Integer seed, String status, Double finalTrainLoss,
                         Double finalTestLoss, Map<String, Object> settings, Map<String, WeightStatistics> statistics) {
    /** Status of a training that diverged; such cells are left out of the fits. */
    public static final String DIVERGED = "diverged";
    /** Status of a training that converged. */
    public static final String CONVERGED = "converged";
    /** Status of a run without run.json. */
    public static final String UNKNOWN = "unknown";

    // Copies the maps in their order: statistics.csv and fits.csv list tensors in it, so two analyses of the
    // same weights write the same bytes (Map.copyOf iterates in an order salted per JVM)
    public CellResult {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    }

    /** @return whether the cell enters the fits (it did not diverge) */
    public boolean fitted() {
        return !DIVERGED.equals(status);
    }
}
