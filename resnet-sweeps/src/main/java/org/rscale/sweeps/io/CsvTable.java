package org.rscale.sweeps.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one CSV writer of rscale: every {@code .csv} the tool writes goes through it, so every file follows one
 * convention, which numpy ({@code np.genfromtxt(f, names=True, delimiter=',', dtype=None, encoding='utf-8')}) and
 * pandas ({@code pd.read_csv(f)}) load as they are:
 * <ul>
 *   <li>a header line of the column names, then one line per row, {@code \n} line ends, UTF-8;</li>
 *   <li>no field holds the delimiter, so numpy's {@code genfromtxt}, which splits every line at every comma
 *       whatever the quotes, reads the columns right: in text a comma is written as a semicolon and a line break as
 *       a space (the notes are prose, nothing is lost for a reader);</li>
 *   <li>standard quoting (RFC 4180) for the rest: a field holding a double quote or leading or trailing space is
 *       enclosed in double quotes, a double quote inside doubled; other fields are bare;</li>
 *   <li>a missing value is an empty field, never {@code unknown}: null, NaN and the word {@code unknown} (which
 *       older code passes for a missing value) are written empty, in number and text columns alike, so a column
 *       that is missing in every row still loads as numbers; an infinite value is {@code inf} or {@code -inf};
 *       numbers as Java writes them ({@code Double.toString}: the shortest round-trip form).</li>
 * </ul>
 * The file appears atomically ({@link AtomicFiles}).
 */
public final class CsvTable {

    /** The word older files and some callers use for a missing value; written as an empty field. */
    public static final String UNKNOWN = "unknown";

    private CsvTable() {
    }

    /**
     * Writes a table.
     *
     * @param file    the destination, replaced atomically
     * @param columns the column names, in order
     * @param rows    the rows, each a map from column name to value (a missing key is a missing value)
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, List<String> columns, List<? extends Map<String, ?>> rows) {
        boolean[] numeric = new boolean[columns.size()];
        for (Map<String, ?> r : rows) {
            for (int c = 0; c < numeric.length; c++) {
                numeric[c] |= r.get(columns.get(c)) instanceof Number;
            }
        }
        StringBuilder sb = new StringBuilder(64 * (rows.size() + 1));
        line(sb, new ArrayList<>(columns), new boolean[numeric.length]);
        List<Object> values = new ArrayList<>(columns.size());
        for (Map<String, ?> r : rows) {
            values.clear();
            for (String c : columns) {
                values.add(r.get(c));
            }
            line(sb, values, numeric);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
    }

    /**
     * @param out     where to write
     * @param columns the column names
     * @param rows    the rows
     * @throws IOException when writing fails
     */
    public static void write(Writer out, List<String> columns, List<? extends Map<String, ?>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean[] numeric = new boolean[columns.size()];
        for (Map<String, ?> r : rows) {
            for (int c = 0; c < numeric.length; c++) {
                numeric[c] |= r.get(columns.get(c)) instanceof Number;
            }
        }
        line(sb, new ArrayList<>(columns), new boolean[numeric.length]);
        List<Object> values = new ArrayList<>();
        for (Map<String, ?> r : rows) {
            values.clear();
            for (String c : columns) {
                values.add(r.get(c));
            }
            line(sb, values, numeric);
        }
        out.write(sb.toString());
    }

    private static void line(StringBuilder sb, List<?> values, boolean[] numeric) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(values.get(i), numeric[i]));
        }
        sb.append('\n');
    }

    /**
     * @param value   a value
     * @param numeric whether its column holds numbers
     * @return the field as written
     */
    static String field(Object value, boolean numeric) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (Double.isNaN(v)) {
                return "";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return value.toString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (s.isEmpty() || s.equals(UNKNOWN) || numeric && s.equalsIgnoreCase("nan")) {
            return "";
        }
        return quote(s);
    }

    /**
     * @param text a text field
     * @return it without commas and line breaks, quoted as RFC 4180 requires, or as it is
     */
    static String quote(String text) {
        String s = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace(',', ';');
        boolean needs = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)));
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
