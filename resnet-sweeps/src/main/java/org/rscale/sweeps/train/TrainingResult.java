package org.rscale.sweeps.train;

import java.util.List;

import org.rscale.sweeps.model.ResidualNet;

/**
 * The outcome of training one cell.
 *
 * @param status         how it ended
 * @param epochs         epochs completed
 * @param finalTrainLoss the last epoch-average training loss (NaN when diverged)
 * @param finalTestLoss  the last test loss (NaN when diverged)
 * @param bestTrainLoss  the stopping rule's best loss
 * @param history        one record per completed epoch
 * @param trained        the final parameters
 * @param steps          optimisation steps taken
 * @param wallSeconds    training time
 * @param divergedEpoch  the epoch in which a batch loss became non-finite, or 0
 * @param divergedBatch  the batch (from 1) in that epoch, or 0
 */
public record TrainingResult(TrainingStatus status, int epochs, double finalTrainLoss, double finalTestLoss,
                             double bestTrainLoss, List<EpochRecord> history, ResidualNet trained, long steps,
                             double wallSeconds, int divergedEpoch, int divergedBatch) {

    // Copies the history.
    public TrainingResult {
        history = List.copyOf(history);
    }
}
