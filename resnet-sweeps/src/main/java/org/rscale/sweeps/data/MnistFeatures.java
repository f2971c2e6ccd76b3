package org.rscale.sweeps.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;

/**
 * MNIST-25 (SCIENCE 2; the reference code's {@code generate_mnist_resnet}): every 28 x 28 image of
 * an IDX dataset, its pixels as floats (raw 0..255 as the reference, or scaled to [0, 1] with
 * {@code data.pixel_scale: unit}), through the two fixed random convolutions of
 * {@link RandomConvolutions} (28 -> 12 -> 5), flattened to 25 features, and each sample divided by
 * its Euclidean norm:
 * <pre>
 *   x = v / ||v||,   v = conv2(conv1(scale * image)) in R^25 (row-major)
 *   y = e_label in R^25 (the one-hot label in the first 10 coordinates for 10 classes, zeros elsewhere)
 * </pre>
 * The loss is the MSE between h_L and y; the residual network has width 25.
 *
 * <p>Differences from the reference, on purpose: rscale computes in float64 (the reference in
 * float32); the convolutions are drawn from rscale's seeded stream with PyTorch's law, not from
 * PyTorch's generator. Edge cases: a sample whose features are all zero (impossible unless both
 * biases and the image vanish) is left unnormalised; a label of 25 or more does not fit the targets
 * and is an error naming the label file.
 */
public final class MnistFeatures {
    /** Features per sample, the width of the network. */
    public static final int WIDTH = RandomConvolutions.OUTPUT_SIDE * RandomConvolutions.OUTPUT_SIDE;
    /** The version of the computation, part of the cache key: change it when the features change. */
    public static final String VERSION = "mnist-features 1";

    private MnistFeatures() {
    }

    /**
     * The normalised features of every image of a split.
     *
     * @param images 28 x 28 images
     * @param conv   the convolutions
     * @param scale  the pixel scale
     * @return {@code count x 25} values, row-major
     */
    public static double[] features(IdxImages images, RandomConvolutions conv, PixelScale scale) {
        if (images.rows() != RandomConvolutions.INPUT_SIDE || images.cols() != RandomConvolutions.INPUT_SIDE) {
            throw new InvalidInputException(images.source().path() + ": images are " + images.rows() + " x "
                    + images.cols() + " but data.kind mnist-features needs 28 x 28");
        }
        int n = images.count();
        int size = images.imageSize();
        double[] pixels = new double[size];
        double[] middle = new double[RandomConvolutions.MIDDLE_SIDE * RandomConvolutions.MIDDLE_SIDE];
        double[] out = new double[n * WIDTH];
        for (int i = 0; i < n; i++) {
            images.copyImage(i, scale.factor(), pixels, 0);
            conv.apply(pixels, 0, middle, out, i * WIDTH);
            normalise(out, i * WIDTH);
        }
        return out;
    }

    /**
     * The regression set of the selected samples: inputs the features, targets the one-hot labels.
     *
     * @param features   {@code count x 25} features; not modified
     * @param labels     the labels of all {@code count} samples; not modified
     * @param indices    the samples wanted, in order; not modified
     * @param labelsFile the label file, for the message
     * @return {@code indices.length} samples of dimension 25
     * @throws InvalidInputException naming the file when a label is 25 or more
     */
    public static Dataset dataset(double[] features, int[] labels, int[] indices, String labelsFile) {
        int n = indices.length;
        double[] x = new double[n * WIDTH];
        double[] y = new double[n * WIDTH];
        for (int i = 0; i < n; i++) {
            int s = indices[i];
            System.arraycopy(features, s * WIDTH, x, i * WIDTH, WIDTH);
            int label = labels[s];
            requireLabel(label, s, labelsFile);
            y[i * WIDTH + label] = 1.0;
        }
        return new Dataset(n, WIDTH, x, y);
    }

    /**
     * @param labels     labels; not modified
     * @param labelsFile their file, for the message
     * @throws InvalidInputException when a label does not fit the 25 target coordinates
     */
    public static void requireLabels(IdxLabels labels, String labelsFile) {
        for (int i = 0; i < labels.count(); i++) {
            requireLabel(labels.label(i), i, labelsFile);
        }
    }

    private static void requireLabel(int label, int index, String labelsFile) {
        if (label >= WIDTH) {
            throw new InvalidInputException(labelsFile + ": label " + label + " of image " + index
                    + " does not fit the 25 coordinates of mnist-features' one-hot targets");
        }
    }

    /**
     * The content hash that names a feature set: SHA-256 of the computation's version, the SHA-256
     * of the four input files, the data seed and the pixel scale.
     *
     * @param inputs the four IDX files (training images and labels, test images and labels)
     * @param seed   the data seed (the convolutions)
     * @param scale  the pixel scale
     * @return 64 hex digits
     */
    public static String key(List<FileIdentity> inputs, long seed, PixelScale scale) {
        StringBuilder text = new StringBuilder(VERSION).append("|seed=").append(seed).append("|scale=")
                .append(scale.key());
        for (FileIdentity f : inputs) {
            text.append('|').append(f.sha256());
        }
        MessageDigest sha = FileIdentity.newDigest();
        return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void normalise(double[] v, int off) {
        double sq = 0;
        for (int i = 0; i < WIDTH; i++) {
            sq += v[off + i] * v[off + i];
        }
        double norm = Math.sqrt(sq);
        if (norm > 0) {
            for (int i = 0; i < WIDTH; i++) {
                v[off + i] /= norm;
            }
        }
    }
}
