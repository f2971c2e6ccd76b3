package org.rscale.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;

/**
 * One {@code rscale submit} of a sweep, as recorded in {@code slurm/submissions.json} (a JSON list,
 * oldest first), so that {@code rscale status} knows which SLURM jobs belong to the sweep.
 *
 * @param submitted      when, ISO-8601 UTC
 * @param arrayJobId     the array job's id, or {@code none} when only the analysis job was submitted
 * @param analysisJobId  the analysis job's id
 * @param indices        the array's task indices, as given to {@code --array} (without the throttle)
 * @param tasks          how many tasks
 * @param dependency     the analysis job's {@code --dependency}
 * @param gpus           GPUs per task (0: none)
 * @param taskJar        the jar the array tasks run
 * @param analysisJar    the jar the analysis job runs
 * @param sbatchArray    the array job's sbatch arguments
 * @param options        the SLURM options, which a resumed submission reuses
 */
record SlurmSubmission(String submitted, String arrayJobId, String analysisJobId, String indices, int tasks,
                       String dependency, int gpus, String taskJar, String analysisJar, List<String> sbatchArray,
                       SlurmOptions options) {
    /** The array job id when no array job was submitted. */
    static final String NONE = "none";

    /**
     * @param sweep the sweep directory
     * @return its submissions, oldest first (empty when never submitted)
     */
    static List<SlurmSubmission> readAll(Path sweep) {
        Path file = SlurmFiles.slurmDir(sweep).resolve(SlurmFiles.SUBMISSIONS_JSON);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Arrays.asList(DataFormats.json().readValue(file.toFile(), SlurmSubmission[].class));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a valid submissions record (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Appends this submission to the sweep's record (atomically).
     *
     * @param sweep the sweep directory
     */
    void append(Path sweep) {
        List<SlurmSubmission> all = new ArrayList<>(readAll(sweep));
        all.add(this);
        AtomicFiles.write(SlurmFiles.slurmDir(sweep).resolve(SlurmFiles.SUBMISSIONS_JSON),
                out -> DataFormats.json().writeValue(out, all));
    }
}
