package org.rscale.sweeps.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The four files of an IDX dataset in a directory, found by their standard names
 * ({@link IdxSplit}): training images and labels, test images and labels. Locating them reads
 * nothing; {@link IdxDataset#read(IdxFileSet)} reads them.
 *
 * @param directory   the directory
 * @param trainImages e.g. {@code train-images-idx3-ubyte.gz}
 * @param trainLabels e.g. {@code train-labels-idx1-ubyte.gz}
 * @param testImages  e.g. {@code t10k-images-idx3-ubyte.gz}
 * @param testLabels  e.g. {@code t10k-labels-idx1-ubyte.gz}
 */
public record IdxFileSet(Path directory, Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    /**
     * Finds the four files in a directory.
     *
     * @param directory the directory holding them
     * @return their paths
     * @throws InvalidInputException one line: the directory does not exist or is a file, or a file is
     *                               missing (naming the names looked for)
     */
    public static IdxFileSet locate(Path directory) {
        if (!Files.exists(directory)) {
            throw new InvalidInputException(directory + ": no such directory (expected the directory of the IDX files "
                    + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], "
                    + "t10k-labels-idx1-ubyte[.gz])");
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory + ": is a file; give the directory that holds the IDX files "
                    + "(train-images-idx3-ubyte[.gz] and the three others)");
        }
        return new IdxFileSet(directory,
                find(directory, IdxSplit.TRAIN, "images", IdxSplit.TRAIN.imageNames()),
                find(directory, IdxSplit.TRAIN, "labels", IdxSplit.TRAIN.labelNames()),
                find(directory, IdxSplit.TEST, "images", IdxSplit.TEST.imageNames()),
                find(directory, IdxSplit.TEST, "labels", IdxSplit.TEST.labelNames()));
    }

    private static Path find(Path directory, IdxSplit split, String what, List<String> names) {
        return IdxSplit.find(directory, names).orElseThrow(() -> new InvalidInputException(directory + ": no "
                + split.description() + " " + what + " (looked for " + String.join(", ", names) + ")"));
    }

    /**
     * @param split a split
     * @return its image file
     */
    public Path images(IdxSplit split) {
        return split == IdxSplit.TRAIN ? trainImages : testImages;
    }

    /**
     * @param split a split
     * @return its label file
     */
    public Path labels(IdxSplit split) {
        return split == IdxSplit.TRAIN ? trainLabels : testLabels;
    }

    /** @return the four files: training images, training labels, test images, test labels */
    public List<Path> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }
}
