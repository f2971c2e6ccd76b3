package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rscale.sweeps.testing.IdxFixtures.concat;
import static org.rscale.sweeps.testing.IdxFixtures.gzip;
import static org.rscale.sweeps.testing.IdxFixtures.header;
import static org.rscale.sweeps.testing.IdxFixtures.imageFile;
import static org.rscale.sweeps.testing.IdxFixtures.labelFile;
import static org.rscale.sweeps.testing.IdxFixtures.pixels;
import static org.rscale.sweeps.testing.IdxFixtures.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.testing.IdxFixtures;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class IdxDatasetTest {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    @TempDir
    Path tmp;

    @Test
    void readsEveryPixelAndLabelOfNonSquareImagesPlainAndGzipped() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path dir = tmp.resolve(gz ? "gz" : "plain");
            IdxFixtures.writeDataset(dir, 7, 3, 3, 5, gz);
            IdxDataset d = IdxDataset.read(dir);
            assertEquals(dir, d.directory());
            assertEquals(7, d.train().count());
            assertEquals(3, d.test().count());
            assertEquals(3, d.rows());
            assertEquals(5, d.cols());
            assertEquals(15, d.train().images().imageSize());
            byte[] expected = pixels(7, 3, 5, 1);
            for (int i = 0; i < 7; i++) {
                long sum = 0;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 5; c++) {
                        int p = expected[i * 15 + r * 5 + c] & 0xff;
                        assertEquals(p, d.train().images().pixel(i, r, c), "pixel " + i + "," + r + "," + c);
                        sum += p;
                    }
                }
                assertEquals(sum, d.train().images().pixelSum(i));
                assertEquals(i % 10, d.train().label(i));
            }
            assertArrayEquals(expected, d.train().images().copyPixels());
            assertArrayEquals(new int[] {0, 1, 2}, d.test().labels().toArray());
            assertArrayEquals(pixels(3, 3, 5, 2), d.test().images().copyPixels());
            String suffix = gz ? ".gz" : "";
            Path file = dir.resolve(TRAIN_IMAGES + suffix);
            FileIdentity id = d.train().images().source();
            assertEquals(file.toAbsolutePath().toString(), id.path());
            assertEquals(Files.size(file), id.bytes());
            assertEquals(sha256(Files.readAllBytes(file)), id.sha256());
            assertEquals(FileIdentity.of(file), id);
            assertEquals(4, d.sources().size());
            assertEquals(dir.resolve(TEST_LABELS + suffix).toAbsolutePath().toString(), d.sources().get(3).path());
        }
        IdxDataset plain = IdxDataset.read(tmp.resolve("plain"));
        IdxDataset gz = IdxDataset.read(tmp.resolve("gz"));
        assertArrayEquals(plain.train().images().copyPixels(), gz.train().images().copyPixels());
        assertNotEquals(plain.train().images().source().sha256(), gz.train().images().source().sha256());
    }

    @Test
    void scalesCopiesAndSelectsImages() {
        IdxFixtures.writeDataset(tmp, 4, 2, 2, 3, false);
        IdxImages images = IdxDataset.read(tmp).train().images();
        double[] out = new double[2 + 6];
        images.copyImage(2, 0.5, out, 2);
        assertEquals(0.0, out[0]);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(0.5 * images.pixel(2, r, c), out[2 + r * 3 + c]);
            }
        }
        double[] flat = images.flatten(1.0 / 255);
        assertEquals(4 * 6, flat.length);
        assertEquals(images.pixel(3, 1, 2) / 255.0, flat[3 * 6 + 5], 1e-15);
        LabelledImages picked = IdxDataset.read(tmp).train().select(new int[] {3, 0, 3});
        assertEquals(3, picked.count());
        assertEquals(images.pixel(3, 1, 1), picked.images().pixel(0, 1, 1));
        assertEquals(images.pixel(0, 0, 2), picked.images().pixel(1, 0, 2));
        assertArrayEquals(new int[] {3, 0, 3}, picked.labels().toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> images.pixel(4, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> images.pixel(0, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> images.copyImage(0, 1, new double[5], 0));
    }

    @Test
    void findsTheDottedSpellingAndPrefersPlainFilesToGzipped() {
        IdxFixtures.writeSplit(tmp, "train", 3, 2, 2, 1, "");
        // the test split under the mirrors' dotted spelling
        write(tmp, "t10k-images.idx3-ubyte.gz", gzip(imageFile(2, 2, 2, pixels(2, 2, 2, 5))));
        write(tmp, "t10k-labels.idx1-ubyte", labelFile(4, 9));
        // a .gz twin of the training images with other content: the plain file wins
        write(tmp, TRAIN_IMAGES + ".gz", gzip(imageFile(1, 2, 2, pixels(1, 2, 2, 9))));
        IdxDataset d = IdxDataset.read(tmp);
        assertEquals(3, d.train().count());
        assertTrue(d.train().images().source().path().endsWith(TRAIN_IMAGES));
        assertArrayEquals(new int[] {4, 9}, d.test().labels().toArray());
        assertTrue(d.test().images().source().path().endsWith("t10k-images.idx3-ubyte.gz"));
    }

    @Test
    void decompressesAPlainNamedFileWhoseContentIsGzip() {
        IdxFixtures.writeDataset(tmp, 3, 2, 2, 2, false);
        write(tmp, TRAIN_IMAGES, gzip(imageFile(3, 2, 2, pixels(3, 2, 2, 1))));
        assertArrayEquals(pixels(3, 2, 2, 1), IdxDataset.read(tmp).train().images().copyPixels());
    }

    @Test
    void requiresAnImageSizeWhenAskedTo() {
        IdxFixtures.writeDataset(tmp, 3, 2, 4, 4, true);
        IdxDataset d = IdxDataset.read(tmp);
        assertEquals(d, d.requireImageSize(4, 4, "the test"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> d.requireImageSize(28, 28, "data.kind mnist-features"));
        assertOneLineNaming(e, tmp.resolve(TRAIN_IMAGES + ".gz").toString(), "images are 4 x 4 but data.kind mnist-features needs 28 x 28");
    }

    @Test
    void anEmptySplitIsReadAsZeroImages() {
        IdxFixtures.writeDataset(tmp, 2, 0, 3, 3, false);
        assertEquals(0, IdxDataset.read(tmp).test().count());
    }

    /** One malformed dataset per error path: the change made to a good dataset, the file named, the fault. */
    static Stream<Arguments> badInputs() {
        byte[] good = imageFile(3, 2, 2, pixels(3, 2, 2, 1));
        return Stream.of(
                bad("wrong magic number", dir -> write(dir, TRAIN_IMAGES, withByte(good, 0, 0x01)),
                        TRAIN_IMAGES, "not an IDX file: wrong magic number 0x01000803"),
                bad("wrong magic number, plausible IDX of 1 dimension", dir -> write(dir, TRAIN_IMAGES, labelFile(1, 2, 3)),
                        TRAIN_IMAGES, "wrong magic number 0x00000801: 1 dimension (a label file?)"),
                bad("an image file given as labels", dir -> write(dir, TEST_LABELS, good),
                        TEST_LABELS, "wrong magic number 0x00000803: 3 dimensions (an image file?)"),
                bad("wrong data type (float32)", dir -> write(dir, TRAIN_IMAGES, withByte(good, 2, 0x0D)),
                        TRAIN_IMAGES, "wrong data type 0x0D (32-bit float)"),
                bad("wrong data type in labels", dir -> write(dir, TRAIN_LABELS, withByte(labelFile(1, 2, 3), 2, 0x0C)),
                        TRAIN_LABELS, "wrong data type 0x0C (32-bit integer)"),
                bad("image and label counts disagree", dir -> write(dir, TRAIN_LABELS, labelFile(1, 2)),
                        TRAIN_LABELS, "2 labels, but /", "/" + TRAIN_IMAGES + " holds 3 images (image and label counts "
                                + "disagree)"),
                bad("empty file", dir -> write(dir, TRAIN_IMAGES, new byte[0]),
                        TRAIN_IMAGES, "truncated: 0 bytes, shorter than the 4-byte IDX magic number"),
                bad("truncated header", dir -> write(dir, TRAIN_IMAGES, Arrays.copyOf(good, 10)),
                        TRAIN_IMAGES, "truncated: the header declares 3 dimension sizes (12 bytes) but the file ends"),
                bad("truncated data", dir -> write(dir, TRAIN_IMAGES, Arrays.copyOf(good, good.length - 1)),
                        TRAIN_IMAGES, "truncated: the header declares 3 images of 2 x 2 (12 bytes of data) but the data "
                                + "ends after 11 bytes"),
                bad("truncated data, gzipped whole", dir -> writeGz(dir, TRAIN_IMAGES,
                                gzip(Arrays.copyOf(good, 20))),
                        TRAIN_IMAGES + ".gz", "truncated: the header declares 3 images of 2 x 2"),
                bad("truncated labels", dir -> write(dir, TEST_LABELS, Arrays.copyOf(labelFile(1, 2), 9)),
                        TEST_LABELS, "truncated: the header declares 2 labels"),
                bad("a huge declared count, little data", dir -> write(dir, TRAIN_IMAGES,
                                concat(header(0x08, 2_000_000, 28, 28), new byte[100])),
                        TRAIN_IMAGES, "truncated: the header declares 2000000 images of 28 x 28"),
                bad("more than an array holds", dir -> write(dir, TRAIN_IMAGES, header(0x08, 100_000_000, 28, 28)),
                        TRAIN_IMAGES, "more than rscale can hold in one array"),
                bad("a gzip stream cut short", dir -> {
                    byte[] gz = gzip(good);
                    writeGz(dir, TRAIN_IMAGES, Arrays.copyOf(gz, gz.length - 12));
                }, TRAIN_IMAGES + ".gz", "truncated gzip stream"),
                bad("bytes after the declared data", dir -> write(dir, TRAIN_IMAGES, concat(good, new byte[5])),
                        TRAIN_IMAGES, "5 bytes after the declared 3 images of 2 x 2"),
                bad("named .gz, not gzip", dir -> writeGz(dir, TRAIN_IMAGES, good),
                        TRAIN_IMAGES + ".gz", "named .gz but not gzip-compressed (it starts with 0x00 0x00, gzip with "
                                + "0x1f 0x8b)"),
                bad("named .gz, empty", dir -> writeGz(dir, TEST_IMAGES, new byte[0]),
                        TEST_IMAGES + ".gz", "named .gz but not gzip-compressed (the file is empty)"),
                bad("corrupt gzip data", dir -> {
                    byte[] gz = gzip(good);
                    for (int i = 10; i < gz.length - 8; i++) {
                        gz[i] = (byte) 0xff;
                    }
                    writeGz(dir, TRAIN_IMAGES, gz);
                }, TRAIN_IMAGES + ".gz", "corrupt gzip data"),
                bad("an image of zero columns", dir -> write(dir, TRAIN_IMAGES, header(0x08, 3, 2, 0)),
                        TRAIN_IMAGES, "dimension 3 of the header has size 0"),
                bad("training and test images of different sizes", dir -> {
                    write(dir, TEST_IMAGES, imageFile(2, 3, 2, pixels(2, 3, 2, 4)));
                }, TEST_IMAGES, "test images are 3 x 2 but the training images ("),
                bad("missing test labels", dir -> delete(dir.resolve(TEST_LABELS)),
                        "", "no test labels (looked for t10k-labels-idx1-ubyte, t10k-labels-idx1-ubyte.gz, "
                                + "t10k-labels.idx1-ubyte, t10k-labels.idx1-ubyte.gz)"),
                bad("missing training images", dir -> delete(dir.resolve(TRAIN_IMAGES)),
                        "", "no training images (looked for train-images-idx3-ubyte, train-images-idx3-ubyte.gz, "
                                + "train-images.idx3-ubyte, train-images.idx3-ubyte.gz)"));
    }

    private static Arguments bad(String name, Consumer<Path> damage, String file, String... fault) {
        return Arguments.of(name, damage, file, fault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void everyBadInputIsOneLineNamingTheFileAndTheFault(String name, Consumer<Path> damage, String file,
                                                        String[] fault) {
        Path dir = tmp.resolve("d");
        IdxFixtures.writeDataset(dir, 3, 2, 2, 2, false);
        damage.accept(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.read(dir), name);
        assertOneLineNaming(e, file.isEmpty() ? dir.toString() : dir.resolve(file).toString(), fault);
    }

    @Test
    void aMissingDirectoryOrAFileInsteadOfADirectoryIsOneLine() throws IOException {
        Path missing = tmp.resolve("nowhere");
        assertOneLineNaming(assertThrows(InvalidInputException.class, () -> IdxDataset.read(missing)),
                missing.toString(), "no such directory");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertOneLineNaming(assertThrows(InvalidInputException.class, () -> IdxDataset.read(file)),
                file.toString(), "is a file; give the directory that holds the IDX files");
    }

    @Test
    void singleFilesReadAlone() {
        Path f = write(tmp, "x-images-idx3-ubyte.gz", gzip(imageFile(2, 1, 3, new byte[] {0, 1, 2, (byte) 253, (byte) 254,
                (byte) 255})));
        IdxImages images = IdxImages.read(f);
        assertEquals(2, images.count());
        assertEquals(255, images.pixel(1, 0, 2));
        assertEquals(253 + 254 + 255, images.pixelSum(1));
        Path g = write(tmp, "x-labels-idx1-ubyte", labelFile(0, 200, 7));
        assertArrayEquals(new int[] {0, 200, 7}, IdxLabels.read(g).toArray());
        assertEquals(201, IdxLabels.read(g).classes());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxLabels.read(f));
        assertOneLineNaming(e, f.toString(), "3 dimensions (an image file?)");
        assertFalse(e.getMessage().isEmpty());
    }

    private static void assertOneLineNaming(InvalidInputException e, String file, String... fault) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.startsWith(file), "names the file " + file + ": " + m);
        for (String f : fault) {
            assertTrue(m.contains(f), "says '" + f + "': " + m);
        }
    }

    /** Replaces a plain file of the dataset by a .gz one of that content. */
    private static void writeGz(Path dir, String plainName, byte[] content) {
        delete(dir.resolve(plainName));
        write(dir, plainName + ".gz", content);
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] out = bytes.clone();
        out[at] = (byte) value;
        return out;
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
