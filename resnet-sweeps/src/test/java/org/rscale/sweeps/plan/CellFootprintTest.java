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
import org.rscale.sweeps.data.ImageData;
import org.rscale.sweeps.data.ImageShape;
import org.rscale.sweeps.kernel.conv.ConvKernels;
import org.rscale.sweeps.model.ConvArchitecture;

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
    /**
     * --jobs cells train at once, so the jobs largest cells left must fit together: in a heap of twice the deeper
     * cell (80% of it is 1.6 times that cell), each of two cells (depths 400 and 300) fits alone, not both at once;
     * the default is lowered to 1, a given --jobs 2 refused before anything is trained.
     */
    @Test
    void theLargestCellsLeftMustFitTogether(@TempDir Path dir) {
        SweepPlan plan = SweepPlan.of(config("data.dim=200", "depths.values=400,300"));
        List<Cell> cells = plan.cells();
        long deep = CellFootprint.of(cells.get(0)).heapBytes();
        long shallow = CellFootprint.of(cells.get(1)).heapBytes();
        assertTrue(deep > shallow, "longest first: the deeper cell is first");
        StudyFootprint f = CellFootprint.concurrent(cells);
        assertEquals(List.of(deep, shallow), f.largestFirst());
        assertEquals(deep + shallow, f.bytes(2));
        assertEquals(deep + shallow, f.bytes(3), "a third thread would have no cell");
        assertTrue(f.largest().startsWith("cell L00400_s0 (depth 400, data.dim 200"), f.largest());

        HeapLimit heap = new HeapLimit(deep * 2, "a heap of twice the deeper cell");
        CellFootprint.checkHeap(cells, heap); // each fits alone
        assertEquals(1, f.jobsThatFit(heap));
        assertEquals(1, f.jobs(2, false, heap));
        assertEquals(Integer.MAX_VALUE, f.jobsThatFit(new HeapLimit(2 * (deep + shallow), "a larger heap")),
                "both together fit, so any number of threads does");

        SweepDirectory sweep = SweepDirectory.plan(dir.resolve("sweep"), plan.config(), heap);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocalSweep.run(sweep, 2, SweepListener.NONE, new CellRunner(new org.rscale.sweeps.data.DataSource()),
                        heap));
        assertTrue(e.getMessage().startsWith("--jobs 2: 2 cells at once need about " + CellFootprint.gib(deep + shallow)
                + " of heap (the 2 largest cells left, up to " + CellFootprint.gib(deep) + " each), more than 80% of a "
                + "heap of twice the deeper cell; use at most --jobs 1, or RSCALE_JAVA_OPTS="
                + KernelBenchmark.xmxFor(deep + shallow)), e.getMessage());
        assertEquals(2, sweep.missing().size(), "nothing trained");
    }

    /**
     * A conv cell is counted from its own network, not the fully-connected formula: the kernel's estimate (tested
     * against the kernels' arrays), the initial and trained networks, the trainer's batch and orders, and the images
     * as {@link ImageData#load} holds them (the whole IDX splits here, train_size 0, sized from the headers).
     */
    @Test
    void aConvCellIsCountedFromItsKernelNetworkAndImages(@TempDir Path dir) {
        Path data = org.rscale.sweeps.testing.TinyImages.write(dir.resolve("images"), 40, 12);
        SweepPlan plan = SweepPlan.of(new SweepConfigLoader().preset("fashion-conv-small").set("data.path=" + data)
                .set("data.train_size=0").set("data.test_size=0").set("depths.values=4").set("conv.base_width=2")
                .set("batch_size=8").resolve());
        Cell cell = plan.cells().get(0);
        CellSettings s = cell.settings();

        ImageData loaded = ImageData.load(s.imageData());
        ImageShape shape = ImageShape.of(s.imageData());
        assertEquals(new ImageShape(1, 4, 4, 3, 40, 12), shape);
        assertEquals(loaded.train().pixels().length + loaded.test().pixels().length
                + 4L * (loaded.train().count() + loaded.test().count()), shape.bytes(), "the bytes the images hold");
        assertEquals(loaded.train().classes(), shape.classes());

        ConvArchitecture arch = new ConvArchitecture(List.of(1, 1, 1, 1), 2, 1, 4, 4, 3);
        long kernel = ConvKernels.estimatedBytes(ConvKernels.choose(s.kernel(), s.precision()), arch, 8, s.precision());
        long trainer = 8L * 8 * 16 + 4 * 8 + 4 * (40 + 12) + 8 * arch.parameterCount();
        CellFootprint f = CellFootprint.of(cell);
        assertEquals(kernel + 8 * arch.parameterCount() + trainer + shape.bytes(), f.heapBytes());
        assertEquals(40L * 16, f.arrayCount(), f.arrayName());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CellFootprint.checkHeap(plan.cells(), new HeapLimit(f.heapBytes(), "a small heap")));
        assertTrue(e.getMessage().startsWith("cell " + cell.id() + " (depth 4 (blocks 1-1-1-1), conv.base_width 2, "
                + "batch_size 8, float32) needs about"), e.getMessage());
        assertTrue(e.getMessage().contains("reduce depth, conv.base_width or batch_size"), e.getMessage());
        assertFalse(e.getMessage().contains("data.dim"), e.getMessage());
        CellFootprint.checkHeap(plan.cells(), new HeapLimit(2 * f.heapBytes(), "twice its estimate"));
        assertEquals(f.heapBytes(), CellFootprint.concurrent(plan.cells()).bytes(1));
    }
}
