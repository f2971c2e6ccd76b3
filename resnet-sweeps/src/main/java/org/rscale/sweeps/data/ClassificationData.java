package org.rscale.sweeps.data;

/**
 * A training and a test set of inputs with class labels ({@code data.kind: idx-flat}), for models
 * with an input and an output layer.
 *
 * @param train      the training set
 * @param test       the test set, of the same number of inputs
 * @param classes    the number of classes: the largest label of either split plus one
 * @param provenance where the data came from
 */
public record ClassificationData(LabelledInputs train, LabelledInputs test, int classes, DataProvenance provenance) {

    // Checks that both sets have the same number of inputs.
    public ClassificationData {
        if (train.inputs() != test.inputs()) {
            throw new IllegalArgumentException("train and test inputs differ: " + train.inputs() + " vs " + test.inputs());
        }
    }

    /** @return values per sample */
    public int inputs() {
        return train.inputs();
    }
}
