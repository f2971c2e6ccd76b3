package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README's reliability promises each name tests, and every test named exists (a renamed or deleted
 * test would leave a promise unbacked).
 */
class ReadmeReliabilityTest {
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z]*Test)(?:#([a-z][A-Za-z]*))?`");

    @Test
    void everyReliabilityPromiseNamesTestsThatExist() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("\n## Reliability\n");
        assertTrue(start >= 0, "the README has a Reliability section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> rows = section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| promise")).toList();
        assertTrue(rows.size() >= 8, "promises: resume, atomic files, concurrent sweeps, bad input, ...: " + rows);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith("Test.java"))
                    .toList();
        }
        List<String> missing = new ArrayList<>();
        for (String row : rows) {
            Matcher m = TEST.matcher(row);
            boolean any = row.contains("slurm-integration.sh");
            while (m.find()) {
                any = true;
                String cls = m.group(1);
                String method = m.group(2);
                Path file = sources.stream().filter(p -> p.getFileName().toString().equals(cls + ".java")).findFirst()
                        .orElse(null);
                if (file == null || (method != null && !Files.readString(file).contains(" void " + method + "("))) {
                    missing.add(cls + (method == null ? "" : "#" + method));
                }
            }
            assertTrue(any, "a promise without a test: " + row);
        }
        assertFalse(!missing.isEmpty(), "named in the README but not found: " + missing);
    }
}
