package org.rscale.sweeps.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Tiny IDX files written by the tests, good and bad: headers, seeded pixels, label files, gzip, and
 * whole datasets of the MNIST file family.
 */
public final class IdxFixtures {
    /** The IDX data type of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    private IdxFixtures() {
    }

    /**
     * @param type the data type byte
     * @param dims the sizes
     * @return an IDX header: magic 0x0000 type ndims, then the sizes, big-endian
     */
    public static byte[] header(int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /**
     * @param count images
     * @param rows  rows
     * @param cols  columns
     * @param seed  the seed
     * @return seeded pixels 0..255 for count images of rows x cols
     */
    public static byte[] pixels(int count, int rows, int cols, long seed) {
        byte[] p = new byte[count * rows * cols];
        new Random(seed).nextBytes(p);
        return p;
    }

    /**
     * @param count  images
     * @param rows   rows
     * @param cols   columns
     * @param pixels their pixels
     * @return an IDX image file of those pixels
     */
    public static byte[] imageFile(int count, int rows, int cols, byte[] pixels) {
        return concat(header(UNSIGNED_BYTE, count, rows, cols), pixels);
    }

    /**
     * @param labels the labels
     * @return an IDX label file
     */
    public static byte[] labelFile(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return concat(header(UNSIGNED_BYTE, labels.length), data);
    }

    /**
     * @param a first bytes
     * @param b then these
     * @return both
     */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * @param plain bytes
     * @return them gzip-compressed
     */
    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param dir     a directory, created if needed
     * @param name    a file name
     * @param content the bytes
     * @return the file
     */
    public static Path write(Path dir, String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a good dataset: {@code train} and {@code test} images of rows x cols with seeded pixels
     * and labels {@code i % 10}.
     *
     * @param dir   the directory
     * @param train training images
     * @param test  test images
     * @param rows  rows per image
     * @param cols  columns per image
     * @param gz    whether the files are gzip-compressed (names with .gz)
     */
    public static void writeDataset(Path dir, int train, int test, int rows, int cols, boolean gz) {
        String ext = gz ? ".gz" : "";
        writeSplit(dir, "train", train, rows, cols, 1, ext);
        writeSplit(dir, "t10k", test, rows, cols, 2, ext);
    }

    /**
     * Writes one split: seeded pixels, labels {@code i % 10}.
     *
     * @param dir    the directory
     * @param prefix {@code train} or {@code t10k}
     * @param count  images
     * @param rows   rows
     * @param cols   columns
     * @param seed   the pixels' seed
     * @param ext    {@code ""} or {@code ".gz"}
     */
    public static void writeSplit(Path dir, String prefix, int count, int rows, int cols, long seed, String ext) {
        byte[] images = imageFile(count, rows, cols, pixels(count, rows, cols, seed));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        byte[] labelBytes = labelFile(labels);
        boolean gz = ext.endsWith(".gz");
        write(dir, prefix + "-images-idx3-ubyte" + ext, gz ? gzip(images) : images);
        write(dir, prefix + "-labels-idx1-ubyte" + ext, gz ? gzip(labelBytes) : labelBytes);
    }
}
