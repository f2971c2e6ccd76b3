package org.rscale.sweeps.inittrain;

import java.time.Instant;
import java.util.List;

import org.rscale.sweeps.initscan.ScanListener;
import org.rscale.sweeps.initscan.UnitPool;

/**
 * Runs the missing trainings of a study on this machine, {@code jobs} at a time (each single-threaded),
 * then assembles accuracy.csv and train.json. A killed study resumes with the missing trainings.
 */
public final class InitTrain {
    private InitTrain() {
    }

    /**
     * What a run did.
     *
     * @param total          trainings in the plan
     * @param skipped        trainings already done
     * @param computed       trainings run now
     * @param failed         trainings that failed (an error, not a divergence)
     * @param computeSeconds their thread seconds
     * @param record         the assembled record, or null when trainings are missing
     */
    public record Summary(int total, int skipped, int computed, List<UnitPool.Failure> failed, double computeSeconds,
                          TrainRecord record) {
        /**
         * Copies the list.
         *
         * @param total          trainings
         * @param skipped        already done
         * @param computed       run now
         * @param failed         failures
         * @param computeSeconds thread seconds
         * @param record         the record, or null
         */
        public Summary {
            failed = List.copyOf(failed);
        }
    }

    /**
     * @param dir      the study
     * @param data     its data ({@link ImageData#load} of its configuration: read once, before planning,
     *                 so that bad data settings stop everything before a file is written)
     * @param jobs     trainings at once
     * @param listener told about progress
     * @return what was done
     */
    public static Summary run(TrainDirectory dir, ImageData data, int jobs, ScanListener listener) {
        Instant started = Instant.now();
        TrainConfig config = dir.plan().config();
        List<TrainUnit> todo = dir.missing();
        int total = dir.plan().units().size();
        double cost = todo.size() * cost(config);
        listener.scanStarted(total, total - todo.size(), cost);
        listener.kernelChosen("res1-loop", "cpu, scalar");
        UnitPool.Outcome outcome = UnitPool.run(todo, jobs, () -> {
            TrainWorker worker = new TrainWorker(config, data);
            return unit -> {
                if (!dir.isDone(unit)) {
                    dir.publish(unit, worker.train(unit));
                }
            };
        }, u -> cost(config), listener);
        TrainRecord record = outcome.failed().isEmpty() && dir.missing().isEmpty()
                ? dir.assemble(outcome.computed(), outcome.computeSeconds(), data, started)
                : null;
        return new Summary(total, total - todo.size(), outcome.computed(), outcome.failed(), outcome.computeSeconds(),
                record);
    }

    /**
     * Runs one training (a cluster array task); nothing when it is done.
     *
     * @param dir   the study
     * @param data  its data
     * @param index the unit's index
     * @return whether it ran now
     */
    public static boolean runOne(TrainDirectory dir, ImageData data, int index) {
        TrainUnit unit = dir.plan().unit(index);
        if (dir.isDone(unit)) {
            return false;
        }
        dir.publish(unit, new TrainWorker(dir.plan().config(), data).train(unit));
        return true;
    }

    /** A training's cost estimate: epochs x L x d^2 (every training of a study costs the same). */
    private static double cost(TrainConfig config) {
        return (double) config.epochs() * config.depth() * config.width() * config.width();
    }
}
