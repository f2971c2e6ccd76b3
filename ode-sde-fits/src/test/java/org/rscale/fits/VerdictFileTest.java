package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.WeightSequence;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.Npy;

/** The typed reader of verdict.json gives back what the writer wrote. */
class VerdictFileTest {

    @Test
    void readsBackTheFirstVerdictAsWritten(@TempDir Path dir) throws IOException {
        for (int n = 22; n <= 43; n += 2) {
            int L = (int) Math.floor(Math.pow(1.2, n));
            WeightSequence A = KnownRegimeWeights.smooth(L, 4, 4, 0.2, 5);
            Path run = Files.createDirectories(dir.resolve("runs/L" + L));
            Npy.write(run.resolve("A.npy"), new int[] {L, 4, 4}, A.values());
            Files.writeString(run.resolve("run.json"), "{\"settings\": {\"delta\": \"none\", \"depth\": " + L
                    + ", \"seed\": 0, \"activation\": \"tanh\"}, \"status\": \"converged\"}");
        }
        SweepAnalysis a = SweepAnalysis.of(dir, 0.5, 0.9);
        VerdictReport written = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now());
        Path file = dir.resolve("analysis/verdict.json");
        written.write(file);

        VerdictFile read = VerdictFile.read(file);
        assertEquals(VerdictFile.ANALYZE, read.stage());
        assertEquals(0.9, read.ciLevel());
        assertEquals(0.5, read.incrementExponent());
        assertEquals(written.provenance(), read.provenance());
        GroupVerdict w = written.groups().get(0);
        VerdictFile.Group g = read.groups().get(0);
        assertEquals(w.group(), g.group());
        assertEquals(w.verdict().regime(), g.regime());
        assertEquals(w.verdict().limitEquation().key(), g.limitEquation());
        assertEquals(w.verdict().beta(), g.beta());
        assertEquals(w.verdict().reasons(), g.reasons());
        assertEquals(w.verdict().regimes(), g.regimes());
        assertEquals(w.verdict().cells(), g.cells());
        assertEquals(w.depths(), g.depths());
        assertEquals("tanh", g.settings().get("activation"));
        assertTrue(g.confidenceLevel().isEmpty(), "a first verdict states no level");
        assertEquals(w.verdict().evidence().size(), g.evidence().size());
        for (int i = 0; i < g.evidence().size(); i++) {
            Evidence e = w.verdict().evidence().get(i);
            VerdictFile.Item it = g.evidence().get(i);
            assertEquals(e.quantity().key(), it.quantity());
            assertEquals(VerdictFile.Item.SCALING, it.stage());
            assertEquals(e.estimate(), it.estimate().orElseThrow());
            assertEquals(e.counts(), it.counts());
            assertEquals(e.predictions(), it.predictions());
        }
    }

    @Test
    void aMissingOrForeignFileIsOneLineNamingIt(@TempDir Path dir) throws IOException {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> VerdictFile.read(dir.resolve("verdict.json")));
        assertTrue(missing.getMessage().contains("verdict.json") && missing.getMessage().contains("rscale analyze"),
                missing.getMessage());
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"cells\": 3}");
        InvalidInputException foreign = assertThrows(InvalidInputException.class, () -> VerdictFile.read(other));
        assertTrue(foreign.getMessage().startsWith(other + ": not a verdict file"), foreign.getMessage());
    }
}
