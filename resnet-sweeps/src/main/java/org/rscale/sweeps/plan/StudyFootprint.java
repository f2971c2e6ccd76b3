package org.rscale.sweeps.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * What the worker threads of a study ({@code rscale init-scan}, {@code rscale init-train}) or of a local sweep
 * ({@code rscale sweep}, {@code rscale demo}) hold in memory, and so how many of them a heap takes. The one rule for
 * {@code --jobs}: {@code jobs} workers at once need
 * <pre>
 *   bytes(jobs) = shared + w_1 + w_2 + ... + w_jobs
 * </pre>
 * where w_1 &ge; w_2 &ge; ... is what the busiest workers hold, and {@code bytes(jobs)} must
 * {@link KernelBenchmark#fits fit} in the heap ({@value KernelBenchmark#HEAP_FRACTION} of it), so that the work is
 * refused (or run with fewer threads) before it starts, not ended by an {@code OutOfMemoryError} in one of its
 * threads. Two kinds of workers:
 * <ul>
 * <li>a study's workers keep their workspaces from unit to unit ({@link #of}): each may come to hold the largest
 *     unit's, so w_i is the largest unit's for every i;</li>
 * <li>a sweep's workers hold only the cell they train ({@link #ofEach}): {@code jobs} of them hold at most the
 *     {@code jobs} largest cells still to train (w_i is the i-th largest, 0 past the last), whatever the order the
 *     cells run in; longest-first order makes the largest run together.</li>
 * </ul>
 * A given {@code --jobs} that does not fit is refused; the default is lowered to what fits ({@link #jobs}).
 *
 * @param largestFirst what the busiest workers hold, bytes, largest first: the largest unit's alone when workers keep
 *                     their workspaces, every unit's otherwise; empty when there is nothing to do
 * @param kept         whether workers keep their workspaces from unit to unit (then every worker counts the largest)
 * @param largest      the largest unit, described (e.g. {@code res-3 fbm H=0.5 width 40 depth 1000 draw 0})
 * @param sharedBytes  what the work holds once, bytes
 * @param what         the units in words, plural (e.g. {@code units}, {@code trainings}, {@code cells})
 */
public record StudyFootprint(List<Long> largestFirst, boolean kept, String largest, long sharedBytes, String what) {

    /**
     * Copies the list and checks its order.
     *
     * @param largestFirst what the busiest workers hold, largest first
     * @param kept         whether workers keep their workspaces
     * @param largest      the largest unit, described
     * @param sharedBytes  what the work holds once
     * @param what         the units in words
     * @throws IllegalArgumentException when the sizes are not largest first or one is negative
     */
    public StudyFootprint {
        largestFirst = List.copyOf(largestFirst);
        for (int i = 0; i < largestFirst.size(); i++) {
            if (largestFirst.get(i) < 0 || i > 0 && largestFirst.get(i) > largestFirst.get(i - 1)) {
                throw new IllegalArgumentException("sizes must be non-negative, largest first: " + largestFirst);
            }
        }
    }

    /**
     * The footprint of workers that keep their workspaces: every worker counts the largest unit.
     *
     * @param perWorker   the largest unit's workspaces, bytes
     * @param largest     that unit, described
     * @param sharedBytes what the work holds once, bytes
     * @param what        the units in words, plural
     */
    public StudyFootprint(long perWorker, String largest, long sharedBytes, String what) {
        this(List.of(perWorker), true, largest, sharedBytes, what);
    }

    /**
     * The footprint of a study, whose workers keep their workspaces from unit to unit.
     *
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
     * The footprint of workers that each hold only the unit they compute (a sweep's cells).
     *
     * @param bytes       every unit's peak, bytes, in any order
     * @param largest     the largest unit, described
     * @param sharedBytes what the work holds once, bytes
     * @param what        the units in words, plural
     * @return the footprint: {@code jobs} workers hold at most the {@code jobs} largest units
     */
    public static StudyFootprint ofEach(List<Long> bytes, String largest, long sharedBytes, String what) {
        List<Long> sorted = new ArrayList<>(bytes);
        sorted.sort(Collections.reverseOrder());
        return new StudyFootprint(sorted, false, largest, sharedBytes, what);
    }

    /** @return what the busiest worker holds, bytes: the largest unit's (0 when there is nothing to do) */
    public long perWorker() {
        return largestFirst.isEmpty() ? 0 : largestFirst.get(0);
    }

    /**
     * @param jobs worker threads
     * @return the heap they need, bytes (saturating at {@code Long.MAX_VALUE})
     */
    public long bytes(int jobs) {
        long sum = sharedBytes;
        if (kept) {
            return add(sum, perWorker() > Long.MAX_VALUE / Math.max(1, jobs) ? Long.MAX_VALUE : jobs * perWorker());
        }
        for (int i = 0; i < Math.min(jobs, largestFirst.size()); i++) {
            sum = add(sum, largestFirst.get(i));
        }
        return sum;
    }

    /**
     * @param heap a heap
     * @return the most workers that fit in it (0 when not even one does; {@code Integer.MAX_VALUE} when any number
     *         does)
     */
    public int jobsThatFit(HeapLimit heap) {
        if (!KernelBenchmark.fits(bytes(1), heap.bytes())) {
            return 0;
        }
        if (kept) {
            double room = heap.bytes() * KernelBenchmark.HEAP_FRACTION - sharedBytes;
            return perWorker() == 0 ? Integer.MAX_VALUE
                    : (int) Math.min(Integer.MAX_VALUE, (long) (room / perWorker()));
        }
        long sum = bytes(1);
        int k = 1;
        while (k < largestFirst.size() && KernelBenchmark.fits(add(sum, largestFirst.get(k)), heap.bytes())) {
            sum = add(sum, largestFirst.get(k));
            k++;
        }
        return k >= largestFirst.size() ? Integer.MAX_VALUE : k;
    }

    /**
     * The workers the work runs with: {@code requested} when they fit in the heap; otherwise, when the number was
     * the default, as many as fit (at least 1), and when it was given, a refusal.
     *
     * @param requested the requested worker threads, at least 1
     * @param given     whether the user gave that number ({@code --jobs}); the default is lowered instead
     * @param heap      the heap of the JVM that runs the work
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
                    largest, CellFootprint.gib(bytes(1)), sharedBytes == 0 ? "" : " (" + CellFootprint.gib(perWorker())
                            + shared() + ")",
                    KernelBenchmark.HEAP_FRACTION * 100, heap.description(), KernelBenchmark.xmxFor(bytes(1)),
                    KernelBenchmark.xmxFor(bytes(1))));
        }
        if (given) {
            // workers past the last unit hold nothing, so the message counts the units that would run at once
            int busy = kept ? requested : Math.min(requested, largestFirst.size());
            String each = kept ? CellFootprint.gib(perWorker()) + " each"
                    : String.format(Locale.ROOT, "the %d largest %s left, up to %s each", busy, what,
                    CellFootprint.gib(perWorker()));
            throw new InvalidInputException(String.format(Locale.ROOT, "--jobs %d: %d %s at once need about %s of "
                    + "heap (%s%s), more than %.0f%% of %s; use at most --jobs %d, or RSCALE_JAVA_OPTS=%s",
                    requested, busy, what, CellFootprint.gib(bytes(requested)), each,
                    shared(), KernelBenchmark.HEAP_FRACTION * 100, heap.description(), fit,
                    KernelBenchmark.xmxFor(bytes(requested))));
        }
        return fit;
    }

    private String shared() {
        return sharedBytes == 0 ? "" : ", plus " + CellFootprint.gib(sharedBytes) + " of data";
    }

    private static long add(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
