package org.rscale.sweeps.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An input file identified by its content: where it was read, its size in bytes and the SHA-256
 * of its bytes as stored (for a {@code .gz} file, of the compressed bytes). Written into the
 * provenance of results computed from the file, so two results can be checked to come from the
 * same input with a plain diff (STYLE 4, "inputs are identified by content").
 *
 * @param path   the file as it was read, absolute
 * @param bytes  its size in bytes
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 */
public record FileIdentity(String path, long bytes, String sha256) {

    /**
     * Reads and hashes a file.
     *
     * @param file the file
     * @return its identity
     * @throws UncheckedIOException when it cannot be read
     */
    public static FileIdentity of(Path file) {
        MessageDigest sha = newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return of(file, size, sha.digest());
    }

    /**
     * The identity of a file hashed while it was read (e.g. through a
     * {@link java.security.DigestInputStream} over {@link #newDigest()}).
     *
     * @param file   the file
     * @param bytes  how many bytes it holds
     * @param digest the SHA-256 of those bytes; not modified
     * @return its identity
     */
    public static FileIdentity of(Path file, long bytes, byte[] digest) {
        return new FileIdentity(file.toAbsolutePath().normalize().toString(), bytes, HexFormat.of().formatHex(digest));
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
