package org.rscale.sweeps.data;

/**
 * A conv cell's data settings.
 *
 * @param kind      {@code cifar10} or {@code idx-images}
 * @param path      the directory of the files
 * @param trainSize training images used (a seeded subset when fewer than the files hold)
 * @param testSize  test images used
 * @param seed      the seed of the subsets
 */
public record ImageDataSpec(String kind, String path, int trainSize, int testSize, int seed) {

    /** @return the key of the subsets' random stream */
    public String streamKey() {
        return "data.kind=" + kind + ";data.path=" + path + ";data.train_size=" + trainSize + ";data.test_size="
                + testSize + ";";
    }
}
