package org.rscale.sweeps.train;

/**
 * One row of a cell's training history ({@code history.csv}).
 *
 * @param epoch       the epoch, from 1
 * @param trainLoss   the epoch-average training loss (mean of the batch losses weighted by batch size,
 *                    measured while the weights change, as the reference does)
 * @param testLoss    the test loss after the epoch
 * @param wallSeconds seconds since training started, at the end of the epoch
 */
public record EpochRecord(int epoch, double trainLoss, double testLoss, double wallSeconds) {
}
