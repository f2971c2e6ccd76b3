package org.rscale.sweeps.train;

/**
 * Hears about the progress of one training (for progress bars and logs). Called on the training
 * thread; implementations must be cheap and thread-safe when shared between cells.
 */
@FunctionalInterface
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = (epoch, maxEpochs, trainLoss, testLoss) -> { };

    /**
     * @param epoch     the epoch just finished, from 1
     * @param maxEpochs the epoch cap
     * @param trainLoss its average training loss
     * @param testLoss  the test loss after it
     */
    void onEpoch(int epoch, int maxEpochs, double trainLoss, double testLoss);
}
