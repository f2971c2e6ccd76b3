package org.rscale.sweeps.data;

import java.util.List;

import org.rscale.sweeps.io.FileIdentity;

/**
 * The MNIST-25 features of every image of an IDX dataset, both splits, with what made them: the
 * input files, the data seed, the pixel scale and the random convolutions. What
 * {@link FeatureCache} stores once per sweep; cells select their subsets from it.
 *
 * @param key           the content hash ({@link MnistFeatures#key})
 * @param inputs        the four IDX files: training images and labels, test images and labels
 * @param seed          the data seed
 * @param scale         the pixel scale
 * @param convolutions  the convolutions
 * @param trainFeatures {@code trainCount x 25}, row-major, each row of norm 1; owned, never modified
 * @param trainLabels   the training labels; owned, never modified
 * @param testFeatures  {@code testCount x 25}; owned, never modified
 * @param testLabels    the test labels; owned, never modified
 */
public record MnistFeatureSet(String key, List<FileIdentity> inputs, long seed, PixelScale scale,
                              RandomConvolutions convolutions, double[] trainFeatures, int[] trainLabels,
                              double[] testFeatures, int[] testLabels) {

    // Checks the shapes.
    public MnistFeatureSet {
        inputs = List.copyOf(inputs);
        if (inputs.size() != 4 || trainFeatures.length != (long) trainLabels.length * MnistFeatures.WIDTH
                || testFeatures.length != (long) testLabels.length * MnistFeatures.WIDTH) {
            throw new IllegalArgumentException("a feature set needs 4 inputs and 25 features per label");
        }
    }

    /**
     * Computes the features of a dataset.
     *
     * @param data  28 x 28 images with labels below 25
     * @param seed  the data seed, which draws the convolutions
     * @param scale the pixel scale
     * @return the feature set
     * @throws org.rscale.sweeps.InvalidInputException for images of another size or a label of 25 or more
     */
    public static MnistFeatureSet compute(IdxDataset data, long seed, PixelScale scale) {
        data.requireImageSize(RandomConvolutions.INPUT_SIDE, RandomConvolutions.INPUT_SIDE, "data.kind mnist-features");
        MnistFeatures.requireLabels(data.train().labels(), data.train().labels().source().path());
        MnistFeatures.requireLabels(data.test().labels(), data.test().labels().source().path());
        RandomConvolutions conv = RandomConvolutions.pytorchDefault(seed);
        List<FileIdentity> inputs = data.sources();
        return new MnistFeatureSet(MnistFeatures.key(inputs, seed, scale), inputs, seed, scale, conv,
                MnistFeatures.features(data.train().images(), conv, scale), data.train().labels().toArray(),
                MnistFeatures.features(data.test().images(), conv, scale), data.test().labels().toArray());
    }

    /** @return training images */
    public int trainCount() {
        return trainLabels.length;
    }

    /** @return test images */
    public int testCount() {
        return testLabels.length;
    }

    /**
     * The data of one cell: the seeded subsets of both splits.
     *
     * @param spec     the cell's data settings (sizes and seed)
     * @param features where the set is cached, relative to the sweep, or {@link DataProvenance#NONE}
     * @return the training and test sets, with their provenance
     */
    public TrainTestData select(DataSpec spec, String features) {
        int[] train = IdxSubset.indices(trainCount(), spec.trainSize(), spec.seed(), IdxSplit.TRAIN,
                "data.train_size", inputs.get(0).path());
        int[] test = IdxSubset.indices(testCount(), spec.testSize(), spec.seed(), IdxSplit.TEST, "data.test_size",
                inputs.get(2).path());
        Dataset trainSet = MnistFeatures.dataset(trainFeatures, trainLabels, train, inputs.get(1).path());
        Dataset testSet = MnistFeatures.dataset(testFeatures, testLabels, test, inputs.get(3).path());
        return new TrainTestData(trainSet, testSet, new DataProvenance(spec.kind(), spec.datasetName(), inputs,
                trainSet.n(), testSet.n(), scale.key(), features, convolutions));
    }
}
