package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.BenchCase;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;

/**
 * Cells too large to train are refused when planned, with the size that does not fit: a weight
 * array beyond Java's array limit (whatever the heap), or a peak beyond the heap that will train them.
 */
class CellFootprintTest {

    private static SweepConfig config(String... sets) {
        SweepConfigLoader l = new SweepConfigLoader().preset("smoke");
        for (String s : sets) {
            l.set(s);
        }
        return l.resolve();
    }

    @Test
    void aWeightArrayLargerThanAJavaArrayIsRefusedInLongArithmetic() {
        // 4 x 30000^2 = 3.6e9 overflows int (it was a NegativeArraySizeException mid-cell); 100 x 5000^2 = 2.5e9 too
        for (String[] sets : new String[][] {{"data.dim=30000", "depths.values=4"}, {"data.dim=5000", "depths.values=100"}}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepPlan.of(config(sets)));
            assertTrue(e.getMessage().contains("A (depth x data.dim^2)") && e.getMessage().contains("largest Java array"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(sets[0].equals("data.dim=30000") ? "3,600,000,000" : "2,500,000,000"),
                    e.getMessage());
        }
        // the activations (depth + 1) x d x batch: 2^26 layers of width 1 with batch 64
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepPlan.of(config("data.dim=1",
                "depths.values=67108864", "batch_size=64", "batching=shuffle")));
        assertTrue(e.getMessage().contains("the activations"), e.getMessage());
    }

    @Test
    void thePeakIsTheKernelsEstimatePlusTheDataAndIsCheckedAgainstTheHeap(@TempDir Path dir) {
        SweepPlan plan = SweepPlan.of(config("data.dim=300", "depths.values=1000,2000"));
        Cell deepest = plan.cells().get(0);
        CellSettings s = deepest.settings();
        assertEquals(2000, s.depth());
        long kernel = KernelBenchmark.estimatedBytes(new BenchCase(s.kernel(), s.precision(), 300, s.batchSize(), 2000,
                s.activation().key(), s.delta().key(), s.optimizer()));
        long data = 16L * (s.trainSize() + s.testSize()) * 300;
        assertEquals(kernel + data, CellFootprint.of(deepest).heapBytes(), "one estimate: the kernel's, plus the data");

        HeapLimit small = new HeapLimit(1L << 30, "a heap of 1 GiB");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CellFootprint.checkHeap(plan.cells(), small));
        // 2000 x 300^2 x 8 bytes x (weights, two Adam moments, gradient, the network copied from): about 6 GiB
        assertTrue(e.getMessage().startsWith("cell L02000_s0 (depth 2000, data.dim 300"), e.getMessage());
        assertTrue(e.getMessage().contains("a heap of 1 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains(KernelBenchmark.xmxFor(CellFootprint.of(deepest).heapBytes())),
                e.getMessage());
        CellFootprint.checkHeap(plan.cells(), new HeapLimit(64L << 30, "64 GiB"));

        Path out = dir.resolve("never");
        assertThrows(InvalidInputException.class, () -> SweepDirectory.plan(out, plan.config(), small));
        assertFalse(Files.exists(out), "nothing written for a plan that does not fit");
    }

    @Test
    void aSmallSweepFitsInTheTestJvm() {
        List<Cell> cells = SweepPlan.of(config()).cells();
        CellFootprint.checkHeap(cells, HeapLimit.thisJvm());
        assertTrue(CellFootprint.of(cells.get(0)).heapBytes() > 0);
    }
}
