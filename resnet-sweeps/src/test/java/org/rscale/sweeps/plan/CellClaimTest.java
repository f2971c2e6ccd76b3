package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Claims: of concurrent attempts exactly one wins; a live claim is respected, a stale one replaced;
 * a holder releases only its own claim.
 */
@ExtendWith(QuietConsole.class)
class CellClaimTest {
    private static final ClaimLiveness ALIVE = c -> Optional.empty();

    static TaskProcess process(String host, long pid, String job) {
        return new TaskProcess(host, pid, "2024-01-01T00:00:00Z", job, TaskProcess.NONE, TaskProcess.NONE);
    }

    @Test
    void ofManyConcurrentAttemptsExactlyOneWins(@TempDir Path runs) throws Exception {
        int threads = 8;
        for (int round = 0; round < 20; round++) {
            String cell = "L00004_s" + round;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<CellClaim.Attempt>> attempts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    TaskProcess p = process("host" + t, 1000 + t, String.valueOf(t));
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return CellClaim.acquire(runs, cell, p, ALIVE);
                    }));
                }
                start.countDown();
                int won = 0;
                String winner = null;
                for (Future<CellClaim.Attempt> f : attempts) {
                    CellClaim.Attempt a = f.get();
                    if (a.won()) {
                        won++;
                        winner = a.claim().token();
                    }
                }
                assertEquals(1, won, "round " + round);
                assertEquals(winner, CellClaim.read(runs, cell).orElseThrow().token());
                for (Future<CellClaim.Attempt> f : attempts) {
                    assertEquals(winner, f.get().claim().token(), "the losers are told who holds the cell");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(20, s.count(), "no temporaries left, one claim per cell");
        }
    }

    @Test
    void anAttemptThatRacesTheHoldersReleaseIsNeverAnError(@TempDir Path runs) throws Exception {
        // the holder takes and releases the claim as fast as it can (cells finishing one after another); every
        // other attempt either wins or is told who holds the cell: losing to a release is not "cannot claim"
        int threads = 4;
        int rounds = 400;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TaskProcess p = process("host" + t, 2000 + t, String.valueOf(t));
                results.add(pool.submit(() -> {
                    start.await();
                    int won = 0;
                    for (int i = 0; i < rounds; i++) {
                        CellClaim.Attempt a = CellClaim.acquire(runs, "busy", p, ALIVE);
                        if (a.won()) {
                            won++;
                            a.claim().release(runs);
                        }
                    }
                    return won;
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Integer> f : results) {
                won += f.get(); // an exception here is the defect
            }
            assertTrue(won > 0);
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(List.of(), s.toList(), "every claim released, no temporary left");
        }
    }

    @Test
    void twoSweepsOnOneDirectoryTrainEachCellOnceWithoutFailures(@TempDir Path dir) throws Exception {
        for (int round = 0; round < 3; round++) {
            SweepDirectory sweep = SweepDirectory.plan(dir.resolve("r" + round), new org.rscale.sweeps.config
                    .SweepConfigLoader().preset("smoke").set("seeds=0..5").set("depths.values=2,3").set("epochs=1")
                    .resolve());
            java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger elsewhere = new java.util.concurrent.atomic.AtomicInteger();
            SweepListener count = new SweepListener() {
                @Override
                public void cellFinished(Cell cell, org.rscale.sweeps.run.RunRecord record) {
                    finished.incrementAndGet();
                }

                @Override
                public void cellCompletedElsewhere(Cell cell, org.rscale.sweeps.run.RunRecord record) {
                    elsewhere.incrementAndGet();
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<LocalSweep.Summary>> sweeps = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    // two processes: each its own pid in claims
                    CellRunner runner = new CellRunner(new org.rscale.sweeps.data.DataSource(), ALIVE,
                            process(TaskProcess.current().host(), 3000 + s, TaskProcess.NONE));
                    sweeps.add(pool.submit(() -> LocalSweep.run(sweep, 2, count, runner)));
                }
                int trained = 0;
                for (Future<LocalSweep.Summary> f : sweeps) {
                    LocalSweep.Summary summary = f.get();
                    assertEquals(List.of(), summary.failed(), "round " + round);
                    trained += summary.trained();
                }
                int cells = sweep.plan().cells().size();
                assertEquals(cells, trained, "every cell trained, none twice");
                assertEquals(trained, finished.get(), "'finished' is said only by the process that trained the cell");
                assertTrue(sweep.missing().isEmpty());
                try (Stream<Path> s = Files.list(sweep.runsDir())) {
                    assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(CellFailure.PREFIX)),
                            "no failure record");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aStaleClaimIsReplacedAndALiveOneRespected(@TempDir Path runs) throws IOException {
        TaskProcess dead = process("node1", 11, "41");
        CellClaim.Attempt first = CellClaim.acquire(runs, "c", dead, ALIVE);
        assertTrue(first.won());

        CellClaim.Attempt respected = CellClaim.acquire(runs, "c", process("node2", 22, "42"), ALIVE);
        assertFalse(respected.won());
        assertEquals(first.claim(), respected.claim());

        ClaimLiveness job41Gone = p -> "41".equals(p.slurmJobId())
                ? Optional.of("SLURM job 41 is no longer running") : Optional.empty();
        CellClaim.Attempt replaced = CellClaim.acquire(runs, "c", process("node2", 22, "42"), job41Gone);
        assertTrue(replaced.won());
        assertTrue(replaced.replaced().orElseThrow().contains("SLURM job 41 is no longer running"),
                replaced.replaced().toString());
        assertEquals("42", CellClaim.read(runs, "c").orElseThrow().process().slurmJobId());

        // the old holder comes back (it was judged dead wrongly): it must not remove the new claim
        first.claim().release(runs);
        assertEquals(replaced.claim(), CellClaim.read(runs, "c").orElseThrow());
        replaced.claim().release(runs);
        assertTrue(CellClaim.read(runs, "c").isEmpty());
        assertFalse(Files.exists(CellClaim.path(runs, "c")));
    }

    @Test
    void theLocalProcessCheckKnowsThisProcessAndADeadPid(@TempDir Path runs) {
        TaskProcess me = TaskProcess.current(java.util.Map.of());
        CellClaim mine = CellClaim.acquire(runs, "a", me, ALIVE).claim();
        assertTrue(ClaimLiveness.LOCAL_PROCESSES.deadReason(mine).isEmpty(), "this process is alive");

        TaskProcess gone = new TaskProcess(me.host(), Integer.MAX_VALUE - 7, me.processStarted(), TaskProcess.NONE,
                TaskProcess.NONE, TaskProcess.NONE);
        CellClaim stale = CellClaim.acquire(runs, "b", gone, ALIVE).claim();
        assertTrue(ClaimLiveness.LOCAL_PROCESSES.deadReason(stale).orElseThrow().contains("is gone"));

        TaskProcess reused = new TaskProcess(me.host(), me.pid(), "2001-01-01T00:00:00Z", TaskProcess.NONE,
                TaskProcess.NONE, TaskProcess.NONE);
        CellClaim old = CellClaim.acquire(runs, "c", reused, ALIVE).claim();
        assertTrue(ClaimLiveness.LOCAL_PROCESSES.deadReason(old).orElseThrow().contains("another process"));

        TaskProcess elsewhere = new TaskProcess("another-host", 1, "unknown", "7", TaskProcess.NONE, TaskProcess.NONE);
        CellClaim remote = CellClaim.acquire(runs, "d", elsewhere, ALIVE).claim();
        assertTrue(ClaimLiveness.LOCAL_PROCESSES.deadReason(remote).isEmpty(), "another host cannot be judged here");

        CellClaim.Attempt takeover = CellClaim.acquire(runs, "b", me, ClaimLiveness.LOCAL_PROCESSES);
        assertTrue(takeover.won() && takeover.replaced().isPresent());
    }

    @Test
    void theClaimFileIsSnakeCaseJsonWithTheHolder(@TempDir Path runs) throws IOException {
        TaskProcess p = new TaskProcess("node3", 77, "2024-01-01T00:00:00Z", "120", "118", "2");
        CellClaim.acquire(runs, "L00016_s1", p, ALIVE);
        String json = Files.readString(runs.resolve(".claim-L00016_s1/claim.json"));
        for (String key : new String[] {"\"cell_id\"", "\"slurm_array_job_id\" : \"118\"", "\"host\" : \"node3\"",
            "\"pid\" : 77", "\"claimed\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertEquals("118_2", p.slurmTask());
    }
}
