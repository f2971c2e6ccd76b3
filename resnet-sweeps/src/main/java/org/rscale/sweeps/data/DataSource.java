package org.rscale.sweeps.data;

import java.util.concurrent.ConcurrentHashMap;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;

/**
 * Provides the training and test data of cells, building each distinct dataset once and sharing
 * it between the cells (and threads) that use it. Datasets are immutable.
 */
public final class DataSource {
    private final ConcurrentHashMap<String, TrainTestData> cache = new ConcurrentHashMap<>();

    /**
     * @param cell a cell's settings
     * @return its data, shared with every cell of the same data settings
     */
    public TrainTestData dataFor(CellSettings cell) {
        String key = cell.canonical("data.kind", "data.dim", "data.train_size", "data.test_size", "data.seed");
        return cache.computeIfAbsent(key, k -> load(cell));
    }

    /**
     * Builds a cell's data without caching.
     *
     * @param cell a cell's settings
     * @return its data
     */
    public static TrainTestData load(CellSettings cell) {
        if ("synthetic".equals(cell.dataKind())) {
            return SyntheticOdeData.generate(cell.dim(), cell.trainSize(), cell.testSize(), cell.dataSeed());
        }
        throw new InvalidInputException("setting 'data.kind' has no value '" + cell.dataKind() + "'");
    }
}
