package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.plan.CellClaim;
import org.rscale.sweeps.plan.CellFailure;
import org.rscale.sweeps.plan.ClaimLiveness;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.plan.TaskProcess;

/**
 * 'rscale submit' and 'rscale status' against a stand-in cluster: the sbatch command lines, the dry
 * run, the job scripts, the GPU check, what a resumed submission submits, and the cell states.
 */
class SubmitCommandTest {
    @TempDir
    Path tmp;
    Path jar;
    FakeSlurm slurm;

    record Run(int code, String out, String err) {
    }

    Run rscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rscale.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), slurm);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void setUp() throws IOException {
        jar = Files.write(tmp.resolve("rscale.jar"), new byte[] {'P', 'K', 3, 4});
        slurm = new FakeSlurm();
    }

    @Test
    void theSbatchCommandLinesCarryEveryOption() throws IOException {
        Path dir = tmp.resolve("sweep");
        Run r = rscale("submit", "--preset", "smoke", "--set", "seeds=0,1", "--out", dir.toString(), "--jar", jar.toString(),
                "--partition", "short", "--account", "proj7", "--time", "1:00:00", "--mem", "2G", "--cpus-per-task", "2",
                "--throttle", "3", "--setup", "module load java/17", "--sbatch-arg=--qos=long", "--sbatch-arg",
                "--mail-type=FAIL");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, slurm.sbatchCalls.size(), "no GPU check without --gpus");
        Path slurmDir = dir.resolve("slurm");
        String common = "--partition=short --account=proj7 --time=1:00:00 --mem=2G";
        assertEquals("--parsable --job-name=rscale-sweep --array=0-5%3 --output=" + dir.resolve("logs/%A_%a.out")
                + " --ntasks=1 --cpus-per-task=2 " + common + " --qos=long --mail-type=FAIL "
                + slurmDir.resolve("array-task.sh"), String.join(" ", slurm.sbatchCalls.get(0)));
        assertEquals("--parsable --job-name=rscale-sweep-analysis --dependency=afterok:101 --kill-on-invalid-dep=yes "
                + "--output=" + dir.resolve("logs/analysis_%j.out") + " --ntasks=1 --cpus-per-task=1 " + common
                + " --qos=long --mail-type=FAIL " + slurmDir.resolve("analysis-job.sh"),
                String.join(" ", slurm.sbatchCalls.get(1)));
        assertTrue(r.out().startsWith("submitted array job 101 (6 tasks: 0-5, at most 3 at once) and analysis job 102 "
                + "(afterok:101)"), r.out());

        String task = Files.readString(slurmDir.resolve("array-task.sh"));
        assertTrue(task.startsWith("#!/usr/bin/env bash\n"), task);
        assertTrue(task.contains("\nmodule load java/17\n"), task);
        assertTrue(task.indexOf("module load") < task.indexOf("set -euo pipefail"), "setup before the body's set -u");
        assertTrue(task.contains("export RSCALE_SWEEP=" + dir + "\n"), task);
        assertTrue(task.contains("run-task \"$RSCALE_SWEEP\" --index \"$SLURM_ARRAY_TASK_ID\""), task);
        String analysis = Files.readString(slurmDir.resolve("analysis-job.sh"));
        for (String cmd : new String[] {"rscale analyze", "rscale help fit", "rscale fit", "rscale plot"}) {
            assertTrue(analysis.contains(cmd), cmd);
        }
        try (var jars = Files.list(slurmDir.resolve("jars"))) {
            Path snapshot = jars.findFirst().orElseThrow();
            assertTrue(snapshot.getFileName().toString().matches("rscale-[0-9a-f]{12}\\.jar"), snapshot.toString());
            assertTrue(task.contains("export RSCALE_JAR=" + snapshot + "\n"), task);
        }
        assertTrue(Files.isDirectory(dir.resolve("logs")));
        List<SlurmSubmission> subs = SlurmSubmission.readAll(dir);
        assertEquals(1, subs.size());
        assertEquals("101", subs.get(0).arrayJobId());
        assertEquals("0-5", subs.get(0).indices());
        assertTrue(Files.readString(slurmDir.resolve("submissions.json")).contains("\"analysis_job_id\" : \"102\""));

        Run again = rscale("submit", dir.toString(), "--jar", jar.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("was submitted before (array job 101") && again.err().contains("--resume"),
                again.err());
    }

    @Test
    void aDryRunPrintsTheCommandsAndSubmitsNothing() {
        slurm.available = false;
        Path dir = tmp.resolve("dry");
        Run r = rscale("submit", "--preset", "smoke", "--out", dir.toString(), "--jar", jar.toString(), "--dry-run",
                "--throttle", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(slurm.sbatchCalls.isEmpty());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# dry run: nothing submitted"), r.out());
        assertTrue(lines.get(1).startsWith("sbatch --parsable --job-name=rscale-dry --array=0-2%2 "), lines.get(1));
        assertTrue(lines.get(2).contains("'--dependency=afterok:<array-job-id>' --kill-on-invalid-dep=yes"),
                lines.get(2));
        assertTrue(Files.isRegularFile(dir.resolve("slurm/array-task.sh")), "job scripts written for inspection");
        assertFalse(Files.exists(dir.resolve("slurm/submissions.json")));
        assertFalse(Files.exists(dir.resolve("slurm/jars")), "no jar copied");
    }

    @Test
    void withoutSbatchOrWithBadOptionsNothingIsSubmitted() {
        slurm.available = false;
        assertBad(rscale("submit", "--preset", "smoke", "--out", tmp.resolve("a").toString(), "--jar", jar.toString()),
                "sbatch not found");
        slurm.available = true;
        assertBad(rscale("submit", "--preset", "smoke", "--out", tmp.resolve("b").toString(), "--throttle", "0"),
                "--throttle");
        assertBad(rscale("submit", tmp.resolve("b").toString(), "--resume", "--preset", "smoke"), "--resume");
        assertBad(rscale("submit", "--preset", "smoke", "--out", tmp.resolve("c").toString(), "--jar", jar.toString(),
                "--sbatch-arg=--array=1-3"), "--array");
        assertBad(rscale("submit", "--preset", "smoke", "--out", tmp.resolve("d").toString(), "--jar",
                tmp.resolve("none.jar").toString()), "none.jar");
        assertTrue(slurm.sbatchCalls.isEmpty());

        slurm.submitFailure = new Slurm.Result(1, "", "sbatch: error: Batch job submission failed: Invalid account");
        Run failed = rscale("submit", "--preset", "smoke", "--out", tmp.resolve("e").toString(), "--jar", jar.toString());
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("sbatch failed to submit the array job: sbatch: error: Batch job submission "
                + "failed: Invalid account"), failed.err());
    }

    @Test
    void gpusAreCheckedWithTestOnlyBeforeAnythingIsSubmitted() {
        slurm.testOnly = new Slurm.Result(1, "", "sbatch: error: Batch job submission failed: Invalid generic resource "
                + "(gres) specification");
        Run refused = rscale("submit", "--preset", "smoke", "--out", tmp.resolve("g").toString(), "--jar", jar.toString(),
                "--gpus", "1", "--partition", "gpu");
        assertBad(refused, "cannot run --gres=gpu:1 in partition gpu", "Invalid generic resource");
        assertEquals(1, slurm.sbatchCalls.size());
        assertEquals("--test-only --gres=gpu:1 --ntasks=1 --cpus-per-task=1 --partition=gpu --wrap=true",
                String.join(" ", slurm.sbatchCalls.get(0)));

        slurm = new FakeSlurm();
        Run ok = rscale("submit", "--preset", "smoke", "--set", "kernel=nd4j", "--out", tmp.resolve("h").toString(),
                "--jar", jar.toString(), "--gpus", "2");
        assertEquals(0, ok.code(), ok.err());
        assertFalse(ok.err().contains("warning"), ok.err());
        List<List<String>> jobs = slurm.submitted();
        assertTrue(jobs.get(0).contains("--gres=gpu:2"), jobs.get(0).toString());
        assertFalse(jobs.get(1).contains("--gres=gpu:2"), "the analysis job needs no GPU");

        Run warned = rscale("submit", "--preset", "smoke", "--out", tmp.resolve("i").toString(), "--jar",
                jar.toString(), "--gpus", "1");
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("warning: --gpus: the sweep's kernel is 'auto'"), warned.err());
    }

    /** A bad --jar or a cluster that cannot run the GPUs is refused before the plan is written into a new --out. */
    @Test
    void aRefusedSubmissionWritesNoPlan() {
        Path noJar = tmp.resolve("nojar");
        Run r = rscale("submit", "--preset", "smoke", "--out", noJar.toString(), "--jar",
                tmp.resolve("none.jar").toString());
        assertBad(r, "none.jar");
        assertEquals(List.of(), RefusedPlanWritesNothingTest.files(noJar));
        slurm.testOnly = new Slurm.Result(1, "", "sbatch: error: Invalid generic resource (gres) specification");
        Path gpus = tmp.resolve("gpus");
        assertBad(rscale("submit", "--preset", "smoke", "--out", gpus.toString(), "--jar", jar.toString(), "--gpus", "1"),
                "cannot run --gres=gpu:1");
        assertEquals(List.of(), RefusedPlanWritesNothingTest.files(gpus));
        assertTrue(slurm.submitted().isEmpty(), "nothing submitted");
    }

    @Test
    void resumeSubmitsFailedAndMissingCellsAndWaitsForTheRunningOnes() throws IOException {
        Path dir = tmp.resolve("r");
        assertEquals(0, rscale("plan", "--preset", "smoke", "--set", "seeds=0,1", "--out", dir.toString()).code());
        SweepDirectory sweep = SweepDirectory.open(dir);
        Path runs = sweep.runsDir();
        ClaimLiveness any = c -> java.util.Optional.empty();
        // 0: queued in an earlier array job; 1: a live claim of SLURM job 77 (array task 76_1) on another host;
        // 2: a failure record; 3: a stale claim (SLURM no longer knows job 88); 4: done; 5: missing
        new SlurmSubmission("2024-01-01T00:00:00Z", "50", "51", "0-5", 6, "afterok:50", 0, "x.jar", "x.jar",
                List.of(), new SlurmOptions("short", null, "1:00:00", 1, null, 0, "module load java/17",
                List.of("--qos=long"), 2)).append(dir);
        slurm.squeueAnswers.put("-h -r -j 50 -o %i|%T|%r", new Slurm.Result(0, "50_0|PENDING|Priority\n", ""));
        slurm.squeueAnswers.put("-h -r -j 51 -o %i|%T|%r", new Slurm.Result(0, "51|PENDING|Dependency\n", ""));
        slurm.squeueAnswers.put("-h -j 77 -o %T", new Slurm.Result(0, "RUNNING\n", ""));
        slurm.squeueAnswers.put("-h -j 88 -o %T", new Slurm.Result(1, "", "slurm_load_jobs error: Invalid job id "
                + "specified"));
        CellClaim.acquire(runs, sweep.plan().cell(1).id(), new TaskProcess("node9", 5, "unknown", "77", "76", "1"), any);
        new CellFailure(sweep.plan().cell(2).id(), "IOException: No space left on device", CellFailure.EXCEPTION,
                new TaskProcess("node8", 6, "unknown", "80", "50", "2"), "2024-01-01T00:00:00Z").write(runs);
        CellClaim.acquire(runs, sweep.plan().cell(3).id(), new TaskProcess("node7", 7, "unknown", "88", "50", "3"), any);
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/50_3.out"), "training...\nslurmstepd: error: *** JOB 88 ON node7 "
                + "CANCELLED AT 2024-01-01T01:00:00 DUE TO TIME LIMIT ***\n\n");
        assertEquals(0, rscale("run-task", dir.toString(), "--index", "4").code());

        Run status = rscale("status", dir.toString());
        assertEquals(0, status.code(), status.err());
        String s = status.out();
        assertTrue(s.contains("6 cells: 1 done, 1 running, 1 queued, 2 failed, 1 missing"), s);
        assertTrue(s.contains("queued      0  L00016_s0: task 50_0 PENDING (Priority)"), s);
        assertTrue(s.contains("running     1  L00016_s1: host node9 pid 5, SLURM job 76_1, since"), s);
        assertTrue(s.contains("failed      2  L00008_s0: IOException: No space left on device (host node8"), s);
        assertTrue(s.contains("failed      3  L00008_s1: killed: no result, the claim of host node7 pid 7, SLURM job "
                + "50_3 is stale (SLURM job 50_3 is no longer known to SLURM); log: 50_3.out: slurmstepd: error: *** JOB "
                + "88 ON node7 CANCELLED AT 2024-01-01T01:00:00 DUE TO TIME LIMIT ***"), s);
        assertTrue(s.contains("missing     5  L00004_s1: not attempted"), s);
        assertFalse(s.contains("L00004_s0"), "done cells only with --all");
        assertTrue(s.contains("analysis: job 51 PENDING (Dependency)"), s);
        assertTrue(s.contains("rscale submit " + dir + " --resume"), s);
        assertTrue(rscale("status", dir.toString(), "--all").out().contains("done        4  L00004_s0: max-epochs"));

        Run resume = rscale("submit", dir.toString(), "--resume", "--jar", jar.toString(), "--time", "3:00:00");
        assertEquals(0, resume.code(), resume.err());
        List<List<String>> jobs = slurm.submitted();
        assertEquals(2, jobs.size());
        assertTrue(jobs.get(0).contains("--array=2-3,5%2"), jobs.get(0).toString());
        assertTrue(jobs.get(1).contains("--dependency=afterok:101:50_0:76_1"), jobs.get(1).toString());
        for (List<String> job : jobs) {
            assertTrue(job.contains("--partition=short") && job.contains("--time=3:00:00")
                    && job.contains("--qos=long"), "options of the last submission unless given again: " + job);
        }
        assertTrue(resume.err().contains("resume: with the options of the last submission: --partition=short "
                + "--setup='module load java/17' --sbatch-arg=--qos=long --throttle=2"), resume.err());
        assertTrue(Files.readString(dir.resolve("slurm/array-task.sh")).contains("\nmodule load java/17\n"));
        List<SlurmSubmission> subs = SlurmSubmission.readAll(dir);
        assertEquals(2, subs.size());
        assertEquals("3:00:00", subs.get(1).options().time());
    }

    @Test
    void aCompleteSweepResumesWithTheAnalysisJobAlone() {
        Path dir = tmp.resolve("done");
        assertEquals(0, rscale("sweep", "--preset", "smoke", "--out", dir.toString()).code());
        Run r = rscale("submit", dir.toString(), "--resume", "--jar", jar.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, slurm.submitted().size());
        List<String> analysis = new ArrayList<>(slurm.submitted().get(0));
        assertFalse(analysis.stream().anyMatch(a -> a.startsWith("--dependency")), analysis.toString());
        assertTrue(r.out().startsWith("submitted analysis job 101 (no cell task needed)"), r.out());
    }

    @Test
    void aPathWithAControlCharacterIsRefusedAndNothingIsWritten() {
        for (String name : new String[] {"x\ntouch M\n", "tab\there", "bell\u0007", "del\u007f"}) {
            Path dir = tmp.resolve(name);
            Run r = rscale("submit", "--preset", "smoke", "--out", dir.toString(), "--jar", jar.toString(), "--dry-run");
            assertBad(r, "--out", "control character");
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(dir), "nothing planned");
        }
        Run backslash = rscale("submit", "--preset", "smoke", "--out", tmp.resolve("a\\b").toString(), "--jar",
                jar.toString(), "--dry-run");
        assertBad(backslash, "backslash");
        assertTrue(slurm.sbatchCalls.isEmpty());
    }

    @Test
    void everyValueInAJobScriptIsQuotedAndRunsNothing() throws Exception {
        // quotes, $(...), backticks, spaces, a glob and a '%': all are data, none is run or expanded
        Path dir = tmp.resolve("it's $(touch PWNED) `touch PWNED2` *; 50% done");
        Run r = rscale("submit", "--preset", "smoke", "--out", dir.toString(), "--jar", jar.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        Path script = dir.resolve("slurm/array-task.sh");
        String text = Files.readString(script);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("#") && l.contains(dir.toString())),
                "no value in a comment: " + text);
        assertTrue(text.contains("export RSCALE_SWEEP=" + JobScript.quote(dir.toString()) + "\n"), text);
        // run the script with a stand-in java that prints what it was given
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path stub = bin.resolve("java");
        Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        assertTrue(stub.toFile().setExecutable(true));
        Path work = Files.createDirectories(tmp.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectErrorStream(false);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertEquals(0, p.waitFor(), out);
        List<String> args = out.lines().toList();
        assertEquals(dir.toString(), args.get(args.indexOf("run-task") + 1), "the sweep reaches rscale intact: " + out);
        try (var s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "nothing was run");
        }
        assertFalse(Files.exists(tmp.resolve("PWNED")) || Files.exists(tmp.resolve("PWNED2")));
    }

    @Test
    void aPercentInTheSweepPathIsEscapedInTheLogPatterns() {
        Path dir = tmp.resolve("pct%j%u");
        Run r = rscale("submit", "--preset", "smoke", "--out", dir.toString(), "--jar", jar.toString());
        assertEquals(0, r.code(), r.err());
        String escaped = dir.toString().replace("%", "%%");
        assertTrue(slurm.submitted().get(0).contains("--output=" + escaped + "/logs/%A_%a.out"),
                slurm.submitted().get(0).toString());
        assertTrue(slurm.submitted().get(1).contains("--output=" + escaped + "/logs/analysis_%j.out"),
                slurm.submitted().get(1).toString());
    }

    @Test
    void sbatchOptionsThatSubmitSetsItselfAreRefusedInEveryForm() {
        String[][] refused = {
            {"-a0-99"}, {"-a", "0-99"}, {"--array=1-3"}, {"--array", "1-3"}, {"--arr=1"},
            {"-d", "afterok:1"}, {"-dafterok:1"}, {"--dependency=afterok:1"}, {"--dep=afterok:1"},
            {"-o", "FILE"}, {"-oFILE"}, {"--output=FILE"}, {"--outp=FILE"}, {"-e", "FILE"}, {"--error=FILE"},
            {"-J", "name"}, {"--job-name=x"}, {"-Qo", "FILE"}, {"-Qd", "afterany:3"}, {"--parsable"},
            {"--kill-on-invalid-dep=no"}, {"-p", "short"}, {"--partition=short"}, {"-t", "1:00"}, {"--time=1:00"},
            {"-A", "x"}, {"--account=x"}, {"-c", "4"}, {"--cpus-per-task=4"}, {"-n", "2"}, {"--ntasks=2"},
            {"--mem=8G"}, {"--gres=gpu:1"}, {"--wrap=true"}, {"--test-only"}};
        for (String[] args : refused) {
            List<String> cmd = new ArrayList<>(List.of("submit", "--preset", "smoke", "--out",
                    tmp.resolve("s" + slurm.sbatchCalls.size()).toString(), "--jar", jar.toString()));
            for (String a : args) {
                cmd.add("--sbatch-arg=" + a);
            }
            Run r = rscale(cmd.toArray(String[]::new));
            // forms that are also options of submit (-p, -t, ...) are refused by the command line parser already
            assertBad(r, args[0]);
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertTrue(slurm.sbatchCalls.isEmpty());
        String[][] allowed = {{"--qos=long"}, {"--mail-type=FAIL"}, {"--exclusive"}, {"-Q"}, {"--mem-per-cpu=2G"},
            {"--gres-flags=enforce-binding"}, {"--constraint=avx512"}, {"-C", "avx512"}, {"-Hq", "long"}};
        int i = 0;
        for (String[] args : allowed) {
            List<String> cmd = new ArrayList<>(List.of("submit", "--preset", "smoke", "--out",
                    tmp.resolve("ok" + i++).toString(), "--jar", jar.toString(), "--dry-run"));
            for (String a : args) {
                cmd.add("--sbatch-arg=" + a);
            }
            Run r = rscale(cmd.toArray(String[]::new));
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void theJobsHeapIsTheirXmxOrTheirMemoryLimit() {
        assertEquals(8L << 30, new JobMemory("-Xmx8g", null).heap().bytes());
        assertEquals(8L << 30, new JobMemory("-Xmx2g -XX:+UseG1GC -Xmx8g", null).heap().bytes(), "the last -Xmx");
        assertEquals(512L << 20, new JobMemory("-XX:MaxHeapSize=512m", null).heap().bytes());
        JobMemory capped = new JobMemory("-Xmx8g", "2G");
        assertEquals(2L << 30, capped.heap().bytes(), "a job beyond --mem is killed");
        assertTrue(capped.heap().description().contains("--mem 2G"), capped.heap().description());
        assertEquals(4000L << 20, new JobMemory("-Xmx8g", "4000").heap().bytes(), "--mem without a unit is MB");
        assertEquals(4L << 30, new JobMemory("-XX:MaxRAMPercentage=50", "8G").heap().bytes());
        assertEquals(2L << 30, new JobMemory("", "8G").heap().bytes(), "the JVM's default: 25% of the limit");
        assertEquals(Runtime.getRuntime().maxMemory(), new JobMemory("", null).heap().bytes());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new JobMemory("-Xmx4g", "lots").heap());
        assertTrue(e.getMessage().contains("--mem lots"), e.getMessage());
        // a cell too large for the jobs' --mem is refused at submission, with nothing written
        Path dir = tmp.resolve("big");
        Run r = rscale("submit", "--preset", "smoke", "--set", "data.dim=300", "--set", "depths.values=2000", "--out",
                dir.toString(), "--jar", jar.toString(), "--mem", "1G");
        assertBad(r, "cell L02000_s0", "the jobs' --mem 1G");
        assertFalse(Files.exists(dir));
    }

    private static void assertBad(Run r, String... fragments) {
        assertEquals(2, r.code(), r.out() + r.err());
        String first = r.err().lines().filter(l -> l.startsWith("rscale:")).findFirst().orElse("");
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + first + "' should contain '" + f + "'");
        }
    }
}
