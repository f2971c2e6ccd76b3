package org.rscale.fits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;

/**
 * A CSV table of the limit fit's files, written the way numpy and pandas read it: a header line, one line per
 * row, comma-separated, a missing number (NaN, an infinity, an empty optional, null) as an empty field (the
 * CSV convention of this round), and text without commas, quotes or line breaks (they become {@code ;},
 * {@code '} and a space), so that {@code np.genfromtxt(file, names=True, delimiter=',', dtype=None,
 * encoding=None)}, which does not understand quoting, splits every line at the right places. Numbers are
 * written by {@link Double#toString} (shortest representation that reads back exactly).
 *
 * @param columns the column names, snake_case
 * @param rows    the rows, each a value per column (missing keys are empty)
 */
public record CsvTable(List<String> columns, List<Map<String, Object>> rows) {

    /** Copies. */
    public CsvTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Writes the table atomically.
     *
     * @param file the destination
     */
    public void write(Path file) {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(r.get(columns.get(i))));
            }
            out.append('\n');
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    /**
     * @param v a value
     * @return its field: empty for a missing number, text without separators
     */
    public static String field(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Optional<?> o) {
            return o.map(CsvTable::field).orElse("");
        }
        if (v instanceof OptionalDouble o) {
            return o.isPresent() ? field(o.getAsDouble()) : "";
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? Integer.toString(o.getAsInt()) : "";
        }
        if (v instanceof Double x) {
            return Double.isFinite(x) ? Double.toString(x) : "";
        }
        if (v instanceof Float x) {
            return Float.isFinite(x) ? Float.toString(x) : "";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return v.toString().replace(',', ';').replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Reads a table written by {@link #write}.
     *
     * @param file     the file
     * @param required columns it must have
     * @return the rows, each column to its field (empty when missing)
     * @throws InvalidInputException naming the file when it is missing, has no header or lacks a column, or a
     *                               line has another number of fields
     */
    public static List<Map<String, String>> read(Path file, List<String> required) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException(file + ": empty file, expected a CSV header");
            }
            String[] cols = header.split(",", -1);
            List<String> have = List.of(cols);
            for (String c : required) {
                if (!have.contains(c)) {
                    throw new InvalidInputException(file + ": no column '" + c + "' (written by another version?)");
                }
            }
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.length) {
                    throw new InvalidInputException(file + ": line " + n + " has " + f.length + " fields, the header "
                            + cols.length);
                }
                Map<String, String> r = new LinkedHashMap<>();
                for (int i = 0; i < cols.length; i++) {
                    r.put(cols[i], f[i]);
                }
                rows.add(r);
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": not found (run 'rscale fit' first)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param row   a row read by {@link #read}
     * @param column a column
     * @return its number, NaN when empty
     * @throws InvalidInputException naming the column and value when the field is not a number
     */
    public static double number(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("column " + column + ": '" + v + "' is not a number");
        }
    }

    /**
     * @param row    a row read by {@link #read}
     * @param column a column
     * @return its integer, empty when the field is empty
     */
    public static OptionalInt integer(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("column " + column + ": '" + v + "' is not an integer");
        }
    }

    /** @return a one-line description, for logs */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CsvTable(%d columns, %d rows)", columns.size(), rows.size());
    }
}
