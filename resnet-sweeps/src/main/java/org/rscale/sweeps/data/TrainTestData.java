package org.rscale.sweeps.data;

/**
 * A training set and a test set of the same dimension.
 *
 * @param train the training samples
 * @param test  the held-out samples
 */
public record TrainTestData(Dataset train, Dataset test) {

    // Checks that both sets have the same dimension.
    public TrainTestData {
        if (train.d() != test.d()) {
            throw new IllegalArgumentException("train and test dimensions differ: " + train.d() + " vs " + test.d());
        }
    }

    /** @return the dimension d */
    public int dim() {
        return train.d();
    }
}
