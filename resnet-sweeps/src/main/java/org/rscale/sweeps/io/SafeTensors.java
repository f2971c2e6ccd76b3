package org.rscale.sweeps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rscale.sweeps.InvalidInputException;

/**
 * Reads tensors from a {@code .safetensors} file (Hugging Face's format, also written by
 * {@code safetensors.torch.save_file}): an 8-byte little-endian header length {@code N}, a JSON header of
 * {@code N} bytes mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (offsets into the data that follows the header; an optional {@code "__metadata__"} entry of strings),
 * then the raw little-endian data, C order.
 *
 * <p>The header is read and checked when the file is opened ({@link #open}); a tensor's data is read when
 * asked for ({@link #read}), so a large file costs only the tensors used. Dtypes read: {@code F64},
 * {@code F32}, {@code F16}, {@code BF16}, widened exactly to {@code double}; other dtypes (e.g. the
 * {@code I64} of a batch-norm counter) may be present and are refused only when read.
 *
 * <p>Specification: <a href="https://github.com/huggingface/safetensors">huggingface/safetensors</a>, README
 * ("Format").
 */
public final class SafeTensors {
    /** The largest header accepted (the format's own limit is 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    /**
     * One tensor's header entry.
     *
     * @param dtype the stored dtype, e.g. {@code F32}
     * @param shape the shape ({@code []} for a scalar)
     * @param begin the first byte, relative to the data
     * @param end   one past the last byte
     */
    public record Entry(String dtype, int[] shape, long begin, long end) {
        /** @return the number of values */
        public long count() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private SafeTensors(Path file, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /**
     * Opens a file and checks its header: every entry has a known-size dtype or any dtype name, a shape of
     * non-negative extents, offsets inside the data whose length matches the shape.
     *
     * @param file the file; not modified
     * @return the file's tensors, ready to read
     * @throws InvalidInputException naming the file (and tensor) when it is missing or malformed
     */
    public static SafeTensors open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new InvalidInputException(file + ": not a .safetensors file (only " + size + " bytes)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER || 8 + n > size) {
                throw new InvalidInputException(file + ": not a .safetensors file (header length " + Long.toUnsignedString(n)
                        + " for a file of " + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8, file);
            JsonNode root;
            try {
                root = DataFormats.json().readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                throw new InvalidInputException(file + ": header is not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file + ": header is not a JSON object");
            }
            long dataLength = size - 8 - n;
            Map<String, Entry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : root.properties()) {
                if (f.getKey().equals("__metadata__")) {
                    f.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                entries.put(f.getKey(), entry(file, f.getKey(), f.getValue(), dataLength));
            }
            return new SafeTensors(file, 8 + n, Collections.unmodifiableMap(entries),
                    Collections.unmodifiableMap(metadata));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataLength) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new InvalidInputException(where + " is not described by a JSON object");
        }
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual()) {
            throw new InvalidInputException(where + " has no dtype");
        }
        if (shape == null || !shape.isArray()) {
            throw new InvalidInputException(where + " has no shape");
        }
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong()) {
            throw new InvalidInputException(where + " has no data_offsets [begin, end]");
        }
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            JsonNode e = shape.get(i);
            if (!e.canConvertToInt() || e.asInt() < 0) {
                throw new InvalidInputException(where + " has a bad shape " + shape);
            }
            s[i] = e.asInt();
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw new InvalidInputException(where + ": data_offsets [" + begin + ", " + end
                    + "] lie outside the data (" + dataLength + " bytes)");
        }
        Entry entry = new Entry(dtype.asText(), s, begin, end);
        int width = width(entry.dtype());
        if (width > 0 && entry.count() * width != end - begin) {
            throw new InvalidInputException(where + ": shape " + NpyArray.shapeString(s) + " of " + entry.dtype()
                    + " needs " + entry.count() * width + " bytes, data_offsets give " + (end - begin));
        }
        return entry;
    }

    /** Bytes per value of the dtypes read, 0 for others. */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the tensors' header entries by name, in the header's order */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** @return the {@code __metadata__} strings (empty when absent) */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Reads one tensor.
     *
     * @param name the tensor's name
     * @return its shape and values (C order, widened to double), dtype as stored
     * @throws InvalidInputException naming the file and tensor when it is absent, of a dtype not read, or
     *                               the file changed since it was opened
     */
    public NpyArray read(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidInputException(file + ": no tensor '" + name + "'");
        }
        int width = width(e.dtype());
        if (width == 0) {
            throw new InvalidInputException(file + ": tensor '" + name + "' has dtype " + e.dtype()
                    + "; only F64, F32, F16 and BF16 are read");
        }
        if (e.count() > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(file + ": tensor '" + name + "' is too large (" + e.count() + " values)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(ch, buf, dataStart + e.begin(), file);
        } catch (IOException ex) {
            throw new InvalidInputException(file + ": cannot read tensor '" + name + "' (" + ex.getMessage() + ")", ex);
        }
        double[] v = new double[(int) e.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (e.dtype()) {
                case "F64" -> buf.getDouble(8 * i);
                case "F32" -> buf.getFloat(4 * i);
                case "F16" -> halfToFloat(buf.getShort(2 * i));
                default -> Float.intBitsToFloat((buf.getShort(2 * i) & 0xffff) << 16); // BF16: the high half of a float
            };
        }
        return new NpyArray(e.shape().clone(), v, e.dtype());
    }

    /**
     * IEEE 754 binary16 to binary32, exactly (subnormals, infinities and NaN included).
     *
     * @param bits the half's bits
     * @return its value
     */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf or NaN
        }
        if (exponent == 0) {
            // subnormal (or zero): mantissa * 2^-24
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new InvalidInputException(file + ": truncated (ends at byte " + at + ")");
            }
            at += n;
        }
    }
}
