package org.rscale.sweeps.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * CIFAR-10 in its binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (training) and
 * {@code test_batch.bin} in one directory; each file a sequence of 3073-byte records, one label byte
 * (0..9) and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 rows of 32, row-major). The
 * standard files hold 10,000 records each; any whole number of records is read.
 *
 * <p>Errors are one-line {@link InvalidInputException}s naming the file: missing (with the names
 * looked for), empty or not a whole number of records (truncated), a label outside 0..9.
 */
public final class Cifar10Files {

    /** The training files, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    /** The test file. */
    public static final String TEST_FILE = "test_batch.bin";
    /** Bytes per record: 1 label + 3 x 32 x 32 pixels. */
    public static final int RECORD = 1 + 3 * 32 * 32;
    /** CIFAR-10's classes. */
    public static final int CLASSES = 10;

    private Cifar10Files() {
    }

    /**
     * @param dir the directory of the six files
     * @return the training set (50,000 images for the real files) and the test set (10,000)
     * @throws InvalidInputException naming the file at fault
     */
    public static ImageSet[] read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such directory (data.path must hold CIFAR-10's binary version: "
                    + "data_batch_1.bin .. data_batch_5.bin, test_batch.bin)");
        }
        ByteArrayOutputStream train = new ByteArrayOutputStream();
        for (String name : TRAIN_FILES) {
            train.writeBytes(records(dir.resolve(name)));
        }
        return new ImageSet[] {parse(train.toByteArray()), parse(records(dir.resolve(TEST_FILE)))};
    }

    /** The file's bytes, checked to be whole records with labels 0..9. */
    private static byte[] records(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found (CIFAR-10's binary version has data_batch_1.bin .. "
                    + "data_batch_5.bin and test_batch.bin)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (b.length == 0 || b.length % RECORD != 0) {
            throw new InvalidInputException(file + ": " + b.length + " bytes is not a whole number of " + RECORD
                    + "-byte CIFAR-10 records (truncated, or not a CIFAR-10 binary file)");
        }
        for (int r = 0; r < b.length / RECORD; r++) {
            int label = b[r * RECORD] & 0xff;
            if (label >= CLASSES) {
                throw new InvalidInputException(file + ": record " + r + " has label " + label + " (expected 0..9)");
            }
        }
        return b;
    }

    private static ImageSet parse(byte[] b) {
        int n = b.length / RECORD;
        int size = RECORD - 1;
        byte[] pixels = new byte[n * size];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = b[r * RECORD] & 0xff;
            System.arraycopy(b, r * RECORD + 1, pixels, r * size, size);
        }
        return new ImageSet(3, 32, 32, pixels, labels, CLASSES);
    }

    /**
     * Writes files of the CIFAR-10 binary format (for tests and timing on generated images).
     *
     * @param file   the file
     * @param images the images, 3 x 32 x 32
     * @throws IOException on a write failure
     */
    public static void write(Path file, ImageSet images) throws IOException {
        if (images.channels() != 3 || images.height() != 32 || images.width() != 32) {
            throw new IllegalArgumentException("CIFAR-10 records are 3x32x32, got " + images);
        }
        byte[] out = new byte[images.count() * RECORD];
        for (int r = 0; r < images.count(); r++) {
            out[r * RECORD] = (byte) images.labels()[r];
            System.arraycopy(images.pixels(), r * (RECORD - 1), out, r * RECORD + 1, RECORD - 1);
        }
        Files.write(file, out);
    }
}
