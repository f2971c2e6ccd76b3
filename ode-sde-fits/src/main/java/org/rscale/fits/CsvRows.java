package org.rscale.fits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.rscale.sweeps.io.CsvTable;

/**
 * The rows of one of the limit fit's CSV files (dynamics.csv, rates.csv, comparison.csv, ...), written through
 * rscale's one CSV writer {@link CsvTable} (its convention: a header line, a missing value as an empty field,
 * {@code inf} for an infinity, text without the delimiter), and read back by the files classes' typed readers through
 * its reader ({@link CsvTable#read(Path, List, String, java.util.function.Function)} with {@link StageJson#RUN_FIT_FIRST}). Optional values are
 * unwrapped before writing (an empty one is missing).
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

    /** @return a one-line description, for logs */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CsvRows(%d columns, %d rows)", columns.size(), rows.size());
    }
}
