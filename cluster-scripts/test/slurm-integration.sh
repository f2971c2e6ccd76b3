#!/usr/bin/env bash
# Integration test of 'rscale submit', 'status' and 'run-task' against a real SLURM: starts a single-node
# cluster (slurm-cluster.sh, installing Debian's slurm-wlm when missing; run as root), then
#   1. submits a 6-cell sweep and checks every cell, every task log and the analysis outputs;
#   2. makes one task fail (a foreign file where its claim goes) and checks that the task records why,
#      the other cells finish and the analysis job is cancelled, not left pending;
#   3. cancels one running task (scancel: SIGTERM) and kills another without warning (SIGKILL to its JVM,
#      as in a node failure), checks that neither left a result that looks complete, then 'submit --resume'
#      submits exactly those two and the sweep completes with its analysis;
#   4. checks that --gpus N is refused before anything is submitted when the cluster has no N GPUs, and
#      that --gpus 1 tasks get a GPU (a fake gres device);
#   5. submits a sweep whose path holds '%', quotes, '$(...)' and spaces: the logs land in its logs/ (a '%'
#      is written '%%' in --output) and the job scripts run nothing but rscale; a newline in the path and
#      a reserved sbatch option (-a0-99) are refused before anything is written or submitted.
# Every check looks at output files (results, logs, failure records), not at job states: a misconfigured
# SLURM records jobs that never ran as COMPLETED. The cluster is stopped at the end, also on failure.
#   RSCALE_IT_DIR   where the sweeps go (default /tmp/rscale-slurm-it; deleted first)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cluster=$here/slurm-cluster.sh
WORK=${RSCALE_IT_DIR:-/tmp/rscale-slurm-it}
export SLURM_TEST_DIR=${SLURM_TEST_DIR:-/tmp/rscale-slurm}
export FAKE_GPUS=1
T0=$(date +%s)
JAR=$repo/cli/target/rscale.jar

log() { printf '[%s +%3ds] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - T0 ))" "$*" >&2; }
current=""
fail() {
  log "FAILED: $*"
  squeue >&2 2>/dev/null || true
  if [ -n "$current" ] && [ -d "$current" ]; then
    "$repo/rscale" status "$current" --all >&2 2>/dev/null || true
    for f in "$current"/logs/*.out; do [ -f "$f" ] && { echo "---- $f" >&2; tail -n 5 "$f" >&2; }; done
  fi
  tail -n 20 "$SLURM_TEST_DIR/log/slurmctld.log" >&2 2>/dev/null || true
  exit 1
}
rscale() { "$repo/rscale" "$@"; }
# wait_gone TIMEOUT JOB...: until squeue lists none of the jobs
wait_gone() {
  local timeout=$1; shift
  local ids deadline=$(( $(date +%s) + timeout ))
  ids=$(IFS=,; echo "$*")
  while [ -n "$(squeue -h -j "$ids" 2>/dev/null)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "jobs $ids still in the queue after ${timeout}s"
    sleep 0.5
  done
}
# submitted FILE: the array and analysis job ids printed by 'rscale submit'
array_job() { sed -n 's/^submitted array job \([0-9]*\).*/\1/p' "$1"; }
analysis_job() { sed -n 's/.* analysis job \([0-9]*\).*/\1/p' "$1"; }
cell_id() { awk -F, -v i="$2" 'NR > 1 && $1 == i {print $2}' "$1/tasks.csv"; }
count() { find "$@" 2>/dev/null | wc -l; }
# cells_ran SWEEP ARRAYJOB MARKER INDEX...: each task's log says it ran here, each result is new
cells_ran() {
  local sweep=$1 job=$2 marker=$3 i id; shift 3
  for i in "$@"; do
    id=$(cell_id "$sweep" "$i")
    grep -q "rscale: task ${job}_$i " "$sweep/logs/${job}_$i.out" 2>/dev/null || fail "no log of task ${job}_$i"
    [ -n "$(find "$sweep/runs/$id/run.json" -newer "$marker" 2>/dev/null)" ] || fail "no new result of cell $i ($id)"
    [ -s "$sweep/runs/$id/A.npy" ] || fail "cell $i ($id) has no A.npy"
  done
}
analysis_ran() {   # analysis_ran SWEEP JOB MARKER
  local f
  for f in analysis/verdict.json analysis/statistics.csv analysis/fits.csv figures/all/scaling_A.png \
           figures/all/loss_vs_depth.svg report/index.html; do
    [ -n "$(find "$1/$f" -newer "$3" 2>/dev/null)" ] || fail "analysis job $2 did not write $1/$f"
  done
  grep -q "rscale: analysis job done" "$1/logs/analysis_$2.out" || fail "analysis log $1/logs/analysis_$2.out incomplete"
  grep -q "^report: .*/report/index.html" "$1/logs/analysis_$2.out" || fail "analysis log $1/logs/analysis_$2.out names no report"
  [ "$(grep -c 'WARNING: Using incubator modules' "$1/logs/analysis_$2.out")" = 0 ] \
    || fail "the analysis job, which trains nothing, printed the incubator warning"
}

"$cluster" install configure
trap '"$cluster" stop' EXIT
"$cluster" start
# build the jar once, here, before any job runs
"$repo/rscale" --version >/dev/null
rm -rf "$WORK"; mkdir -p "$WORK"
log "cluster up, jar built"

# ---------------------------------------------------------------- 1. a sweep end to end
current=$WORK/ok
touch "$WORK/marker-ok"
rscale submit --preset smoke --set seeds=0,1 --out "$current" --time 0:10:00 --throttle 4 >"$WORK/ok.out"
A=$(array_job "$WORK/ok.out"); B=$(analysis_job "$WORK/ok.out")
[ -n "$A" ] && [ -n "$B" ] || fail "submit printed no job ids: $(cat "$WORK/ok.out")"
grep -q "6 tasks: 0-5, at most 4 at once" "$WORK/ok.out" || fail "unexpected submit output: $(cat "$WORK/ok.out")"
wait_gone 300 "$A" "$B"
cells_ran "$current" "$A" "$WORK/marker-ok" 0 1 2 3 4 5
[ "$(count "$current"/runs/*/run.json)" = 6 ] || fail "expected 6 results"
analysis_ran "$current" "$B" "$WORK/marker-ok"
rscale status "$current" >"$WORK/ok.status"
grep -q "6 cells: 6 done, 0 running, 0 queued, 0 failed, 0 missing" "$WORK/ok.status" || fail "status: $(cat "$WORK/ok.status")"
rscale run-task "$current" --index 3 | grep -q "already complete" || fail "run-task of a complete cell did not exit at once"
log "1. ok: array job $A ran 6 cells, analysis job $B wrote statistics, fits, verdict and figures"

# ---------------------------------------------------------------- 2. a failing task cancels the analysis
current=$WORK/fail
touch "$WORK/marker-fail"
rscale plan --preset smoke --set seeds=0,1 --out "$current" >/dev/null
victim=$(cell_id "$current" 2)
# a foreign file where the cell's claim directory goes: claiming the cell fails
echo "not a claim" >"$current/runs/.claim-$victim"
rscale submit "$current" --time 0:10:00 >"$WORK/fail.out"
A=$(array_job "$WORK/fail.out"); B=$(analysis_job "$WORK/fail.out")
wait_gone 300 "$A"
# the analysis job must leave the queue (cancelled), not stay pending on an unmet dependency
wait_gone 30 "$B"
cells_ran "$current" "$A" "$WORK/marker-fail" 0 1 3 4 5
[ ! -e "$current/runs/$victim/run.json" ] || fail "the failed cell has a result"
grep -q "cannot claim" "$current/runs/.failed-$victim.json" || fail "no failure record for $victim"
[ ! -e "$current/logs/analysis_$B.out" ] || fail "the analysis job ran although a task failed"
[ ! -e "$current/analysis" ] || fail "analysis outputs written although a task failed"
rscale status "$current" >"$WORK/fail.status"
grep -q "6 cells: 5 done, 0 running, 0 queued, 1 failed, 0 missing" "$WORK/fail.status" || fail "status: $(cat "$WORK/fail.status")"
grep -q "failed .*$victim: UncheckedIOException: cannot claim .*Not a directory" "$WORK/fail.status" || fail "status gives no reason: $(cat "$WORK/fail.status")"
log "2. ok: task ${A}_2 failed with its reason recorded; analysis job $B was cancelled, never ran"

# ---------------------------------------------------------------- 3. cancel, kill, resume
current=$WORK/cancel
touch "$WORK/marker-cancel"
rscale submit --preset smoke --set depths.values=4,8,2500,3000 --set epochs=150 --set patience=1000 \
  --set epsilon=1e-12 --out "$current" --time 0:10:00 >"$WORK/cancel.out"
A=$(array_job "$WORK/cancel.out"); B=$(analysis_job "$WORK/cancel.out")
long0=$(cell_id "$current" 0); long1=$(cell_id "$current" 1)
deadline=$(( $(date +%s) + 120 ))
until [ -e "$current/runs/.claim-$long0/claim.json" ] && [ -e "$current/runs/.claim-$long1/claim.json" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the long cells never started"
  sleep 0.2
done
sleep 2
[ ! -e "$current/runs/$long0" ] && [ ! -e "$current/runs/$long1" ] || fail "the long cells finished too soon to be cancelled"
scancel "${A}_0"   # SIGTERM, then SIGKILL after KillWait: as scancel, a time limit, preemption
# no warning and no clean-up, as in a node failure: SIGKILL to the task's JVM (its pid is in its claim;
# scancel --signal=KILL would still send SIGTERM first)
pid=$(sed -n 's/.*"pid" : \([0-9]*\).*/\1/p' "$current/runs/.claim-$long1/claim.json")
[ -n "$pid" ] && kill -KILL "$pid" || fail "cannot find the pid of task ${A}_1"
wait_gone 300 "$A"
wait_gone 30 "$B"
for id in "$long0" "$long1"; do
  [ ! -e "$current/runs/$id/run.json" ] || fail "the killed cell $id left a result"
done
grep -q '"kind" : "terminated"' "$current/runs/.failed-$long0.json" || fail "the cancelled task recorded no termination"
[ ! -e "$current/runs/.claim-$long0" ] || fail "the cancelled task left its claim"
[ -e "$current/runs/.claim-$long1" ] || fail "expected the stale claim of the killed task"
cells_ran "$current" "$A" "$WORK/marker-cancel" 2 3
rscale status "$current" >"$WORK/cancel.status"
grep -q "4 cells: 2 done, 0 running, 0 queued, 2 failed, 0 missing" "$WORK/cancel.status" || fail "status: $(cat "$WORK/cancel.status")"
grep -q "$long0: terminated by a signal" "$WORK/cancel.status" || fail "status: $(cat "$WORK/cancel.status")"
grep -q "$long1: killed: no result, the claim of .* is stale" "$WORK/cancel.status" || fail "status: $(cat "$WORK/cancel.status")"
touch "$WORK/marker-resume"
rscale submit "$current" --resume --time 0:10:00 >"$WORK/resume.out"
grep -q "2 tasks: 0-1" "$WORK/resume.out" || fail "resume should submit the two killed cells: $(cat "$WORK/resume.out")"
A2=$(array_job "$WORK/resume.out"); B2=$(analysis_job "$WORK/resume.out")
wait_gone 300 "$A2" "$B2"
cells_ran "$current" "$A2" "$WORK/marker-resume" 0 1
analysis_ran "$current" "$B2" "$WORK/marker-resume"
[ "$(count "$current"/runs/.claim-* "$current"/runs/.failed-*)" = 0 ] || fail "claims or failure records left"
rscale status "$current" | grep -q "4 cells: 4 done" || fail "the resumed sweep is not complete"
log "3. ok: cancelled ${A}_0 and killed ${A}_1 left no result; --resume ($A2) completed the sweep, analysis $B2 ran"

# ---------------------------------------------------------------- 4. GPUs
current=$WORK/gpu
set +e
rscale submit --preset smoke --out "$WORK/gpu2" --gpus 2 --jar "$JAR" >"$WORK/gpu2.out" 2>"$WORK/gpu2.err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "--gpus 2 on a 1-GPU cluster: exit $rc, expected 2"
grep -q "cannot run --gres=gpu:2" "$WORK/gpu2.err" || fail "no clear GPU message: $(cat "$WORK/gpu2.err")"
[ ! -e "$WORK/gpu2/slurm/submissions.json" ] && [ -z "$(squeue -h -n rscale-gpu2)" ] || fail "--gpus 2 submitted jobs"
touch "$WORK/marker-gpu"
rscale submit --preset smoke --out "$current" --gpus 1 --jar "$JAR" --time 0:10:00 >"$WORK/gpu.out" 2>"$WORK/gpu.err"
grep -q "kernel is 'auto'" "$WORK/gpu.err" || fail "no warning about the kernel: $(cat "$WORK/gpu.err")"
A=$(array_job "$WORK/gpu.out"); B=$(analysis_job "$WORK/gpu.out")
wait_gone 300 "$A" "$B"
cells_ran "$current" "$A" "$WORK/marker-gpu" 0 1 2
grep -q "GPUs 0," "$current/logs/${A}_0.out" || fail "the GPU task saw no GPU: $(head -1 "$current/logs/${A}_0.out")"
log "4. ok: --gpus 2 refused before submitting; --gpus 1 tasks ran with CUDA_VISIBLE_DEVICES=0"

# ---------------------------------------------------------------- 5. hostile paths and sbatch options
current="$WORK/pct%j%u it's \$(touch PWNED) \`touch PWNED2\`"
touch "$WORK/marker-path"
rscale submit --preset smoke --out "$current" --time 0:10:00 >"$WORK/path.out"
A=$(array_job "$WORK/path.out"); B=$(analysis_job "$WORK/path.out")
[ -n "$A" ] && [ -n "$B" ] || fail "submit printed no job ids: $(cat "$WORK/path.out")"
wait_gone 300 "$A" "$B"
cells_ran "$current" "$A" "$WORK/marker-path" 0 1 2
analysis_ran "$current" "$B" "$WORK/marker-path"
[ -z "$(find "$WORK" "$repo" "$PWD" -maxdepth 1 -name 'PWNED*' 2>/dev/null)" ] || fail "a job script ran part of the path"
[ "$(find "$WORK" -maxdepth 1 -name 'pct*' | wc -l)" = 1 ] || fail "logs landed outside the sweep: $(ls -d "$WORK"/pct*)"
set +e
rscale submit --preset smoke --out "$WORK/nl"$'\n'"touch PWNED3" --dry-run >/dev/null 2>"$WORK/nl.err"; rc_nl=$?
rscale submit --preset smoke --out "$WORK/arr" --sbatch-arg=-a0-99 >/dev/null 2>"$WORK/arr.err"; rc_arr=$?
set -e
# one line of rscale's (the JVM adds its own line about the incubating Vector API)
[ "$rc_nl" = 2 ] && grep -q "control character" "$WORK/nl.err" && [ "$(grep -c '^rscale:' "$WORK/nl.err")" = 1 ] \
  || fail "a newline in --out: exit $rc_nl, $(cat "$WORK/nl.err")"
[ "$rc_arr" = 2 ] && grep -q "sets sbatch's --array" "$WORK/arr.err" || fail "-a0-99: exit $rc_arr, $(cat "$WORK/arr.err")"
[ ! -e "$WORK/nl"$'\n'"touch PWNED3" ] && [ ! -e "$WORK/arr" ] || fail "a refused submission wrote its sweep"
log "5. ok: a sweep at a path with %, quotes, \$(...) ran with its logs in place; a newline and -a0-99 were refused"

log "PASSED in $(( $(date +%s) - T0 ))s"
