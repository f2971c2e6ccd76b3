package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;
import org.rscale.sweeps.run.TrainedRun;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * A small sweep end to end on disk: plan, train, resume, atomicity, and re-running a cell from
 * its run.json alone.
 */
@ExtendWith(QuietConsole.class)
class SweepDirectoryTest {

    private static SweepConfig smoke(String... sets) {
        SweepConfigLoader l = new SweepConfigLoader().preset("smoke");
        for (String s : sets) {
            l.set(s);
        }
        return l.resolve();
    }

    @Test
    void aSweepTrainsEveryCellOnceAndResumes(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, smoke("seeds=0,1", "activation=tanh,relu"));
        List<Cell> cells = sweep.plan().cells();
        assertEquals(List.of(4, 8, 16), sweep.plan().config().depths().depths());
        assertEquals(2 * 2 * 3, cells.size());
        assertTrue(cells.get(0).settings().depth() >= cells.get(cells.size() - 1).settings().depth(), "longest first");
        assertTrue(Files.isRegularFile(dir.resolve(RunFiles.SWEEP_YAML)));
        assertEquals(cells.size() + 1, Files.readAllLines(dir.resolve(RunFiles.TASKS_CSV)).size());
        assertTrue(Files.readAllLines(dir.resolve(RunFiles.TASKS_CSV)).get(0).contains("activation"));

        LocalSweep.Summary first = LocalSweep.run(sweep, 2, SweepListener.NONE);
        assertEquals(cells.size(), first.trained());
        assertTrue(first.failed().isEmpty());
        for (Cell c : cells) {
            Path run = sweep.runDir(c);
            TrainedRun t = RunDirectory.read(run);
            assertEquals(c.settings().depth(), t.depth());
            NpyArray a = Npy.read(run.resolve(RunFiles.A_NPY));
            assertArrayEquals(new int[] {c.settings().depth(), 10, 10}, a.shape());
            assertArrayEquals(new int[] {c.settings().depth(), 10}, Npy.read(run.resolve(RunFiles.B_NPY)).shape());
            assertArrayEquals(new int[] {1}, Npy.read(run.resolve(RunFiles.DELTA_NPY)).shape());
            RunRecord r = RunDirectory.readRecord(run.resolve(RunFiles.RUN_JSON));
            assertEquals(RunRecord.A_H, r.aMultiplies());
            assertEquals(c.id(), r.cellId());
            assertEquals(org.rscale.sweeps.kernel.KernelFactory.resolve("auto", 10, 64), r.provenance().kernel());
        }

        // resume: delete one result, leave a stale staging directory of a dead process
        Cell victim = cells.get(3);
        org.rscale.sweeps.io.AtomicFiles.deleteRecursively(sweep.runDir(victim));
        Path stale = sweep.runsDir().resolve(RunFiles.STAGING_PREFIX + victim.id() + "-"
                + org.rscale.sweeps.run.Provenance.hostName().replaceAll("[^A-Za-z0-9.]", "_") + "-999999999-abcdef12");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve(RunFiles.A_NPY), "half");
        SweepDirectory reopened = SweepDirectory.open(dir);
        assertEquals(List.of(victim), reopened.missing(), "a staging directory is not a result");
        LocalSweep.Summary second = LocalSweep.run(reopened, 1, SweepListener.NONE);
        assertEquals(1, second.trained());
        assertEquals(cells.size() - 1, second.skipped());
        assertFalse(Files.exists(stale), "stale staging of a dead process removed");
        assertTrue(reopened.missing().isEmpty());
    }

    @Test
    void aCellReRunFromItsRunJsonAloneGivesIdenticalWeights(@TempDir Path dir) {
        SweepDirectory sweep = SweepDirectory.plan(dir.resolve("a"), smoke("depths.values=12"));
        Cell cell = sweep.plan().cells().get(0);
        new CellRunner(new DataSource()).run(sweep, cell, SweepListener.NONE);
        RunRecord record = RunDirectory.readRecord(sweep.runDir(cell).resolve(RunFiles.RUN_JSON));
        CellSettings fromJson = CellSettings.fromMap(record.settings(), "run.json");
        assertEquals(cell.settings(), fromJson);

        SweepConfig again = new SweepConfigLoader().set("depths.values=" + fromJson.depth()).set("seeds=" + fromJson.seed())
                .resolve();
        // build a one-cell sweep from the run.json settings and train it elsewhere
        SweepConfigLoader loader = new SweepConfigLoader();
        record.settings().forEach((k, v) -> {
            if (!k.equals(CellSettings.DEPTH_KEY) && !k.equals(CellSettings.SEED_KEY)) {
                loader.set(k + "=" + v);
            }
        });
        loader.set("depths.values=" + fromJson.depth()).set("seeds=" + fromJson.seed()).set("name=" + record.sweep());
        SweepDirectory other = SweepDirectory.plan(dir.resolve("b"), loader.resolve());
        assertEquals(again.cells().size(), other.plan().cells().size());
        new CellRunner(new DataSource()).run(other, other.plan().cells().get(0), SweepListener.NONE);
        assertArrayEquals(Npy.read(sweep.runDir(cell).resolve(RunFiles.A_NPY)).data(),
                Npy.read(other.runDir(other.plan().cells().get(0)).resolve(RunFiles.A_NPY)).data(), 0.0);
    }

    @Test
    void aDifferentSweepIsRefusedAndTheSameOneAccepted(@TempDir Path dir) {
        SweepDirectory.plan(dir, smoke());
        SweepDirectory.plan(dir, smoke());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepDirectory.plan(dir, smoke("lr=0.5")));
        assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> SweepDirectory.open(dir.resolve("nothing")));
        InvalidInputException idx = assertThrows(InvalidInputException.class,
                () -> SweepDirectory.open(dir).plan().cell(99));
        assertTrue(idx.getMessage().contains("--index 99"));
    }

    @Test
    void foreignRunDirectoriesReadWithTheirConvention(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("runs/mine"));
        // two layers of 2x2, stored as row-vector convention h A
        Npy.write(run.resolve("A.npy"), new int[] {2, 2, 2}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        TrainedRun plain = RunDirectory.read(run);
        assertEquals(2, plain.depth());
        assertEquals(TrainedRun.UNKNOWN_STATUS, plain.status());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, plain.A(), 0.0);
        Files.writeString(run.resolve("run.json"), "{\"a_multiplies\": \"h A\", \"status\": \"converged\"}");
        assertArrayEquals(new double[] {1, 3, 2, 4, 5, 7, 6, 8}, RunDirectory.read(run).A(), 0.0, "transposed per layer");

        Npy.write(run.resolve("b.npy"), new int[] {3, 2}, new double[6]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunDirectory.read(run));
        assertTrue(e.getMessage().contains("b.npy") && e.getMessage().contains("(2, 2)") && e.getMessage().contains("(3, 2)"),
                e.getMessage());
        Files.delete(run.resolve("b.npy"));
        Npy.write(run.resolve("A.npy"), new int[] {2, 2, 3}, new double[12]);
        e = assertThrows(InvalidInputException.class, () -> RunDirectory.read(run));
        assertTrue(e.getMessage().contains("A.npy") && e.getMessage().contains("(L, d, d)"), e.getMessage());
    }
}
