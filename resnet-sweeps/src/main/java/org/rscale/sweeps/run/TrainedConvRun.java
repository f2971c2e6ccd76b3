package org.rscale.sweeps.run;

import java.nio.file.Path;

/**
 * A conv ResNet's trained kernels as read from a run directory ({@link ConvRunDirectory#read}),
 * rscale's own or converted from elsewhere, with its run.json when there is one.
 *
 * @param dir     the run directory
 * @param id      its name
 * @param weights the kernels, block by block
 * @param record  the run record (settings, status, losses, the architecture in {@link RunRecord#conv()}),
 *                or null when the directory has no run.json
 */
public record TrainedConvRun(Path dir, String id, ConvNetWeights weights, RunRecord record) {

    /** @return L, the number of blocks */
    public int depth() {
        return weights.depth();
    }

    /** @return the training seed from run.json, or null when unknown */
    public Integer seed() {
        if (record == null || record.settings() == null) {
            return null;
        }
        return record.settings().get("seed") instanceof Number n ? n.intValue() : null;
    }

    /** @return the training status from run.json, or {@code unknown} */
    public String status() {
        return record == null ? TrainedRun.UNKNOWN_STATUS : record.status();
    }
}
