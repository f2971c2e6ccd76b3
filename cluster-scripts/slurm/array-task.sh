#!/usr/bin/env bash
# One SLURM array task of a planned sweep: trains cell $SLURM_ARRAY_TASK_ID.
#   rscale plan --preset paper-tanh-shared --out /shared/runs/tanh     # on the login node
#   sbatch --array=0-43%8 cluster-scripts/slurm/array-task.sh /shared/runs/tanh
# A cell that is already complete exits 0 at once; a killed task leaves nothing that looks complete.
# RSCALE names the launcher (default: the rscale script of this checkout).
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?run this as a SLURM array task (sbatch --array=...)}"
sweep=${1:?usage: array-task.sh SWEEP_DIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RSCALE=${RSCALE:-$here/rscale}
exec "$RSCALE" run-task "$sweep" --index "$SLURM_ARRAY_TASK_ID"
