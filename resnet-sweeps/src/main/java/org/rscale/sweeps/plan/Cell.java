package org.rscale.sweeps.plan;

import org.rscale.sweeps.config.CellSettings;

/**
 * One task of a sweep: one network to train.
 *
 * @param index    its position in the task list (0-based; the SLURM array index)
 * @param id       its directory name under {@code runs/}
 * @param settings everything that determines it
 * @param cost     an estimate of its work if it runs to the epoch cap (depth x epochs x samples x d^2),
 *                 used to start long cells first
 */
public record Cell(int index, String id, CellSettings settings, double cost) {
}
