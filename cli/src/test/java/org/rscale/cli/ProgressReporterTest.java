package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * The one progress reporter, counting a sweep's cells or a study's units: the plain lines (off a terminal) that
 * log files and cluster jobs hold, timestamps aside, as they were before the study's copy of it was removed.
 */
class ProgressReporterTest {

    private record Unit(int index, String describe) implements WorkUnit {
    }

    /** The lines written, without their {@code [HH:mm:ss] } timestamps. */
    private static List<String> lines(StringWriter w) {
        return w.toString().lines().map(l -> {
            assertEquals('[', l.charAt(0), l);
            assertEquals("] ", l.substring(9, 11), l);
            return l.substring(11);
        }).toList();
    }

    @Test
    void aStudyCountsUnitsAndWritesOneLineWhenTheLastIsDone() {
        StringWriter w = new StringWriter();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Counted.units("init-scan"), new PrintWriter(w),
                false, false, Duration.ofHours(1))) {
            p.scanStarted(3, 1, 2.0);
            p.kernelChosen("loop", "cpu");
            p.unitFinished(new Unit(1, "res-3, iid, d=6, L=8, draw 0"), 1.0, 0.5);
            p.unitFailed(new Unit(2, "res-3, iid, d=6, L=16, draw 0"), new IllegalStateException("broken"));
            p.unitFinished(new Unit(0, "res-3, iid, d=6, L=32, draw 0"), 1.0, 0.25);
        }
        assertEquals(List.of("init-scan: 3 units, 1 already done, 2 to compute", "kernel loop, float64, on cpu",
                "unit 2 (res-3, iid, d=6, L=16, draw 0) failed: broken",
                "units 3/3 (100%), last: res-3, iid, d=6, L=32, draw 0 (0.25 s)"), lines(w));
    }

    @Test
    void aStudyWritesAProgressLineWithItsEtaEveryInterval() {
        StringWriter w = new StringWriter();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Counted.units("init-train"),
                new PrintWriter(w), false, false, Duration.ZERO)) {
            p.scanStarted(4, 0, 4.0);
            p.unitFinished(new Unit(0, "iid, beta 0.5"), 1.0, 0.5);
        }
        // elapsed under a second: no ETA yet
        assertEquals(List.of("init-train: 4 units, 0 already done, 4 to compute",
                "units 1/4 (25%), last: iid, beta 0.5 (0.50 s)"), lines(w));
    }

    @Test
    void aQuietStudyWritesOnlyFailures() {
        StringWriter w = new StringWriter();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Counted.units("init-scan"), new PrintWriter(w),
                false, true, Duration.ZERO)) {
            p.scanStarted(2, 0, 2.0);
            p.unitFinished(new Unit(0, "a"), 1.0, 0.5);
            p.unitFailed(new Unit(1, "b"), new IllegalStateException("broken"));
        }
        assertEquals(List.of("unit 1 (b) failed: broken"), lines(w));
    }

    @Test
    void aSweepCountsCells() {
        StringWriter w = new StringWriter();
        try (ProgressReporter p = new ProgressReporter(new PrintWriter(w), false, false, Duration.ofHours(1))) {
            p.sweepStarted(6, 1, 5.0);
        }
        assertEquals(List.of("sweep: 6 cells, 1 already done, 5 to train"), lines(w));
    }
}
