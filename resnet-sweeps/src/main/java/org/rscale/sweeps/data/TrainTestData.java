package org.rscale.sweeps.data;

import java.util.List;

/**
 * A training set and a test set of the same dimension, with where they came from.
 *
 * @param train      the training samples
 * @param test       the held-out samples
 * @param provenance the data's origin (kind, input files, sizes, random convolutions), for run.json
 */
public record TrainTestData(Dataset train, Dataset test, DataProvenance provenance) {

    // Checks that both sets have the same dimension.
    public TrainTestData {
        if (train.d() != test.d()) {
            throw new IllegalArgumentException("train and test dimensions differ: " + train.d() + " vs " + test.d());
        }
    }

    /**
     * Data built in memory, of no recorded origin.
     *
     * @param train the training samples
     * @param test  the held-out samples
     */
    public TrainTestData(Dataset train, Dataset test) {
        this(train, test, new DataProvenance("in-memory", "in-memory", List.of(), train.n(), test.n(),
                DataProvenance.NONE, DataProvenance.NONE, null));
    }

    /** @return the dimension d */
    public int dim() {
        return train.d();
    }
}
