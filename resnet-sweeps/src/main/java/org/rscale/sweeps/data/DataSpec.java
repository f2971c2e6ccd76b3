package org.rscale.sweeps.data;

/**
 * The settings that determine a cell's training and test data ({@code data.*}); two cells with
 * equal specs train on the same data.
 *
 * @param kind      {@code data.kind}
 * @param dim       {@code data.dim}, the width d
 * @param trainSize {@code data.train_size}
 * @param testSize  {@code data.test_size}
 * @param seed      {@code data.seed}
 */
public record DataSpec(String kind, int dim, int trainSize, int testSize, int seed) {
}
