package org.rscale.sweeps.train;

import java.util.List;

import org.rscale.sweeps.model.ConvNet;

/**
 * What training a conv cell produced.
 *
 * @param trained       the final parameters
 * @param history       one record per epoch completed (the diverged epoch included, with non-finite losses)
 * @param status        max-epochs, or diverged
 * @param epochs        epochs completed
 * @param steps         SGD steps taken
 * @param wallSeconds   training time
 * @param divergedEpoch the epoch of a non-finite loss, 0 otherwise
 * @param divergedBatch its batch, 0 otherwise
 */
public record ConvTrainingResult(ConvNet trained, List<ConvEpochRecord> history, TrainingStatus status, int epochs,
                                 long steps, double wallSeconds, int divergedEpoch, int divergedBatch) {

    // Copies the history.
    public ConvTrainingResult {
        history = List.copyOf(history);
    }

    /** @return the last epoch's training loss, NaN without epochs */
    public double finalTrainLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
    }

    /** @return the last epoch's test loss, NaN without epochs */
    public double finalTestLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testLoss();
    }
}
