package org.rscale.sweeps.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;

/**
 * The parser of one IDX file of unsigned bytes (LeCun and Cortes's MNIST format): a 4-byte magic
 * number {@code 0x00 0x00 <type> <dimensions>}, one big-endian 32-bit size per dimension, then the
 * data, row-major. The MNIST family uses type {@code 0x08} (unsigned byte) only: images have 3
 * dimensions (count, rows, columns; magic {@code 0x00000803}) and labels 1 (magic
 * {@code 0x00000801}).
 *
 * <p>A file whose name ends in {@code .gz} must be gzip-compressed; a file of another name is
 * decompressed when its content is gzip (starts with {@code 0x1f 0x8b}, which no IDX file does).
 * The file is hashed while it is read ({@link FileIdentity}). Every fault is reported as an
 * {@link InvalidInputException} of one line naming the file: not gzip, corrupt gzip, wrong magic
 * number, wrong data type, wrong number of dimensions, a size that is zero or too large, truncated
 * header or data, bytes after the declared data.
 */
final class IdxFile {
    /** The data type byte of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** Java's largest array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int[] dims;
    private final byte[] data;
    private final FileIdentity source;

    private IdxFile(int[] dims, byte[] data, FileIdentity source) {
        this.dims = dims;
        this.data = data;
        this.source = source;
    }

    /** @return the sizes of the dimensions, first the number of items; owned by this object */
    int[] dims() {
        return dims;
    }

    /** @return the data, row-major; owned by the caller after reading */
    byte[] data() {
        return data;
    }

    /** @return the file's identity */
    FileIdentity source() {
        return source;
    }

    /**
     * Reads an IDX file of unsigned bytes with the given number of dimensions.
     *
     * @param file       the file, plain or gzip-compressed
     * @param dimensions 3 for images, 1 for labels
     * @param what       what the file should hold ({@code images}, {@code labels}), for messages
     * @return the sizes, the data and the file's identity
     * @throws InvalidInputException naming the file and the fault
     */
    static IdxFile read(Path file, int dimensions, String what) {
        boolean gzName = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        MessageDigest sha = FileIdentity.newDigest();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (BufferedInputStream raw = new BufferedInputStream(
                new DigestInputStream(Files.newInputStream(file), sha), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            if (gzName && !gzip) {
                throw new InvalidInputException(file + ": named .gz but not gzip-compressed ("
                        + (b0 < 0 ? "the file is empty" : "it starts with " + hexBytes(b0, b1)
                        + ", gzip with 0x1f 0x8b") + ")");
            }
            int[] dims;
            byte[] data;
            try {
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                dims = readHeader(file, in, dimensions, what);
                long expected = product(dims);
                data = in.readNBytes((int) expected);
                if (data.length < expected) {
                    throw new InvalidInputException(file + ": truncated: the header declares " + describe(dims, what)
                            + " (" + expected + " bytes of data) but the data ends after " + data.length + " bytes");
                }
                long extra = in.transferTo(OutputStream.nullOutputStream());
                if (extra > 0) {
                    throw new InvalidInputException(file + ": " + extra + " bytes after the declared "
                            + describe(dims, what) + " (a wrong header, or two files joined?)");
                }
            } catch (EOFException e) {
                throw new InvalidInputException(file + ": truncated gzip stream (the compressed file ends early)", e);
            } catch (ZipException e) {
                throw new InvalidInputException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
            raw.transferTo(OutputStream.nullOutputStream());
            return new IdxFile(dims, data, FileIdentity.of(file, size, sha.digest()));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header of an IDX file of unsigned bytes: its dimension sizes, without the data.
     *
     * @param file       the file, plain or gzip-compressed
     * @param dimensions 3 for images, 1 for labels
     * @param what       what the file should hold, for messages
     * @return the sizes, e.g. {@code {count, rows, cols}}
     * @throws InvalidInputException naming the file and the fault
     */
    static int[] header(Path file, int dimensions, String what) {
        try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 12) : raw;
            return readHeader(file, in, dimensions, what);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int[] readHeader(Path file, InputStream in, int dimensions, String what) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new InvalidInputException(file + ": truncated: " + magic.length
                    + " bytes, shorter than the 4-byte IDX magic number");
        }
        int m = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
        String expectedMagic = String.format(Locale.ROOT, "0x%08X", 0x0800 | dimensions);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new InvalidInputException(file + ": not an IDX file: wrong magic number "
                    + String.format(Locale.ROOT, "0x%08X", m) + " (IDX " + what + " start with " + expectedMagic + ")");
        }
        int type = magic[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new InvalidInputException(file + ": wrong data type 0x" + String.format(Locale.ROOT, "%02X", type)
                    + " (" + typeName(type) + ") in magic number " + String.format(Locale.ROOT, "0x%08X", m)
                    + "; MNIST-family " + what + " are 0x08 (unsigned byte), magic number " + expectedMagic);
        }
        int n = magic[3] & 0xff;
        if (n != dimensions) {
            throw new InvalidInputException(file + ": wrong magic number " + String.format(Locale.ROOT, "0x%08X", m)
                    + ": " + n + " dimension" + (n == 1 ? "" : "s") + (n == 1 ? " (a label file?)" : n == 3
                    ? " (an image file?)" : "") + ", but IDX " + what + " have " + dimensions + " (magic number "
                    + expectedMagic + ")");
        }
        byte[] header = in.readNBytes(4 * n);
        if (header.length < 4 * n) {
            throw new InvalidInputException(file + ": truncated: the header declares " + n + " dimension sizes ("
                    + 4 * n + " bytes) but the file ends after " + header.length + " of them");
        }
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            long v = ((header[4 * i] & 0xffL) << 24) | ((header[4 * i + 1] & 0xff) << 16)
                    | ((header[4 * i + 2] & 0xff) << 8) | (header[4 * i + 3] & 0xff);
            if (v > MAX_ARRAY) {
                throw new InvalidInputException(file + ": dimension " + (i + 1) + " of the header has size " + v
                        + ", more than rscale can hold (a corrupt header?)");
            }
            if (v == 0 && i > 0) {
                throw new InvalidInputException(file + ": dimension " + (i + 1) + " of the header has size 0");
            }
            dims[i] = (int) v;
        }
        if (product(dims) > MAX_ARRAY) {
            throw new InvalidInputException(file + ": the header declares " + describe(dims, what) + " ("
                    + product(dims) + " bytes), more than rscale can hold in one array (a corrupt header?)");
        }
        return dims;
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
            if (p > Long.MAX_VALUE / Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    /** @return e.g. {@code 60000 images of 28 x 28} or {@code 60000 labels} */
    static String describe(int[] dims, String what) {
        StringBuilder s = new StringBuilder().append(dims[0]).append(' ').append(what);
        for (int i = 1; i < dims.length; i++) {
            s.append(i == 1 ? " of " : " x ").append(dims[i]);
        }
        return s.toString();
    }

    private static String hexBytes(int b0, int b1) {
        return b1 < 0 ? String.format(Locale.ROOT, "0x%02x", b0) : String.format(Locale.ROOT, "0x%02x 0x%02x", b0, b1);
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x08: return "unsigned byte";
            case 0x09: return "signed byte";
            case 0x0B: return "16-bit integer";
            case 0x0C: return "32-bit integer";
            case 0x0D: return "32-bit float";
            case 0x0E: return "64-bit float";
            default: return "not an IDX data type";
        }
    }
}
