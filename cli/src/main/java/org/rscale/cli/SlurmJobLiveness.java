package org.rscale.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rscale.sweeps.plan.ClaimLiveness;
import org.rscale.sweeps.plan.TaskProcess;

/**
 * Judges processes (claim holders, owners of temporary files) like {@link ClaimLiveness#LOCAL_PROCESSES}
 * and, for a SLURM job on another host, asks {@code squeue -h -j <job id>}: a job that SLURM no longer lists, or lists in a
 * final state, has stopped. Without squeue, or when it fails otherwise, the holder counts as alive.
 */
final class SlurmJobLiveness implements ClaimLiveness {
    private final Slurm slurm;

    /**
     * @param slurm runs squeue
     */
    SlurmJobLiveness(Slurm slurm) {
        this.slurm = slurm;
    }

    @Override
    public Optional<String> deadReason(TaskProcess p) {
        Optional<String> local = ClaimLiveness.LOCAL_PROCESSES.deadReason(p);
        if (local.isPresent() || p.onThisHost() || !p.isSlurmJob()) {
            return local;
        }
        Slurm.Result r = slurm.squeue(List.of("-h", "-j", p.slurmJobId(), "-o", "%T"));
        if (r.exitCode() == 0) {
            String state = r.out().strip();
            if (state.isEmpty()) {
                return Optional.of("SLURM job " + p.slurmTask() + " is no longer running");
            }
            if (SlurmQueue.isFinal(state.lines().findFirst().orElse("").strip())) {
                return Optional.of("SLURM job " + p.slurmTask() + " has ended (" + state.lines().findFirst().orElse("")
                        .strip() + ")");
            }
            return Optional.empty();
        }
        if (r.err().toLowerCase(Locale.ROOT).contains("invalid job id")) {
            return Optional.of("SLURM job " + p.slurmTask() + " is no longer known to SLURM");
        }
        return Optional.empty();
    }
}
