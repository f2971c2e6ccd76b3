package org.rscale.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.plan.CellFootprint;
import org.rscale.sweeps.plan.HeapLimit;

/**
 * The memory of the cluster jobs of a submission: the heap their JVM gets and the job's memory
 * limit. {@code submit} plans on a login node, but the cells are trained on compute nodes by a JVM
 * started with the {@code RSCALE_JAVA_OPTS} read at submission, inside a job of {@code --mem}; so
 * the cells are checked against that heap, or against {@code --mem} when it is smaller
 * ({@link #heap()}), not against the login node's heap.
 *
 * <p>The heap is the last {@code -Xmx} (or {@code -XX:MaxHeapSize=}) of the options; without one, the
 * JVM's default, {@code -XX:MaxRAMPercentage} (25 unless given) of {@code --mem}; without {@code --mem}
 * either, unknown, and then the heap of the JVM running {@code submit} stands in for it.
 *
 * @param javaOpts the jobs' JVM options
 * @param mem      {@code --mem} as given, or null
 */
record JobMemory(String javaOpts, String mem) {
    private static final Pattern XMX = Pattern.compile("(?:^|\\s)(?:-Xmx|-XX:MaxHeapSize=)(\\d+)([kKmMgGtT]?)(?=\\s|$)");
    private static final Pattern RAM_PERCENTAGE = Pattern.compile("(?:^|\\s)-XX:MaxRAMPercentage=([0-9.]+)(?=\\s|$)");
    private static final Pattern SLURM_MEM = Pattern.compile("(\\d+)([KMGT]?)", Pattern.CASE_INSENSITIVE);

    /**
     * @return what a job may hold in its heap: the heap its JVM gets, or {@code --mem} when that is less
     *         (SLURM kills a job beyond it)
     * @throws InvalidInputException when {@code --mem} is malformed
     */
    HeapLimit heap() {
        long limit = memBytes();
        long xmx = -1;
        Matcher m = XMX.matcher(javaOpts);
        while (m.find()) {
            xmx = Long.parseLong(m.group(1)) * unit(m.group(2), 1);
        }
        if (xmx > 0 && limit > 0 && limit < xmx) {
            return new HeapLimit(limit, "the jobs' --mem " + mem + " (less than their heap of " + CellFootprint.gib(xmx)
                    + ", RSCALE_JAVA_OPTS='" + javaOpts + "')");
        }
        if (xmx > 0) {
            return new HeapLimit(xmx, "the jobs' heap of " + CellFootprint.gib(xmx) + " (RSCALE_JAVA_OPTS='" + javaOpts
                    + "')");
        }
        if (limit > 0) {
            double percent = 25;
            Matcher p = RAM_PERCENTAGE.matcher(javaOpts);
            while (p.find()) {
                percent = Double.parseDouble(p.group(1));
            }
            long heap = (long) (limit * percent / 100);
            return new HeapLimit(heap, String.format(Locale.ROOT, "the jobs' heap of %s (%.0f%% of --mem %s, "
                    + "RSCALE_JAVA_OPTS='%s')", CellFootprint.gib(heap), percent, mem, javaOpts));
        }
        HeapLimit here = HeapLimit.thisJvm();
        return new HeapLimit(here.bytes(), "the heap of " + CellFootprint.gib(here.bytes()) + " of this JVM (the "
                + "jobs' RSCALE_JAVA_OPTS='" + javaOpts + "' sets no -Xmx, and there is no --mem)");
    }

    /** @return {@code --mem} in bytes; 0 when not given or 0 (SLURM: the whole node) */
    private long memBytes() {
        if (mem == null) {
            return 0;
        }
        Matcher m = SLURM_MEM.matcher(mem.strip());
        if (!m.matches()) {
            throw new InvalidInputException("--mem " + mem + ": expected a size such as 8G, 500M or 16000 (MB)");
        }
        return Long.parseLong(m.group(1)) * unit(m.group(2), 1L << 20);
    }

    /** Bytes per unit letter; {@code none} when there is no letter (1 for the JVM, MB for SLURM). */
    private static long unit(String letter, long none) {
        switch (letter.toUpperCase(Locale.ROOT)) {
            case "K": return 1L << 10;
            case "M": return 1L << 20;
            case "G": return 1L << 30;
            case "T": return 1L << 40;
            default: return none;
        }
    }
}
