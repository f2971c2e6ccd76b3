package org.rscale.sweeps.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.SweepDirectory;

/**
 * Old output stays readable: the sweep directory written by the first release of the run format is
 * opened, planned and read by the current code.
 */
class RunFormatCompatibilityTest {

    @Test
    void formatOneSweepStillLoads() throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("/org/rscale/sweeps/fixtures/sweep-format-1").toURI());
        SweepDirectory sweep = SweepDirectory.open(dir);
        assertEquals(2, sweep.plan().cells().size());
        assertTrue(sweep.missing().isEmpty(), "both cells complete");
        for (Cell c : sweep.plan().cells()) {
            RunRecord r = RunDirectory.readRecord(sweep.runDir(c).resolve(RunFiles.RUN_JSON));
            assertEquals(1, r.formatVersion());
            assertEquals(c.settings(), CellSettings.fromMap(r.settings(), "run.json"));
            TrainedRun t = RunDirectory.read(sweep.runDir(c));
            assertEquals(c.settings().depth(), t.depth());
            assertEquals(10, t.dim());
            assertEquals(r.status(), t.status());
        }
    }
}
