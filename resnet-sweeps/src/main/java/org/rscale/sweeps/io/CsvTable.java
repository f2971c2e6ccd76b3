package org.rscale.sweeps.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.rscale.sweeps.InvalidInputException;

/**
 * The CSV writer and the one CSV reader of rscale. The tables go through the writer (the init study's, written line
 * by line by their owners, use its {@link #number} and {@link #numberOrNan}; the conv run's and conv spectra's are
 * written by Jackson in the same shape), so every file follows one convention, which numpy ({@code np.genfromtxt(f, names=True, delimiter=',', dtype=None, encoding='utf-8')}) and
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
 *       numbers as Java writes them ({@code Double.toString}: the shortest round-trip form), {@link #number}.</li>
 * </ul>
 * The file appears atomically ({@link AtomicFiles}).
 * <p>
 * {@link #read} is the one CSV reader, the inverse of {@link #write}: it unquotes the quoted fields, and its rows
 * ({@link CsvRow}) read an empty field as a missing value, {@code inf}, {@code -inf} and {@code nan} as those
 * doubles, every other number as the double {@code Double.toString} wrote. A table that must tell a number that is
 * undefined (0/0) from one that is missing, as the init study's do, writes the first {@code nan}
 * ({@link #numberOrNan}) and reads both as NaN; its own columns say which can be missing. Every problem of a file is
 * one {@link InvalidInputException} line that names the file, and the line, column and field where there is one: a
 * missing or empty file, a header without a required column (or, for {@link #readExactly}, another header), a line
 * with another number of fields than the header, a field that is not a number or not a whole number
 * ({@link CsvRow}), a quoted field that is not closed. Beyond what the writer produces, it reads standard CSV: a
 * quoted field may hold a comma or a line break (the row's line is the one it starts on), CRLF line ends; a blank
 * line is skipped, except in a table of one column, where it is a row with a missing value (as the writer writes
 * one). A float column reads back as the double of the float's decimal form ({@code Float.toString}).
 */
public final class CsvTable {

    /** The word older files and some callers use for a missing value; written as an empty field. */
    public static final String UNKNOWN = "unknown";
    /** The field of positive infinity. */
    public static final String INF = "inf";
    /** The field of negative infinity. */
    public static final String MINUS_INF = "-inf";
    /** The field of a number that is undefined but not missing, in the tables that tell them apart. */
    public static final String NAN = "nan";

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
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? number(f) : f.toString();
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

    /**
     * The field of a number, as {@link #write} writes it.
     *
     * @param v a number, NaN when missing
     * @return {@link Double#toString} (the shortest decimal that reads back as {@code v}), {@code inf} or
     *         {@code -inf}, or the empty field for NaN
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? INF : MINUS_INF;
        }
        return Double.toString(v);
    }

    /**
     * The field of a number that is never missing, in a table that tells an undefined number from a missing one
     * (the init study's: a ratio of two zero norms is {@code nan}, the Hurst index of an iid network is empty).
     *
     * @param v a number, NaN when undefined
     * @return {@link #number}, but {@code nan} for NaN
     */
    public static String numberOrNan(double v) {
        return Double.isNaN(v) ? NAN : number(v);
    }

    /**
     * Reads a table written by {@link #write}, whose header must hold the required columns (and may hold others, in
     * any order).
     *
     * @param file     the file
     * @param required the columns a reader needs
     * @return its rows, in file order
     * @throws InvalidInputException naming the file (and line, column and field) when it is missing, empty or
     *                               malformed, or lacks a required column
     */
    public static List<CsvRow> read(Path file, List<String> required) {
        return read(file, required, false, null, Function.identity());
    }

    /**
     * Reads a table written by {@link #write} as {@link #read(Path, List)} does, turning each row into the caller's
     * record as it is read (a large table is never held as text).
     *
     * @param file        the file
     * @param required    the columns a reader needs
     * @param whenMissing what to do when the file is not there, e.g. {@code run 'rscale fit' first}: the message is
     *                    {@code <file>: not found (<whenMissing>)}; null for none ({@code <file>: not found})
     * @param row         reads one row (its errors name the row's {@link CsvRow#where})
     * @param <R>         the caller's row type
     * @return the rows, in file order
     * @throws InvalidInputException as {@link #read(Path, List)}, or from {@code row}
     */
    public static <R> List<R> read(Path file, List<String> required, String whenMissing, Function<CsvRow, R> row) {
        return read(file, required, false, whenMissing, row);
    }

    /**
     * Reads a table whose header must be exactly the given columns, in order (tables whose lines are written by
     * their owner, such as the init study's), turning each row into the caller's record as it is read.
     *
     * @param file    the file
     * @param columns the header
     * @param row     reads one row (its errors name the row's {@link CsvRow#where})
     * @param <R>     the caller's row type
     * @return the rows, in file order
     * @throws InvalidInputException naming the file (and line, column and field) when it is missing, empty or
     *                               malformed, or has another header; or from {@code row}
     */
    public static <R> List<R> readExactly(Path file, List<String> columns, Function<CsvRow, R> row) {
        return read(file, columns, true, null, row);
    }

    private static <R> List<R> read(Path file, List<String> columns, boolean exact, String whenMissing,
                                    Function<CsvRow, R> row) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Records records = new Records(in, file);
            List<String> fieldsOfHeader = records.next();
            if (fieldsOfHeader == null) {
                throw new InvalidInputException(file + ": empty file, expected a CSV header"
                        + (columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")"));
            }
            // interned: a row's lookup of a column named by a constant then matches it by identity
            List<String> header = fieldsOfHeader.stream().map(String::intern).toList();
            checkHeader(file, header, columns, exact);
            records.width = header.size();
            List<R> rows = new ArrayList<>();
            List<String> fields;
            while ((fields = records.next()) != null) {
                if (fields.size() == 1 && fields.get(0).isEmpty() && header.size() > 1 && !records.quoted) {
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new InvalidInputException(file + ":" + records.start + ": " + fields.size()
                            + (fields.size() == 1 ? " field" : " fields") + ", the header has " + header.size()
                            + " columns");
                }
                rows.add(row.apply(new CsvRow(file, records.start, header, fields)));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": not found" + (whenMissing == null ? "" : " (" + whenMissing + ")"));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text, not a CSV file rscale wrote", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void checkHeader(Path file, List<String> header, List<String> columns, boolean exact) {
        if (exact && !header.equals(columns)) {
            throw new InvalidInputException(file + ": not a table of " + String.join(", ", columns) + " (header: "
                    + String.join(",", header) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String c : header) {
            if (!seen.add(c)) {
                throw new InvalidInputException(file + ": column '" + c + "' appears twice in the header");
            }
        }
        for (String c : columns) {
            if (!seen.contains(c)) {
                throw new InvalidInputException(file + ": no column '" + c + "' (written by another version?)");
            }
        }
    }

    /**
     * The records of a CSV text, each a list of unquoted fields: split at the commas outside double quotes, a
     * quoted field unquoted (a doubled quote inside is one quote; a line break inside continues on the next line).
     */
    private static final class Records {
        private final BufferedReader in;
        private final Path file;
        /** The last line read (1 for the header). */
        private int line;
        /** The line the last record starts on. */
        int start;
        /** Whether the last record had a quoted field. */
        boolean quoted;
        /** The number of fields expected (the header's, once read). */
        int width = 16;

        Records(BufferedReader in, Path file) {
            this.in = in;
            this.file = file;
        }

        /** @return the next record's fields, or null at the end */
        List<String> next() throws IOException {
            String s = in.readLine();
            if (s == null) {
                return null;
            }
            start = ++line;
            quoted = false;
            List<String> out = new ArrayList<>(width);
            StringBuilder f = null;
            int i = 0;
            while (true) {
                if (i < s.length() && s.charAt(i) == '"') {
                    quoted = true;
                    f = f == null ? new StringBuilder() : f;
                    f.setLength(0);
                    i++;
                    while (true) {
                        if (i == s.length()) {
                            s = in.readLine();
                            if (s == null) {
                                throw new InvalidInputException(file + ":" + start + ": field " + (out.size() + 1)
                                        + " opens a quote that is never closed");
                            }
                            line++;
                            f.append('\n');
                            i = 0;
                            continue;
                        }
                        char c = s.charAt(i++);
                        if (c != '"') {
                            f.append(c);
                        } else if (i < s.length() && s.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    }
                    out.add(f.toString());
                    if (i == s.length()) {
                        return List.copyOf(out);
                    }
                    if (s.charAt(i) != ',') {
                        throw new InvalidInputException(file + ":" + start + ": field " + out.size()
                                + " has text after its closing quote: '" + s.substring(i) + "'");
                    }
                    i++;
                } else {
                    int comma = s.indexOf(',', i);
                    if (comma < 0) {
                        out.add(s.substring(i));
                        return List.copyOf(out);
                    }
                    out.add(s.substring(i, comma));
                    i = comma + 1;
                }
            }
        }
    }
}
