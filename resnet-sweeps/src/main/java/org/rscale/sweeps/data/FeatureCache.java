package org.rscale.sweeps.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.io.ProcessTag;

/**
 * The MNIST-25 features of a sweep, computed once and shared by every cell and every process (local
 * jobs, SLURM array tasks): {@code <sweep>/data/mnist-features-<key>/}, {@code <key>} the first 16
 * hex digits of the content hash {@link MnistFeatures#key} (the input files' SHA-256, the data seed,
 * the pixel scale, the computation's version). The directory holds
 * <pre>
 *   features.json                                 the manifest ({@link Manifest}): key, inputs, seed, scale, counts, convolutions
 *   train_features.npy  (n_train, 25) float64     every training image's features, file order
 *   train_labels.npy    (n_train,)   float64      their labels
 *   test_features.npy   (n_test, 25), test_labels.npy (n_test,)
 *   conv1_weight.npy    (1, 1, 5, 5), conv1_bias.npy (1,), conv2_weight.npy (1, 1, 3, 3), conv2_bias.npy (1,)
 * </pre>
 * A process that finds no directory for its key computes the set into a hidden staging directory
 * ({@code .partial-mnist-features-<key>-<owner>-<random>}, {@link ProcessTag}) and publishes it by one
 * atomic rename; when
 * several compute at once the first rename wins and the others read the winner's (identical) files.
 * A directory that exists is therefore complete. A staging directory left by a killed process is
 * deleted by the next computation once it is an hour old, and by {@code rscale status --clean} (and
 * {@code rscale sweep}) as soon as its owner has stopped.
 *
 * <p>When the IDX files of {@code data.path} are gone (moved after training), a cached set made from
 * that directory with the same seed and scale is used (the analysis regenerates inputs this way).
 */
public final class FeatureCache {
    /** The cache's directory under a sweep. */
    public static final String DIRECTORY = "data";
    /** The prefix of a feature set's directory. */
    public static final String PREFIX = "mnist-features-";
    /** The manifest, written last. */
    public static final String MANIFEST = "features.json";
    /** The manifest's format version. */
    public static final int FORMAT_VERSION = 1;
    private static final String TRAIN_FEATURES = "train_features.npy";
    private static final String TRAIN_LABELS = "train_labels.npy";
    private static final String TEST_FEATURES = "test_features.npy";
    private static final String TEST_LABELS = "test_labels.npy";
    private static final String CONV1_WEIGHT = "conv1_weight.npy";
    private static final String CONV1_BIAS = "conv1_bias.npy";
    private static final String CONV2_WEIGHT = "conv2_weight.npy";
    private static final String CONV2_BIAS = "conv2_bias.npy";
    private static final int KEY_DIGITS = 16;
    private static final String STAGING = ".partial-";
    private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

    private final Path root;

    /**
     * @param root the cache directory, {@code <sweep>/}{@value #DIRECTORY}
     */
    public FeatureCache(Path root) {
        this.root = root;
    }

    /** @return the cache directory */
    public Path root() {
        return root;
    }

    /**
     * The manifest of a cached feature set ({@value #MANIFEST}).
     *
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param kind          {@code mnist-features}
     * @param version       the computation's version ({@link MnistFeatures#VERSION})
     * @param key           the full content hash
     * @param directory     the IDX directory the inputs were found in ({@code data.path})
     * @param inputs        the four IDX files by content
     * @param seed          the data seed
     * @param pixelScale    {@code raw} or {@code unit}
     * @param trainCount    training images
     * @param testCount     test images
     * @param width         features per image, 25
     * @param convolutions  the random convolutions
     * @param rscaleVersion rscale's version
     * @param gitCommit     rscale's commit
     * @param created       when, ISO-8601 UTC
     */
    public record Manifest(int formatVersion, String kind, String version, String key, String directory,
                           List<FileIdentity> inputs, long seed, String pixelScale, int trainCount, int testCount,
                           int width, RandomConvolutions convolutions, String rscaleVersion, String gitCommit,
                           String created) {
    }

    /**
     * The feature set of an IDX directory: read from the cache, or computed and published.
     *
     * @param directory the IDX directory ({@code data.path})
     * @param seed      the data seed
     * @param scale     the pixel scale
     * @return the features, and where they are cached relative to the sweep ({@code data/mnist-features-<key>})
     * @throws InvalidInputException for bad IDX files or a damaged cache directory
     */
    public Cached features(Path directory, long seed, PixelScale scale) {
        IdxFileSet files;
        try {
            files = IdxFileSet.locate(directory);
        } catch (InvalidInputException e) {
            return cachedFrom(directory, seed, scale).orElseThrow(() -> e);
        }
        List<FileIdentity> ids = new ArrayList<>();
        for (Path p : files.files()) {
            ids.add(identify(p));
        }
        String key = MnistFeatures.key(ids, seed, scale);
        Path dir = directoryOf(key);
        if (Files.isDirectory(dir)) {
            return new Cached(read(dir), relative(dir));
        }
        MnistFeatureSet set = MnistFeatureSet.compute(IdxDataset.read(files), seed, scale);
        dir = directoryOf(set.key());
        if (!Files.isDirectory(dir)) {
            publish(set, directory, dir);
        }
        return new Cached(set, relative(dir));
    }

    /**
     * A feature set with its place in the sweep.
     *
     * @param set      the features
     * @param relative its directory relative to the sweep, {@code data/mnist-features-<key>}
     */
    public record Cached(MnistFeatureSet set, String relative) {
    }

    private java.util.Optional<Cached> cachedFrom(Path directory, long seed, PixelScale scale) {
        if (!Files.isDirectory(root)) {
            return java.util.Optional.empty();
        }
        String wanted = directory.toAbsolutePath().normalize().toString();
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                Path m = d.resolve(MANIFEST);
                if (Files.isRegularFile(m)) {
                    Manifest man = manifest(m);
                    if (wanted.equals(man.directory()) && man.seed() == seed && scale.key().equals(man.pixelScale())) {
                        matches.add(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return matches.size() == 1 ? java.util.Optional.of(new Cached(read(matches.get(0)), relative(matches.get(0))))
                : java.util.Optional.empty();
    }

    /**
     * Deletes staging directories older than {@link #ABANDONED}: left by processes killed while computing
     * (a computation takes seconds, so no live process still writes one).
     */
    private void removeAbandonedStaging() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant limit = Instant.now().minus(ABANDONED);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, STAGING + "*")) {
            for (Path d : dirs) {
                if (Files.getLastModifiedTime(d).toInstant().isBefore(limit)) {
                    AtomicFiles.deleteRecursively(d);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover is hidden and never read
        }
    }

    private Path directoryOf(String key) {
        return root.resolve(PREFIX + key.substring(0, KEY_DIGITS));
    }

    private String relative(Path dir) {
        return DIRECTORY + "/" + dir.getFileName();
    }

    private static FileIdentity identify(Path file) {
        try {
            return FileIdentity.of(file);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getCause().getMessage(), e);
        }
    }

    private void publish(MnistFeatureSet set, Path idxDirectory, Path target) {
        removeAbandonedStaging();
        Path staging = root.resolve(ProcessTag.current().name(STAGING + target.getFileName()));
        try {
            Files.createDirectories(staging);
            write(staging, set, idxDirectory);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw new UncheckedIOException("cannot write " + staging + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteRecursively(staging);
            throw e;
        }
        AtomicFiles.publishDirectory(staging, target);
    }

    /**
     * Writes a feature set's files into a directory, the manifest last.
     *
     * @param dir          the directory (existing)
     * @param set          the features
     * @param idxDirectory the IDX directory they came from
     */
    static void write(Path dir, MnistFeatureSet set, Path idxDirectory) {
        int w = MnistFeatures.WIDTH;
        Npy.write(dir.resolve(TRAIN_FEATURES), new int[] {set.trainCount(), w}, set.trainFeatures());
        Npy.write(dir.resolve(TRAIN_LABELS), new int[] {set.trainCount()}, toDoubles(set.trainLabels()));
        Npy.write(dir.resolve(TEST_FEATURES), new int[] {set.testCount(), w}, set.testFeatures());
        Npy.write(dir.resolve(TEST_LABELS), new int[] {set.testCount()}, toDoubles(set.testLabels()));
        RandomConvolutions c = set.convolutions();
        int k1 = RandomConvolutions.KERNEL1;
        int k2 = RandomConvolutions.KERNEL2;
        Npy.write(dir.resolve(CONV1_WEIGHT), new int[] {1, 1, k1, k1}, c.conv1Weight());
        Npy.write(dir.resolve(CONV1_BIAS), new int[] {1}, new double[] {c.conv1Bias()});
        Npy.write(dir.resolve(CONV2_WEIGHT), new int[] {1, 1, k2, k2}, c.conv2Weight());
        Npy.write(dir.resolve(CONV2_BIAS), new int[] {1}, new double[] {c.conv2Bias()});
        Manifest m = new Manifest(FORMAT_VERSION, DataKind.MNIST_FEATURES.key(), MnistFeatures.VERSION, set.key(),
                idxDirectory.toAbsolutePath().normalize().toString(), set.inputs(), set.seed(), set.scale().key(),
                set.trainCount(), set.testCount(), w, c, RscaleBuild.VERSION, RscaleBuild.GIT_COMMIT,
                Instant.now().toString());
        AtomicFiles.write(dir.resolve(MANIFEST), out -> DataFormats.json().writeValue(out, m));
    }

    /**
     * Reads a cached feature set.
     *
     * @param dir a {@code data/mnist-features-<key>} directory
     * @return its features
     * @throws InvalidInputException naming the file when the directory is damaged
     */
    public static MnistFeatureSet read(Path dir) {
        Manifest m = manifest(dir.resolve(MANIFEST));
        int w = MnistFeatures.WIDTH;
        double[] trainX = array(dir, TRAIN_FEATURES, m.trainCount(), w);
        double[] trainY = array(dir, TRAIN_LABELS, m.trainCount());
        double[] testX = array(dir, TEST_FEATURES, m.testCount(), w);
        double[] testY = array(dir, TEST_LABELS, m.testCount());
        return new MnistFeatureSet(m.key(), m.inputs(), m.seed(), PixelScale.of(m.pixelScale()), m.convolutions(),
                trainX, toInts(trainY), testX, toInts(testY));
    }

    private static Manifest manifest(Path file) {
        try {
            Manifest m = DataFormats.json().readValue(file.toFile(), Manifest.class);
            if (m.formatVersion() != FORMAT_VERSION || m.inputs() == null || m.convolutions() == null
                    || m.key() == null) {
                throw new InvalidInputException(file + ": not a feature-cache manifest of format " + FORMAT_VERSION
                        + "; delete " + file.getParent() + " to recompute it");
            }
            return m;
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": unreadable feature-cache manifest (" + e.getOriginalMessage()
                    + "); delete " + file.getParent() + " to recompute it", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static double[] array(Path dir, String name, int... shape) {
        Path file = dir.resolve(name);
        NpyArray a = Npy.read(file);
        if (!Arrays.equals(a.shape(), shape)) {
            throw new InvalidInputException(file + ": shape " + a.shapeString() + ", the manifest says "
                    + NpyArray.shapeString(shape) + "; delete " + dir + " to recompute it");
        }
        return a.data();
    }

    private static double[] toDoubles(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static int[] toInts(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
