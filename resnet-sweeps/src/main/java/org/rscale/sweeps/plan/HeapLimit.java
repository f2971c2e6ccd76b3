package org.rscale.sweeps.plan;

/**
 * The heap of the JVM that will train a sweep's cells, against which {@link CellFootprint#checkHeap}
 * checks them: this JVM's for {@code plan}, {@code sweep} and {@code run-task}; for {@code submit}, the
 * heap the cluster jobs will get (their {@code -Xmx}), which may differ from the login node's.
 *
 * @param bytes       the maximum heap, bytes
 * @param description what it is, for messages, e.g. {@code this JVM's heap of 4.0 GiB (-Xmx)}
 */
public record HeapLimit(long bytes, String description) {

    /** @return the heap of this JVM ({@code Runtime.maxMemory()}) */
    public static HeapLimit thisJvm() {
        long max = Runtime.getRuntime().maxMemory();
        return new HeapLimit(max, "this JVM's heap of " + CellFootprint.gib(max) + " (-Xmx)");
    }
}
