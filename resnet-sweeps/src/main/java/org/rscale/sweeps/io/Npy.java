package org.rscale.sweeps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param file the file; not modified
     * @return its shape, values (C order, as double) and stored dtype
     * @throws InvalidInputException naming the file when it is missing, not a {@code .npy} file,
     *                               truncated, or of an unsupported dtype
     */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @param bytes the file's content; not modified
     * @param name  the file's name, for error messages
     * @return the array
     */
    public static NpyArray parse(byte[] bytes, String name) {
        if (bytes.length < 10) {
            throw new InvalidInputException(name + ": not a .npy file (only " + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new InvalidInputException(name + ": not a .npy file (bad magic string)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InvalidInputException(name + ": truncated .npy header");
            }
            long len = in.getInt(8) & 0xffffffffL;
            if (len > Integer.MAX_VALUE) {
                throw new InvalidInputException(name + ": .npy header too long");
            }
            headerLength = (int) len;
            headerStart = 12;
        } else {
            throw new InvalidInputException(name + ": unsupported .npy format version " + major);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new InvalidInputException(name + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, name, "fortran_order"));
        int[] shape = parseShape(group(SHAPE, header, name, "shape"), name);

        Dtype type = Dtype.of(descr, name);
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        int dataStart = headerStart + headerLength;
        long needed = count * type.size;
        if (count > Integer.MAX_VALUE - 8 || bytes.length - dataStart < needed) {
            throw new InvalidInputException(name + ": truncated .npy data (shape " + NpyArray.shapeString(shape)
                    + " of " + descr + " needs " + needed + " bytes, file has " + (bytes.length - dataStart) + ")");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(Dtype.order(descr));
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.get(data, i);
        }
        if (fortran && shape.length > 1) {
            values = fortranToC(values, shape);
        }
        return new NpyArray(shape, values, descr);
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
        AtomicFiles.write(file, encode(shape, values));
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
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + NpyArray.shapeString(shape) + ", }";
        // magic(6) + version(2) + length(2) + dict + padding + '\n' is a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(padding)).append('\n');
        byte[] headerBytes = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        long total = 10L + headerBytes.length + dataBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large for one .npy buffer: " + total + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        return out;
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
