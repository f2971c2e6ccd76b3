package org.rscale.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a SLURM cluster: records every sbatch command, hands out job ids from 101 on, and
 * answers squeue from a table (anything else: nothing queued).
 */
final class FakeSlurm implements Slurm {
    final List<List<String>> sbatchCalls = new ArrayList<>();
    final List<List<String>> squeueCalls = new ArrayList<>();
    final Map<String, Result> squeueAnswers = new HashMap<>();
    boolean available = true;
    Result testOnly = new Result(0, "", "sbatch: Job 3 to start at 2024-01-01T00:00:00 using 1 processors");
    Result submitFailure;
    private int next = 101;

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public Result sbatch(List<String> args) {
        sbatchCalls.add(List.copyOf(args));
        if (args.contains("--test-only")) {
            return testOnly;
        }
        if (submitFailure != null) {
            return submitFailure;
        }
        return new Result(0, (next++) + "\n", "");
    }

    @Override
    public Result squeue(List<String> args) {
        squeueCalls.add(List.copyOf(args));
        return squeueAnswers.getOrDefault(String.join(" ", args), new Result(0, "", ""));
    }

    /** @return the sbatch calls that submitted a job (not --test-only) */
    List<List<String>> submitted() {
        return sbatchCalls.stream().filter(a -> !a.contains("--test-only")).toList();
    }
}
