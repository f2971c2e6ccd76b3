package org.rscale.sweeps.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a
 * half-written file: the bytes go to a temporary sibling, are forced to disk, and the sibling is
 * renamed over the destination ({@code rename(2)} is atomic within one file system).
 *
 * <p>Temporary siblings are named {@code .<name>.tmp-<owner>-<random>} ({@link ProcessTag}); a crash
 * can leave one behind, which never looks like a result, and the next write of the same file removes
 * those of processes of this host that are gone ({@link #removeLeftovers}).
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
        String prefix = temporaryPrefix(abs.getFileName().toString());
        Path tmp = dir.resolve(ProcessTag.current().name(prefix));
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            force(tmp);
            move(tmp, abs);
            removeLeftovers(dir, prefix);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw DiskFullException.orFailure(file, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * @param name a file name
     * @return the prefix of its temporary siblings, {@code .<name>.tmp}: a temporary is
     *         {@code .<name>.tmp-<owner>-<random>} ({@link ProcessTag#name})
     */
    public static String temporaryPrefix(String name) {
        return "." + name + ".tmp";
    }

    /**
     * Removes the temporary siblings {@code <prefix>-<owner>-<random>} in {@code dir} whose owner was a
     * process of this host that is gone (a writer killed between writing and renaming). Temporaries of
     * live processes, and of other hosts, are left alone.
     *
     * @param dir    a directory
     * @param prefix the temporaries' prefix ({@link #temporaryPrefix})
     * @return how many were removed
     */
    public static int removeLeftovers(Path dir, String prefix) {
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, globQuoted(prefix) + "-*")) {
            for (Path p : s) {
                Optional<ProcessTag> owner = ProcessTag.parse(p.getFileName().toString(), prefix);
                if (owner.isPresent() && owner.get().goneFromThisHost()) {
                    deleteRecursively(p);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover never looks like a result, and the next write tries again
        }
        return removed;
    }

    /** A literal for a glob pattern: its special characters escaped. */
    private static String globQuoted(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
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
            throw new UncheckedIOException("cannot publish " + staged + " as " + target + ": " + FileFailure.describe(e),
                    e);
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
            throw new UncheckedIOException("cannot delete " + path + ": " + FileFailure.describe(e), e);
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
