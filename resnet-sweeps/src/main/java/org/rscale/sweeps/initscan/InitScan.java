package org.rscale.sweeps.initscan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.kernel.InitPropagation;

/**
 * Computes the missing units of a scan on this machine, {@code jobs} threads at a time (each unit
 * single-threaded; the largest units first), then assembles the tables when every unit is done. A
 * killed scan resumes with the missing units. A unit that fails (a bug, an I/O error) is reported
 * and the others go on; the tables are then not assembled.
 */
public final class InitScan {
    private InitScan() {
    }

    /**
     * What a run did.
     *
     * @param total          units in the plan
     * @param skipped        units already on disk at the start
     * @param computed       units computed now
     * @param failed         units that failed, with their errors
     * @param computeSeconds thread seconds of the units computed now
     * @param kernel         the kernel's name
     * @param device         its device
     * @param record         the assembled scan's record, or null when units are missing
     */
    public record Summary(int total, int skipped, int computed, List<UnitPool.Failure> failed, double computeSeconds,
                          String kernel, String device, ScanRecord record) {
        /**
         * Copies the list.
         *
         * @param total          units in the plan
         * @param skipped        units already done
         * @param computed       units computed now
         * @param failed         failures
         * @param computeSeconds thread seconds
         * @param kernel         the kernel
         * @param device         the device
         * @param record         the record, or null
         */
        public Summary {
            failed = List.copyOf(failed);
        }
    }

    /**
     * Computes every missing unit, then assembles.
     *
     * @param dir      the scan
     * @param jobs     worker threads, at least 1
     * @param listener told about progress
     * @return what was done
     */
    public static Summary run(ScanDirectory dir, int jobs, ScanListener listener) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        Instant started = Instant.now();
        ScanConfig config = dir.plan().config();
        List<ScanUnit> todo = dir.missing();
        double cost = 0;
        for (ScanUnit u : todo) {
            cost += u.cost(config);
        }
        int total = dir.plan().units().size();
        listener.scanStarted(total, total - todo.size(), cost);
        InitPropagation probe = InitPropagation.create(config.kernel());
        listener.kernelChosen(probe.name(), probe.device());
        List<InitPropagation> kernels = new ArrayList<>(List.of(probe));
        UnitPool.Outcome outcome = UnitPool.run(todo, jobs, () -> {
            ScanWorker worker;
            synchronized (kernels) {
                worker = new ScanWorker(config, kernels.isEmpty() ? InitPropagation.create(config.kernel())
                        : kernels.remove(0));
            }
            return unit -> {
                if (!dir.isDone(unit)) {
                    dir.publish(unit, worker.compute(unit));
                }
            };
        }, u -> u.cost(config), listener);
        ScanRecord record = outcome.failed().isEmpty() && dir.missing().isEmpty()
                ? dir.assemble(outcome.computed(), outcome.computeSeconds(), probe.name(), probe.device(), started)
                : null;
        return new Summary(total, total - todo.size(), outcome.computed(), outcome.failed(), outcome.computeSeconds(),
                probe.name(), probe.device(), record);
    }

    /**
     * Computes one unit (a cluster array task); does nothing when it is done already.
     *
     * @param dir   the scan
     * @param index the unit's index
     * @return whether it was computed now
     */
    public static boolean runOne(ScanDirectory dir, int index) {
        ScanUnit unit = dir.plan().unit(index);
        if (dir.isDone(unit)) {
            return false;
        }
        ScanConfig config = dir.plan().config();
        dir.publish(unit, new ScanWorker(config, InitPropagation.create(config.kernel())).compute(unit));
        return true;
    }

}
