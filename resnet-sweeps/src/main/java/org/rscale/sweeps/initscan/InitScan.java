package org.rscale.sweeps.initscan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

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
    public record Summary(int total, int skipped, int computed, List<Failure> failed, double computeSeconds,
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
     * A unit that could not be computed.
     *
     * @param unit  the unit
     * @param error the error
     */
    public record Failure(ScanUnit unit, Exception error) {
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
        List<ScanUnit> todo = new ArrayList<>(dir.missing());
        double cost = 0;
        for (ScanUnit u : todo) {
            cost += u.cost(config);
        }
        todo.sort(Comparator.comparingDouble((ScanUnit u) -> -u.cost(config)).thenComparingInt(ScanUnit::index));
        int total = dir.plan().units().size();
        listener.scanStarted(total, total - todo.size(), cost);
        ConcurrentLinkedQueue<ScanUnit> queue = new ConcurrentLinkedQueue<>(todo);
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger computed = new AtomicInteger();
        DoubleAdder seconds = new DoubleAdder();
        InitPropagation probe = InitPropagation.create(config.kernel());
        listener.kernelChosen(probe.name(), probe.device());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(jobs, Math.max(1, todo.size())); t++) {
            ScanWorker worker = new ScanWorker(config, t == 0 ? probe : InitPropagation.create(config.kernel()));
            Thread thread = new Thread(() -> work(dir, worker, queue, listener, failures, computed, seconds),
                    "rscale-init-scan-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        }
        failures.sort(Comparator.comparingInt(f -> f.unit().index()));
        ScanRecord record = failures.isEmpty() && dir.missing().isEmpty()
                ? dir.assemble(computed.get(), seconds.sum(), probe.name(), probe.device(), started)
                : null;
        return new Summary(total, total - todo.size(), computed.get(), failures, seconds.sum(), probe.name(),
                probe.device(), record);
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

    private static void work(ScanDirectory dir, ScanWorker worker, ConcurrentLinkedQueue<ScanUnit> queue,
                             ScanListener listener, List<Failure> failures, AtomicInteger computed,
                             DoubleAdder seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ScanConfig config = dir.plan().config();
        ScanUnit unit;
        while ((unit = queue.poll()) != null) {
            long start = threads.getCurrentThreadCpuTime();
            try {
                if (!dir.isDone(unit)) {
                    dir.publish(unit, worker.compute(unit));
                }
                double s = (threads.getCurrentThreadCpuTime() - start) * 1e-9;
                seconds.add(s);
                computed.incrementAndGet();
                listener.unitFinished(unit, unit.cost(config), s);
            } catch (RuntimeException | OutOfMemoryError e) {
                Exception error = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
                failures.add(new Failure(unit, error));
                listener.unitFailed(unit, error);
            }
        }
    }
}
