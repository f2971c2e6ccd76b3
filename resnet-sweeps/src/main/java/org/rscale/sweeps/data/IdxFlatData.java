package org.rscale.sweeps.data;

import java.util.List;

/**
 * {@code data.kind: idx-flat}: the images of an IDX dataset flattened row-major into
 * {@code rows x cols} inputs (784 for MNIST), scaled by {@code data.pixel_scale} (raw 0..255, or
 * [0, 1]), each with its label as an integer class; seeded subsets of both splits by
 * {@code data.train_size} / {@code data.test_size} ({@link IdxSubset}). For models with an input and
 * an output layer (the JMLR paper's res-1 and res-3), not for {@code rscale sweep}'s residual
 * networks of the data's width.
 *
 * <pre>{@code
 * DataSpec spec = cellSettings.data();              // data.kind idx-flat, data.path /data/mnist
 * ClassificationData d = new DataSource().classificationFor(spec);
 * double[] x = d.train().x();                        // n x 784, row-major, scaled as data.pixel_scale says
 * int y = d.train().label(0);                        // 0..d.classes() - 1
 * }</pre>
 */
public final class IdxFlatData {
    private IdxFlatData() {
    }

    /**
     * @param dataset the IDX dataset
     * @param spec    sizes, seed and pixel scale
     * @return the flattened, scaled, labelled subsets
     */
    public static ClassificationData of(IdxDataset dataset, DataSpec spec) {
        LabelledInputs train = flatten(dataset.train(), spec.trainSize(), spec, IdxSplit.TRAIN, "data.train_size");
        LabelledInputs test = flatten(dataset.test(), spec.testSize(), spec, IdxSplit.TEST, "data.test_size");
        int classes = Math.max(dataset.train().labels().classes(), dataset.test().labels().classes());
        List<org.rscale.sweeps.io.FileIdentity> inputs = dataset.sources();
        return new ClassificationData(train, test, classes, new DataProvenance(spec.kind(), spec.datasetName(), inputs,
                train.n(), test.n(), spec.scale().key(), DataProvenance.NONE, null));
    }

    private static LabelledInputs flatten(LabelledImages split, int size, DataSpec spec, IdxSplit which, String setting) {
        int[] idx = IdxSubset.indices(split.count(), size, spec.seed(), which, setting,
                split.images().source().path());
        LabelledImages picked = split.select(idx);
        return new LabelledInputs(picked.count(), picked.images().imageSize(),
                picked.images().flatten(spec.scale().factor()), picked.labels().toArray());
    }
}
