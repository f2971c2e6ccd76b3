package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.cli.RscaleCliTest.Run;
import org.rscale.sweeps.run.RunDirectory;

/**
 * {@code rscale analyze} of a sweep reads the runs that {@code RunDirectory.check} finds complete (the definition
 * {@code sweep} and {@code status} use) and names the others, one line each, with the reason {@code status} gives:
 * a sweep still running, or one with a corrupt result, is analysed without them, not refused.
 */
class AnalyzeIncompleteRunsTest {

    @Test
    void incompleteRunsOfASweepAreSkippedAndNamed(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sweep");
        Run sweep = RscaleCliTest.rscale("sweep", "--preset", "smoke", "--set", "depths=4,6,8,11,16,23,32",
                "--out", dir.toString(), "--jobs", "2", "--quiet");
        assertEquals(0, sweep.code(), sweep.err());
        List<Path> runs;
        try (var s = Files.list(dir.resolve("runs"))) {
            runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        assertEquals(7, runs.size());
        // a deleted A.npy; a run.json cut off mid-write; a cell being published where that is not atomic
        Path noWeights = runs.get(0);
        Files.delete(noWeights.resolve("A.npy"));
        Path truncated = runs.get(1);
        String json = Files.readString(truncated.resolve("run.json"));
        Files.writeString(truncated.resolve("run.json"), json.substring(0, json.length() / 2));
        Path unpublished = runs.get(2);
        Files.delete(unpublished.resolve("run.json"));
        for (Path p : List.of(noWeights, truncated, unpublished)) {
            assertTrue(RunDirectory.check(p).invalid(), p.toString());
        }

        Run analyze = RscaleCliTest.rscale("analyze", dir.toString());
        assertEquals(0, analyze.code(), analyze.err());
        assertTrue(analyze.out().contains("4 cells in 1 group, 3 incomplete run directories skipped: "
                + noWeights.getFileName() + ", " + truncated.getFileName() + ", " + unpublished.getFileName()),
                analyze.out());
        Run status = RscaleCliTest.rscale("status", dir.toString());
        for (Path p : List.of(noWeights, truncated, unpublished)) {
            String reason = RunDirectory.check(p).reason();
            String note = "note: skipped " + p + ": invalid result: " + reason;
            assertEquals(1, analyze.err().lines().filter(l -> l.startsWith(note)).count(), note + "\n" + analyze.err());
            assertTrue(status.out().contains("invalid result: " + reason), "status says the same:\n" + status.out());
        }
        assertTrue(analyze.err().contains(noWeights.resolve("A.npy") + ": "), analyze.err());
        assertTrue(analyze.err().contains(truncated.resolve("run.json") + ": "), analyze.err());

        // nothing complete yet: one clear line, exit 2
        for (Path p : runs.subList(3, runs.size())) {
            Files.delete(p.resolve("run.json"));
        }
        Run none = RscaleCliTest.rscale("analyze", dir.toString());
        assertEquals(2, none.code(), none.out());
        assertTrue(none.err().startsWith("rscale: " + dir.resolve("runs") + ": no complete run yet (7 incomplete, e.g. "
                + noWeights.resolve("A.npy") + ": file not found; 'rscale status " + dir + "' lists them)"), none.err());
    }
}
