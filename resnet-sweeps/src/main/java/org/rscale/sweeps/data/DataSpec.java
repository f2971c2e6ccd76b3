package org.rscale.sweeps.data;

import java.nio.file.Path;

/**
 * The settings that determine a cell's training and test data ({@code data.*}); two cells with
 * equal specs train on the same data. Built by the configuration with the kind's own values
 * resolved ({@link DataKind#width}, {@link DataKind#trainSize}).
 *
 * @param kind       {@code data.kind}
 * @param dim        {@code data.dim}, the width d (resolved: 25 for mnist-features)
 * @param trainSize  {@code data.train_size}; for IDX data 0 is the whole training split
 * @param testSize   {@code data.test_size}; for IDX data 0 is the whole test split
 * @param seed       {@code data.seed}: the synthetic data, the random convolutions, the subsets
 * @param path       {@code data.path}, the directory of the IDX files; empty for synthetic data
 * @param pixelScale {@code data.pixel_scale}: {@code raw} or {@code unit}
 */
public record DataSpec(String kind, int dim, int trainSize, int testSize, int seed, String path, String pixelScale) {

    /**
     * The spec of synthetic data (no files, raw pixel scale unused).
     *
     * @param kind      {@code data.kind}
     * @param dim       the width d
     * @param trainSize training samples
     * @param testSize  test samples
     * @param seed      the data seed
     */
    public DataSpec(String kind, int dim, int trainSize, int testSize, int seed) {
        this(kind, dim, trainSize, testSize, seed, "", PixelScale.RAW.key());
    }

    /** @return the kind */
    public DataKind dataKind() {
        return DataKind.of(kind);
    }

    /** @return the pixel scale */
    public PixelScale scale() {
        return PixelScale.of(pixelScale);
    }

    /** @return the directory of the IDX files ({@code data.path}) */
    public Path directory() {
        return Path.of(path);
    }

    /**
     * A short name of the dataset for titles and summaries: {@code synthetic (d = 10)}, or
     * {@code mnist-features of fashion-mnist} (the kind and the last component of {@code data.path}).
     *
     * @return the name
     */
    public String datasetName() {
        return nameOf(kind, path, dim);
    }

    /**
     * @param kind {@code data.kind}
     * @param path {@code data.path}
     * @param dim  the width
     * @return the short name of that dataset, as {@link #datasetName()}
     */
    public static String nameOf(String kind, String path, int dim) {
        if (DataKind.SYNTHETIC.key().equals(kind)) {
            return kind + " (d = " + dim + ")";
        }
        return kind + " of " + shortNameOf(kind, path);
    }

    /**
     * The shortest name of a dataset, for figure titles: {@code synthetic}, or the name of the IDX
     * directory ({@code fashion-mnist}).
     *
     * @param kind {@code data.kind}
     * @param path {@code data.path}
     * @return the name
     */
    public static String shortNameOf(String kind, String path) {
        if (DataKind.SYNTHETIC.key().equals(kind)) {
            return kind;
        }
        Path name = path == null || path.isEmpty() ? null : Path.of(path).getFileName();
        return name == null ? "(no data.path)" : name.toString();
    }
}
