package org.rscale.sweeps.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.io.FileFailure;

/**
 * Runs the missing cells of a sweep on this machine, {@code jobs} at a time, each cell
 * single-threaded, longest cells first (the plan's order). Cells already complete are skipped, so
 * a killed sweep resumes where it stopped. A cell that fails (an I/O error, not a divergence,
 * which is a result) is reported and the others go on.
 */
public final class LocalSweep {

    private LocalSweep() {
    }

    /**
     * What a local sweep did.
     *
     * @param total   cells in the plan
     * @param skipped cells already complete at the start
     * @param trained cells trained now
     * @param failed  cells that failed, with their errors
     * @param held    cells left to other live processes that hold their claims
     * @param elsewhere cells found complete when their turn came: another process finished them meanwhile
     * @param stopped the failure that stopped the sweep before it tried every cell (a full disk), or empty
     */
    public record Summary(int total, int skipped, int trained, List<Failure> failed, int held, int elsewhere,
                          Optional<Failure> stopped) {
        // Copies the list.
        public Summary {
            failed = List.copyOf(failed);
        }
    }

    /**
     * A cell that could not be trained.
     *
     * @param cell  the cell
     * @param error the error
     */
    public record Failure(Cell cell, Exception error) {
    }

    /**
     * The default number of cells trained at once, for {@code sweep} and {@code demo} alike: the hardware threads
     * (every kernel is single-threaded, so cells in parallel use the cores without oversubscribing them). The
     * commands lower it when the largest cells left would not fit in the heap together
     * ({@link CellFootprint#concurrent}).
     *
     * @return the hardware threads, at least 1
     */
    public static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param sweep    the sweep directory
     * @param jobs     cells at once, at least 1
     * @param listener told about progress
     * @return what was done
     */
    public static Summary run(SweepDirectory sweep, int jobs, SweepListener listener) {
        return run(sweep, jobs, listener, new CellRunner(new DataSource()));
    }

    /**
     * Trains the missing cells. First removes the leftovers of stopped processes ({@link Leftovers})
     * and checks that every missing cell, and {@code jobs} of them at once, fit in this JVM's heap
     * ({@link #run(SweepDirectory, int, SweepListener, CellRunner, HeapLimit)}). A
     * failed cell is recorded and the others go on, except when the disk is full
     * ({@link FileFailure#isDiskFull}): then no further cell is started, since none could be written.
     *
     * @param sweep    the sweep directory
     * @param jobs     cells at once, at least 1
     * @param listener told about progress
     * @param runner   trains one cell
     * @return what was done
     * @throws org.rscale.sweeps.InvalidInputException when a missing cell, or {@code jobs} of them at once, do not
     *                                                 fit in the heap
     */
    public static Summary run(SweepDirectory sweep, int jobs, SweepListener listener, CellRunner runner) {
        return run(sweep, jobs, listener, runner, HeapLimit.thisJvm());
    }

    /**
     * Trains the missing cells, checked against a given heap: every missing cell must fit in it
     * ({@link CellFootprint#checkHeap}), and so must the {@code jobs} largest of them together
     * ({@link CellFootprint#concurrent}), since {@code jobs} cells train at once. The caller lowers a default
     * {@code jobs} beforehand ({@link StudyFootprint#jobs}); here {@code jobs} is taken as given.
     *
     * @param sweep    the sweep directory
     * @param jobs     cells at once, at least 1
     * @param listener told about progress
     * @param runner   trains one cell
     * @param heap     the heap of this JVM (tests stand in a smaller one)
     * @return what was done
     * @throws org.rscale.sweeps.InvalidInputException when a missing cell, or {@code jobs} of them at once, do not
     *                                                 fit in the heap
     */
    public static Summary run(SweepDirectory sweep, int jobs, SweepListener listener, CellRunner runner,
                              HeapLimit heap) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        List<Cell> todo = sweep.missing();
        CellFootprint.checkHeap(todo, heap);
        CellFootprint.concurrent(todo).jobs(jobs, true, heap);
        List<Leftovers.Leftover> removed = Leftovers.remove(sweep.root(), runner.liveness());
        if (!removed.isEmpty()) {
            listener.leftoversRemoved(removed);
        }
        int total = sweep.plan().cells().size();
        double cost = 0;
        for (Cell c : todo) {
            cost += c.cost();
        }
        listener.sweepStarted(total, total - todo.size(), cost);
        AtomicInteger trained = new AtomicInteger();
        AtomicInteger held = new AtomicInteger();
        AtomicInteger elsewhere = new AtomicInteger();
        AtomicReference<Failure> stopped = new AtomicReference<>();
        List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "rscale-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell c : todo) {
                futures.add(pool.submit(() -> {
                    if (stopped.get() != null) {
                        return;
                    }
                    listener.cellStarted(c);
                    try {
                        CellRunner.Outcome o = runner.run(sweep, c, listener);
                        if (o.held()) {
                            held.incrementAndGet();
                            listener.cellHeldElsewhere(c, o.heldBy());
                        } else if (o.trained()) {
                            trained.incrementAndGet();
                            listener.cellFinished(c, o.record());
                        } else {
                            elsewhere.incrementAndGet();
                            listener.cellCompletedElsewhere(c, o.record());
                        }
                    } catch (RuntimeException e) {
                        Failure failure = new Failure(c, e);
                        failures.add(failure);
                        if (FileFailure.isDiskFull(e)) {
                            // the first full-disk failure stops the sweep; later ones say nothing new
                            if (stopped.compareAndSet(null, failure)) {
                                listener.sweepStopped(c, e);
                            }
                        } else {
                            listener.cellFailed(c, e);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a cell worker died: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        failures.sort(java.util.Comparator.comparingInt(f -> f.cell().index()));
        return new Summary(total, total - todo.size(), trained.get(), failures, held.get(), elsewhere.get(),
                Optional.ofNullable(stopped.get()));
    }
}
