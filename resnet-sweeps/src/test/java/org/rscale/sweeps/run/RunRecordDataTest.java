package org.rscale.sweeps.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.data.DataProvenance;
import org.rscale.sweeps.data.RandomConvolutions;
import org.rscale.sweeps.io.FileIdentity;

/** run.json's {@code data} block: the input files, sizes, feature cache and random convolutions, read back whole. */
class RunRecordDataTest {
    @TempDir
    Path tmp;

    @Test
    void theDataBlockReadsBackEqual() throws IOException {
        DataProvenance data = new DataProvenance("mnist-features", "mnist-features of mnist",
                List.of(new FileIdentity("/d/train-images-idx3-ubyte.gz", 9_912_422, "a".repeat(64))), 60_000, 10_000,
                "raw", "data/mnist-features-0123456789abcdef", RandomConvolutions.pytorchDefault(0));
        RunRecord r = new RunRecord(RunRecord.FORMAT_VERSION, "L00003_s0", "s", Map.of("depth", 3), "converged", 4,
                0.01, 0.02, 0.01, 100L, 1.5, null, null, RunRecord.A_H, RunRecord.UPDATE_RULE,
                Provenance.here("vector", "float64", false, "cpu", Instant.EPOCH, Instant.EPOCH), data);
        Path file = tmp.resolve("run.json");
        RunDirectory.writeRecord(file, r);
        RunRecord back = RunDirectory.readRecord(file);
        assertEquals(data, back.data());
        assertEquals(r, back);
        String json = Files.readString(file);
        assertTrue(json.contains("\"conv1_weight\""), json);
        assertTrue(json.contains("\"sha256\""), json);
        // a run.json written before the data block: data is null
        Files.writeString(file, json.replaceAll("(?s)\"data\" : \\{.*?\"train_size\" : 60000\\s*},", ""));
        assertNull(RunDirectory.readRecord(file).data());
    }
}
