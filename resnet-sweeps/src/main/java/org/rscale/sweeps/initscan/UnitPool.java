package org.rscale.sweeps.initscan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Computes work units on {@code jobs} threads, the most costly first, each unit on one thread with
 * that thread's own worker (kernel workspaces are per thread). A unit that fails (a bug, an I/O
 * error) is recorded and the others go on.
 */
public final class UnitPool {
    private UnitPool() {
    }

    /**
     * A unit that could not be computed.
     *
     * @param unit  the unit
     * @param error the error
     */
    public record Failure(WorkUnit unit, Exception error) {
    }

    /**
     * What a run of the pool did.
     *
     * @param computed       units computed
     * @param failed         failures, by unit index
     * @param computeSeconds thread seconds of the units computed
     */
    public record Outcome(int computed, List<Failure> failed, double computeSeconds) {
        /**
         * Copies the list.
         *
         * @param computed       units computed
         * @param failed         failures
         * @param computeSeconds thread seconds
         */
        public Outcome {
            failed = List.copyOf(failed);
        }
    }

    /**
     * @param todo     the units to compute
     * @param jobs     threads, at least 1
     * @param workers  makes one thread's worker, which computes and publishes a unit
     * @param cost     a unit's cost estimate (the most costly start first; reported to the listener)
     * @param listener told about every finished or failed unit
     * @param <U>      the unit type
     * @return what was done
     */
    public static <U extends WorkUnit> Outcome run(List<U> todo, int jobs, Supplier<Consumer<U>> workers,
                                                   ToDoubleFunction<U> cost, ScanListener listener) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        List<U> order = new ArrayList<>(todo);
        order.sort(Comparator.comparingDouble((U u) -> -cost.applyAsDouble(u)).thenComparingInt(WorkUnit::index));
        ConcurrentLinkedQueue<U> queue = new ConcurrentLinkedQueue<>(order);
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger computed = new AtomicInteger();
        DoubleAdder seconds = new DoubleAdder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(jobs, Math.max(1, order.size())); t++) {
            Consumer<U> worker = workers.get();
            Thread thread = new Thread(() -> {
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                U unit;
                while ((unit = queue.poll()) != null) {
                    long start = cpu.getCurrentThreadCpuTime();
                    try {
                        worker.accept(unit);
                        double s = (cpu.getCurrentThreadCpuTime() - start) * 1e-9;
                        seconds.add(s);
                        computed.incrementAndGet();
                        listener.unitFinished(unit, cost.applyAsDouble(unit), s);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        Exception error = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
                        failures.add(new Failure(unit, error));
                        listener.unitFailed(unit, error);
                    }
                }
            }, "rscale-unit-" + t);
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
            throw new IllegalStateException("interrupted", e);
        }
        failures.sort(Comparator.comparingInt(f -> f.unit().index()));
        return new Outcome(computed.get(), failures, seconds.sum());
    }
}
