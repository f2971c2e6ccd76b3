#!/usr/bin/env bash
# The body of one SLURM array task of an rscale sweep: trains cell $SLURM_ARRAY_TASK_ID (its index in
# SWEEP/tasks.csv) with 'rscale run-task'. It computes nothing itself.
#
# 'rscale submit' writes it into SWEEP/slurm/array-task.sh after a header that runs the --setup snippet
# and sets RSCALE_SWEEP, RSCALE_JAR and RSCALE_JAVA_OPTS, then submits it with sbatch --array.
# By hand: RSCALE_SWEEP=/shared/runs/x RSCALE_JAR=/path/rscale.jar sbatch --array=0-5 array-task.sh
#
# A cell that is complete exits 0 at once; a cell that another live task holds (claims: runs/.claim-<id>)
# exits 0 and is left to it; a task killed mid-cell leaves no result that looks complete ('rscale status'
# shows it as failed, 'rscale submit SWEEP --resume' runs it again).
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?run this as a SLURM array task (see rscale submit)}"
: "${RSCALE_SWEEP:?set RSCALE_SWEEP to the sweep directory}"
: "${RSCALE_JAR:?set RSCALE_JAR to the rscale jar}"
# kernels are single-threaded; parallelism is across cells
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}"
echo "rscale: task ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID} (job ${SLURM_JOB_ID:-?}) on $(hostname)," \
     "GPUs ${CUDA_VISIBLE_DEVICES:-none}, jar $RSCALE_JAR" >&2
# shellcheck disable=SC2086  # word splitting of the JVM options is wanted
exec java ${RSCALE_JAVA_OPTS:--Xmx4g} --add-modules jdk.incubator.vector -Djava.awt.headless=true \
     -jar "$RSCALE_JAR" run-task "$RSCALE_SWEEP" --index "$SLURM_ARRAY_TASK_ID"
