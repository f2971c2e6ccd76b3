package org.rscale.sweeps.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A write failed because the disk (or the user's quota) is full ({@link FileFailure#isDiskFull}).
 * Unlike other I/O failures it concerns every later write too: a sweep stops at the first one
 * instead of training the remaining cells only to discard them.
 */
public final class DiskFullException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file  the file that could not be written
     * @param cause the failed write
     */
    public DiskFullException(Path file, IOException cause) {
        super("disk full: cannot write " + file + " (" + FileFailure.describe(cause) + ")", cause);
    }

    /**
     * @param file  what could not be written
     * @param cause the failed write
     * @return a {@code DiskFullException} when the disk is full, else an {@code UncheckedIOException} saying
     *         what failed with what reason ({@link FileFailure#describe})
     */
    public static UncheckedIOException orFailure(Path file, IOException cause) {
        return FileFailure.isDiskFull(cause) ? new DiskFullException(file, cause)
                : new UncheckedIOException("cannot write " + file + ": " + FileFailure.describe(cause), cause);
    }
}
