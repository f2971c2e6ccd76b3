package org.rscale.sweeps.data;

import java.util.List;

import org.rscale.sweeps.io.FileIdentity;

/**
 * Where a cell's data came from, written into its {@code run.json} ({@code data}): the kind, the
 * input files identified by content, the sizes actually used, and for MNIST-25 the cached feature
 * set and the random convolutions themselves (so a run holds everything its inputs were made with).
 *
 * @param kind         {@code data.kind}
 * @param dataset      a short name ({@link DataSpec#datasetName()})
 * @param inputs       the files read (IDX: training images and labels, test images and labels); empty for generated data
 * @param trainSize    training samples used
 * @param testSize     test samples used
 * @param pixelScale   {@code raw} or {@code unit} for IDX data; {@code none} for generated data
 * @param features     the feature cache directory, relative to the sweep ({@code data/mnist-features-<key>}),
 *                     or {@code none} (not cached, or no features)
 * @param convolutions the random convolutions of MNIST-25; null for other kinds
 */
public record DataProvenance(String kind, String dataset, List<FileIdentity> inputs, int trainSize, int testSize,
                             String pixelScale, String features, RandomConvolutions convolutions) {
    /** The value of {@link #features} when there is no cache. */
    public static final String NONE = "none";

    // Copies the list.
    public DataProvenance {
        inputs = List.copyOf(inputs);
    }

    /**
     * @param spec the data settings
     * @param data the generated data
     * @return the provenance of generated (synthetic) data
     */
    static DataProvenance generated(DataSpec spec, TrainTestData data) {
        return new DataProvenance(spec.kind(), spec.datasetName(), List.of(), data.train().n(), data.test().n(), NONE,
                NONE, null);
    }
}
