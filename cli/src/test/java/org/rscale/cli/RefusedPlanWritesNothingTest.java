package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.testing.TinyImages;

/**
 * A run that plans into a new {@code --out} and is then refused (a unit or cell too large for the heap alone, a given
 * {@code --jobs} that does not fit, an {@code --index} outside the plan) exits 2 with one line naming the problem and
 * writes nothing: the refusal comes before the plan is written (the tests' JVM has -Xmx2g, 80% of it usable). The
 * same checks on a directory that already holds the plan still refuse, and leave it as it was.
 */
class RefusedPlanWritesNothingTest {

    /** Two units of about 960 MB each (V and W of 6000 x 100 x 100): one fits, two at once do not. */
    private static final String[] TWO_LARGE_UNITS = {"init-scan", "--preset", "jmlr-histogram", "--set", "widths=100",
        "--set", "depths=6000", "--set", "draws=2", "--no-figures"};

    /** Two cells of about 900 MiB each (as in {@link SweepHeapCliTest}). */
    private static final String[] TWO_LARGE_CELLS = {"--preset", "smoke", "--set", "data.dim=300",
        "--set", "depths.values=250", "--set", "seeds=0,1", "--set", "epochs=1", "--set", "data.train_size=32",
        "--set", "data.test_size=8"};

    @Test
    void initScanRefusesBeforeWritingAPlan(@TempDir Path tmp) {
        Path huge = tmp.resolve("huge");
        refused(rscale("init-scan", "--preset", "jmlr-histogram", "--set", "widths=40", "--set", "depths=200000",
                "--set", "draws=1", "--out", huge.toString()), huge, "L=200000, draw 0 needs about");
        Path jobs = tmp.resolve("jobs");
        refused(rscale(InitScanCommandTest.concat(TWO_LARGE_UNITS, "--out", jobs.toString(), "--jobs", "2")), jobs,
                "--jobs 2: 2 units at once need about");
        Path index = tmp.resolve("index");
        refused(rscale("init-scan", "--preset", "jmlr-iid", "--set", "depths=8", "--set", "widths=4", "--out",
                index.toString(), "--index", "99"), index, "--index 99 is outside");
    }

    @Test
    void initTrainRefusesBeforeWritingAPlan(@TempDir Path tmp) {
        Path data = TinyImages.write(tmp.resolve("data"), 24, 8);
        String[] study = {"init-train", "--preset", "jmlr-trained-heatmap-small", "--set", "data.path=" + data,
            "--set", "data.train_size=all", "--set", "data.test_size=all", "--set", "hursts=0.5", "--set", "betas=1",
            "--set", "lrs=0.01", "--set", "batch_size=8"};
        Path huge = tmp.resolve("huge");
        refused(rscale(InitScanCommandTest.concat(study, "--set", "width=300", "--set", "depth=2000", "--out",
                huge.toString())), huge, "needs about");
        Path jobs = tmp.resolve("jobs");
        refused(rscale(InitScanCommandTest.concat(study, "--set", "width=100", "--set", "depth=3000", "--set",
                "seeds=0,1", "--out", jobs.toString(), "--jobs", "2")), jobs, "--jobs 2: 2 trainings at once need");
        Path index = tmp.resolve("index");
        refused(rscale(InitScanCommandTest.concat(study, "--set", "width=3", "--set", "depth=4", "--out",
                index.toString(), "--index", "99")), index, "--index 99 is outside");
    }

    @Test
    void aSweepRefusesBeforeWritingAPlan(@TempDir Path tmp) {
        Path sweep = tmp.resolve("sweep");
        refused(rscale(InitScanCommandTest.concat(InitScanCommandTest.concat(new String[] {"sweep"}, TWO_LARGE_CELLS),
                "--out", sweep.toString(), "--jobs", "2")), sweep, "--jobs 2: 2 cells at once need about");
        Path alone = tmp.resolve("alone");
        refused(rscale("sweep", "--preset", "smoke", "--set", "data.dim=300", "--set", "depths.values=2000", "--out",
                alone.toString()), alone, "cell L02000_s0");
        Path demo = tmp.resolve("demo");
        refused(rscale(InitScanCommandTest.concat(new String[] {"demo", "--out", demo.toString(), "--jobs", "2"},
                "--set", "data.dim=300", "--set", "depths.values=250", "--set", "seeds=0,1", "--set", "epochs=1")),
                demo, "--jobs 2: 2 cells at once need about");
    }

    /** A directory that holds the plan already is resumed: a refusal there writes nothing new either. */
    @Test
    void aRefusedResumeLeavesThePlannedDirectoryAsItWas(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("scan");
        assertEquals(0, rscale("init-scan", "--preset", "jmlr-iid", "--set", "depths=8", "--set", "widths=4", "--out",
                dir.toString(), "--index", "0").code());
        List<Path> before = files(dir);
        refusedIn(rscale("init-scan", "--preset", "jmlr-iid", "--set", "depths=8", "--set", "widths=4", "--out",
                dir.toString(), "--index", "99"), "--index 99 is outside");
        assertEquals(before, files(dir));
    }

    private static InitScanCommandTest.Run rscale(String... args) {
        return InitScanCommandTest.rscale(args);
    }

    /** Exit code 2, one line naming the problem, nothing on stdout, and nothing under {@code out}. */
    static void refused(InitScanCommandTest.Run r, Path out, String problem) {
        refusedIn(r, problem);
        assertEquals(List.of(), files(out), "nothing written under " + out);
    }

    private static void refusedIn(InitScanCommandTest.Run r, String problem) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("rscale: ") && r.err().lines().findFirst().orElse("").contains(problem), r.err());
        assertEquals(1, r.err().lines().filter(l -> !l.startsWith("note: ")).count(), "one line: " + r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    /** @return every file and directory under {@code dir} (none when it does not exist), sorted */
    static List<Path> files(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
