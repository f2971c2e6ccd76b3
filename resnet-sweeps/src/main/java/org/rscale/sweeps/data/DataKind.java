package org.rscale.sweeps.data;

import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * The kinds of data a cell can train on ({@code data.kind}), with what each fixes: the network
 * width it implies and what a size of 0 means.
 *
 * <pre>
 *   kind             inputs -> targets                               width d               size 0 (the default)
 *   synthetic        x in R^d -> ODE flow of x (SCIENCE 2)           data.dim (0: 10)      the reference's 1,024 / 256
 *   mnist-features   28 x 28 IDX image -> 25 features, one-hot       25                    the whole IDX split
 *   idx-flat         IDX image, flattened -> class label             (models with an       the whole IDX split
 *                                                                     input layer)
 *   cifar10          32 x 32 x 3 image -> class (model: conv)         (the conv ResNet's)   the whole split
 *   idx-images       28 x 28 x 1 IDX image -> class (model: conv)     (the conv ResNet's)   the whole IDX split
 * </pre>
 */
public enum DataKind {
    /** The synthetic ODE regression task ({@link SyntheticOdeData}). */
    SYNTHETIC("synthetic"),
    /** MNIST-25: IDX images through two fixed random convolutions ({@link MnistFeatures}). */
    MNIST_FEATURES("mnist-features"),
    /** IDX images flattened, with the label as class ({@link IdxFlatData}). */
    IDX_FLAT("idx-flat"),
    /** CIFAR-10's binary batches as images with their class, for the conv ResNet ({@code Cifar10Files}). */
    CIFAR10("cifar10"),
    /** IDX images (one channel) with their class, for the conv ResNet ({@code ImageData}). */
    IDX_IMAGES("idx-images");

    private final String key;

    DataKind(String key) {
        this.key = key;
    }

    /** @return the {@code data.kind} value */
    public String key() {
        return key;
    }

    /** @return every {@code data.kind} value */
    public static List<String> keys() {
        return Arrays.stream(values()).map(DataKind::key).toList();
    }

    /**
     * @param key a {@code data.kind} value
     * @return the kind
     * @throws InvalidInputException for an unknown value
     */
    public static DataKind of(String key) {
        for (DataKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new InvalidInputException("setting 'data.kind' has no value '" + key + "' (expected one of "
                + String.join(", ", keys()) + ")");
    }

    /** @return whether the data are read from IDX files in {@code data.path} */
    public boolean readsIdxFiles() {
        return this == MNIST_FEATURES || this == IDX_FLAT || this == IDX_IMAGES;
    }

    /** @return whether the data are images for the convolutional ResNet ({@code model: conv}) */
    public boolean isConvImages() {
        return this == CIFAR10 || this == IDX_IMAGES;
    }

    /**
     * @return whether inputs and targets are vectors of one dimension d, the width of the residual
     *         networks without input and output layers that {@code rscale sweep} trains
     */
    public boolean isRegressionOfWidth() {
        return this == SYNTHETIC || this == MNIST_FEATURES;
    }

    /**
     * The network width implied by this kind and the {@code data.dim} setting.
     *
     * @param dim {@code data.dim}; 0 for the kind's own
     * @return synthetic: {@code dim}, or {@value SyntheticOdeData#STANDARD_DIM} for 0; mnist-features:
     *         {@value MnistFeatures#WIDTH}; idx-flat: {@code dim} as given (its models choose their width)
     * @throws InvalidInputException when {@code dim} contradicts the kind (mnist-features and a width other than 25)
     */
    public int width(int dim) {
        switch (this) {
            case SYNTHETIC:
                return dim > 0 ? dim : SyntheticOdeData.STANDARD_DIM;
            case MNIST_FEATURES:
                if (dim != 0 && dim != MnistFeatures.WIDTH) {
                    throw new InvalidInputException("setting 'data.dim' is " + dim + " but data.kind mnist-features has "
                            + MnistFeatures.WIDTH + " features (leave data.dim at 0, the kind's own width)");
                }
                return MnistFeatures.WIDTH;
            default:
                return dim;
        }
    }

    /**
     * @param size {@code data.train_size}; 0 for the kind's own
     * @return synthetic: {@code size}, or {@value SyntheticOdeData#STANDARD_TRAIN_SIZE} for 0; IDX
     *         kinds: {@code size}, 0 meaning the whole split
     */
    public int trainSize(int size) {
        return this == SYNTHETIC && size == 0 ? SyntheticOdeData.STANDARD_TRAIN_SIZE : size;
    }

    /**
     * @param size {@code data.test_size}; 0 for the kind's own
     * @return synthetic: {@code size}, or {@value SyntheticOdeData#STANDARD_TEST_SIZE} for 0; IDX
     *         kinds: {@code size}, 0 meaning the whole split
     */
    public int testSize(int size) {
        return this == SYNTHETIC && size == 0 ? SyntheticOdeData.STANDARD_TEST_SIZE : size;
    }
}
