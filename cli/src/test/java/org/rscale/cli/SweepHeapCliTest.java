package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.plan.LocalSweep;

/**
 * {@code rscale sweep} trains --jobs cells at once, so the --jobs largest cells left must fit in the heap together
 * (the tests' JVM has -Xmx2g, so 80% of it is 1.6 GiB): two cells of about 900 MiB each (depth 250, data.dim 300,
 * float64, Adam) fit one at a time, not two at once.
 */
class SweepHeapCliTest {

    private static final String[] TWO_LARGE_CELLS = {"sweep", "--preset", "smoke", "--set", "data.dim=300",
        "--set", "depths.values=250", "--set", "seeds=0,1", "--set", "epochs=1", "--set", "data.train_size=32",
        "--set", "data.test_size=8"};

    @Test
    void aGivenJobsTooLargeForTheHeapIsRefusedBeforeAnyCellIsTrained(@TempDir Path tmp) {
        Path out = tmp.resolve("given");
        InitScanCommandTest.Run given = InitScanCommandTest.rscale(
                InitScanCommandTest.concat(TWO_LARGE_CELLS, "--out", out.toString(), "--jobs", "2"));
        assertEquals(2, given.code(), given.out() + given.err());
        assertTrue(given.err().matches("(?s)rscale: --jobs 2: 2 cells at once need about 1\\.[78] GiB of heap \\(the 2 "
                + "largest cells left, up to \\d{3} MiB each\\), more than 80% of this JVM's heap of .*; use at most "
                + "--jobs 1, or RSCALE_JAVA_OPTS=-Xmx3g\n.*"), given.err());
        assertTrue(given.out().isEmpty(), given.out());
        // refused before the plan is written: no cell trained, and no plan either
        assertEquals(java.util.List.of(), RefusedPlanWritesNothingTest.files(out), "nothing written");
    }

    @Test
    void theDefaultJobsIsLoweredToWhatFitsWithANote(@TempDir Path tmp) {
        if (LocalSweep.defaultJobs() < 2) {
            return; // one hardware thread: the default is already 1
        }
        Path out = tmp.resolve("lowered");
        InitScanCommandTest.Run lowered = InitScanCommandTest.rscale(
                InitScanCommandTest.concat(TWO_LARGE_CELLS, "--out", out.toString()));
        assertEquals(0, lowered.code(), lowered.err());
        assertTrue(lowered.err().startsWith("note: cells 1 at a time, not " + LocalSweep.defaultJobs()
                + " (the default, the hardware threads): " + LocalSweep.defaultJobs() + " would need about "),
                lowered.err());
        assertTrue(lowered.out().contains("2 cells, 2 trained now"), lowered.out());
    }
}
