#!/usr/bin/env bash
# The body of the analysis job of an rscale sweep, submitted by 'rscale submit' with
# --dependency=afterok:<array job> --kill-on-invalid-dep=yes: it runs once every cell task succeeded
# (and is cancelled, not left pending, when one failed). It computes nothing itself: it calls 'rscale fit' (which
# analyses once, fits, draws the figures and writes the report) when this rscale has that command, else
# 'rscale analyze', 'rscale plot' and 'rscale report'. Its log ends with the decision and the report's path.
# 'rscale submit' writes it into SWEEP/slurm/analysis-job.sh after a header that runs the --setup
# snippet and sets RSCALE_SWEEP, RSCALE_JAR and RSCALE_JAVA_OPTS.
set -euo pipefail
: "${RSCALE_SWEEP:?set RSCALE_SWEEP to the sweep directory}"
: "${RSCALE_JAR:?set RSCALE_JAR to the rscale jar}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}"
rscale() {
  # no kernel runs here, so no Vector API (and no incubator warning)
  # shellcheck disable=SC2086  # word splitting of the JVM options is wanted
  java ${RSCALE_JAVA_OPTS:--Xmx4g} -Djava.awt.headless=true -jar "$RSCALE_JAR" "$@"
}
echo "rscale: analysis job ${SLURM_JOB_ID:-?} on $(hostname), jar $RSCALE_JAR" >&2
# 'rscale help fit' exits 0 when this rscale has a fit command, 2 when it does not
if rscale help fit >/dev/null 2>&1; then
  rscale fit "$RSCALE_SWEEP"
else
  rscale analyze "$RSCALE_SWEEP"
  rscale plot "$RSCALE_SWEEP"
  if rscale help report >/dev/null 2>&1; then
    rscale report "$RSCALE_SWEEP"
  fi
fi
echo "rscale: analysis job done" >&2
