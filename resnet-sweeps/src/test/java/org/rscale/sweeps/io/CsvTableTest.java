package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;

/**
 * The CSV convention: empty fields for missing numbers, no delimiter inside a field, RFC 4180 quoting, inf; and the
 * reader as the writer's inverse: every value the writer keeps reads back equal (doubles to the bit), the values it
 * maps (a comma, a line break, NaN, {@code unknown}) read back as written, and every malformed file is one line that
 * names the file, line, column and field.
 */
class CsvTableTest {
    /** Doubles whose decimal form is awkward: shortest round trip, subnormal, extremes, negative zero. */
    private static final double[] AWKWARD = {0.1, 1.0 / 3, 2.0 / 3, 1e-300, 1e300, 123456789.123456789, -2.5e-8,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 0.0, -0.0,
        Math.nextUp(1.0), Math.nextDown(1.0), 4.35, 100.0, 1e7, 1e-3, 9007199254740993.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    /** Texts the writer keeps: quotes, outer spaces, unicode, a tab, words that look like numbers. */
    private static final String[] TEXTS = {"plain", "say \"hi\"", "\"", "\"\"", "a\"b", " padded", "padded ",
        "  both  ", "β = 1/2", "tab\tinside", "inf", "-inf", "1e5", "L = 917; seed 0", "trailing\t", "'single'"};

    @Test
    void missingNumbersAreEmptyAndTextIsQuotedOnlyWhenItMustBe(@TempDir Path tmp) throws IOException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "plain");
        a.put("x", 1.5);
        a.put("n", 3);
        a.put("note", "a, b");
        Map<String, Object> b = new HashMap<>();
        b.put("name", "say \"hi\"");
        b.put("x", Double.NaN);
        b.put("n", "unknown");
        b.put("note", " padded");
        Map<String, Object> c = new HashMap<>();
        c.put("name", "line\nbreak");
        c.put("x", Double.NEGATIVE_INFINITY);
        c.put("note", "unknown");
        Path f = tmp.resolve("t.csv");
        CsvTable.write(f, List.of("name", "x", "n", "note"), List.of(a, b, c));
        assertEquals("name,x,n,note\n"
                + "plain,1.5,3,a; b\n"
                + "\"say \"\"hi\"\"\",,,\" padded\"\n"
                + "line break,-inf,,\n", Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void awkwardDoublesReadBackToTheBit(@TempDir Path tmp) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double v : AWKWARD) {
            rows.add(Map.of("x", v, "y", -v));
        }
        List<CsvRow> read = roundTrip(tmp, List.of("x", "y"), rows);
        assertEquals(AWKWARD.length, read.size());
        for (int i = 0; i < AWKWARD.length; i++) {
            assertEquals(Double.doubleToRawLongBits(AWKWARD[i]), Double.doubleToRawLongBits(read.get(i).number("x")),
                    "x = " + AWKWARD[i] + " written as " + read.get(i).text("x"));
            assertEquals(Double.doubleToRawLongBits(-AWKWARD[i]), Double.doubleToRawLongBits(read.get(i).number("y")),
                    "y = " + -AWKWARD[i]);
        }
        assertEquals("-0.0", read.get(13).text("x"), "the writer keeps negative zero");
        assertEquals("4.9E-324", read.get(7).text("x"));
        assertEquals("inf", read.get(AWKWARD.length - 2).text("x"));
    }

    @Test
    void randomDoublesAndIntegersReadBackExactly(@TempDir Path tmp) {
        Random rng = new Random(20210703);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            rows.add(Map.of("bits", Double.isNaN(v) ? 0.5 : v, "gauss", rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20),
                    "n", rng.nextInt()));
        }
        List<CsvRow> read = roundTrip(tmp, List.of("bits", "gauss", "n"), rows);
        for (int i = 0; i < rows.size(); i++) {
            for (String c : List.of("bits", "gauss")) {
                assertEquals(Double.doubleToRawLongBits((Double) rows.get(i).get(c)),
                        Double.doubleToRawLongBits(read.get(i).number(c)), c + " of row " + i);
            }
            assertEquals(rows.get(i).get("n"), read.get(i).integer("n"));
            assertEquals(OptionalInt.of((Integer) rows.get(i).get("n")), read.get(i).optionalInteger("n"));
        }
    }

    @Test
    void textsTheWriterKeepsReadBackEqual(@TempDir Path tmp) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String t : TEXTS) {
            rows.add(Map.of("text", t, "n", 1));
        }
        List<CsvRow> read = roundTrip(tmp, List.of("text", "n"), rows);
        for (int i = 0; i < TEXTS.length; i++) {
            assertEquals(TEXTS[i], read.get(i).text("text"));
            assertEquals(1, read.get(i).integer("n"));
        }
    }

    @Test
    void missingValuesReadBackMissing(@TempDir Path tmp) {
        Map<String, Object> row = new HashMap<>();
        row.put("x", Double.NaN);
        row.put("f", Float.NaN);
        row.put("n", null);
        row.put("word", CsvTable.UNKNOWN);
        row.put("empty", "");
        row.put("nan_text", "NaN");
        Map<String, Object> other = Map.of("x", 1.0, "f", 2.5f, "n", 7, "word", "w", "empty", "e", "nan_text", 3.0);
        List<String> columns = List.of("x", "f", "n", "word", "empty", "nan_text", "absent");
        List<CsvRow> read = roundTrip(tmp, columns, List.of(row, other));
        CsvRow r = read.get(0);
        for (String c : columns) {
            assertTrue(r.isMissing(c), c);
            assertEquals("", r.text(c), c);
            assertTrue(Double.isNaN(r.number(c)), c);
            assertEquals(OptionalInt.empty(), r.optionalInteger(c), c);
        }
        assertEquals(2.5, read.get(1).number("f"));
        assertTrue(read.get(1).isMissing("absent"), "a missing key is a missing value");
        assertTrue(read.get(1).isMissing("not_in_the_file"), "a column the file lacks is missing");
        assertTrue(Double.isNaN(read.get(1).number("not_in_the_file")));
    }

    @Test
    void whatTheWriterMapsReadsBackAsWritten(@TempDir Path tmp) {
        List<CsvRow> read = roundTrip(tmp, List.of("note"), List.of(Map.of("note", "a, b"),
                Map.of("note", "two\r\nlines\nhere"), Map.of("note", "x")));
        assertEquals("a; b", read.get(0).text("note"));
        assertEquals("two lines here", read.get(1).text("note"));
        assertEquals(3, read.size());
    }

    @Test
    void aOneColumnTableKeepsItsMissingRows(@TempDir Path tmp) {
        Map<String, Object> missing = new HashMap<>();
        missing.put("x", null);
        List<CsvRow> read = roundTrip(tmp, List.of("x"), List.of(Map.of("x", 1.0), missing, Map.of("x", 2.0)));
        assertEquals(3, read.size());
        assertTrue(read.get(1).isMissing("x"));
        assertEquals(2.0, read.get(2).number("x"));
    }

    @Test
    void theWritersFieldsOfNumbers() {
        assertEquals("", CsvTable.number(Double.NaN));
        assertEquals("nan", CsvTable.numberOrNan(Double.NaN));
        for (double v : AWKWARD) {
            assertEquals(CsvTable.field(v, true), CsvTable.number(v));
            assertEquals(CsvTable.number(v), CsvTable.numberOrNan(v));
        }
        assertEquals("inf", CsvTable.number(Double.POSITIVE_INFINITY));
        assertEquals("-inf", CsvTable.numberOrNan(Double.NEGATIVE_INFINITY));
    }

    @Test
    void readsTheNumberWordsOfNumpyPandasAndJava(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("w.csv");
        Files.writeString(f, "x\nnan\nNaN\ninf\n-inf\nInf\n+inf\nInfinity\n-Infinity\n 2.5 \n1e3\n");
        List<CsvRow> r = CsvTable.read(f, List.of("x"));
        double[] expected = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            2.5, 1000.0};
        assertEquals(expected.length, r.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.get(i).number("x"), r.get(i).text("x"));
        }
    }

    @Test
    void readsStandardQuotingThatOtherWritersUse(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("q.csv");
        Files.writeString(f, "\"name\",n,note\r\n\"a, b\",1,\"said \"\"no\"\"\"\r\n\"two\nlines\",2,\n\n\"\",3,x\n");
        List<CsvRow> r = CsvTable.read(f, List.of("name", "n", "note"));
        assertEquals(3, r.size());
        assertEquals("a, b", r.get(0).text("name"));
        assertEquals("said \"no\"", r.get(0).text("note"));
        assertEquals("two\nlines", r.get(1).text("name"));
        assertEquals(3, r.get(1).line());
        assertTrue(r.get(1).isMissing("note"));
        assertEquals(6, r.get(2).line(), "a blank line is skipped, the line numbers count it");
        assertTrue(r.get(2).isMissing("name"));
        assertEquals(List.of("name", "n", "note"), r.get(0).columns());
        assertEquals(f + ":2", r.get(0).where());
    }

    @Test
    void readExactlyWantsTheHeaderInOrder(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("e.csv");
        CsvTable.write(f, List.of("a", "b"), List.of(Map.of("a", 1, "b", 2)));
        assertEquals(2, CsvTable.readExactly(f, List.of("a", "b"), r -> r).get(0).integer("b"));
        assertEquals(1, CsvTable.read(f, List.of("b")).size(), "read allows other columns");
        assertMessage(() -> CsvTable.readExactly(f, List.of("b", "a"), r -> r), f + ": not a table of b, a (header: a,b)");
        assertMessage(() -> CsvTable.readExactly(f, List.of("a", "b", "c"), r -> r), f + ": not a table of a, b, c");
    }

    @Test
    void everyBadFileIsOneLineNamingFileLineColumnAndField(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("none.csv");
        assertMessage(() -> CsvTable.read(missing, List.of("a")), missing + ": not found");
        assertMessage(() -> CsvTable.read(missing, List.of("a"), "run 'rscale fit' first", r -> r),
                missing + ": not found (run 'rscale fit' first)");
        assertMessage(() -> CsvTable.read(tmp, List.of("a")), tmp + ": cannot read");

        Path f = tmp.resolve("bad.csv");
        Function<String, Path> file = text -> {
            try {
                return Files.writeString(f, text);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        file.apply("");
        assertMessage(() -> CsvTable.read(f, List.of("a", "b")), f + ": empty file, expected a CSV header (a, b)");
        file.apply("a,c\n1,2\n");
        assertMessage(() -> CsvTable.read(f, List.of("a", "b")), f + ": no column 'b'");
        file.apply("a,b,a\n1,2,3\n");
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ": column 'a' appears twice in the header");
        file.apply("a,b\n1,2\n1,2,3\n");
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ":3: 3 fields, the header has 2 columns");
        file.apply("a,b\n1\n");
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ":2: 1 field, the header has 2 columns");
        file.apply("a,b\n1,2\n1,\"open\n");
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ":3: field 2 opens a quote that is never closed");
        file.apply("a,b\n\"x\"y,2\n");
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ":2: field 1 has text after its closing quote: 'y,2'");
        file.apply("a,b\n1,2\n1.5,x2\n");
        List<CsvRow> rows = CsvTable.read(f, List.of("a", "b"));
        assertMessage(() -> rows.get(1).number("b"), f + ":3: column 'b' is not a number: 'x2'");
        assertMessage(() -> rows.get(1).integer("a"), f + ":3: column 'a' is not a whole number: '1.5'");
        assertMessage(() -> rows.get(1).optionalInteger("a"), f + ":3: column 'a' is not a whole number: '1.5'");
        file.apply("a,b\n99999999999,\n");
        List<CsvRow> big = CsvTable.read(f, List.of("a", "b"));
        assertMessage(() -> big.get(0).integer("a"), f + ":2: column 'a' is not a whole number: '99999999999'");
        assertMessage(() -> big.get(0).integer("b"), f + ":2: column 'b' is missing, expected a whole number");
        Files.write(f, new byte[] {'a', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertMessage(() -> CsvTable.read(f, List.of("a")), f + ": not UTF-8 text");
    }

    private static List<CsvRow> roundTrip(Path tmp, List<String> columns, List<? extends Map<String, ?>> rows) {
        Path f = tmp.resolve("round-trip.csv");
        CsvTable.write(f, columns, rows);
        List<CsvRow> read = CsvTable.readExactly(f, columns, r -> r);
        assertEquals(rows.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(i + 2, read.get(i).line());
        }
        return read;
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String start) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().startsWith(start), "expected '" + start + "...', got '" + e.getMessage() + "'");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
