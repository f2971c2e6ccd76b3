package org.rscale.sweeps.data;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.rscale.sweeps.InvalidInputException;

/**
 * Provides the training and test data of cells, building each distinct dataset once and sharing
 * it between the cells (and threads) that use it. Datasets are immutable.
 *
 * <pre>{@code
 * DataSource data = new DataSource();
 * TrainTestData d = data.dataFor(cellSettings.data(), sweepDirectory);  // synthetic or mnist-features: x, y of width d
 * ClassificationData c = data.classificationFor(spec);                   // idx-flat: pixels and class labels
 * }</pre>
 *
 * <p>{@link #dataFor(DataSpec, Path)} stores the MNIST-25 feature sets in the sweep's
 * {@link FeatureCache}, so every cell and every array task of the sweep uses one computation;
 * {@link #dataFor(DataSpec)} keeps everything in memory (tests, foreign weights).
 * {@link #check} validates data settings at plan time (files present and well formed, sizes within
 * the splits).
 */
public final class DataSource {
    private final ConcurrentHashMap<Key, TrainTestData> regression = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DataSpec, ClassificationData> classification = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FeatureSource, FeatureCache.Cached> featureSets = new ConcurrentHashMap<>();

    /** A source for any number of cells and sweeps. */
    public DataSource() {
    }

    /** A cell's data settings and the sweep whose cache holds its features (null: memory only). */
    private record Key(DataSpec spec, Path sweep) {
    }

    /** What a feature set depends on besides the files' content, and where it is cached. */
    private record FeatureSource(String directory, long seed, PixelScale scale, Path sweep) {
    }

    /**
     * The data of a cell, kept in memory only (no feature cache on disk).
     *
     * @param spec a cell's data settings ({@code synthetic} or {@code mnist-features})
     * @return its data, shared with every cell of the same data settings
     * @throws InvalidInputException for bad settings or files, and for {@code idx-flat} (use {@link #classificationFor})
     */
    public TrainTestData dataFor(DataSpec spec) {
        return dataFor(spec, null);
    }

    /**
     * The data of a cell of a sweep: MNIST-25 features are read from, or computed once into, the
     * sweep's {@link FeatureCache} ({@code <sweep>/}{@value FeatureCache#DIRECTORY}), which every cell and
     * every process of the sweep shares.
     *
     * @param spec           a cell's data settings ({@code synthetic} or {@code mnist-features})
     * @param sweepDirectory the sweep; null to keep features in memory only
     * @return its data, shared with every cell of the same data settings
     * @throws InvalidInputException for bad settings or files, and for {@code idx-flat} (use {@link #classificationFor})
     */
    public TrainTestData dataFor(DataSpec spec, Path sweepDirectory) {
        Key key = new Key(spec, sweepDirectory == null ? null : sweepDirectory.toAbsolutePath().normalize());
        TrainTestData d = regression.get(key);
        return d != null ? d : regression.computeIfAbsent(key, this::build);
    }

    /**
     * @param spec data settings of kind {@code idx-flat}
     * @return the flattened images with their labels, shared with every caller of the same settings
     * @throws InvalidInputException for another kind, a missing {@code data.path} or bad files
     */
    public ClassificationData classificationFor(DataSpec spec) {
        if (spec.dataKind() != DataKind.IDX_FLAT) {
            throw new InvalidInputException("data.kind " + spec.kind() + " gives regression data; "
                    + "classification data (pixels and labels) come from data.kind idx-flat");
        }
        return classification.computeIfAbsent(spec, s -> IdxFlatData.of(IdxDataset.read(directory(s)), s));
    }

    /**
     * Builds a cell's data without caching.
     *
     * @param spec a cell's data settings
     * @return its data
     */
    public static TrainTestData load(DataSpec spec) {
        return new DataSource().build(new Key(spec, null));
    }

    private TrainTestData build(Key key) {
        DataSpec spec = key.spec();
        switch (spec.dataKind()) {
            case SYNTHETIC: {
                TrainTestData d = SyntheticOdeData.generate(spec.dim(), spec.trainSize(), spec.testSize(), spec.seed());
                return new TrainTestData(d.train(), d.test(), DataProvenance.generated(spec, d));
            }
            case MNIST_FEATURES: {
                FeatureCache.Cached c = featureSet(spec, key.sweep());
                return c.set().select(spec, c.relative());
            }
            default:
                requireRegression(spec);
                throw new IllegalStateException("unreachable");
        }
    }

    /**
     * @param spec data settings
     * @throws InvalidInputException unless the kind gives inputs and targets of one width (synthetic,
     *                               mnist-features), as the residual networks of {@code rscale sweep} need
     */
    public static void requireRegression(DataSpec spec) {
        if (!spec.dataKind().isRegressionOfWidth()) {
            throw new InvalidInputException("data.kind " + spec.kind() + " gives pixel inputs and class labels, for "
                    + "models with input and output layers; the residual networks of rscale sweep (width = data "
                    + "dimension) train on synthetic or mnist-features");
        }
    }

    private FeatureCache.Cached featureSet(DataSpec spec, Path sweep) {
        Path dir = directory(spec);
        FeatureSource key = new FeatureSource(dir.toAbsolutePath().normalize().toString(), spec.seed(), spec.scale(),
                sweep);
        return featureSets.computeIfAbsent(key, k -> sweep != null
                ? new FeatureCache(sweep.resolve(FeatureCache.DIRECTORY)).features(dir, k.seed(), k.scale())
                : new FeatureCache.Cached(MnistFeatureSet.compute(IdxDataset.read(dir), k.seed(), k.scale()),
                        DataProvenance.NONE));
    }

    private static Path directory(DataSpec spec) {
        if (spec.path().isEmpty()) {
            throw new InvalidInputException("setting 'data.path' is not set: data.kind " + spec.kind()
                    + " reads the IDX files of a directory (e.g. --set data.path=/usr/share/datasets/fashion-mnist)");
        }
        return spec.directory();
    }

    /**
     * The sizes of a cell's two sets.
     *
     * @param train training samples
     * @param test  test samples
     */
    public record SplitSizes(int train, int test) {
    }

    /**
     * Checks data settings before a sweep is planned, reading every IDX directory once (in full, so a
     * truncated or inconsistent file is reported now rather than by the first cell): the directory and
     * its four files, their format, 28 x 28 images and labels below 25 for mnist-features, sizes within
     * the splits.
     *
     * @param specs the data settings of the cells
     * @return the sizes of each spec's sets (resolved: the split's size for 0)
     * @throws InvalidInputException one line naming the setting or the file at fault
     */
    public static Map<DataSpec, SplitSizes> check(Collection<DataSpec> specs) {
        Map<String, IdxDataset> read = new HashMap<>();
        Map<DataSpec, SplitSizes> out = new LinkedHashMap<>();
        for (DataSpec spec : specs) {
            if (out.containsKey(spec)) {
                continue;
            }
            DataKind kind = spec.dataKind();
            if (!kind.readsIdxFiles()) {
                out.put(spec, new SplitSizes(spec.trainSize(), spec.testSize()));
                continue;
            }
            Path dir = directory(spec);
            IdxDataset d = read.computeIfAbsent(dir.toAbsolutePath().normalize().toString(), k -> IdxDataset.read(dir));
            if (kind == DataKind.MNIST_FEATURES) {
                d.requireImageSize(RandomConvolutions.INPUT_SIDE, RandomConvolutions.INPUT_SIDE, "data.kind mnist-features");
                MnistFeatures.requireLabels(d.train().labels(), d.train().labels().source().path());
                MnistFeatures.requireLabels(d.test().labels(), d.test().labels().source().path());
            }
            int train = IdxSubset.indices(d.train().count(), spec.trainSize(), spec.seed(), IdxSplit.TRAIN,
                    "data.train_size", d.train().images().source().path()).length;
            int test = IdxSubset.indices(d.test().count(), spec.testSize(), spec.seed(), IdxSplit.TEST,
                    "data.test_size", d.test().images().source().path()).length;
            out.put(spec, new SplitSizes(train, test));
        }
        return out;
    }
}
