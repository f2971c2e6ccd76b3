package org.rscale.sweeps.io;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.rscale.sweeps.InvalidInputException;

/**
 * One row of a CSV file as {@link CsvTable#read} gives it back: its fields, unquoted, by column name, with typed
 * accessors that read the values as {@link CsvTable#write} wrote them and name the file, line, column and value when
 * a field is not what the column holds.
 * <ul>
 *   <li>an empty field is a missing value: {@link #text} gives {@code ""}, {@link #number} NaN,
 *       {@link #optionalInteger} an empty optional, {@link #integer} an error;</li>
 *   <li>a column the file does not have (an optional column that an older version did not write) is missing in
 *       every row; {@link CsvTable#read} has already checked the columns a reader requires;</li>
 *   <li>{@code inf}, {@code -inf} and {@code nan} (any case, as numpy and pandas write them) are the infinities and
 *       NaN; any other number is read by {@link Double#parseDouble}, which gives back exactly the double that
 *       {@link Double#toString} wrote.</li>
 * </ul>
 *
 * @param file    the file, for messages
 * @param line    the line the row starts on (the header is line 1)
 * @param columns the header's column names, in order
 * @param fields  the row's fields, unquoted, one per column
 */
public record CsvRow(Path file, int line, List<String> columns, List<String> fields) {

    /**
     * Copies the lists (no copy for lists that are immutable already, as the reader's are).
     *
     * @throws IllegalArgumentException when there are not as many fields as columns
     */
    public CsvRow {
        columns = List.copyOf(columns);
        fields = List.copyOf(fields);
        if (columns.size() != fields.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + columns.size() + " columns");
        }
    }

    /** @return {@code file:line}, the start of this row's messages */
    public String where() {
        return file + ":" + line;
    }

    /**
     * @param column a column name
     * @return whether the row has no value there (an empty field, or a column the file does not have)
     */
    public boolean isMissing(String column) {
        return text(column).isEmpty();
    }

    /**
     * @param column a column name
     * @return the field as written, unquoted; empty when missing
     */
    public String text(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? "" : fields.get(i);
    }

    /**
     * @param column a column of numbers
     * @return its number: NaN when missing or {@code nan}, an infinity for {@code inf} or {@code -inf}
     * @throws InvalidInputException naming the file, line, column and field when the field is not a number
     */
    public double number(String column) {
        String v = text(column);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        String s = v.strip();
        if (s.equalsIgnoreCase(CsvTable.NAN)) {
            return Double.NaN;
        }
        if (s.equalsIgnoreCase(CsvTable.INF) || s.equalsIgnoreCase("+" + CsvTable.INF)) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase(CsvTable.MINUS_INF)) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where() + ": column '" + column + "' is not a number: '" + v + "'");
        }
    }

    /**
     * @param column a column of whole numbers that every row has
     * @return its value
     * @throws InvalidInputException naming the file, line and column when the field is missing, or also the field
     *                               when it is not a whole number (an {@code int})
     */
    public int integer(String column) {
        OptionalInt v = optionalInteger(column);
        if (v.isEmpty()) {
            throw new InvalidInputException(where() + ": column '" + column + "' is missing, expected a whole number");
        }
        return v.getAsInt();
    }

    /**
     * @param column a column of whole numbers
     * @return its value, empty when missing
     * @throws InvalidInputException naming the file, line, column and field when the field is not a whole number
     *                               (an {@code int})
     */
    public OptionalInt optionalInteger(String column) {
        String v = text(column);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where() + ": column '" + column + "' is not a whole number: '" + v + "'");
        }
    }
}
