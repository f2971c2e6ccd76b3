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

    /** A way to break a complete result, and what the reason must name. */
    private record Breakage(String name, String file, Damage damage) {
    }

    @FunctionalInterface
    private interface Damage {
        void apply(Path run) throws IOException;
    }

    @Test
    void aCellIsDoneOnlyWhenItsRecordIsValidAndItsFilesAreThere(@TempDir Path dir) throws IOException {
        List<Breakage> breakages = List.of(
                new Breakage("empty run.json", "run.json", run -> Files.writeString(run.resolve("run.json"), "")),
                new Breakage("run.json not JSON", "run.json", run -> Files.writeString(run.resolve("run.json"), "{")),
                new Breakage("run.json of another cell", "run.json", run -> Files.writeString(run.resolve("run.json"),
                        Files.readString(run.resolve("run.json")).replaceFirst("\"cell_id\" : \"[^\"]*\"",
                                "\"cell_id\" : \"other\""))),
                new Breakage("unknown status", "run.json", run -> Files.writeString(run.resolve("run.json"),
                        Files.readString(run.resolve("run.json")).replaceFirst("\"status\" : \"[^\"]*\"",
                                "\"status\" : \"done?\""))),
                new Breakage("deleted A.npy", "A.npy", run -> Files.delete(run.resolve("A.npy"))),
                new Breakage("A.npy of another depth", "A.npy", run -> Npy.write(run.resolve("A.npy"),
                        new int[] {3, 10, 10}, new double[300])),
                new Breakage("A.npy a directory", "A.npy", run -> {
                    Files.delete(run.resolve("A.npy"));
                    Files.createDirectory(run.resolve("A.npy"));
                }),
                new Breakage("bool A.npy", "A.npy", run -> Files.write(run.resolve("A.npy"), boolNpy(
                        Npy.readHeader(run.resolve("A.npy")).shape()))),
                new Breakage("truncated b.npy", "b.npy", run -> {
                    byte[] b = Files.readAllBytes(run.resolve("b.npy"));
                    Files.write(run.resolve("b.npy"), java.util.Arrays.copyOf(b, b.length - 8));
                }),
                new Breakage("deleted delta.npy", "delta.npy", run -> Files.delete(run.resolve("delta.npy"))),
                new Breakage("deleted history.csv", "history.csv", run -> Files.delete(run.resolve("history.csv"))));
        SweepDirectory sweep = SweepDirectory.plan(dir, smoke("depths.values=4", "seeds=0.." + (breakages.size() - 1)));
        List<Cell> cells = sweep.plan().cells();
        LocalSweep.run(sweep, 2, SweepListener.NONE);
        assertTrue(sweep.missing().isEmpty());
        for (int i = 0; i < breakages.size(); i++) {
            breakages.get(i).damage().apply(sweep.runDir(cells.get(i)));
        }
        // one definition of done: status, the runner's missing cells and run-task agree
        assertEquals(cells, sweep.missing());
        List<SweepStatus.CellStatus> status = SweepStatus.of(sweep, ClaimLiveness.LOCAL_PROCESSES, TaskQueue.NONE)
                .cells();
        for (int i = 0; i < breakages.size(); i++) {
            SweepStatus.CellStatus c = status.get(i);
            Breakage b = breakages.get(i);
            assertEquals(CellState.FAILED, c.state(), b.name());
            assertTrue(c.reason().startsWith("invalid result: ") && c.reason().contains(
                    sweep.runDir(cells.get(i)).resolve(b.file()).toString()), b.name() + ": " + c.reason());
            assertEquals(1, c.reason().lines().count(), b.name());
        }
        // the next sweep trains them again and keeps what was there aside
        List<String> setAside = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        LocalSweep.Summary again = LocalSweep.run(sweep, 2, new SweepListener() {
            @Override
            public void cellResultSetAside(Cell cell, String reason, Path aside) {
                setAside.add(aside.getFileName().toString());
            }
        });
        assertEquals(cells.size(), again.trained());
        assertTrue(again.failed().isEmpty(), again.failed().toString());
        assertTrue(sweep.missing().isEmpty());
        assertEquals(cells.size(), setAside.size());
        for (String name : setAside) {
            assertTrue(name.startsWith(CellRunner.INVALID_PREFIX) && Files.isDirectory(sweep.runsDir().resolve(name)),
                    name);
        }
    }

    /** A numpy bool array (dtype |b1) of the given shape. */
    static byte[] boolNpy(int[] shape) {
        String dict = "{'descr': '|b1', 'fortran_order': False, 'shape': " + NpyArray.shapeString(shape) + ", }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        long n = 1;
        for (int x : shape) {
            n *= x;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(10 + h.length() + (int) n)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length())
                .put(h.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            out.put((byte) 1);
        }
        return out.array();
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

        // weights of the wrong kind are refused in one line naming the file, never read as weights or skipped
        Files.write(run.resolve("A.npy"), boolNpy(new int[] {2, 2, 2}));
        e = assertThrows(InvalidInputException.class, () -> RunDirectory.read(run));
        assertTrue(e.getMessage().startsWith(run.resolve("A.npy").toString()) && e.getMessage().contains("'|b1'"),
                e.getMessage());
        Files.delete(run.resolve("A.npy"));
        Files.createDirectory(run.resolve("A.npy"));
        e = assertThrows(InvalidInputException.class, () -> RunDirectory.read(run));
        assertTrue(e.getMessage().contains("A.npy: is a directory"), e.getMessage());
        Files.delete(run.resolve("A.npy"));
        Files.createSymbolicLink(run.resolve("A.npy"), Path.of("/dev/zero"));
        e = assertThrows(InvalidInputException.class, () -> RunDirectory.read(run));
        assertTrue(e.getMessage().contains("A.npy: not a regular file"), e.getMessage());
    }
}
