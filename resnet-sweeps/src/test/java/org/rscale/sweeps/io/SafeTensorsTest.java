package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.SafeTensorsFiles;

/** The safetensors reader: every dtype it reads, exactly, and one message per kind of bad file. */
class SafeTensorsTest {

    @Test
    void readsF64AndF32TensorsInTheHeadersOrder(@TempDir Path dir) {
        Map<String, NpyArray> t = new LinkedHashMap<>();
        t.put("layer1.0.conv1.weight", new NpyArray(new int[] {2, 1, 1, 3}, new double[] {1, -2, 0.1, 3, 4, 5}, "<f8"));
        t.put("fc.bias", new NpyArray(new int[] {2}, new double[] {0.5, -0.25}, "<f8"));
        Path f64 = dir.resolve("a.safetensors");
        SafeTensorsFiles.write(f64, t, "F64");
        SafeTensors st = SafeTensors.open(f64);
        assertEquals(List.of("layer1.0.conv1.weight", "fc.bias"), List.copyOf(st.entries().keySet()));
        assertEquals("pt", st.metadata().get("format"));
        NpyArray a = st.read("layer1.0.conv1.weight");
        assertArrayEquals(new int[] {2, 1, 1, 3}, a.shape());
        assertArrayEquals(new double[] {1, -2, 0.1, 3, 4, 5}, a.data());
        assertEquals("F64", a.dtype());
        Path f32 = dir.resolve("b.safetensors");
        SafeTensorsFiles.write(f32, t, "F32");
        assertArrayEquals(new double[] {1, -2, (float) 0.1, 3, 4, 5}, SafeTensors.open(f32).read("layer1.0.conv1.weight").data());
    }

    @Test
    void halfAndBfloat16AreWidenedExactly(@TempDir Path dir) {
        // binary16: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), 2^-14 (smallest normal), +inf, 0.333251953125
        short[] half = {0x3c00, (short) 0xc000, 0x7bff, 0x0001, 0x0400, 0x7c00, 0x3555};
        double[] halfValues = {1, -2, 65504, 0x1p-24, 0x1p-14, Double.POSITIVE_INFINITY, 0.333251953125};
        // bfloat16: the high half of a float32: 1.5, -0.0078125 (-2^-7), 3.140625
        short[] bf = {0x3fc0, (short) 0xbc00, 0x4049};
        double[] bfValues = {1.5, -0.0078125, 3.140625};
        ByteBuffer data = ByteBuffer.allocate(2 * (half.length + bf.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : half) {
            data.putShort(s);
        }
        for (short s : bf) {
            data.putShort(s);
        }
        Path f = dir.resolve("h.safetensors");
        SafeTensorsFiles.writeRaw(f, "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[14,20]}}", data.array());
        SafeTensors st = SafeTensors.open(f);
        assertArrayEquals(halfValues, st.read("h").data());
        assertArrayEquals(bfValues, st.read("b").data());
        assertTrue(Double.isNaN(SafeTensors.halfToFloat((short) 0x7e00)));
        assertEquals(-0.0f, SafeTensors.halfToFloat((short) 0x8000));
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(SafeTensors.halfToFloat((short) 0x8000)));
    }

    @Test
    void otherDtypesAreListedButRefusedWhenRead(@TempDir Path dir) {
        Path f = dir.resolve("i.safetensors");
        SafeTensorsFiles.writeRaw(f, "{\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}",
                new byte[8]);
        SafeTensors st = SafeTensors.open(f);
        assertEquals(0, st.entries().get("bn.num_batches_tracked").shape().length);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> st.read("bn.num_batches_tracked"));
        assertTrue(e.getMessage().contains("dtype I64"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> st.read("nope"));
        assertTrue(e.getMessage().contains("no tensor 'nope'"), e.getMessage());
    }

    @Test
    void badFilesAreNamedInOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertMessage(f, "only 3 bytes");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putLong(0);
        Files.write(f, b.array());
        assertMessage(f, "header length 1000");
        SafeTensorsFiles.writeRaw(f, "{not json}", new byte[0]);
        assertMessage(f, "not valid JSON");
        SafeTensorsFiles.writeRaw(f, "[1, 2]", new byte[0]);
        assertMessage(f, "not a JSON object");
        SafeTensorsFiles.writeRaw(f, "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMessage(f, "tensor 'w' has no dtype");
        SafeTensorsFiles.writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[8]);
        assertMessage(f, "outside the data (8 bytes)");
        SafeTensorsFiles.writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMessage(f, "needs 12 bytes");
        SafeTensorsFiles.writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMessage(f, "bad shape");
        SafeTensorsFiles.writeRaw(f, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", new byte[8]);
        assertMessage(f, "no data_offsets");
        assertMessage(dir.resolve("missing.safetensors"), "file not found");
    }

    private static void assertMessage(Path f, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeTensors.open(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(part), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }
}
