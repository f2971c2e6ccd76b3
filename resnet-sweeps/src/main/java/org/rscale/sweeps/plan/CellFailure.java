package org.rscale.sweeps.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;

/**
 * Why the last attempt at a cell failed: {@code runs/.failed-<cell-id>.json}, written atomically by
 * the task that failed (an exception, or a termination signal such as {@code scancel} or a time
 * limit) and removed when a later attempt publishes the cell. {@code rscale status} shows it.
 *
 * @param cellId  the cell
 * @param error   the error message, one line
 * @param kind    {@value #EXCEPTION} (with the exception's class in {@code error}), {@value #DISK_FULL} or
 *                {@value #TERMINATED}
 * @param process the process that failed
 * @param time    when, ISO-8601 UTC
 */
public record CellFailure(String cellId, String error, String kind, TaskProcess process, String time) {
    /** The name prefix of failure records under {@code runs/}. */
    public static final String PREFIX = ".failed-";
    /** The name suffix of failure records. */
    public static final String SUFFIX = ".json";
    /** The task threw an exception. */
    public static final String EXCEPTION = "exception";
    /** The task was stopped by a signal before it finished. */
    public static final String TERMINATED = "terminated";
    /** A write failed because the disk (or the quota) was full: a sweep stops there. */
    public static final String DISK_FULL = "disk-full";

    /**
     * @param cellId  the cell
     * @param error   what went wrong
     * @param process the failing process
     * @return a failure record of an exception ({@value #DISK_FULL} when the disk was full), timed now
     */
    public static CellFailure of(String cellId, Throwable error, TaskProcess process) {
        boolean full = FileFailure.isDiskFull(error);
        String first = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        // a full disk says so in its message; any other error keeps its class, which tells a bug from an I/O failure
        String message = error.getMessage() == null ? error.getClass().getName()
                : full ? first : error.getClass().getSimpleName() + ": " + first;
        return new CellFailure(cellId, message, full ? DISK_FULL : EXCEPTION, process, Instant.now().toString());
    }

    /**
     * @param runsDir a sweep's {@code runs/} directory
     * @param cellId  a cell
     * @return the path of its failure record
     */
    public static Path path(Path runsDir, String cellId) {
        return runsDir.resolve(PREFIX + cellId + SUFFIX);
    }

    /**
     * Writes (replaces) this cell's failure record atomically.
     *
     * @param runsDir the sweep's {@code runs/} directory
     */
    public void write(Path runsDir) {
        AtomicFiles.write(path(runsDir, cellId), out -> DataFormats.json().writeValue(out, this));
    }

    /**
     * @param runsDir a sweep's {@code runs/} directory
     * @param cellId  a cell
     * @return its failure record, if there is a readable one
     */
    public static Optional<CellFailure> read(Path runsDir, String cellId) {
        Path file = path(runsDir, cellId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(DataFormats.json().readValue(file.toFile(), CellFailure.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a cell's failure record, if any.
     *
     * @param runsDir a sweep's {@code runs/} directory
     * @param cellId  the cell
     */
    public static void remove(Path runsDir, String cellId) {
        AtomicFiles.deleteRecursively(path(runsDir, cellId));
    }

    /** @return e.g. {@code IOException: disk full (host node17 pid 4242, SLURM job 12_3, at 2024-...)} */
    public String describe() {
        return error + " (" + process.describe() + ", at " + time + ")";
    }
}
