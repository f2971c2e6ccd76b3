package org.rscale.fits;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;

/**
 * Reads a JSON file that {@code rscale fit} writes ({@code fit.json}, {@code limits.json}) into its record, with the
 * stage files' one-line errors: a missing file says to run {@code fit} first, an unreadable one names itself. Each
 * stage's files class validates what it read.
 */
public final class StageJson {
    /** What to do when a file of the fit stage is missing, the hint of its message (JSON and CSV alike). */
    public static final String RUN_FIT_FIRST = "run 'rscale fit' first";

    private StageJson() {
    }

    /**
     * @param file the file
     * @param type its record
     * @param <T>  the record's type
     * @return the value read, null for a file holding JSON null
     * @throws InvalidInputException naming the file when it is missing or not a {@code type}
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return DataFormats.json().readValue(file.toFile(), type);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InvalidInputException(file + ": not found (" + RUN_FIT_FIRST + ")");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read as " + file.getFileName() + ": " + e.getMessage());
        }
    }
}
