package org.rscale.sweeps.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping (its timings are machine figures and are not tested). */
class KernelBenchmarkTest {

    private static final KernelBenchmark.Budget TINY = new KernelBenchmark.Budget(0.01, 2, 4, 0.05);

    @Test
    void theHeapEstimateCoversWhatTheKernelAllocatesPlusTheNetwork() {
        java.util.List<String> kernels = new java.util.ArrayList<>(java.util.List.of("loop", "nd4j"));
        if (org.rscale.sweeps.kernel.KernelFactory.vectorAvailable()) {
            kernels.add("vector");
        }
        for (String kernel : kernels) {
        for (String precision : new String[] {"float64", "float32"}) {
            for (int[] shape : new int[][] {{3, 5, 7}, {10, 32, 40}, {25, 8, 12}, {1, 1, 1}, {7, 33, 3}}) {
                BenchCase c = new BenchCase(kernel, precision, shape[0], shape[1], shape[2], "tanh", "shared", "adam");
                BenchResult r = KernelBenchmark.run(c, TINY);
                long network = 8L * shape[2] * ((long) shape[0] * shape[0] + shape[0] + 1);
                long estimate = KernelBenchmark.estimatedBytes(c);
                assertTrue(estimate >= r.memoryBytes() + network, kernel + " " + precision + " " + java.util.Arrays.toString(shape)
                        + ": estimate " + estimate + " < kernel " + r.memoryBytes() + " + network " + network);
                assertTrue(estimate <= 2 * (r.memoryBytes() + network) + 65536, "and not far above: " + estimate);
                assertTrue(r.steps() >= 2 && r.steps() <= 4, "the budget's step bounds: " + r.steps());
                assertTrue(r.usPerLayerStepMin() <= r.usPerLayerStep() && r.usPerLayerStep() <= r.usPerLayerStepMax());
            }
        }
        }
    }

    @Test
    void aCaseTooLargeForTheHeapIsRefusedBeforeAnythingIsAllocated() {
        int depth = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / (8 * 100 * 100) + 1);
        BenchCase c = new BenchCase("loop", "float64", 100, 32, depth, "tanh", "shared", "adam");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelBenchmark.run(c, TINY));
        assertTrue(e.getMessage().contains("MiB") && e.getMessage().contains("-Xmx"), e.getMessage());
        assertEquals(IllegalStateException.class, e.getClass());
    }
}
