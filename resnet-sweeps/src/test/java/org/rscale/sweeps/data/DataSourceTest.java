package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.IdxFixtures;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class DataSourceTest {
    @TempDir
    Path tmp;

    private Path idx(int rows, int cols) {
        Path dir = tmp.resolve("idx-" + rows + "x" + cols);
        IdxFixtures.writeDataset(dir, 40, 12, rows, cols, true);
        return dir;
    }

    private static DataSpec mnist(Path dir, int train, int test, int seed) {
        return new DataSpec("mnist-features", 25, train, test, seed, dir.toString(), "raw");
    }

    @Test
    void syntheticDataRecordTheirOrigin() {
        TrainTestData d = new DataSource().dataFor(new DataSpec("synthetic", 10, 64, 16, 0));
        assertEquals(64, d.train().n());
        assertEquals("synthetic", d.provenance().kind());
        assertEquals("synthetic (d = 10)", d.provenance().dataset());
        assertTrue(d.provenance().inputs().isEmpty());
        assertNull(d.provenance().convolutions());
        assertArrayEquals(SyntheticOdeData.generate(10, 64, 16, 0).train().x(), d.train().x(), 0.0);
    }

    @Test
    void mnistFeaturesOfASweepAreCachedInIt() {
        Path dir = idx(28, 28);
        Path sweep = tmp.resolve("sweep");
        DataSource source = new DataSource();
        TrainTestData all = source.dataFor(mnist(dir, 0, 0, 1), sweep);
        assertEquals(40, all.train().n());
        assertEquals(12, all.test().n());
        assertEquals(25, all.dim());
        DataProvenance p = all.provenance();
        assertEquals("mnist-features", p.kind());
        assertEquals("mnist-features of " + dir.getFileName(), p.dataset());
        assertEquals(4, p.inputs().size());
        assertEquals(40, p.trainSize());
        assertEquals("raw", p.pixelScale());
        assertTrue(p.features().startsWith("data/mnist-features-"), p.features());
        assertTrue(Files.isRegularFile(sweep.resolve(p.features()).resolve(FeatureCache.MANIFEST)));
        assertEquals(RandomConvolutions.pytorchDefault(1), p.convolutions());
        assertSame(all, source.dataFor(mnist(dir, 0, 0, 1), sweep), "built once");
        // targets: one-hot of label i % 10 in the first 10 coordinates
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 25; j++) {
                assertEquals(j == i % 10 ? 1.0 : 0.0, all.train().y()[i * 25 + j]);
            }
        }
        // in memory only: the same numbers, no cache
        TrainTestData memory = new DataSource().dataFor(mnist(dir, 0, 0, 1));
        assertArrayEquals(all.train().x(), memory.train().x(), 0.0);
        assertEquals(DataProvenance.NONE, memory.provenance().features());
    }

    @Test
    void sizesSelectSeededSubsetsInFileOrder() {
        Path dir = idx(28, 28);
        DataSource source = new DataSource();
        TrainTestData all = source.dataFor(mnist(dir, 0, 0, 0));
        TrainTestData sub = source.dataFor(mnist(dir, 16, 5, 0));
        assertEquals(16, sub.train().n());
        assertEquals(5, sub.test().n());
        int[] idx = IdxSubset.indices(40, 16, 0, IdxSplit.TRAIN, "data.train_size", "f");
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(Arrays.copyOfRange(all.train().x(), idx[i] * 25, idx[i] * 25 + 25),
                    Arrays.copyOfRange(sub.train().x(), i * 25, i * 25 + 25), 0.0);
        }
        TrainTestData again = new DataSource().dataFor(mnist(dir, 16, 5, 0));
        assertArrayEquals(sub.train().x(), again.train().x(), 0.0);
        assertFalse(Arrays.equals(sub.train().x(), source.dataFor(mnist(dir, 16, 5, 1)).train().x()));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DataSource().dataFor(mnist(dir, 41, 0, 0)));
        assertTrue(e.getMessage().contains("setting 'data.train_size' is 41 but "), e.getMessage());
        assertTrue(e.getMessage().contains("holds only 40 training images"), e.getMessage());
    }

    @Test
    void subsetsAreDistinctSortedAndSeeded() {
        int[] a = IdxSubset.indices(1000, 100, 5, IdxSplit.TRAIN, "s", "f");
        assertEquals(100, a.length);
        assertEquals(100, Arrays.stream(a).distinct().count());
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i]);
        }
        assertTrue(a[0] >= 0 && a[99] < 1000);
        assertArrayEquals(a, IdxSubset.indices(1000, 100, 5, IdxSplit.TRAIN, "s", "f"));
        assertFalse(Arrays.equals(a, IdxSubset.indices(1000, 100, 6, IdxSplit.TRAIN, "s", "f")));
        assertFalse(Arrays.equals(a, IdxSubset.indices(1000, 100, 5, IdxSplit.TEST, "s", "f")));
        assertArrayEquals(new int[] {0, 1, 2}, IdxSubset.indices(3, 0, 5, IdxSplit.TRAIN, "s", "f"));
        assertArrayEquals(new int[] {0, 1, 2}, IdxSubset.indices(3, 3, 5, IdxSplit.TRAIN, "s", "f"));
        // every image equally likely: over many seeds each of 10 images is picked about 3/10 of the time
        int[] picked = new int[10];
        for (int s = 0; s < 3000; s++) {
            for (int i : IdxSubset.indices(10, 3, s, IdxSplit.TRAIN, "s", "f")) {
                picked[i]++;
            }
        }
        for (int c : picked) {
            assertEquals(900, c, 4 * Math.sqrt(3000 * 0.3 * 0.7));
        }
    }

    @Test
    void idxFlatGivesScaledPixelsAndClassLabels() {
        Path dir = idx(4, 3);
        DataSpec spec = new DataSpec("idx-flat", 0, 0, 6, 2, dir.toString(), "unit");
        ClassificationData d = new DataSource().classificationFor(spec);
        assertEquals(12, d.inputs());
        assertEquals(40, d.train().n());
        assertEquals(6, d.test().n());
        assertEquals(10, d.classes());
        IdxDataset raw = IdxDataset.read(dir);
        for (int i = 0; i < 40; i++) {
            assertEquals(i % 10, d.train().label(i));
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 3; c++) {
                    // value x (1/255): within an ulp of value / 255
                    assertEquals(raw.train().images().pixel(i, r, c) / 255.0, d.train().x()[i * 12 + r * 3 + c], 2.3e-16);
                }
            }
        }
        int[] picked = IdxSubset.indices(12, 6, 2, IdxSplit.TEST, "data.test_size", "f");
        for (int i = 0; i < 6; i++) {
            assertEquals(picked[i] % 10, d.test().label(i));
        }
        assertEquals(List.copyOf(raw.sources()), d.provenance().inputs());
        assertEquals("unit", d.provenance().pixelScale());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DataSource().dataFor(spec));
        assertTrue(e.getMessage().contains("data.kind idx-flat gives pixel inputs and class labels"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> new DataSource().classificationFor(mnist(dir, 0, 0, 0)));
        assertTrue(e.getMessage().contains("come from data.kind idx-flat"), e.getMessage());
    }

    @Test
    void checkReadsEveryDirectoryOnceAndResolvesTheSizes() {
        Path dir = idx(28, 28);
        Map<DataSpec, DataSource.SplitSizes> sizes = DataSource.check(List.of(mnist(dir, 0, 0, 0), mnist(dir, 8, 4, 0),
                new DataSpec("synthetic", 10, 1024, 256, 0)));
        assertEquals(new DataSource.SplitSizes(40, 12), sizes.get(mnist(dir, 0, 0, 0)));
        assertEquals(new DataSource.SplitSizes(8, 4), sizes.get(mnist(dir, 8, 4, 0)));
        assertEquals(new DataSource.SplitSizes(1024, 256), sizes.get(new DataSpec("synthetic", 10, 1024, 256, 0)));
        Path small = idx(8, 8);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataSource.check(List.of(mnist(small, 0, 0, 0))));
        assertTrue(e.getMessage().contains("needs 28 x 28"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> DataSource.check(List.of(new DataSpec("mnist-features", 25, 0, 0, 0, "", "raw"))));
        assertTrue(e.getMessage().startsWith("setting 'data.path' is not set"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> DataSource.check(List.of(mnist(tmp.resolve("nowhere"), 0, 0, 0))));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
        assertEquals(new DataSource.SplitSizes(40, 12),
                DataSource.check(List.of(new DataSpec("idx-flat", 0, 0, 0, 0, small.toString(), "raw")))
                        .values().iterator().next());
    }

    @Test
    void datasetNamesSayKindAndDirectory() {
        assertEquals("synthetic (d = 10)", DataSpec.nameOf("synthetic", "", 10));
        assertEquals("mnist-features of fashion-mnist",
                DataSpec.nameOf("mnist-features", "/usr/share/datasets/fashion-mnist", 25));
        assertEquals("idx-flat of mnist", new DataSpec("idx-flat", 0, 0, 0, 0, "/data/mnist", "raw").datasetName());
        assertNotEquals(DataKind.SYNTHETIC.width(0), DataKind.MNIST_FEATURES.width(0));
        assertEquals(25, DataKind.MNIST_FEATURES.width(25));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataKind.MNIST_FEATURES.width(10));
        assertTrue(e.getMessage().contains("data.kind mnist-features has 25 features"), e.getMessage());
    }
}
