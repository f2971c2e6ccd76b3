package org.rscale.sweeps.plan;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * What the worker threads of a study ({@code rscale init-scan}, {@code rscale init-train}) hold in memory, and so
 * how many of them a heap takes: each of {@code jobs} workers holds the workspaces of its unit (the largest unit
 * counts for all), and the study holds its shared data once (the images of {@code init-train}). Like
 * {@link CellFootprint}, the total must {@link KernelBenchmark#fits fit} in the heap ({@value
 * KernelBenchmark#HEAP_FRACTION} of it), so that a study is refused (or run with fewer threads) before it starts,
 * not ended by an {@code OutOfMemoryError} in one of its threads.
 *
 * @param perWorker   the largest unit's workspaces, bytes
 * @param largest     that unit, described (e.g. {@code res-3 fbm H=0.5 width 40 depth 1000 draw 0})
 * @param sharedBytes what the study holds once, bytes
 * @param what        the units in words, plural (e.g. {@code units}, {@code trainings})
 */
public record StudyFootprint(long perWorker, String largest, long sharedBytes, String what) {

    /**
     * @param todo        the units to compute
     * @param bytes       one unit's workspaces, bytes
     * @param sharedBytes what the study holds once
     * @param what        the units in words, plural
     * @param <U>         the unit type
     * @return the footprint of the largest unit (0 bytes per worker when there is nothing to do)
     */
    public static <U extends WorkUnit> StudyFootprint of(List<U> todo, ToLongFunction<U> bytes, long sharedBytes,
                                                         String what) {
        long most = 0;
        String name = "";
        for (U u : todo) {
            long b = bytes.applyAsLong(u);
            if (b > most) {
                most = b;
                name = u.describe();
            }
        }
        return new StudyFootprint(most, name, sharedBytes, what);
    }

    /**
     * @param jobs worker threads
     * @return the heap they need, bytes
     */
    public long bytes(int jobs) {
        return sharedBytes + jobs * perWorker;
    }

    /**
     * @param heap a heap
     * @return the most workers that fit in it (0 when not even one does)
     */
    public int jobsThatFit(HeapLimit heap) {
        double room = heap.bytes() * KernelBenchmark.HEAP_FRACTION - sharedBytes;
        if (room < perWorker) {
            return 0;
        }
        return perWorker == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, (long) (room / perWorker));
    }

    /**
     * The workers a study runs with: {@code requested} when they fit in the heap; otherwise, when the number was
     * the default, as many as fit (at least 1), and when it was given, a refusal.
     *
     * @param requested the requested worker threads, at least 1
     * @param given     whether the user gave that number ({@code --jobs}); the default is lowered instead
     * @param heap      the heap of the JVM that runs the study
     * @return the workers to run
     * @throws InvalidInputException when one worker does not fit, or the given number does not
     */
    public int jobs(int requested, boolean given, HeapLimit heap) {
        int fit = jobsThatFit(heap);
        if (fit >= requested) {
            return requested;
        }
        if (fit == 0) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s needs about %s of heap%s, more "
                    + "than %.0f%% of %s; it needs %s (RSCALE_JAVA_OPTS=%s), or make it smaller",
                    largest, CellFootprint.gib(bytes(1)), sharedBytes == 0 ? "" : " (" + CellFootprint.gib(perWorker)
                            + shared() + ")",
                    KernelBenchmark.HEAP_FRACTION * 100, heap.description(), KernelBenchmark.xmxFor(bytes(1)),
                    KernelBenchmark.xmxFor(bytes(1))));
        }
        if (given) {
            throw new InvalidInputException(String.format(Locale.ROOT, "--jobs %d: %d %s at once need about %s of "
                    + "heap (%s each%s), more than %.0f%% of %s; use at most --jobs %d, or RSCALE_JAVA_OPTS=%s",
                    requested, requested, what, CellFootprint.gib(bytes(requested)), CellFootprint.gib(perWorker),
                    shared(), KernelBenchmark.HEAP_FRACTION * 100, heap.description(), fit,
                    KernelBenchmark.xmxFor(bytes(requested))));
        }
        return fit;
    }

    private String shared() {
        return sharedBytes == 0 ? "" : ", plus " + CellFootprint.gib(sharedBytes) + " of data";
    }
}
