package org.rscale.cli;

import java.util.List;

/**
 * The SLURM options of a submission, recorded in {@code slurm/submissions.json} so that
 * {@code rscale submit --resume} reuses those not given again.
 *
 * @param partition   {@code --partition}, or null
 * @param account     {@code --account}, or null
 * @param time        {@code --time}, or null
 * @param cpusPerTask {@code --cpus-per-task}
 * @param mem         {@code --mem}, or null
 * @param gpus        {@code --gpus} (0: none)
 * @param setup       {@code --setup}, or null
 * @param sbatchArgs  the {@code --sbatch-arg} values
 * @param throttle    {@code --throttle}, or null
 */
record SlurmOptions(String partition, String account, String time, int cpusPerTask, String mem, int gpus,
                    String setup, List<String> sbatchArgs, Integer throttle) {
}
