package org.rscale.sweeps.train;

/**
 * One epoch of a conv cell's training, a row of its {@code history.csv}.
 *
 * @param epoch         1-based
 * @param lr            the learning rate of the epoch
 * @param trainLoss     the batch-size-weighted mean cross-entropy of the epoch's steps (augmented images, before each update)
 * @param trainAccuracy the fraction of those images classified correctly
 * @param testLoss      the mean cross-entropy on the test images after the epoch
 * @param testAccuracy  the fraction of test images classified correctly
 * @param wallSeconds   seconds since training started
 */
public record ConvEpochRecord(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss,
                              double testAccuracy, double wallSeconds) {
}
