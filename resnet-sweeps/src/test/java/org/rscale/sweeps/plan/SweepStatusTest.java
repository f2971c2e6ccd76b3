package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Cell states from results, claims, failure records and the scheduler; failure records written
 * and removed by the runner; a claimed cell left to its holder.
 */
@ExtendWith(QuietConsole.class)
class SweepStatusTest {
    private static final ClaimLiveness DEAD_JOBS = p -> "dead".equals(p.slurmJobId())
            ? Optional.of("SLURM job dead is no longer running") : Optional.empty();

    /** A scheduler that waits with cell 5 and runs cell 6, with a log for cell 4. */
    private static final TaskQueue QUEUE = new TaskQueue() {
        @Override
        public Optional<QueuedTask> task(Cell cell) {
            if (cell.index() == 5) {
                return Optional.of(new QueuedTask("9_5", CellState.QUEUED, "PENDING (Priority)"));
            }
            if (cell.index() == 6) {
                return Optional.of(new QueuedTask("9_6", CellState.RUNNING, "RUNNING"));
            }
            return Optional.empty();
        }

        @Override
        public Optional<String> lastLogLine(Cell cell) {
            return cell.index() == 4 || cell.index() == 3
                    ? Optional.of("slurmstepd: error: *** JOB 9 CANCELLED DUE TO TIME LIMIT ***") : Optional.empty();
        }
    };

    @Test
    void everyStateWithItsReason(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, new SweepConfigLoader().preset("smoke")
                .set("seeds=0,1,2").resolve());
        List<Cell> cells = sweep.plan().cells();
        assertEquals(9, cells.size());
        CellRunner runner = new CellRunner(new DataSource(), DEAD_JOBS, TaskProcess.current(Map.of()));
        // 0: done; 1: live claim; 2: failure record; 3: stale claim; 4: a log only; 5: queued; 6: scheduler runs
        // it; 7, 8: missing
        runner.run(sweep, cells.get(0), SweepListener.NONE);
        CellClaim.acquire(sweep.runsDir(), cells.get(1).id(),
                new TaskProcess("node9", 5, "unknown", "31", "30", "1"), DEAD_JOBS);
        new CellFailure(cells.get(2).id(), "IOException: disk full", CellFailure.EXCEPTION,
                new TaskProcess("node8", 6, "unknown", "32", "30", "2"), "2024-01-01T00:00:00Z").write(sweep.runsDir());
        CellClaim.acquire(sweep.runsDir(), cells.get(3).id(),
                new TaskProcess("node7", 7, "unknown", "dead", "30", "3"), DEAD_JOBS);

        SweepStatus status = SweepStatus.of(sweep, DEAD_JOBS, QUEUE);
        List<SweepStatus.CellStatus> s = status.cells();
        assertEquals(CellState.DONE, s.get(0).state());
        assertTrue(s.get(0).reason().contains("epochs"), s.get(0).reason());
        assertEquals(CellState.RUNNING, s.get(1).state());
        assertTrue(s.get(1).reason().contains("host node9 pid 5, SLURM job 30_1"), s.get(1).reason());
        assertEquals("30_1", s.get(1).task());
        assertEquals(CellState.FAILED, s.get(2).state());
        assertTrue(s.get(2).reason().contains("disk full") && s.get(2).reason().contains("node8"), s.get(2).reason());
        assertEquals(CellState.FAILED, s.get(3).state());
        assertTrue(s.get(3).reason().startsWith("killed") && s.get(3).reason().contains("no longer running")
                && s.get(3).reason().contains("TIME LIMIT"), s.get(3).reason());
        assertEquals(CellState.FAILED, s.get(4).state());
        assertTrue(s.get(4).reason().contains("TIME LIMIT"), s.get(4).reason());
        assertEquals(CellState.QUEUED, s.get(5).state());
        assertEquals(CellState.RUNNING, s.get(6).state());
        assertEquals(CellState.MISSING, s.get(7).state());
        assertEquals(CellState.MISSING, s.get(8).state());

        assertEquals(Map.of(CellState.DONE, 1, CellState.RUNNING, 2, CellState.QUEUED, 1, CellState.FAILED, 3,
                CellState.MISSING, 2), status.counts());
        assertEquals(List.of(cells.get(2), cells.get(3), cells.get(4), cells.get(7), cells.get(8)), status.toResubmit());
        assertEquals(List.of("30_1", "9_5", "9_6"), status.activeTasks());

        // the runner leaves the claimed cell to its holder, retrains the stale one and clears its failure
        CellRunner.Outcome held = runner.run(sweep, cells.get(1), SweepListener.NONE);
        assertTrue(held.held());
        assertEquals("31", held.heldBy().process().slurmJobId());
        assertFalse(sweep.isComplete(cells.get(1)));
        assertTrue(runner.run(sweep, cells.get(3), SweepListener.NONE).trained());
        assertTrue(runner.run(sweep, cells.get(2), SweepListener.NONE).trained());
        assertTrue(CellFailure.read(sweep.runsDir(), cells.get(2).id()).isEmpty(), "success removes the record");
        assertTrue(CellClaim.read(sweep.runsDir(), cells.get(3).id()).isEmpty(), "the claim is released");
        assertEquals(CellState.DONE, SweepStatus.of(sweep, DEAD_JOBS, QUEUE).cells().get(3).state());
    }

    @Test
    void aFullDiskStopsTheSweepAtTheFirstFailedWriteAndStatusSaysSo(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, new SweepConfigLoader().preset("smoke").set("seeds=0,1,2")
                .resolve());
        List<Cell> cells = sweep.plan().cells();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        // a file system that is full: every write of a result fails with ENOSPC
        CellRunner full = new CellRunner(new DataSource(), ClaimLiveness.LOCAL_PROCESSES, TaskProcess.current(),
                (staging, net, history, record) -> {
                    writes.incrementAndGet();
                    Path a = staging.resolve("A.npy");
                    throw org.rscale.sweeps.io.DiskFullException.orFailure(a,
                            new java.nio.file.FileSystemException(a.toString(), null, "No space left on device"));
                });
        List<Cell> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Cell> failed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Exception> stops = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        LocalSweep.Summary summary = LocalSweep.run(sweep, 1, new SweepListener() {
            @Override
            public void cellStarted(Cell cell) {
                started.add(cell);
            }

            @Override
            public void cellFailed(Cell cell, Exception error) {
                failed.add(cell);
            }

            @Override
            public void sweepStopped(Cell cell, Exception error) {
                stops.add(error);
            }
        }, full);
        assertEquals(1, writes.get(), "no cell trained after the first failed write");
        assertEquals(List.of(cells.get(0)), started);
        assertEquals(1, stops.size());
        assertEquals(List.of(), failed, "said once, as the stop");
        assertTrue(summary.stopped().orElseThrow().error().getMessage().startsWith("disk full: cannot write "),
                summary.stopped().toString());
        assertEquals(0, summary.trained());

        SweepStatus status = SweepStatus.of(sweep, ClaimLiveness.LOCAL_PROCESSES, TaskQueue.NONE);
        CellFailure record = status.diskFull().orElseThrow();
        assertEquals(CellFailure.DISK_FULL, record.kind());
        assertEquals(cells.get(0).id(), record.cellId());
        assertTrue(status.cells().get(0).reason().contains("disk full"), status.cells().get(0).reason());
        assertEquals(CellState.MISSING, status.cells().get(1).state());
        try (var s = Files.list(sweep.runsDir())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".partial-")), "no staging left");
        }
        // space freed: the next sweep trains every cell
        assertEquals(cells.size(), LocalSweep.run(sweep, 2, SweepListener.NONE).trained());
        assertTrue(SweepStatus.of(sweep, ClaimLiveness.LOCAL_PROCESSES, TaskQueue.NONE).diskFull().isEmpty());
    }

    @Test
    void aFailingCellLeavesAFailureRecordAndNoClaim(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, new SweepConfigLoader().preset("smoke").resolve());
        Cell cell = sweep.plan().cells().get(1);
        // a file system that fails the writes of the result
        CellRunner runner = new CellRunner(new DataSource(), ClaimLiveness.LOCAL_PROCESSES, TaskProcess.current(),
                (staging, net, history, record) -> {
                    throw new java.io.UncheckedIOException("cannot write " + staging.resolve("A.npy")
                            + ": Input/output error", new java.io.IOException("Input/output error"));
                });
        RuntimeException e = assertThrows(RuntimeException.class, () -> runner.run(sweep, cell, SweepListener.NONE));
        CellFailure f = CellFailure.read(sweep.runsDir(), cell.id()).orElseThrow();
        assertTrue(f.error().contains("Input/output error"), f.error());
        assertEquals(CellFailure.EXCEPTION, f.kind());
        assertTrue(e.getMessage().contains(cell.id()), "the message names the cell's file: " + e.getMessage());
        assertFalse(Files.exists(sweep.runDir(cell)), "nothing published");
        assertTrue(CellClaim.read(sweep.runsDir(), cell.id()).isEmpty());
        SweepStatus.CellStatus s = SweepStatus.of(sweep, ClaimLiveness.LOCAL_PROCESSES, TaskQueue.NONE).cells().get(1);
        assertEquals(CellState.FAILED, s.state());

        runner.recordInterruption(sweep, sweep.plan().cells().get(2), "terminated by SIGTERM");
        CellFailure t = CellFailure.read(sweep.runsDir(), sweep.plan().cells().get(2).id()).orElseThrow();
        assertEquals(CellFailure.TERMINATED, t.kind());
        assertEquals("terminated by SIGTERM", t.error());
    }
}
