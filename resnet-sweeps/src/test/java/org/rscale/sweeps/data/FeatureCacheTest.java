package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.IdxFixtures;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class FeatureCacheTest {
    @TempDir
    Path tmp;

    private Path idx() {
        Path dir = tmp.resolve("idx");
        IdxFixtures.writeDataset(dir, 20, 6, 28, 28, true);
        return dir;
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void computesOncePublishesAndReadsBack() throws IOException {
        Path idx = idx();
        Path root = tmp.resolve("sweep").resolve(FeatureCache.DIRECTORY);
        FeatureCache.Cached first = new FeatureCache(root).features(idx, 3, PixelScale.RAW);
        List<Path> dirs = entries(root);
        assertEquals(1, dirs.size(), "one feature set, no staging left: " + dirs);
        Path dir = dirs.get(0);
        assertEquals(FeatureCache.DIRECTORY + "/" + dir.getFileName(), first.relative());
        assertEquals(FeatureCache.PREFIX + first.set().key().substring(0, 16), dir.getFileName().toString());
        for (String f : List.of("features.json", "train_features.npy", "train_labels.npy", "test_features.npy",
                "test_labels.npy", "conv1_weight.npy", "conv1_bias.npy", "conv2_weight.npy", "conv2_bias.npy")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String manifest = Files.readString(dir.resolve(FeatureCache.MANIFEST));
        // another process (a fresh cache object) reads the stored set instead of computing it again
        FeatureCache.Cached again = new FeatureCache(root).features(idx, 3, PixelScale.RAW);
        assertEquals(manifest, Files.readString(dir.resolve(FeatureCache.MANIFEST)), "not rewritten");
        assertEquals(first.relative(), again.relative());
        assertArrayEquals(first.set().trainFeatures(), again.set().trainFeatures(), 0.0);
        assertArrayEquals(first.set().testLabels(), again.set().testLabels());
        assertEquals(first.set().convolutions(), again.set().convolutions());
        assertEquals(first.set().inputs(), again.set().inputs());
        // another seed is another set
        FeatureCache.Cached other = new FeatureCache(root).features(idx, 4, PixelScale.RAW);
        assertNotEquals(first.relative(), other.relative());
        assertEquals(2, entries(root).size());
    }

    @Test
    void concurrentProcessesPublishOneSetAndAllReadIt() throws Exception {
        Path idx = idx();
        Path root = tmp.resolve("sweep").resolve(FeatureCache.DIRECTORY);
        int tasks = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<FeatureCache.Cached>> results = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return new FeatureCache(root).features(idx, 0, PixelScale.UNIT);
                }));
            }
            start.countDown();
            FeatureCache.Cached first = results.get(0).get();
            for (Future<FeatureCache.Cached> f : results) {
                FeatureCache.Cached c = f.get();
                assertEquals(first.relative(), c.relative());
                assertArrayEquals(first.set().trainFeatures(), c.set().trainFeatures(), 0.0);
            }
            List<Path> left = entries(root);
            assertEquals(1, left.size(), "one published set and no staging directory: " + left);
            assertArrayEquals(first.set().trainFeatures(), FeatureCache.read(left.get(0)).trainFeatures(), 0.0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stagingLeftByAKilledProcessIsRemovedOnceAnHourOld() throws IOException {
        Path idx = idx();
        Path root = tmp.resolve(FeatureCache.DIRECTORY);
        Path old = Files.createDirectories(root.resolve(".partial-mnist-features-0000000000000000-dead0001"));
        Files.writeString(old.resolve("train_features.npy"), "half written");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.createDirectories(root.resolve(".partial-mnist-features-0000000000000000-live0002"));
        new FeatureCache(root).features(idx, 0, PixelScale.RAW);
        assertTrue(Files.notExists(old), "abandoned two hours ago");
        assertTrue(Files.isDirectory(recent), "may still be written");
    }

    @Test
    void aDamagedSetIsOneLineNamingTheFile() throws IOException {
        Path idx = idx();
        Path root = tmp.resolve(FeatureCache.DIRECTORY);
        FeatureCache.Cached c = new FeatureCache(root).features(idx, 0, PixelScale.RAW);
        Path dir = tmp.resolve(c.relative());
        Files.write(dir.resolve("test_features.npy"), new byte[] {1, 2, 3});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FeatureCache(root).features(idx, 0, PixelScale.RAW));
        assertTrue(e.getMessage().startsWith(dir.resolve("test_features.npy").toString()), e.getMessage());
        Files.writeString(dir.resolve(FeatureCache.MANIFEST), "{ not json");
        e = assertThrows(InvalidInputException.class, () -> FeatureCache.read(dir));
        assertTrue(e.getMessage().contains("unreadable feature-cache manifest"), e.getMessage());
        assertTrue(e.getMessage().contains("delete " + dir + " to recompute it"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void whenTheIdxFilesAreGoneTheSetMadeFromThemIsUsed() throws IOException {
        Path idx = idx();
        Path root = tmp.resolve(FeatureCache.DIRECTORY);
        FeatureCache.Cached c = new FeatureCache(root).features(idx, 2, PixelScale.RAW);
        for (Path f : entries(idx)) {
            Files.delete(f);
        }
        FeatureCache.Cached later = new FeatureCache(root).features(idx, 2, PixelScale.RAW);
        assertEquals(c.relative(), later.relative());
        assertArrayEquals(c.set().trainFeatures(), later.set().trainFeatures(), 0.0);
        // but not one of another seed
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FeatureCache(root).features(idx, 9, PixelScale.RAW));
        assertTrue(e.getMessage().contains("no training images (looked for"), e.getMessage());
    }
}
