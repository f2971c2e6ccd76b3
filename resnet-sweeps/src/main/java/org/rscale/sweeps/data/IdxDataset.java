package org.rscale.sweeps.data;

import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;

/**
 * A dataset of the MNIST file family read from one directory: the training split
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}) and the test split
 * ({@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), each file plain or
 * {@code .gz}, found by the standard names of {@link IdxSplit}. MNIST, Fashion-MNIST and any other
 * dataset in that format (images of any size, the same size in both splits).
 *
 * <pre>{@code
 * IdxDataset mnist = IdxDataset.read(Path.of("/usr/share/datasets/fashion-mnist"))
 *         .requireImageSize(28, 28, "data.kind mnist-features");   // optional
 * LabelledImages train = mnist.train();                           // 60,000 images
 * int label = train.label(0);                                     // 0..9
 * int pixel = train.images().pixel(0, 14, 14);                    // 0..255
 * double[] x = train.images().flatten(1.0 / 255);                 // 60,000 x 784, in [0, 1]
 * List<FileIdentity> inputs = mnist.sources();                    // for provenance: path, bytes, SHA-256
 * }</pre>
 *
 * <p>Errors are {@link InvalidInputException}s of one line naming the file and the fault: a missing
 * directory or file (with the names looked for), a {@code .gz} that is not gzip, a wrong magic
 * number or data type, truncated data, image and label counts that disagree, training and test
 * images of different sizes, and (through {@link #requireImageSize}) a size other than the one
 * required.
 *
 * @param directory the directory read
 * @param train     the training split
 * @param test      the test split
 */
public record IdxDataset(Path directory, LabelledImages train, LabelledImages test) {

    /**
     * Checks that both splits have images of the same size.
     *
     * @throws InvalidInputException naming the test image file and both sizes
     */
    public IdxDataset {
        if (train.images().rows() != test.images().rows() || train.images().cols() != test.images().cols()) {
            throw new InvalidInputException(test.images().source().path() + ": test images are "
                    + size(test.images()) + " but the training images (" + train.images().source().path() + ") are "
                    + size(train.images()));
        }
    }

    /**
     * Finds and reads the four files of a directory.
     *
     * @param directory the directory holding them
     * @return both splits
     * @throws InvalidInputException one line naming the file and the fault
     */
    public static IdxDataset read(Path directory) {
        return read(IdxFileSet.locate(directory));
    }

    /**
     * Reads four located files.
     *
     * @param files the files
     * @return both splits
     * @throws InvalidInputException one line naming the file and the fault
     */
    public static IdxDataset read(IdxFileSet files) {
        return new IdxDataset(files.directory(), split(files, IdxSplit.TRAIN), split(files, IdxSplit.TEST));
    }

    private static LabelledImages split(IdxFileSet files, IdxSplit split) {
        return new LabelledImages(IdxImages.read(files.images(split)), IdxLabels.read(files.labels(split)));
    }

    /**
     * @param split a split
     * @return its images and labels
     */
    public LabelledImages split(IdxSplit split) {
        return split == IdxSplit.TRAIN ? train : test;
    }

    /** @return rows per image */
    public int rows() {
        return train.images().rows();
    }

    /** @return columns per image */
    public int cols() {
        return train.images().cols();
    }

    /**
     * Checks the image size, for uses that need one (the MNIST-25 convolutions need 28 x 28).
     *
     * @param rows    the rows required
     * @param cols    the columns required
     * @param purpose who needs it, for the message (e.g. {@code data.kind mnist-features})
     * @return this dataset
     * @throws InvalidInputException naming the training image file, its size and the size required
     */
    public IdxDataset requireImageSize(int rows, int cols, String purpose) {
        if (rows() != rows || cols() != cols) {
            throw new InvalidInputException(train.images().source().path() + ": images are " + size(train.images())
                    + " but " + purpose + " needs " + rows + " x " + cols);
        }
        return this;
    }

    /** @return the identities of the four files read: training images, training labels, test images, test labels */
    public List<FileIdentity> sources() {
        return List.of(train.images().source(), train.labels().source(), test.images().source(),
                test.labels().source());
    }

    private static String size(IdxImages images) {
        return images.rows() + " x " + images.cols();
    }
}
