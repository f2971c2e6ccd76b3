package org.rscale.sweeps.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a
 * half-written file: the bytes go to a temporary sibling, are forced to disk, and the sibling is
 * renamed over the destination ({@code rename(2)} is atomic within one file system).
 *
 * <p>Temporary siblings are named {@code .<name>.tmp-<random>}; a crash can leave one behind, and
 * it never looks like a result.
 */
public final class AtomicFiles {

    /** Something that writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException on a write failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} atomically with {@code bytes}, creating parent directories.
     *
     * @param file  the destination
     * @param bytes the new content; not modified
     */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} atomically with UTF-8 {@code text}.
     *
     * @param file the destination
     * @param text the new content
     */
    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} atomically with what {@code content} writes.
     *
     * @param file    the destination
     * @param content writes the new content
     */
    public static void write(Path file, Content content) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            force(tmp);
            move(tmp, abs);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Publishes a fully written directory under its final name by one atomic rename. When
     * {@code target} already exists (another process published it first), {@code staged} is
     * deleted and {@code false} returned: the first complete result wins.
     *
     * @param staged a complete directory, a sibling of {@code target}; moved or deleted
     * @param target the final name; must not exist yet
     * @return true if {@code staged} became {@code target}
     */
    public static boolean publishDirectory(Path staged, Path target) {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteRecursively(staged);
            return false;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                deleteRecursively(staged);
                return false;
            }
            throw new UncheckedIOException("cannot publish " + staged + " as " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a file or directory tree; missing paths are ignored.
     *
     * @param path the file or directory
     */
    public static void deleteRecursively(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this only happens on exotic file systems; still never partial in place
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temporary never looks like a result
        }
    }
}
