package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Renders one sample of each figure end to end. The files go to a temporary directory, or to the
 * directory named by the system property {@code rscale.plot.samples} so that a human can look at
 * them.
 */
@ExtendWith(QuietConsole.class)
class SampleFiguresTest {

    @Test
    void writesEverySample(@TempDir Path tmp) throws Exception {
        String property = System.getProperty("rscale.plot.samples");
        Path dir = property == null || property.isBlank() ? tmp : Path.of(property);
        List<Path> written = SampleFigures.writeAll(dir);
        assertEquals(14, written.size());
        for (Path p : written) {
            assertTrue(Files.size(p) > 1000, p + " is suspiciously small");
        }
    }
}
