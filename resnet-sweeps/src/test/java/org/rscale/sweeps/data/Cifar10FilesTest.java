package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;

/** CIFAR-10's binary format on generated files (CIFAR-10 is not on this machine), subsets and normalisation. */
class Cifar10FilesTest {

    /** Random 3x32x32 images with labels 0..9. */
    static ImageSet random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] p = new byte[n * 3072];
        int[] l = new int[n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < n; i++) {
            l[i] = r.nextInt(10);
        }
        return new ImageSet(3, 32, 32, p, l, 10);
    }

    /** Writes the six files with 3, 3, 3, 3, 3 training and 4 test records. */
    static ImageSet[] writeFiles(Path dir) throws IOException {
        ImageSet train = random(15, 1);
        ImageSet test = random(4, 2);
        for (int b = 0; b < 5; b++) {
            Cifar10Files.write(dir.resolve(Cifar10Files.TRAIN_FILES.get(b)), train.select(new int[] {3 * b, 3 * b + 1,
                3 * b + 2}));
        }
        Cifar10Files.write(dir.resolve(Cifar10Files.TEST_FILE), test);
        return new ImageSet[] {train, test};
    }

    @Test
    void readsTheSixFilesInOrder(@TempDir Path dir) throws IOException {
        ImageSet[] written = writeFiles(dir);
        ImageSet[] read = Cifar10Files.read(dir);
        assertEquals(written[0], read[0]);
        assertEquals(written[1], read[1]);
        // record layout: label byte, then 1024 red, 1024 green, 1024 blue
        byte[] raw = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
        assertEquals(written[0].labels()[3], raw[0]);
        assertEquals(written[0].pixels()[3 * 3072 + 1024 + 33], raw[1 + 1024 + 33]);
    }

    @Test
    void badFilesGiveOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        writeFiles(dir);
        Path b3 = dir.resolve("data_batch_3.bin");
        byte[] good = Files.readAllBytes(b3);
        Files.write(b3, Arrays.copyOf(good, good.length - 100));
        assertMessage(dir, "data_batch_3.bin: 9119 bytes is not a whole number of 3073-byte CIFAR-10 records");
        byte[] badLabel = good.clone();
        badLabel[3073] = 10;
        Files.write(b3, badLabel);
        assertMessage(dir, "data_batch_3.bin: record 1 has label 10 (expected 0..9)");
        Files.write(b3, new byte[0]);
        assertMessage(dir, "data_batch_3.bin: 0 bytes");
        Files.write(b3, good);
        Files.delete(dir.resolve("test_batch.bin"));
        assertMessage(dir, "test_batch.bin: file not found");
        assertMessage(dir.resolve("nowhere"), "nowhere: no such directory");
    }

    @Test
    void subsetsAreSeededAndNormalisationIsCifars(@TempDir Path dir) throws IOException {
        ImageSet[] written = writeFiles(dir);
        ImageData a = ImageData.load(new ImageDataSpec("cifar10", dir.toString(), 10, 4, 7));
        ImageData b = ImageData.load(new ImageDataSpec("cifar10", dir.toString(), 10, 4, 7));
        ImageData c = ImageData.load(new ImageDataSpec("cifar10", dir.toString(), 10, 4, 8));
        assertEquals(10, a.train().count());
        assertEquals(a.train(), b.train());
        assertFalse(a.train().equals(c.train()), "another seed, another subset");
        assertEquals(written[1], a.test(), "all 4 test images in file order");
        assertArrayEquals(new double[] {0.4914, 0.4822, 0.4465}, a.mean());
        assertArrayEquals(new double[] {0.2023, 0.1994, 0.2010}, a.std());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageData.load(new ImageDataSpec("cifar10", dir.toString(), 16, 4, 0)));
        assertTrue(e.getMessage().contains("'data.train_size' is 16 but " + dir + " holds 15"), e.getMessage());
    }

    private static void assertMessage(Path dir, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Cifar10Files.read(dir));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
