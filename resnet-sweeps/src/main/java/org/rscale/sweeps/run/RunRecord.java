package org.rscale.sweeps.run;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.rscale.sweeps.data.DataProvenance;
import org.rscale.sweeps.model.ConvArchitecture;

/**
 * The content of a cell's {@code run.json}, the last file written into a run directory (so its
 * presence marks the directory complete). Keys are written in snake_case, sorted.
 *
 * <p>Losses that are not finite (a diverged training) are written as {@code null}; the status
 * says why.
 *
 * @param formatVersion  the run-format version, {@value #FORMAT_VERSION}
 * @param cellId         the cell's id (its directory name)
 * @param sweep          the sweep's name
 * @param settings       every setting of the cell, flat keys as in the configuration, with depth and seed
 * @param status         converged, stalled, max-epochs or diverged
 * @param epochs         epochs completed
 * @param finalTrainLoss the last epoch-average training loss, null if not finite
 * @param finalTestLoss  the last test loss, null if not finite
 * @param bestTrainLoss  the stopping rule's best loss, null if none
 * @param steps          optimisation steps taken
 * @param wallSeconds    training time in seconds
 * @param divergedEpoch  the epoch in which training diverged, null otherwise
 * @param divergedBatch  the batch of that epoch, null otherwise
 * @param aMultiplies    which side A multiplies: {@value #A_H} (column vectors) or {@value #H_A} (row vectors)
 * @param updateRule     the layer update in numpy notation, with the stored arrays' names
 * @param provenance     where and how it was computed
 * @param data           where the data came from: kind, input files by content, sizes, the MNIST-25 feature cache
 *                       and random convolutions; null in runs written before rscale recorded it
 * @param conv           a convolutional cell's architecture (block counts n1..n4, base width, input, classes);
 *                       null (and not written) for the fully-connected network
 */
public record RunRecord(int formatVersion, String cellId, String sweep, Map<String, Object> settings, String status,
                        int epochs, Double finalTrainLoss, Double finalTestLoss, Double bestTrainLoss, long steps,
                        double wallSeconds, Integer divergedEpoch, Integer divergedBatch, String aMultiplies,
                        String updateRule, Provenance provenance, DataProvenance data,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ConvArchitecture conv) {
    /** The current run-format version. */
    public static final int FORMAT_VERSION = 1;
    /** A multiplies column vectors: {@code A[k] @ h}. */
    public static final String A_H = "A h";
    /** A multiplies row vectors: {@code h @ A[k]} (the PyTorch reference code). */
    public static final String H_A = "h A";
    /** The update rule rscale writes. */
    public static final String UPDATE_RULE =
            "h[k+1] = h[k] + delta_k * sigma(A[k] @ h[k] + b[k]); delta_k = 1 (none), abs(delta[0]) (shared), "
                    + "delta[k] (per-layer), delta[0] = L**-delta_beta (fixed)";

    /**
     * The record of a fully-connected cell (no {@code conv} entry).
     *
     * @param formatVersion  the run-format version
     * @param cellId         the cell's id
     * @param sweep          the sweep's name
     * @param settings       every setting of the cell
     * @param status         the training status
     * @param epochs         epochs completed
     * @param finalTrainLoss the last training loss, null if not finite
     * @param finalTestLoss  the last test loss, null if not finite
     * @param bestTrainLoss  the stopping rule's best loss, null if none
     * @param steps          optimisation steps taken
     * @param wallSeconds    training time in seconds
     * @param divergedEpoch  the epoch in which training diverged, null otherwise
     * @param divergedBatch  the batch of that epoch, null otherwise
     * @param aMultiplies    which side A multiplies
     * @param updateRule     the layer update in numpy notation
     * @param provenance     where and how it was computed
     */
    public RunRecord(int formatVersion, String cellId, String sweep, Map<String, Object> settings, String status,
                     int epochs, Double finalTrainLoss, Double finalTestLoss, Double bestTrainLoss, long steps,
                     double wallSeconds, Integer divergedEpoch, Integer divergedBatch, String aMultiplies,
                     String updateRule, Provenance provenance) {
        this(formatVersion, cellId, sweep, settings, status, epochs, finalTrainLoss, finalTestLoss, bestTrainLoss, steps,
                wallSeconds, divergedEpoch, divergedBatch, aMultiplies, updateRule, provenance, null, null);
    }

    /**
     * A fully-connected cell's record: no conv architecture.
     *
     * @param formatVersion  {@link #FORMAT_VERSION}
     * @param cellId         the cell's id
     * @param sweep          the sweep's name
     * @param settings       every setting of the cell
     * @param status         the training status
     * @param epochs         epochs completed
     * @param finalTrainLoss the last training loss, null if not finite
     * @param finalTestLoss  the last test loss, null if not finite
     * @param bestTrainLoss  the stopping rule's best loss, null if none
     * @param steps          optimisation steps taken
     * @param wallSeconds    training time in seconds
     * @param divergedEpoch  the epoch in which training diverged, null otherwise
     * @param divergedBatch  the batch of that epoch, null otherwise
     * @param aMultiplies    which side A multiplies
     * @param updateRule     the layer update in numpy notation
     * @param provenance     where and how it was computed
     * @param data           where the data came from
     */
    public RunRecord(int formatVersion, String cellId, String sweep, Map<String, Object> settings, String status,
                     int epochs, Double finalTrainLoss, Double finalTestLoss, Double bestTrainLoss, long steps,
                     double wallSeconds, Integer divergedEpoch, Integer divergedBatch, String aMultiplies,
                     String updateRule, Provenance provenance, DataProvenance data) {
        this(formatVersion, cellId, sweep, settings, status, epochs, finalTrainLoss, finalTestLoss, bestTrainLoss, steps,
                wallSeconds, divergedEpoch, divergedBatch, aMultiplies, updateRule, provenance, data, null);
    }

    /**
     * @param x a value
     * @return x, or null when it is NaN or infinite
     */
    public static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
