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
import org.rscale.sweeps.io.CsvTable;

/**
 * The rows of one of the limit fit's CSV files (dynamics.csv, rates.csv, comparison.csv, ...), written through
 * rscale's one CSV writer {@link CsvTable} (its convention: a header line, a missing value as an empty field,
 * {@code inf} for an infinity, text without the delimiter), and read back by the files classes' typed readers
 * ({@link #read}, {@link #number}, {@link #integer}). Optional values are unwrapped before writing (an empty one is
 * missing).
 *
 * @param columns the column names, snake_case
 * @param rows    the rows, each a value per column (missing keys are empty)
 */
public record CsvRows(List<String> columns, List<Map<String, Object>> rows) {

    /** Copies. */
    public CsvRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Writes the rows atomically through {@link CsvTable#write}.
     *
     * @param file the destination
     */
    public void write(Path file) {
        List<Map<String, Object>> plain = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (String c : columns) {
                p.put(c, value(r.get(c)));
            }
            plain.add(p);
        }
        CsvTable.write(file, columns, plain);
    }

    /**
     * @param v a value
     * @return the value as the writer takes it: an optional unwrapped (empty: null), anything else as it is
     */
    static Object value(Object v) {
        if (v instanceof Optional<?> o) {
            return o.map(CsvRows::value).orElse(null);
        }
        if (v instanceof OptionalDouble o) {
            return o.isPresent() ? (Object) o.getAsDouble() : null;
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? (Object) o.getAsInt() : null;
        }
        return v;
    }

    /**
     * Reads a table written by {@link #write}. Fields are split at every comma (the writer never puts one in a
     * field) and a field enclosed in double quotes (text with a quote or outer spaces) is unquoted.
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
                    r.put(cols[i], unquote(f[i]));
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
     * @return its number, NaN when empty, an infinity for {@code inf} or {@code -inf}
     * @throws InvalidInputException naming the column and value when the field is not a number
     */
    public static double number(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            return Double.NaN;
        }
        if (v.equals("inf") || v.equals("-inf")) {
            return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
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

    private static String unquote(String f) {
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")
                ? f.substring(1, f.length() - 1).replace("\"\"", "\"") : f;
    }

    /** @return a one-line description, for logs */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CsvRows(%d columns, %d rows)", columns.size(), rows.size());
    }
}
