package org.rscale.sweeps.data;

import java.util.concurrent.ConcurrentHashMap;

import org.rscale.sweeps.InvalidInputException;

/**
 * Provides the training and test data of cells, building each distinct dataset once and sharing
 * it between the cells (and threads) that use it. Datasets are immutable.
 */
public final class DataSource {
    private final ConcurrentHashMap<DataSpec, TrainTestData> cache = new ConcurrentHashMap<>();

    /**
     * @param spec a cell's data settings
     * @return its data, shared with every cell of the same data settings
     */
    public TrainTestData dataFor(DataSpec spec) {
        return cache.computeIfAbsent(spec, DataSource::load);
    }

    /**
     * Builds a cell's data without caching.
     *
     * @param spec a cell's data settings
     * @return its data
     */
    public static TrainTestData load(DataSpec spec) {
        if ("synthetic".equals(spec.kind())) {
            return SyntheticOdeData.generate(spec.dim(), spec.trainSize(), spec.testSize(), spec.seed());
        }
        throw new InvalidInputException("setting 'data.kind' has no value '" + spec.kind() + "'");
    }
}
