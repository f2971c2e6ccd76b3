package org.rscale.sweeps.plan;

import java.util.Map;

import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.run.Provenance;

/**
 * The process that works on a cell: where it runs and, under SLURM, which job it is. Written into
 * claims ({@link CellClaim}) and failure records ({@link CellFailure}) so that {@code rscale status}
 * can say who holds or who lost a cell, and whether that holder still runs.
 *
 * @param host              the host name
 * @param pid               the process id on that host
 * @param processStarted    when that process started (ISO-8601), {@value RscaleBuild#UNKNOWN} if unknown;
 *                          tells a live holder from a later process that reuses its pid
 * @param slurmJobId        {@code $SLURM_JOB_ID} (for an array task: its own job id), {@value #NONE} outside SLURM
 * @param slurmArrayJobId   {@code $SLURM_ARRAY_JOB_ID}, {@value #NONE} outside an array job
 * @param slurmArrayTaskId  {@code $SLURM_ARRAY_TASK_ID}, {@value #NONE} outside an array job
 */
public record TaskProcess(String host, long pid, String processStarted, String slurmJobId, String slurmArrayJobId,
                          String slurmArrayTaskId) {
    /** The value of a SLURM id outside SLURM. */
    public static final String NONE = "none";

    /** @return this process */
    public static TaskProcess current() {
        return current(System.getenv());
    }

    /**
     * @param env the environment to read the SLURM variables from
     * @return this process, with the SLURM ids of {@code env}
     */
    public static TaskProcess current(Map<String, String> env) {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Object::toString).orElse(RscaleBuild.UNKNOWN);
        return new TaskProcess(Provenance.hostName(), self.pid(), started, env.getOrDefault("SLURM_JOB_ID", NONE),
                env.getOrDefault("SLURM_ARRAY_JOB_ID", NONE), env.getOrDefault("SLURM_ARRAY_TASK_ID", NONE));
    }

    /**
     * The owner of a temporary file, as far as its name tells ({@link ProcessTag}): host, pid and SLURM
     * job, start time unknown.
     *
     * @param tag the owner from a file name
     * @return it as a process that {@link ClaimLiveness} can judge
     */
    public static TaskProcess of(ProcessTag tag) {
        String host = tag.onThisHost() ? Provenance.hostName() : tag.host();
        String job = tag.slurmJobId().isEmpty() ? NONE : tag.slurmJobId();
        return new TaskProcess(host, tag.pid(), RscaleBuild.UNKNOWN, job, NONE, NONE);
    }

    /** @return whether it is (or was) a SLURM job */
    public boolean isSlurmJob() {
        return !NONE.equals(slurmJobId);
    }

    /** @return the SLURM task as squeue shows it ({@code 12_3} for an array task, else the job id), or {@value #NONE} */
    public String slurmTask() {
        if (!NONE.equals(slurmArrayJobId) && !NONE.equals(slurmArrayTaskId)) {
            return slurmArrayJobId + "_" + slurmArrayTaskId;
        }
        return slurmJobId;
    }

    /** @return whether it runs on this host */
    public boolean onThisHost() {
        return host.equals(Provenance.hostName());
    }

    /** @return e.g. {@code host node17 pid 4242, SLURM job 12_3} */
    public String describe() {
        return "host " + host + " pid " + pid + (isSlurmJob() ? ", SLURM job " + slurmTask() : "");
    }
}
