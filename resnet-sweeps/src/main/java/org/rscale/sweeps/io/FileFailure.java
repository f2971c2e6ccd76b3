package org.rscale.sweeps.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * A failed file operation as a user should read it: the system's reason and the path. Java's file
 * exceptions often carry only the path ({@code AccessDeniedException.getMessage()} is the path alone),
 * so every message about a failed read or write is built here, from the exception's type and reason.
 *
 * <p>A full disk (ENOSPC, or EDQUOT: a quota reached) is recognised ({@link #isDiskFull}) so that a
 * sweep can stop at the first failed write instead of training every remaining cell for nothing.
 */
public final class FileFailure {
    private static final String NO_SPACE = "No space left on device";
    private static final String QUOTA = "Disk quota exceeded";

    private FileFailure() {
    }

    /**
     * @param e a failed file operation
     * @return the reason and the path, e.g. {@code Permission denied: /scratch/x/runs}
     */
    public static String describe(IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "Permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "No such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "File exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "Directory not empty";
        } else if (e instanceof NotDirectoryException) {
            reason = "Not a directory";
        } else if (e instanceof FileSystemException f) {
            reason = f.getReason() == null ? "file system error" : f.getReason();
        } else {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        FileSystemException f = (FileSystemException) e;
        String where = f.getFile() == null ? "" : ": " + f.getFile() + (f.getOtherFile() == null ? ""
                : " -> " + f.getOtherFile());
        return reason + where;
    }

    /**
     * @param error an exception
     * @return whether it, or one of its causes, is a write that failed because the disk (or the user's
     *         quota) is full
     */
    public static boolean isDiskFull(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                String text = io instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                        : String.valueOf(io.getMessage());
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.contains(NO_SPACE.toLowerCase(Locale.ROOT)) || lower.contains(QUOTA.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
