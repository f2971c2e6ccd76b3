package org.rscale.sweeps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rscale.sweeps.InvalidInputException;

/**
 * Reads and writes numpy's {@code .npy} format (format versions 1.0, 2.0 and 3.0), so that weights
 * round-trip with {@code numpy.load} / {@code numpy.save}.
 *
 * <p>Written files are version 1.0, little-endian, C order, dtype {@code <f8} or {@code <f4},
 * with the header padded to a multiple of 64 bytes as numpy does. Read files may be any of the
 * three versions, either byte order, C or Fortran order, and dtype {@code f8, f4, f2, i8, i4,
 * i2, i1, u8, u4, u2, u1} or {@code b1}; values are widened to {@code double}.
 *
 * <p>Hand-written rather than taken from a library: ND4J's reader needs its native backend
 * loaded (seconds, hundreds of MB unpacked) just to read a few kilobytes, and the JVM npy libraries
 * on Maven Central bring a Kotlin runtime. The format is specified in
 * <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Longest header read: numpy's are under a few hundred bytes. */
    private static final int MAX_HEADER = 1 << 20;
    /** Bytes read or written at a time. */
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * What a {@code .npy} header says: enough to check a file's shape and type without reading its
     * data.
     *
     * @param shape      the shape, outermost axis first
     * @param descr      the dtype, e.g. {@code <f8}
     * @param fortran    whether the data are in Fortran order
     * @param dataOffset where the data start in the file, bytes
     */
    public record Header(int[] shape, String descr, boolean fortran, long dataOffset) {
        /** @return the number of values, product of the shape */
        public long count() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        /** @return whether the values are floating-point numbers ({@code f2}, {@code f4}, {@code f8}) */
        public boolean floating() {
            return descr.length() == 3 && descr.charAt(1) == 'f';
        }

        /** @return the shape written as numpy prints it */
        public String shapeString() {
            return NpyArray.shapeString(shape);
        }
    }

    /**
     * Reads a {@code .npy} file, streaming its data (its size is not limited to one byte array).
     *
     * @param file the file; not modified
     * @return its shape, values (C order, as double) and stored dtype
     * @throws InvalidInputException naming the file when it is missing, not a regular file (a
     *                               directory, a device, a pipe), not a {@code .npy} file, truncated,
     *                               or of an unsupported dtype
     */
    public static NpyArray read(Path file) {
        try (FileChannel ch = open(file)) {
            Header h = header(ch, file.toString());
            Dtype type = Dtype.of(h.descr(), file.toString());
            if (h.count() > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file + ": .npy array of shape " + h.shapeString()
                        + " holds more values than one Java array can");
            }
            double[] values = new double[(int) h.count()];
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK - CHUNK % type.size).order(Dtype.order(h.descr()));
            ch.position(h.dataOffset());
            int next = 0;
            while (next < values.length) {
                chunk.clear();
                long remaining = (long) (values.length - next) * type.size;
                if (remaining < chunk.capacity()) {
                    chunk.limit((int) remaining);
                }
                while (chunk.hasRemaining()) {
                    if (ch.read(chunk) < 0) {
                        throw new InvalidInputException(file + ": truncated .npy data");
                    }
                }
                int n = chunk.position() / type.size;
                for (int i = 0; i < n; i++) {
                    values[next + i] = type.get(chunk, i);
                }
                next += n;
            }
            if (h.fortran() && h.shape().length > 1) {
                values = fortranToC(values, h.shape());
            }
            return new NpyArray(h.shape(), values, h.descr());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + FileFailure.describe(e) + ")", e);
        }
    }

    /**
     * Reads a {@code .npy} file of floating-point values (weights): as {@link #read}, but an integer
     * or boolean array is refused.
     *
     * @param file the file; not modified
     * @return its array
     * @throws InvalidInputException as {@link #read}, and naming the file and its dtype when it is not a
     *                               floating-point type
     */
    public static NpyArray readFloating(Path file) {
        Header h = readHeader(file);
        if (!h.floating()) {
            throw new InvalidInputException(file + ": dtype '" + h.descr() + "' is not a floating-point type "
                    + "(expected float64 '<f8', float32 or float16)");
        }
        return read(file);
    }

    /**
     * Reads only the header of a {@code .npy} file, and checks that the file holds all the data the
     * header announces.
     *
     * @param file the file; not modified
     * @return its header
     * @throws InvalidInputException as {@link #read}
     */
    public static Header readHeader(Path file) {
        try (FileChannel ch = open(file)) {
            return header(ch, file.toString());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + FileFailure.describe(e) + ")", e);
        }
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @param bytes the file's content; not modified
     * @param name  the file's name, for error messages
     * @return the array
     */
    public static NpyArray parse(byte[] bytes, String name) {
        Header h = header(ByteBuffer.wrap(bytes), bytes.length, name);
        Dtype type = Dtype.of(h.descr(), name);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) h.dataOffset(), (int) (h.count() * type.size)).slice()
                .order(Dtype.order(h.descr()));
        double[] values = new double[(int) h.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.get(data, i);
        }
        if (h.fortran() && h.shape().length > 1) {
            values = fortranToC(values, h.shape());
        }
        return new NpyArray(h.shape(), values, h.descr());
    }

    /** Opens a regular file for reading; a directory or a device (also through a symlink) is refused. */
    private static FileChannel open(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        }
        if (attributes.isDirectory()) {
            throw new InvalidInputException(file + ": is a directory, not a .npy file");
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidInputException(file + ": not a regular file (a device, a pipe or a socket), not a .npy "
                    + "file");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Reads and parses the header at the start of a file. */
    private static Header header(FileChannel ch, String name) throws IOException {
        long size = ch.size();
        ByteBuffer preamble = ByteBuffer.allocate((int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
        fill(ch, preamble, 0);
        long length = 12 + (preamble.limit() < 12 ? 0 : preamble.get(6) == 1 ? preamble.getShort(8) & 0xffff
                : preamble.getInt(8) & 0xffffffffL);
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, Math.min(length, MAX_HEADER + 12)));
        fill(ch, start, 0);
        return header(start, size, name);
    }

    /** Reads from {@code position} until {@code buffer} is full or the file ends; then flips it. */
    private static void fill(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        buffer.flip();
    }

    /**
     * Parses a header from the first bytes of a file ({@code start}, position 0) of {@code size}
     * bytes, and checks that the file holds the data it announces.
     */
    private static Header header(ByteBuffer start, long size, String name) {
        int available = start.remaining();
        if (available < 10) {
            throw new InvalidInputException(name + ": not a .npy file (only " + size + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (start.get(i) != MAGIC[i]) {
                throw new InvalidInputException(name + ": not a .npy file (bad magic string)");
            }
        }
        int major = start.get(6) & 0xff;
        ByteBuffer in = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (available < 12) {
                throw new InvalidInputException(name + ": truncated .npy header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new InvalidInputException(name + ": unsupported .npy format version " + major);
        }
        if (headerLength > MAX_HEADER) {
            throw new InvalidInputException(name + ": .npy header too long (" + headerLength + " bytes)");
        }
        if (headerStart + headerLength > available) {
            throw new InvalidInputException(name + ": truncated .npy header");
        }
        byte[] text = new byte[(int) headerLength];
        start.duplicate().position(headerStart).get(text);
        String header = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, name, "fortran_order"));
        int[] shape = parseShape(group(SHAPE, header, name, "shape"), name);
        Dtype type = Dtype.of(descr, name);
        Header h = new Header(shape, descr, fortran, headerStart + headerLength);
        long count = h.count();
        long needed = count * type.size;
        if (count > Long.MAX_VALUE / 8 || size - h.dataOffset() < needed) {
            throw new InvalidInputException(name + ": truncated .npy data (shape " + h.shapeString() + " of " + descr
                    + " needs " + needed + " bytes, file has " + (size - h.dataOffset()) + ")");
        }
        return h;
    }

    /**
     * Encodes an array as a version 1.0 {@code .npy} file of dtype {@code <f8}.
     *
     * @param shape  the shape; not modified
     * @param values the values in C order; not modified
     * @return the file's bytes
     */
    public static byte[] encode(int[] shape, double[] values) {
        checkCount(shape, values.length);
        ByteBuffer out = header(shape, "<f8", 8L * values.length);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    /**
     * Encodes an array as a version 1.0 {@code .npy} file of dtype {@code <f4}.
     *
     * @param shape  the shape; not modified
     * @param values the values in C order; not modified
     * @return the file's bytes
     */
    public static byte[] encode(int[] shape, float[] values) {
        checkCount(shape, values.length);
        ByteBuffer out = header(shape, "<f4", 4L * values.length);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /**
     * Writes {@code values} atomically as a {@code <f8} {@code .npy} file.
     *
     * @param file   the destination; replaced atomically
     * @param shape  the shape; not modified
     * @param values the values in C order; not modified
     */
    public static void write(Path file, int[] shape, double[] values) {
        checkCount(shape, values.length);
        byte[] header = headerBytes(shape, "<f8");
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putDouble(v);
            }
            out.write(chunk.array(), 0, chunk.position());
        });
    }

    private static void checkCount(int[] shape, int n) {
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count != n) {
            throw new IllegalArgumentException("shape " + NpyArray.shapeString(shape) + " holds " + count
                    + " values, got " + n);
        }
    }

    private static ByteBuffer header(int[] shape, String descr, long dataBytes) {
        byte[] header = headerBytes(shape, descr);
        long total = header.length + dataBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large for one .npy buffer: " + total + " bytes");
        }
        return ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN).put(header);
    }

    /** The preamble and header of a version 1.0 file, padded as numpy pads it. */
    private static byte[] headerBytes(int[] shape, String descr) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + NpyArray.shapeString(shape) + ", }";
        // magic(6) + version(2) + length(2) + dict + padding + '\n' is a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(padding)).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(name + ": .npy header has no valid '" + key + "' entry");
        }
        return m.group(1);
    }

    private static int[] parseShape(String s, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + ": bad .npy shape '(" + s + ")'");
            }
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            if (shape[i] < 0) {
                throw new InvalidInputException(name + ": bad .npy shape '(" + s + ")'");
            }
        }
        return shape;
    }

    private static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[rank];
        // strides of Fortran order: first axis fastest
        long[] fStride = new long[rank];
        long s = 1;
        for (int a = 0; a < rank; a++) {
            fStride[a] = s;
            s *= shape[a];
        }
        for (int i = 0; i < c.length; i++) {
            long off = 0;
            for (int a = 0; a < rank; a++) {
                off += idx[a] * fStride[a];
            }
            c[i] = f[(int) off];
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return c;
    }

    /** The element types understood on reading. */
    private enum Dtype {
        F8(8), F4(4), F2(2), I8(8), I4(4), I2(2), I1(1), U8(8), U4(4), U2(2), U1(1), B1(1);

        final int size;

        Dtype(int size) {
            this.size = size;
        }

        static Dtype of(String descr, String name) {
            if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
                throw new InvalidInputException(name + ": unsupported .npy dtype '" + descr
                        + "' (expected a real or integer type such as '<f8' or '<f4')");
            }
            try {
                return valueOf(descr.substring(1).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(name + ": unsupported .npy dtype '" + descr
                        + "' (expected a real or integer type such as '<f8' or '<f4')");
            }
        }

        static ByteOrder order(String descr) {
            return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        double get(ByteBuffer o, int i) {
            switch (this) {
                case F8: return o.getDouble(i * 8);
                case F4: return o.getFloat(i * 4);
                case F2: return halfToDouble(o.getShort(i * 2));
                case I8: return o.getLong(i * 8);
                case I4: return o.getInt(i * 4);
                case I2: return o.getShort(i * 2);
                case I1: return o.get(i);
                case U8: {
                    long v = o.getLong(i * 8);
                    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                case U4: return o.getInt(i * 4) & 0xffffffffL;
                case U2: return o.getShort(i * 2) & 0xffff;
                case U1: return o.get(i) & 0xff;
                case B1: return o.get(i) != 0 ? 1.0 : 0.0;
                default: throw new AssertionError(this);
            }
        }

        /** IEEE 754 binary16 to double. */
        private static double halfToDouble(short h) {
            int bits = h & 0xffff;
            int sign = (bits >>> 15) != 0 ? -1 : 1;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0) {
                return sign * Math.scalb((double) mant, -24);
            }
            if (exp == 31) {
                return mant == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
            }
            return sign * Math.scalb(1024.0 + mant, exp - 25);
        }
    }
}
