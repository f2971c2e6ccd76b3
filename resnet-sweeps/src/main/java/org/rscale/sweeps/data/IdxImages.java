package org.rscale.sweeps.data;

import java.nio.file.Path;
import java.util.Arrays;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;

/**
 * Greyscale images of an IDX file ({@code *-images-idx3-ubyte}, plain or {@code .gz}): {@code count}
 * images of {@code rows x cols} unsigned bytes (0..255; for MNIST 0 is the background), stored
 * image after image, each row-major, as in the file. Any size: MNIST and Fashion-MNIST are
 * 28 x 28, other datasets of the format need not be. Immutable.
 *
 * <pre>{@code
 * IdxImages images = IdxImages.read(Path.of("/data/mnist/t10k-images-idx3-ubyte.gz"));
 * int p = images.pixel(0, 14, 14);                 // 0..255, image 0, row 14, column 14
 * double[] x = new double[images.imageSize()];
 * images.copyImage(0, 1.0 / 255, x, 0);            // image 0 scaled to [0, 1], row-major
 * }</pre>
 *
 * <p>Usually read with its labels through {@link IdxDataset#read(Path)}.
 */
public final class IdxImages {
    private static final int DIMENSIONS = 3;

    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final FileIdentity source;

    private IdxImages(int count, int rows, int cols, byte[] pixels, FileIdentity source) {
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.source = source;
    }

    /**
     * Reads an IDX image file.
     *
     * @param file {@code *-images-idx3-ubyte}, plain or gzip-compressed
     * @return its images, with the file's identity
     * @throws InvalidInputException one line naming the file and the fault (not gzip, wrong magic
     *                               number or data type, truncated, trailing bytes)
     */
    public static IdxImages read(Path file) {
        IdxFile f = IdxFile.read(file, DIMENSIONS, "images");
        int[] d = f.dims();
        return new IdxImages(d[0], d[1], d[2], f.data(), f.source());
    }

    /**
     * Images held in memory (tests, data built by other means).
     *
     * @param count  number of images
     * @param rows   rows per image, at least 1
     * @param cols   columns per image, at least 1
     * @param pixels {@code count * rows * cols} unsigned bytes; copied
     * @param source where they came from
     * @return the images
     */
    public static IdxImages of(int count, int rows, int cols, byte[] pixels, FileIdentity source) {
        if (count < 0 || rows < 1 || cols < 1 || pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + count + " images of " + rows + " x "
                    + cols);
        }
        return new IdxImages(count, rows, cols, pixels.clone(), source);
    }

    /** @return the number of images */
    public int count() {
        return count;
    }

    /** @return rows per image (the IDX file's second dimension) */
    public int rows() {
        return rows;
    }

    /** @return columns per image (the third dimension) */
    public int cols() {
        return cols;
    }

    /** @return pixels per image, {@code rows * cols} */
    public int imageSize() {
        return rows * cols;
    }

    /** @return the file the images were read from (path, size, SHA-256) */
    public FileIdentity source() {
        return source;
    }

    /**
     * @param image an image index in {@code [0, count)}
     * @param row   a row in {@code [0, rows)}
     * @param col   a column in {@code [0, cols)}
     * @return the pixel value, 0..255
     */
    public int pixel(int image, int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + col + ") of a " + rows + " x " + cols + " image");
        }
        return pixels[offset(image) + row * cols + col] & 0xff;
    }

    /**
     * @param image an image index
     * @return the sum of its pixel values
     */
    public long pixelSum(int image) {
        int off = offset(image);
        long sum = 0;
        for (int i = 0; i < rows * cols; i++) {
            sum += pixels[off + i] & 0xff;
        }
        return sum;
    }

    /**
     * Writes one image, scaled, into {@code out[offset .. offset + imageSize())}: pixel {@code (r, c)}
     * goes to {@code out[offset + r * cols + c] = scale * value}.
     *
     * @param image  an image index; not modified
     * @param scale  the factor applied to the values 0..255 (1 for raw values, 1/255 for [0, 1])
     * @param out    the destination; Modified
     * @param offset where the image starts in {@code out}
     */
    public void copyImage(int image, double scale, double[] out, int offset) {
        int off = offset(image);
        int size = rows * cols;
        if (offset < 0 || offset + size > out.length) {
            throw new IndexOutOfBoundsException("an image of " + size + " values at " + offset + " of " + out.length);
        }
        for (int i = 0; i < size; i++) {
            out[offset + i] = scale * (pixels[off + i] & 0xff);
        }
    }

    /**
     * All images flattened and scaled: {@code count x imageSize()} values, row-major, image {@code i}
     * at {@code [i * imageSize(), (i + 1) * imageSize())}.
     *
     * @param scale the factor applied to the values 0..255
     * @return a new array
     */
    public double[] flatten(double scale) {
        double[] out = new double[count * rows * cols];
        for (int i = 0; i < count; i++) {
            copyImage(i, scale, out, i * rows * cols);
        }
        return out;
    }

    /** @return a copy of the raw pixels, {@code count * rows * cols} unsigned bytes, image after image */
    public byte[] copyPixels() {
        return pixels.clone();
    }

    /**
     * @param indices image indices, in the order wanted (repeats allowed); not modified
     * @return those images, same source
     */
    public IdxImages select(int[] indices) {
        int size = rows * cols;
        byte[] out = new byte[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, offset(indices[i]), out, i * size, size);
        }
        return new IdxImages(indices.length, rows, cols, out, source);
    }

    private int offset(int image) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " of " + count);
        }
        return image * rows * cols;
    }

    @Override
    public String toString() {
        return count + " images of " + rows + " x " + cols + " from " + source.path();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxImages other && count == other.count && rows == other.rows && cols == other.cols
                && source.equals(other.source) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(pixels);
    }
}
