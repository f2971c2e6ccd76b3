package org.rscale.fits.sweep;

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
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.VerdictReport;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.Npy;

/**
 * The one reader of verdict.json for reports ({@link VerdictFiles#read}) on a first verdict as {@code rscale analyze}
 * writes it; the upgraded verdict's round trip is in {@link SweepLimitsTest}.
 */
class VerdictFilesTest {

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
        Path analysis = dir.resolve("analysis");
        VerdictFiles.write(written, analysis);

        FinalVerdicts read = VerdictFiles.read(analysis);
        assertEquals(VerdictFiles.ANALYZE, read.stage());
        assertEquals(0.9, read.ciLevel());
        assertEquals(0.5, read.incrementExponent());
        assertEquals(written.provenance(), read.provenance());
        GroupVerdict w = written.groups().get(0);
        FinalVerdict g = read.groups().get(0);
        assertEquals(w.group(), g.group());
        assertEquals(w.verdict().regime(), g.regime());
        assertEquals(w.verdict().limitEquation(), g.limitEquation());
        assertEquals(w.verdict().beta(), g.beta());
        assertEquals(w.verdict().reasons(), g.reasons());
        assertEquals(w.verdict().regimes(), g.regimes());
        assertEquals(w.verdict().cells(), g.cells());
        assertEquals(w.depths(), g.depths());
        assertEquals("tanh", g.settings().get("activation"));
        assertEquals(w.verdict().evidence(), g.evidence());
        assertTrue(g.decision().startsWith(w.verdict().regime().key()), g.decision());
        assertTrue(g.identification().isEmpty(), "the first verdict has no identification qualifier");
    }

    @Test
    void aMissingOrForeignFileIsOneLineNamingIt(@TempDir Path dir) throws IOException {
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> VerdictFiles.read(dir));
        assertTrue(missing.getMessage().contains("verdict.json") && missing.getMessage().contains("rscale analyze"),
                missing.getMessage());
        Files.writeString(dir.resolve(VerdictFiles.NAME), "{\"cells\": 3}");
        InvalidInputException foreign = assertThrows(InvalidInputException.class, () -> VerdictFiles.read(dir));
        assertTrue(foreign.getMessage().startsWith(dir.resolve(VerdictFiles.NAME) + ": "), foreign.getMessage());
        assertEquals(1, foreign.getMessage().lines().count(), foreign.getMessage());
    }
}
