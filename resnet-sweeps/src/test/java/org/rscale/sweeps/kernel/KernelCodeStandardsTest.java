package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The kernel packages (and the special functions of {@code math}) keep their hot loops plain: no streams, lambdas, for-each loops, boxed
 * numbers or allocation inside loops' bodies is enforced by scanning the sources (the EJML habit).
 */
class KernelCodeStandardsTest {
    private static final List<Path> KERNELS = List.of(Path.of("src/main/java/org/rscale/sweeps/kernel"),
            Path.of("src/main/java/org/rscale/sweeps/math"), Path.of("src/main/vector/org/rscale/sweeps/kernel/vector"));
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.stream\\(|Stream\\.|IntStream|DoubleStream"),
            Pattern.compile("->"),
            Pattern.compile("for\\s*\\([^;]*:[^;]*\\)"),
            Pattern.compile("\\b(Double|Integer|Long|Float)\\s+\\w+\\s*[=;,)]"),
            Pattern.compile("List<|Map<|ArrayList|HashMap"));

    @Test
    void kernelSourcesUseOnlyIndexedLoopsAndPrimitives() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path dir : KERNELS) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                            continue;
                        }
                        for (Pattern p : FORBIDDEN) {
                            if (p.matcher(line).find()) {
                                violations.add(f.getFileName() + ":" + (i + 1) + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "kernel code standards:\n" + String.join("\n", violations));
    }

    @Test
    void theScannerCatchesWhatItForbids() {
        String[] bad = {"for (double v : values) {", "x.stream().map(y -> y)", "Double boxed = 1.0;",
            "List<Double> l;"};
        for (String b : bad) {
            assertTrue(FORBIDDEN.stream().anyMatch(p -> p.matcher(b).find()), b);
        }
    }
}
