package org.rscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.CellState;
import org.rscale.sweeps.plan.HeapLimit;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.plan.SweepStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale submit}: a sweep as one SLURM array job (one task per cell without a result) and a
 * dependent analysis job. What it submits follows from {@link SweepStatus}: failed and missing
 * cells get a task; running and queued cells do not, and the analysis job also waits for them.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Submit a sweep to SLURM: an array job of cell tasks, then a dependent analysis job.",
        description = {"Plans the sweep (with --preset/--config/--set and --out) or opens SWEEP, then submits one "
                + "array job with a task per cell that has no result (task index = index in tasks.csv; "
                + "'rscale run-task') and a job that runs 'rscale analyze', 'fit' (when present) and 'plot' "
                + "once every task succeeded (--dependency=afterok, --kill-on-invalid-dep=yes: a failed task "
                + "cancels it). Run it on a login node; the sweep directory must be on a file system the "
                + "compute nodes share. Logs: SWEEP/logs/<job>_<index>.out. Job scripts, jar snapshot and the "
                + "record of submissions: SWEEP/slurm/. After a failure: 'rscale status SWEEP', then "
                + "'rscale submit SWEEP --resume' submits the failed and missing cells only."})
final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "an existing sweep directory")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep directory to plan into (shared file system)")
    Path out;

    @Option(names = "--resume", description = "submit the failed and missing cells of a submitted sweep (not those "
            + "running or queued), with the SLURM options of its last submission unless given again")
    boolean resume;

    @Option(names = {"-p", "--partition"}, paramLabel = "NAME", description = "the SLURM partition")
    String partition;

    @Option(names = {"-A", "--account"}, paramLabel = "NAME", description = "the account to charge")
    String account;

    @Option(names = {"-t", "--time"}, paramLabel = "LIMIT", description = "time limit of each job, e.g. 2:00:00 "
            + "(a cell task must finish its cell within it)")
    String time;

    @Option(names = {"-c", "--cpus-per-task"}, paramLabel = "N",
            description = "CPUs of each job (default: 1; kernels are single-threaded)")
    Integer cpus;

    @Option(names = "--mem", paramLabel = "SIZE", description = "memory of each job, e.g. 8G (keep RSCALE_JAVA_OPTS' "
            + "-Xmx below it)")
    String mem;

    @Option(names = "--gpus", paramLabel = "N",
            description = "GPUs per cell task (--gres=gpu:N); the tasks run the CUDA build (cli/target/rscale-cuda.jar) "
                    + "and the sweep should set kernel=nd4j (default: 0)")
    Integer gpus;

    @Option(names = "--setup", paramLabel = "SHELL", description = "shell lines run at the top of every job script, "
            + "e.g. 'module load java/17'")
    String setup;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "an extra sbatch argument for every job, "
            + "repeatable, e.g. --sbatch-arg=--qos=long")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--throttle", paramLabel = "M", description = "at most M cell tasks at once (--array=...%%M)")
    Integer throttle;

    @Option(names = "--jar", paramLabel = "FILE", description = "the rscale jar the jobs run (default: this one, "
            + "or rscale-cuda.jar beside it with --gpus); the jobs run a snapshot of it in SWEEP/slurm/jars/")
    Path jar;

    @Option(names = {"-n", "--dry-run"}, description = "plan and write the job scripts, print the sbatch commands, "
            + "submit nothing")
    boolean dryRun;

    private final Slurm slurm;

    /**
     * @param slurm runs sbatch and squeue
     */
    SubmitCommand(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Rscale root = Rscale.root(spec);
        checkOptions();
        if (!dryRun && !slurm.available()) {
            throw new InvalidInputException("sbatch not found on the PATH: run 'rscale submit' on a SLURM login node "
                    + "(or use --dry-run)");
        }
        Path target = (out != null ? out : dir).toAbsolutePath().normalize();
        JobScript.checkPath(target, out != null ? "--out" : "SWEEP");
        String javaOpts = System.getenv().getOrDefault("RSCALE_JAVA_OPTS", "-Xmx4g");
        // every refusal comes before a new plan is written: the configuration, the jars, the cells' heap, the GPUs
        SweepConfig wanted = !resume && config.given() ? config.resolve(new SweepConfigLoader()) : null;
        SweepDirectory sweep = wanted == null ? SweepDirectory.open(target) : null;
        if (resume) {
            List<SlurmSubmission> before = SlurmSubmission.readAll(target);
            if (!before.isEmpty() && before.get(before.size() - 1).options() != null) {
                reuse(before.get(before.size() - 1).options(), err, root.quiet);
            }
        }

        cpus = cpus == null ? 1 : cpus;
        gpus = gpus == null ? 0 : gpus;
        checkOptions();
        Path cpuJar = cpuJar();
        Path taskJar = gpus > 0 ? cudaJar(cpuJar, err) : cpuJar;
        JobScript.checkPath(taskJar, "--jar");
        // the cells run on compute nodes with the jobs' heap and --mem, not this login node's heap
        HeapLimit jobHeap = new JobMemory(javaOpts, mem).heap();
        SweepStatus status;
        if (wanted != null) {
            // the status the check took still holds once the plan is written: planning writes no run, claim or
            // submission, so the cells are not classified a second time
            SweepStatus[] checked = new SweepStatus[1];
            sweep = SweepDirectory.plan(target, wanted, jobHeap, planned -> checked[0] = check(planned, jobHeap));
            status = checked[0];
        } else {
            status = check(sweep, jobHeap);
        }
        List<Cell> todo = status.toResubmit();
        List<String> active = status.activeTasks();
        Map<CellState, Integer> n = status.counts();

        if (gpus > 0) {
            warnIfNotNd4j(sweep, err, root.quiet);
        }

        Path slurmDir = SlurmFiles.slurmDir(target);
        Path taskSnapshot = snapshotPath(slurmDir, taskJar);
        Path analysisSnapshot = taskJar.equals(cpuJar) ? taskSnapshot : snapshotPath(slurmDir, cpuJar);
        Path taskScript = slurmDir.resolve(SlurmFiles.ARRAY_TASK_SH);
        Path analysisScript = slurmDir.resolve(SlurmFiles.ANALYSIS_JOB_SH);
        JobScript.write(taskScript, JobScript.text(JobScript.ARRAY_TASK, setup, target, taskSnapshot, javaOpts));
        JobScript.write(analysisScript, JobScript.text(JobScript.ANALYSIS_JOB, setup, target, analysisSnapshot,
                javaOpts));
        try {
            Files.createDirectories(SlurmFiles.logsDir(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + SlurmFiles.logsDir(target) + ": " + FileFailure.describe(e), e);
        }

        String name = "rscale-" + target.getFileName();
        List<Integer> indices = todo.stream().map(Cell::index).toList();
        String arraySpec = indices.isEmpty() ? null : ArrayIndexList.of(indices, null);
        List<String> arrayArgs = indices.isEmpty() ? List.of()
                : arrayArgs(name, ArrayIndexList.of(indices, throttle), target, taskScript);
        if (!root.quiet) {
            err.printf("%s: %d cells: %d done, %d running, %d queued, %d failed, %d missing; %s%n", target,
                    sweep.plan().cells().size(), n.get(CellState.DONE), n.get(CellState.RUNNING),
                    n.get(CellState.QUEUED), n.get(CellState.FAILED), n.get(CellState.MISSING),
                    todo.isEmpty() ? "no cell task to submit" : todo.size() + " cell tasks to submit");
        }
        if (dryRun) {
            o.println("# dry run: nothing submitted; job scripts written to " + slurmDir);
            if (!arrayArgs.isEmpty()) {
                o.println(shell("sbatch", arrayArgs));
            }
            String dependency = dependency(indices.isEmpty() ? null : "<array-job-id>", active);
            o.println(shell("sbatch", analysisArgs(name, dependency, target, analysisScript)));
            o.println("# jars: " + taskJar + " -> " + taskSnapshot
                    + (analysisSnapshot.equals(taskSnapshot) ? "" : ", " + cpuJar + " -> " + analysisSnapshot));
            return ExitCodes.OK;
        }

        snapshot(taskJar, taskSnapshot);
        if (!analysisSnapshot.equals(taskSnapshot)) {
            snapshot(cpuJar, analysisSnapshot);
        }
        String arrayJob = SlurmSubmission.NONE;
        if (!arrayArgs.isEmpty()) {
            arrayJob = submit(arrayArgs, "the array job");
        }
        String dependency = dependency(indices.isEmpty() ? null : arrayJob, active);
        String analysisJob;
        try {
            analysisJob = submit(analysisArgs(name, dependency, target, analysisScript), "the analysis job");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (the array job " + arrayJob + " was submitted; "
                    + "submit the analysis later with 'rscale submit " + target + " --resume')", e);
        }
        new SlurmSubmission(Instant.now().toString(), arrayJob, analysisJob, arraySpec == null ? "" : arraySpec,
                indices.size(), dependency == null ? "" : dependency, gpus, taskSnapshot.toString(),
                analysisSnapshot.toString(), arrayArgs, new SlurmOptions(partition, account, time, cpus, mem, gpus,
                setup, List.copyOf(sbatchArgs), throttle)).append(target);
        if (indices.isEmpty()) {
            o.printf("submitted analysis job %s%s (no cell task needed)%n", analysisJob,
                    dependency == null ? "" : " (" + dependency + ")");
        } else {
            o.printf("submitted array job %s (%d tasks: %s%s) and analysis job %s (%s)%n", arrayJob, indices.size(),
                    arraySpec, throttle == null ? "" : ", at most " + throttle + " at once", analysisJob, dependency);
        }
        o.printf("logs: %s; follow with 'rscale status %s'%n", SlurmFiles.logsDir(target), target);
        return ExitCodes.OK;
    }

    /**
     * The refusals that need the sweep's cells, made on a new sweep before its plan is written: a sweep submitted
     * before (without {@code --resume}), a cell to submit that does not fit in the jobs' heap, GPUs the cluster
     * cannot give.
     *
     * @param sweep   the sweep, planned or opened
     * @param jobHeap what a job may hold in its heap ({@link JobMemory})
     * @return its status: what its cells are, done, running or queued (squeue), failed, missing
     * @throws InvalidInputException when the submission is refused
     */
    private SweepStatus check(SweepDirectory sweep, HeapLimit jobHeap) {
        if (!resume) {
            List<SlurmSubmission> before = SlurmSubmission.readAll(sweep.root());
            if (!before.isEmpty()) {
                SlurmSubmission last = before.get(before.size() - 1);
                throw new InvalidInputException(sweep.root() + " was submitted before (array job " + last.arrayJobId()
                        + ", " + last.submitted() + "); use --resume to submit its failed and missing cells");
            }
        }
        SweepStatus status = SweepStatus.of(sweep, new SlurmJobLiveness(slurm), new SlurmQueue(sweep.root(), slurm));
        List<Cell> todo = status.toResubmit();
        CellFootprint.checkHeap(todo, jobHeap);
        if (gpus > 0 && !todo.isEmpty() && slurm.available()) {
            checkGpus();
        }
        return status;
    }

    /** Takes the options not given on this command line from an earlier submission. */
    private void reuse(SlurmOptions before, PrintWriter err, boolean quiet) {
        List<String> reused = new ArrayList<>();
        if (partition == null && before.partition() != null) {
            partition = before.partition();
            reused.add("--partition=" + partition);
        }
        if (account == null && before.account() != null) {
            account = before.account();
            reused.add("--account=" + account);
        }
        if (time == null && before.time() != null) {
            time = before.time();
            reused.add("--time=" + time);
        }
        if (cpus == null && before.cpusPerTask() != 1) {
            cpus = before.cpusPerTask();
            reused.add("--cpus-per-task=" + cpus);
        }
        if (mem == null && before.mem() != null) {
            mem = before.mem();
            reused.add("--mem=" + mem);
        }
        if (gpus == null && before.gpus() != 0) {
            gpus = before.gpus();
            reused.add("--gpus=" + gpus);
        }
        if (setup == null && before.setup() != null) {
            setup = before.setup();
            reused.add("--setup=" + JobScript.quote(setup));
        }
        if (sbatchArgs.isEmpty() && before.sbatchArgs() != null && !before.sbatchArgs().isEmpty()) {
            sbatchArgs = new ArrayList<>(before.sbatchArgs());
            for (String a : sbatchArgs) {
                reused.add("--sbatch-arg=" + a);
            }
        }
        if (throttle == null && before.throttle() != null) {
            throttle = before.throttle();
            reused.add("--throttle=" + throttle);
        }
        if (!reused.isEmpty() && !quiet) {
            err.println("resume: with the options of the last submission: " + String.join(" ", reused));
        }
    }

    private void checkOptions() {
        if (dir != null && out != null && !dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InvalidInputException("give the sweep directory once: either SWEEP or --out");
        }
        if (dir == null && out == null) {
            throw new InvalidInputException("no sweep directory: give --out DIR with a configuration, or SWEEP");
        }
        if (resume && config.given()) {
            throw new InvalidInputException("--resume takes the sweep directory only, not --preset/--config/--set");
        }
        if (cpus != null && cpus < 1) {
            throw new InvalidInputException("--cpus-per-task must be at least 1, got " + cpus);
        }
        if (gpus != null && gpus < 0) {
            throw new InvalidInputException("--gpus must be 0 or more, got " + gpus);
        }
        if (throttle != null && throttle < 1) {
            throw new InvalidInputException("--throttle must be at least 1, got " + throttle);
        }
        ReservedSbatchOptions.check(sbatchArgs);
    }

    private List<String> common() {
        List<String> a = new ArrayList<>();
        if (partition != null) {
            a.add("--partition=" + partition);
        }
        if (account != null) {
            a.add("--account=" + account);
        }
        if (time != null) {
            a.add("--time=" + time);
        }
        if (mem != null) {
            a.add("--mem=" + mem);
        }
        return a;
    }

    private List<String> arrayArgs(String name, String array, Path sweep, Path script) {
        List<String> a = new ArrayList<>();
        a.add("--parsable");
        a.add("--job-name=" + name);
        a.add("--array=" + array);
        a.add("--output=" + SlurmFiles.taskLogPattern(sweep));
        a.add("--ntasks=1");
        a.add("--cpus-per-task=" + cpus);
        a.addAll(common());
        if (gpus > 0) {
            a.add("--gres=gpu:" + gpus);
        }
        a.addAll(sbatchArgs);
        a.add(script.toString());
        return a;
    }

    private List<String> analysisArgs(String name, String dependency, Path sweep, Path script) {
        List<String> a = new ArrayList<>();
        a.add("--parsable");
        a.add("--job-name=" + name + "-analysis");
        if (dependency != null) {
            a.add("--dependency=" + dependency);
            a.add("--kill-on-invalid-dep=yes");
        }
        a.add("--output=" + SlurmFiles.analysisLogPattern(sweep));
        a.add("--ntasks=1");
        a.add("--cpus-per-task=1");
        a.addAll(common());
        a.addAll(sbatchArgs);
        a.add(script.toString());
        return a;
    }

    /** afterok on the new array job and on the running or queued tasks of earlier ones; null when none. */
    private static String dependency(String arrayJob, List<String> active) {
        List<String> on = new ArrayList<>();
        if (arrayJob != null) {
            on.add(arrayJob);
        }
        on.addAll(active);
        return on.isEmpty() ? null : "afterok:" + String.join(":", on);
    }

    private String submit(List<String> args, String what) {
        Slurm.Result r = slurm.sbatch(args);
        String id = r.out().strip().split(";")[0].strip();
        if (r.exitCode() != 0 || !id.matches("[0-9]+")) {
            throw new IllegalStateException("sbatch failed to submit " + what + ": " + r.firstLine());
        }
        return id;
    }

    private void checkGpus() {
        List<String> a = new ArrayList<>();
        a.add("--test-only");
        a.add("--gres=gpu:" + gpus);
        a.add("--ntasks=1");
        a.add("--cpus-per-task=" + cpus);
        a.addAll(common());
        a.addAll(sbatchArgs);
        a.add("--wrap=true");
        Slurm.Result r = slurm.sbatch(a);
        if (r.exitCode() != 0) {
            throw new InvalidInputException("the cluster cannot run --gres=gpu:" + gpus
                    + (partition == null ? "" : " in partition " + partition) + " (sbatch --test-only: "
                    + r.firstLine() + "); nothing submitted");
        }
    }

    private static void warnIfNotNd4j(SweepDirectory sweep, PrintWriter err, boolean quiet) {
        Cell first = sweep.plan().cells().get(0);
        String kernel = first.settings().label(Setting.KERNEL);
        if (!"nd4j".equals(kernel) && !quiet) {
            err.println("warning: --gpus: the sweep's kernel is '" + kernel + "', which may not use the GPU; plan GPU "
                    + "sweeps with --set kernel=nd4j");
        }
    }

    private Path cpuJar() {
        if (jar != null) {
            Path j = jar.toAbsolutePath().normalize();
            if (!Files.isRegularFile(j)) {
                throw new InvalidInputException("--jar " + jar + ": file not found");
            }
            return j;
        }
        Path running = runningJar();
        if (running == null) {
            throw new InvalidInputException("cannot tell which rscale jar is running; give --jar FILE");
        }
        return running;
    }

    private Path cudaJar(Path cpuJar, PrintWriter err) {
        if (jar != null) {
            return cpuJar;
        }
        Path cuda = cpuJar.resolveSibling("rscale-cuda.jar");
        Path launcher = cpuJar.getParent() == null || cpuJar.getParent().getParent() == null
                || cpuJar.getParent().getParent().getParent() == null ? null
                : cpuJar.getParent().getParent().getParent().resolve("rscale");
        if (!Files.isRegularFile(cuda) && !dryRun && launcher != null && Files.isExecutable(launcher)) {
            err.println("building the CUDA jar " + cuda + " (RSCALE_BACKEND=cuda " + launcher + " --version) ...");
            buildCudaJar(launcher);
        }
        if (!Files.isRegularFile(cuda) && !dryRun) {
            throw new InvalidInputException("--gpus needs the CUDA build " + cuda + ": build it with "
                    + "'RSCALE_BACKEND=cuda ./rscale --version' (or mvn -B -Pcuda -DskipTests -pl cli -am package), "
                    + "or give --jar");
        }
        return cuda;
    }

    private static void buildCudaJar(Path launcher) {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version").inheritIO();
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("RSCALE_BACKEND", "cuda");
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("building the CUDA jar failed (exit status " + code + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + launcher + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the CUDA jar", e);
        }
    }

    /** @return the jar this class was loaded from, or null when not run from a jar */
    static Path runningJar() {
        try {
            Path p = Path.of(SubmitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath().normalize() : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** The jar's snapshot: {@code slurm/jars/<name>-<first 12 hex of its SHA-256>.jar}. */
    private static Path snapshotPath(Path slurmDir, Path jar) {
        String file = jar.getFileName().toString();
        String stem = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        if (!Files.isRegularFile(jar)) {
            return slurmDir.resolve(SlurmFiles.JARS_DIR).resolve(stem + "-unbuilt.jar");
        }
        return slurmDir.resolve(SlurmFiles.JARS_DIR).resolve(stem + "-" + sha256(jar).substring(0, 12) + ".jar");
    }

    /** Copies the jar into place (under a temporary name, then renamed), unless it is there already. */
    private static void snapshot(Path jar, Path snapshot) {
        if (Files.isRegularFile(snapshot)) {
            return;
        }
        Path tmp = snapshot.resolveSibling(ProcessTag.current().name(AtomicFiles.temporaryPrefix(
                snapshot.getFileName().toString())));
        try {
            Files.createDirectories(snapshot.getParent());
            Files.copy(jar, tmp);
            Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("cannot copy " + jar + " to " + snapshot + ": " + FileFailure.describe(e), e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + FileFailure.describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shell(String command, List<String> args) {
        StringBuilder s = new StringBuilder(command);
        for (String a : args) {
            s.append(' ').append(JobScript.quote(a));
        }
        return s.toString();
    }
}
