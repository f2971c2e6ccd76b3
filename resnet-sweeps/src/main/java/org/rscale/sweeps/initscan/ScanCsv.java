package org.rscale.sweeps.initscan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.rscale.sweeps.InvalidInputException;

/**
 * The plain CSV of the scan's tables: a header of snake_case column names, one row per line, fields
 * without quotes (no field holds a comma). Numbers are written so that numpy and pandas read them
 * back exactly: the shortest decimal that round-trips ({@link Double#toString}), {@code inf},
 * {@code -inf} and {@code nan} for the non-finite values (never dropped), and an empty field for a
 * number that does not apply (the Hurst index of an iid network).
 */
public final class ScanCsv {
    private ScanCsv() {
    }

    /**
     * @param v a number
     * @return its field
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /**
     * @param v a number that may not apply (NaN)
     * @return its field, empty for NaN
     */
    public static String optional(double v) {
        return Double.isNaN(v) ? "" : number(v);
    }

    /**
     * @param field a field written by {@link #number}
     * @param where file and line, for the message
     * @param name  the column
     * @return the number
     */
    public static double parseNumber(String field, String where, String name) {
        switch (field) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where + ": column '" + name + "' is not a number: '" + field + "'");
                }
        }
    }

    /**
     * @param field a whole number
     * @param where file and line
     * @param name  the column
     * @return the number
     */
    public static int parseInt(String field, String where, String name) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": column '" + name + "' is not a whole number: '" + field + "'");
        }
    }

    /**
     * Reads a table, checking the header.
     *
     * @param file    the file
     * @param columns the expected header
     * @param row     parses one line's fields (with its location) into a row
     * @param <R>     the row type
     * @return the rows, in file order
     * @throws InvalidInputException for a missing file, another header or a malformed line
     */
    public static <R> List<R> read(Path file, List<String> columns, Function<Located, R> row) {
        List<R> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.equals(String.join(",", columns))) {
                throw new InvalidInputException(file + ": not a table of " + String.join(", ", columns)
                        + " (header: " + header + ")");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns.size()) {
                    throw new InvalidInputException(file + ":" + n + ": " + fields.length + " fields, expected "
                            + columns.size());
                }
                rows.add(row.apply(new Located(fields, file + ":" + n)));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * One line's fields and where it is.
     *
     * @param fields the fields
     * @param where  {@code file:line}
     */
    public record Located(String[] fields, String where) {
    }
}
