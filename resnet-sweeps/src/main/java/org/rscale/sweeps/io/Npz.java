package org.rscale.sweeps.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.rscale.sweeps.InvalidInputException;

/**
 * Reads and writes numpy's {@code .npz} format: a zip archive with one {@code .npy} file per array,
 * {@code <name>.npy}, as {@code numpy.savez} writes it. {@code numpy.load(file)} returns a mapping
 * from the names to the arrays, in the order written ({@code .files}).
 *
 * <p>Written archives store their entries uncompressed, as {@code numpy.savez} does (float64 weights
 * hardly compress); read archives may also be deflated ({@code numpy.savez_compressed}).
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /**
     * Writes the arrays atomically as one {@code .npz} file, in the map's order, as {@code <f8}.
     *
     * @param file   the destination; replaced atomically
     * @param arrays name (without {@code .npy}) to array, in the order to store them; may be empty
     */
    public static void write(Path file, Map<String, NpyArray> arrays) {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                byte[] bytes = Npy.encode(e.getValue().shape(), e.getValue().data());
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                entry.setTime(0L);
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads every array of a {@code .npz} file.
     *
     * @param file the archive
     * @return name (without {@code .npy}) to array, in the archive's order
     * @throws InvalidInputException naming the file (and entry) when it is missing, not a zip archive,
     *                               or holds something other than {@code .npy} files
     */
    public static LinkedHashMap<String, NpyArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": file not found");
        }
        LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.endsWith(SUFFIX)) {
                    throw new InvalidInputException(file + ": entry '" + name + "' is not a .npy array");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                out.put(key, Npy.parse(bytes, file + ":" + key));
            }
        } catch (ZipException e) {
            throw new InvalidInputException(file + ": not a .npz file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
