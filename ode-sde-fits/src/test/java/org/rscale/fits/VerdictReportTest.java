package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.WeightSequence;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;

/**
 * verdict.json from weights of known regime written to disk, through the whole analysis path.
 */
class VerdictReportTest {

    private static Path sweepOf(Path dir, java.util.function.IntFunction<WeightSequence> gen) throws IOException {
        // the depth grid floor(1.2^n) between 55 and 2539
        for (int n = 22; n <= 43; n += 2) {
            int L = (int) Math.floor(Math.pow(1.2, n));
            WeightSequence A = gen.apply(L);
            Path run = Files.createDirectories(dir.resolve("runs/L" + L));
            Npy.write(run.resolve("A.npy"), new int[] {L, A.rows(), A.cols()}, A.values());
            Files.writeString(run.resolve("run.json"), "{\"settings\": {\"delta\": \"none\", \"depth\": " + L
                    + ", \"seed\": 0, \"activation\": \"tanh\"}, \"status\": \"converged\"}");
        }
        return dir;
    }

    private static JsonNode verdict(Path dir) throws IOException {
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        VerdictReport r = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now());
        Path file = dir.resolve("analysis/verdict.json");
        r.write(file);
        return DataFormats.json().readTree(file.toFile());
    }

    @Test
    void smoothWeightsAreAnOdeWithItsExponent(@TempDir Path dir) throws IOException {
        JsonNode root = verdict(sweepOf(dir, L -> KnownRegimeWeights.smooth(L, 4, 4, 0.2, 5)));
        assertEquals(VerdictReport.FORMAT_VERSION, root.get("format_version").asInt());
        JsonNode g = root.get("groups").get(0);
        assertEquals("all", g.get("group").asText());
        assertEquals("ode", g.get("regime").asText());
        assertEquals("linear-ode", g.get("limit_equation").asText());
        assertEquals("A", g.get("tensor").asText());
        JsonNode beta = g.get("beta");
        assertTrue(beta.get("ci_low").asDouble() < 0.2 + 0.05 && beta.get("ci_high").asDouble() > 0.2 - 0.05,
                beta.toString());
        assertEquals(0.95, beta.get("level").asDouble());
        assertTrue(g.get("alpha").isNull(), "no shared delta, no alpha");
        assertEquals("tanh", g.get("settings").get("activation").asText());
        assertTrue(g.get("evidence").size() >= 3);
        assertEquals("excluded", g.get("regimes").get("sde").asText());
        assertTrue(g.get("reasons").size() > 0);
        assertTrue(root.get("provenance").get("rscale_version").asText().length() > 0);
    }

    @Test
    void diffusiveWeightsAreAnSdeAndNonShrinkingOnesNeither(@TempDir Path dir) throws IOException {
        JsonNode sde = verdict(sweepOf(dir.resolve("sde"), L -> KnownRegimeWeights.diffusive(L, 4, 4, 9)));
        assertEquals("sde", sde.get("groups").get(0).get("regime").asText());
        JsonNode neither = verdict(sweepOf(dir.resolve("neither"), L -> KnownRegimeWeights.nonShrinking(L, 4, 4, 9)));
        assertEquals("neither", neither.get("groups").get(0).get("regime").asText());
    }
}
