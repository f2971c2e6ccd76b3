package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Reading files written by numpy (fixtures from {@code make_npy_fixtures.py} beside them),
 * round trips, and one malformed fixture per error path.
 */
@ExtendWith(QuietConsole.class)
class NpyTest {
    /** The values numpy wrote: arange(24).reshape(2,3,4) / 8 - 1, exact in every dtype used. */
    private static double[] expected() {
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) {
            v[i] = i / 8.0 - 1.0;
        }
        return v;
    }

    private static NpyArray fixture(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
            return Npy.parse(in.readAllBytes(), name);
        }
    }

    @Test
    void readsNumpyFilesOfEveryLayoutAndVersion() throws IOException {
        for (String name : new String[] {"c_f8.npy", "fortran_f8.npy", "big_f4.npy", "v2_f8.npy"}) {
            NpyArray a = fixture(name);
            assertArrayEquals(new int[] {2, 3, 4}, a.shape(), name);
            assertArrayEquals(expected(), a.data(), 0.0, name);
        }
        assertEquals(">f4", fixture("big_f4.npy").dtype());
    }

    @Test
    void readsIntegerBooleanHalfAndScalarFiles() throws IOException {
        assertArrayEquals(new double[] {-3, -2, -1, 0, 1, 2}, fixture("i4.npy").data(), 0.0);
        assertArrayEquals(new double[] {0, 7, 255}, fixture("u1.npy").data(), 0.0);
        assertArrayEquals(new double[] {1, 0, 1}, fixture("b1.npy").data(), 0.0);
        assertArrayEquals(new double[] {0.5, -2.0, 65504.0}, fixture("f2.npy").data(), 0.0);
        NpyArray s = fixture("scalar.npy");
        assertEquals(0, s.rank());
        assertArrayEquals(new double[] {3.25}, s.data(), 0.0);
    }

    @Test
    void writesWhatNumpyWrites(@TempDir Path dir) throws IOException {
        byte[] ours = Npy.encode(new int[] {2, 3, 4}, expected());
        byte[] numpy;
        try (InputStream in = NpyTest.class.getResourceAsStream("c_f8.npy")) {
            numpy = in.readAllBytes();
        }
        assertArrayEquals(numpy, ours, "byte-identical to numpy.save of the same <f8 array");
        assertEquals(0, (ours.length - 24 * 8) % 64, "header padded to 64 bytes");
        Path f = dir.resolve("x.npy");
        Npy.write(f, new int[] {2, 3, 4}, expected());
        assertArrayEquals(expected(), Npy.read(f).data(), 0.0);
    }

    @Test
    void roundTripsFloat32AndEmptyAndOneDimensional() {
        float[] f = {1.5f, -0.25f, Float.MAX_VALUE};
        NpyArray a = Npy.parse(Npy.encode(new int[] {3}, f), "f");
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new double[] {1.5, -0.25, Float.MAX_VALUE}, a.data(), 0.0);
        NpyArray empty = Npy.parse(Npy.encode(new int[] {0, 5}, new double[0]), "e");
        assertArrayEquals(new int[] {0, 5}, empty.shape());
        assertEquals("(3,)", NpyArray.shapeString(new int[] {3}));
    }

    @Test
    void rejectsMalformedFilesNamingThem(@TempDir Path dir) throws IOException {
        byte[] good = Npy.encode(new int[] {2, 2}, new double[] {1, 2, 3, 4});

        Path notNpy = dir.resolve("text.npy");
        Files.writeString(notNpy, "this is not an npy file at all");
        assertMessage(notNpy, "bad magic");

        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 3));
        assertMessage(truncated, "truncated");

        Path complex = dir.resolve("complex.npy");
        Files.write(complex, new String(good, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("<f8", "<c8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertMessage(complex, "unsupported .npy dtype '<c8'");

        Path missing = dir.resolve("missing.npy");
        assertMessage(missing, "file not found");
    }

    @Test
    void onlyRegularFilesAreReadNeverADirectoryOrADevice(@TempDir Path dir) throws IOException {
        Path directory = Files.createDirectory(dir.resolve("A.npy"));
        assertMessage(directory, "is a directory");
        for (String device : new String[] {"/dev/zero", "/dev/null", "/dev/urandom"}) {
            if (Files.exists(Path.of(device))) {
                Path link = Files.createSymbolicLink(dir.resolve("link" + device.replace('/', '_') + ".npy"),
                        Path.of(device));
                // /dev/zero never ends: it must be refused before a byte is read
                assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> assertMessage(link,
                        "not a regular file"));
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.readHeader(link));
                assertTrue(e.getMessage().startsWith(link.toString()), e.getMessage());
            }
        }
        // a symlink to a regular .npy file is read like the file
        Path target = dir.resolve("target.npy");
        Npy.write(target, new int[] {2}, new double[] {1, 2});
        assertArrayEquals(new double[] {1, 2}, Npy.read(Files.createSymbolicLink(dir.resolve("ok.npy"), target)).data(),
                0.0);
    }

    @Test
    void weightsMustBeFloatingPoint(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"b1.npy", "i4.npy", "u1.npy"}) {
            Path f = dir.resolve(name);
            try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
                Files.write(f, in.readAllBytes());
            }
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.readFloating(f));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("not a floating-point type"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertFalse(Npy.readHeader(f).floating());
            Npy.read(f); // the general reader still reads them
        }
        for (String name : new String[] {"c_f8.npy", "big_f4.npy", "f2.npy"}) {
            Path f = dir.resolve(name);
            try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
                Files.write(f, in.readAllBytes());
            }
            assertEquals(Npy.read(f), Npy.readFloating(f));
        }
    }

    @Test
    void largeArraysStreamThroughChunksBothWays(@TempDir Path dir) throws IOException {
        // 3 x 101 x 101 doubles = 245 KiB: several 64 KiB chunks, the last one partial
        int[] shape = {3, 101, 101};
        double[] values = new double[3 * 101 * 101];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextGaussian();
        }
        Path f = dir.resolve("A.npy");
        Npy.write(f, shape, values);
        assertArrayEquals(Npy.encode(shape, values), Files.readAllBytes(f), "streamed bytes = encoded bytes");
        NpyArray back = Npy.read(f);
        assertArrayEquals(values, back.data(), 0.0);
        Npy.Header h = Npy.readHeader(f);
        assertArrayEquals(shape, h.shape());
        assertEquals(values.length, h.count());
        assertTrue(h.floating());
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 1));
        assertMessage(f, "truncated .npy data");
    }

    private static void assertMessage(Path file, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
