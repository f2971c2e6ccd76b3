package org.rscale.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellState;
import org.rscale.sweeps.plan.TaskQueue;

/**
 * What SLURM knows about a sweep's tasks: the array jobs recorded in {@code slurm/submissions.json},
 * asked once each with {@code squeue -h -r -j <job> -o %i|%T|%r}, and the task logs
 * {@code logs/<job>_<index>.out}. Array index = task index = cell.
 */
final class SlurmQueue implements TaskQueue {
    private static final Set<String> RUNNING = Set.of("RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING",
            "STAGE_OUT");
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT", "REVOKED");
    private static final int LOG_TAIL_BYTES = 16384;
    private static final int MAX_LINE = 300;

    private final Path sweep;
    private final List<SlurmSubmission> submissions;
    private final Map<Integer, QueuedTask> tasks = new HashMap<>();
    private final Map<String, String> analysisStates = new HashMap<>();

    /**
     * Asks squeue about every recorded array job of the sweep (nothing when squeue is absent).
     *
     * @param sweep the sweep directory
     * @param slurm runs squeue
     */
    SlurmQueue(Path sweep, Slurm slurm) {
        this.sweep = sweep;
        this.submissions = SlurmSubmission.readAll(sweep);
        for (SlurmSubmission s : submissions) {
            if (!SlurmSubmission.NONE.equals(s.arrayJobId())) {
                for (String[] row : queued(slurm, s.arrayJobId())) {
                    int cut = row[0].indexOf('_');
                    if (cut < 0 || row[0].contains("[")) {
                        continue;
                    }
                    try {
                        int index = Integer.parseInt(row[0].substring(cut + 1));
                        String state = row[1];
                        if (FINAL.contains(state)) {
                            continue;
                        }
                        CellState st = RUNNING.contains(state) ? CellState.RUNNING : CellState.QUEUED;
                        String note = state + (row[2].isEmpty() || "None".equals(row[2]) ? "" : " (" + row[2] + ")");
                        tasks.put(index, new QueuedTask(row[0], st, note));
                    } catch (NumberFormatException e) {
                        // not an array task line
                    }
                }
            }
            List<String[]> a = queued(slurm, s.analysisJobId());
            if (!a.isEmpty()) {
                String[] row = a.get(0);
                analysisStates.put(s.analysisJobId(), row[1] + (row[2].isEmpty() || "None".equals(row[2]) ? ""
                        : " (" + row[2] + ")"));
            }
        }
    }

    private static List<String[]> queued(Slurm slurm, String job) {
        Slurm.Result r = slurm.squeue(List.of("-h", "-r", "-j", job, "-o", "%i|%T|%r"));
        if (r.exitCode() != 0) {
            return List.of();
        }
        return r.out().lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> {
            String[] p = l.split("\\|", -1);
            return new String[] {p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : ""};
        }).toList();
    }

    /**
     * @param state a SLURM job state
     * @return whether the job has ended
     */
    static boolean isFinal(String state) {
        return FINAL.contains(state);
    }

    /** @return the submissions, oldest first */
    List<SlurmSubmission> submissions() {
        return submissions;
    }

    /**
     * @param analysisJobId an analysis job's id
     * @return its SLURM state, when SLURM still lists it
     */
    Optional<String> analysisState(String analysisJobId) {
        return Optional.ofNullable(analysisStates.get(analysisJobId));
    }

    @Override
    public Optional<QueuedTask> task(Cell cell) {
        return Optional.ofNullable(tasks.get(cell.index()));
    }

    @Override
    public Optional<String> lastLogLine(Cell cell) {
        for (int i = submissions.size() - 1; i >= 0; i--) {
            String job = submissions.get(i).arrayJobId();
            if (SlurmSubmission.NONE.equals(job)) {
                continue;
            }
            Path log = SlurmFiles.taskLog(sweep, job, cell.index());
            if (Files.isRegularFile(log)) {
                return Optional.of(log.getFileName() + ": " + lastLine(log));
            }
        }
        return Optional.empty();
    }

    /**
     * @param file a log
     * @return its last non-blank line (shortened), or {@code (empty)}
     */
    static String lastLine(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                return "(empty)";
            }
            String last = lines.get(lines.size() - 1);
            return last.length() > MAX_LINE ? last.substring(0, MAX_LINE) + "..." : last;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
