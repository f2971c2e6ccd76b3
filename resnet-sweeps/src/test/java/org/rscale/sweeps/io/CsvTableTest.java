package org.rscale.sweeps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV convention: empty fields for missing numbers, no delimiter inside a field, RFC 4180 quoting, inf. */
class CsvTableTest {

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
}
