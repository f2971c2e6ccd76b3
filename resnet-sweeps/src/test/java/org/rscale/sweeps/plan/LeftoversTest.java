package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * What killed processes leave behind is removed by the next run once its owner has stopped, and the
 * files of a live process never are.
 */
@ExtendWith(QuietConsole.class)
class LeftoversTest {
    /** Above any pid_max: never a running process. */
    private static final long DEAD_PID = Integer.MAX_VALUE - 7;

    private static ProcessTag here(long pid) {
        return new ProcessTag(ProcessTag.current().host(), pid, "");
    }

    @Test
    void temporaryNamesCarryTheirOwner() {
        ProcessTag tag = new ProcessTag("node17", 4242, "12");
        String name = tag.name(".partial-activation-relu_L00004_s-1");
        assertTrue(name.matches("\\.partial-activation-relu_L00004_s-1-node17-4242-j12-[0-9a-f]{8}"), name);
        assertEquals(Optional.of(tag), ProcessTag.parse(name, ".partial-activation-relu_L00004_s-1"));
        assertEquals(Optional.empty(), ProcessTag.parse(name, ".partial-activation-relu_L00004_s"));
        assertEquals(Optional.of(new ProcessTag("vm", 7, "")), ProcessTag.parse(".x.tmp-vm-7-0123abcd", ".x.tmp"));
        assertEquals(Optional.empty(), ProcessTag.parse(".x.tmp-0123abcd", ".x.tmp"), "an older name: no owner");
        assertEquals("node_17.cluster", ProcessTag.sanitise("node-17.cluster"));
    }

    @Test
    void theLeftoversOfStoppedProcessesGoAndThoseOfLiveOnesStay(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, new SweepConfigLoader().preset("smoke").resolve());
        Cell done = sweep.plan().cells().get(0);
        Cell open = sweep.plan().cells().get(1);
        new CellRunner(new org.rscale.sweeps.data.DataSource()).run(sweep, done, SweepListener.NONE);
        Path runs = sweep.runsDir();
        ProcessTag dead = here(DEAD_PID);
        ProcessTag live = here(ProcessHandle.current().pid());
        TaskProcess deadProcess = TaskProcess.of(dead);

        // of dead processes: staging (of runs and of feature sets), claim temporaries, the claim of a finished cell,
        // temporary files anywhere
        List<Path> gone = List.of(
                Files.createDirectories(runs.resolve(dead.name(RunFiles.STAGING_PREFIX + open.id()))),
                Files.createDirectories(runs.resolve(dead.name(CellClaim.PREFIX + open.id() + ".new"))),
                Files.createDirectories(runs.resolve(dead.name(CellClaim.PREFIX + open.id() + ".stale"))),
                Files.writeString(dir.resolve(dead.name(AtomicFiles.temporaryPrefix("sweep.yaml"))), "x"),
                Files.writeString(Files.createDirectories(dir.resolve("analysis/limits/all"))
                        .resolve(dead.name(AtomicFiles.temporaryPrefix("fit.json"))), "x"),
                Files.writeString(Files.createDirectories(dir.resolve("analysis"))
                        .resolve(dead.name(AtomicFiles.temporaryPrefix("verdict.json"))), "x"),
                Files.writeString(runs.resolve(dead.name(AtomicFiles.temporaryPrefix(".failed-x.json"))), "x"),
                Files.createDirectories(dir.resolve("data").resolve(dead.name(".partial-mnist-features-0123456789abcdef"))));
        CellClaim.acquire(runs, done.id(), deadProcess, p -> Optional.empty());
        // of this live process, or of another host, or whose owner is unknown: kept
        List<Path> kept = List.of(
                Files.createDirectories(runs.resolve(live.name(RunFiles.STAGING_PREFIX + open.id()))),
                Files.createDirectories(runs.resolve(new ProcessTag("elsewhere", DEAD_PID, "")
                        .name(RunFiles.STAGING_PREFIX + open.id()))),
                Files.writeString(dir.resolve("analysis").resolve(live.name(AtomicFiles.temporaryPrefix("fits.csv"))),
                        "x"),
                Files.writeString(dir.resolve(".notes.tmp-by-hand"), "x"),
                Files.createDirectories(dir.resolve("data").resolve(live.name(".partial-mnist-features-0123456789abcdef"))));
        // the claim of an unfinished cell whose holder was killed stays: status reports the kill from it
        CellClaim.acquire(runs, open.id(), deadProcess, p -> Optional.empty());

        Set<Path> found = Leftovers.find(dir, ClaimLiveness.LOCAL_PROCESSES).stream().map(Leftovers.Leftover::path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Path> expected = new TreeSet<>(gone);
        expected.add(CellClaim.path(runs, done.id()));
        assertEquals(expected, found);

        List<Leftovers.Leftover> removed = Leftovers.remove(dir, ClaimLiveness.LOCAL_PROCESSES);
        assertEquals(expected.size(), removed.size());
        for (Path p : expected) {
            assertFalse(Files.exists(p), p.toString());
        }
        for (Path p : kept) {
            assertTrue(Files.exists(p), p.toString());
        }
        assertTrue(CellClaim.read(runs, open.id()).isPresent());
        assertTrue(sweep.isComplete(done));
    }

    @Test
    void aTaskCleansUpAfterTheKilledTasksOfItsOwnCellOnly(@TempDir Path dir) throws IOException {
        SweepDirectory sweep = SweepDirectory.plan(dir, new SweepConfigLoader().preset("smoke").set("seeds=1,11")
                .resolve());
        Path runs = sweep.runsDir();
        ProcessTag dead = here(DEAD_PID);
        String mine = "L00004_s1";
        String other = "L00004_s11";
        Path myStaging = Files.createDirectories(runs.resolve(dead.name(RunFiles.STAGING_PREFIX + mine)));
        Path myClaimTemp = Files.createDirectories(runs.resolve(dead.name(CellClaim.PREFIX + mine + ".new")));
        Path otherStaging = Files.createDirectories(runs.resolve(dead.name(RunFiles.STAGING_PREFIX + other)));
        Leftovers.removeForCell(runs, mine, ClaimLiveness.LOCAL_PROCESSES);
        assertFalse(Files.exists(myStaging));
        assertFalse(Files.exists(myClaimTemp));
        assertTrue(Files.exists(otherStaging), "another cell's leftovers are its own task's business");
    }

    @Test
    void theNextWriteOfAFileRemovesTheTemporariesOfItsKilledWriters(@TempDir Path dir) throws IOException {
        Path verdict = dir.resolve("verdict.json");
        Path killed = Files.writeString(dir.resolve(here(DEAD_PID).name(AtomicFiles.temporaryPrefix("verdict.json"))),
                "{");
        Path writing = Files.writeString(dir.resolve(here(ProcessHandle.current().pid())
                .name(AtomicFiles.temporaryPrefix("verdict.json"))), "{");
        AtomicFiles.writeString(verdict, "{}");
        assertFalse(Files.exists(killed));
        assertTrue(Files.exists(writing), "a live writer's temporary stays");
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count());
        }
    }
}
