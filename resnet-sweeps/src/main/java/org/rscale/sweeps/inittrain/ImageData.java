package org.rscale.sweeps.inittrain;

import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.IdxDataset;
import org.rscale.sweeps.data.LabelledImages;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The flattened images a trained study learns from ({@code data.kind: idx-flat}): the IDX files of
 * {@code data.path} read by the project's IDX reader ({@link IdxDataset}), each image a row of
 * {@code rows x cols} pixels times the pixel scale (1/255 by default: torchvision's
 * {@code ToTensor}, as the reference code's {@code data.load_dataset(vectorize=True)}), its label a
 * class. A size below the split's takes a seeded subset: the first n of a random permutation of the
 * split (stream {@code (data.seed, "idx-subset|<split>|n=<n>", data)}).
 *
 * @param inputs  m, pixels per image
 * @param classes the number of classes (the largest label + 1)
 * @param trainX  the training images, n x m row-major
 * @param trainY  their labels
 * @param testX   the test images
 * @param testY   their labels
 * @param sources the four files read (path, bytes, SHA-256)
 */
public record ImageData(int inputs, int classes, double[] trainX, int[] trainY, double[] testX, int[] testY,
                        List<FileIdentity> sources) {

    /**
     * Copies the list (the arrays are kept: large, and nobody writes them).
     *
     * @param inputs  pixels per image
     * @param classes classes
     * @param trainX  training images
     * @param trainY  training labels
     * @param testX   test images
     * @param testY   test labels
     * @param sources the files read
     */
    public ImageData {
        sources = List.copyOf(sources);
    }

    /** @return the bytes of its arrays (images as float64, labels as int) */
    public long bytes() {
        return 8L * ((long) trainX.length + testX.length) + 4L * ((long) trainY.length + testY.length);
    }

    /** @return training samples */
    public int trainCount() {
        return trainY.length;
    }

    /** @return test samples */
    public int testCount() {
        return testY.length;
    }

    /**
     * @param config the study
     * @return its data
     * @throws InvalidInputException for missing or malformed files, or a size above the split's
     */
    public static ImageData load(TrainConfig config) {
        IdxDataset set = IdxDataset.read(config.dataPath());
        LabelledImages train = subset(set.train(), config.trainSize(), config.dataSeed(), "train", "data.train_size");
        LabelledImages test = subset(set.test(), config.testSize(), config.dataSeed(), "test", "data.test_size");
        int classes = Math.max(train.labels().classes(), test.labels().classes());
        return new ImageData(set.rows() * set.cols(), classes, train.images().flatten(config.pixelScale()),
                train.labels().toArray(), test.images().flatten(config.pixelScale()), test.labels().toArray(),
                set.sources());
    }

    private static LabelledImages subset(LabelledImages split, int size, int seed, String name, String key) {
        int n = split.count();
        if (size == 0 || size == n) {
            return split;
        }
        if (size > n) {
            throw new InvalidInputException("setting '" + key + "' is " + size + ", but " + split.images().source().path()
                    + " holds " + n + " images");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = RandomStreams.of(seed, "idx-subset|" + name + "|n=" + size, RandomStreams.DATA);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return split.select(java.util.Arrays.copyOf(perm, size));
    }
}
