package org.rscale.sweeps.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rscale.sweeps.io.NpyArray;

/**
 * Writes {@code .safetensors} files for tests (the format of {@code safetensors.torch.save_file}): tensors in
 * the given order, dtype {@code F32} or {@code F64}, header padded with spaces to a multiple of 8 bytes.
 */
public final class SafeTensorsFiles {
    private SafeTensorsFiles() {
    }

    /**
     * @param file    the destination
     * @param tensors name to array (its values), written in this order
     * @param dtype   {@code F32} or {@code F64}
     */
    public static void write(Path file, Map<String, NpyArray> tensors, String dtype) {
        int width = dtype.equals("F64") ? 8 : 4;
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        Map<String, long[]> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
            long len = (long) e.getValue().data().length * width;
            offsets.put(e.getKey(), new long[] {offset, offset + len});
            header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":")
                    .append(Arrays.toString(e.getValue().shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + len).append("]}");
            offset += len;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate((int) (8 + h.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h);
        for (NpyArray a : tensors.values()) {
            for (double v : a.data()) {
                if (width == 8) {
                    out.putDouble(v);
                } else {
                    out.putFloat((float) v);
                }
            }
        }
        try {
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes raw bytes: a header given as text (length prefix computed) and data.
     *
     * @param file   the destination
     * @param header the JSON header
     * @param data   the data bytes
     */
    public static void writeRaw(Path file, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data);
        try {
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
