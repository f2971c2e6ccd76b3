package org.rscale.cli;

import java.nio.file.Path;

/**
 * Where a SLURM submission keeps its files in the sweep directory:
 * <pre>
 * &lt;sweep&gt;/slurm/array-task.sh        the job script of the array tasks (header + cluster-scripts/slurm/array-task.sh)
 * &lt;sweep&gt;/slurm/analysis-job.sh      the job script of the analysis job
 * &lt;sweep&gt;/slurm/submissions.json     every submission: job ids, task indices, options, jars
 * &lt;sweep&gt;/slurm/jars/&lt;jar&gt;-&lt;sha&gt;.jar  the jars the jobs run (a snapshot: rebuilding rscale does not touch them)
 * &lt;sweep&gt;/logs/&lt;job&gt;_&lt;index&gt;.out      stdout and stderr of array task &lt;index&gt; of array job &lt;job&gt;
 * &lt;sweep&gt;/logs/analysis_&lt;job&gt;.out     stdout and stderr of the analysis job
 * </pre>
 */
final class SlurmFiles {
    /** The directory of job scripts, submissions and jars. */
    static final String SLURM_DIR = "slurm";
    /** The directory of job logs. */
    static final String LOGS_DIR = "logs";
    /** The array task's job script. */
    static final String ARRAY_TASK_SH = "array-task.sh";
    /** The analysis job's script. */
    static final String ANALYSIS_JOB_SH = "analysis-job.sh";
    /** The submissions record. */
    static final String SUBMISSIONS_JSON = "submissions.json";
    /** The directory of jar snapshots. */
    static final String JARS_DIR = "jars";

    private SlurmFiles() {
    }

    /**
     * @param sweep the sweep directory
     * @return its slurm directory
     */
    static Path slurmDir(Path sweep) {
        return sweep.resolve(SLURM_DIR);
    }

    /**
     * @param sweep the sweep directory
     * @return its logs directory
     */
    static Path logsDir(Path sweep) {
        return sweep.resolve(LOGS_DIR);
    }

    /**
     * @param sweep the sweep directory
     * @return sbatch's --output pattern of the array tasks
     */
    static String taskLogPattern(Path sweep) {
        return filenamePattern(logsDir(sweep)) + "/%A_%a.out";
    }

    /**
     * @param sweep the sweep directory
     * @return sbatch's --output pattern of the analysis job
     */
    static String analysisLogPattern(Path sweep) {
        return filenamePattern(logsDir(sweep)) + "/analysis_%j.out";
    }

    /**
     * A directory as the literal part of an sbatch filename pattern, where {@code %} introduces a
     * replacement symbol ({@code %j}, {@code %u}, ...): every {@code %} doubled. (A backslash turns every
     * replacement off; {@link JobScript#checkPath} refuses paths with one.)
     *
     * @param dir a directory
     * @return it with {@code %} written {@code %%}
     */
    static String filenamePattern(Path dir) {
        return dir.toString().replace("%", "%%");
    }

    /**
     * @param sweep    the sweep directory
     * @param arrayJob an array job id
     * @param index    a task index
     * @return that task's log
     */
    static Path taskLog(Path sweep, String arrayJob, int index) {
        return logsDir(sweep).resolve(arrayJob + "_" + index + ".out");
    }
}
