package org.rscale.sweeps.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.BenchCase;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.ImageShape;
import org.rscale.sweeps.kernel.conv.ConvKernels;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.train.ConvTrainer;

/**
 * What training one cell holds in memory, computed in {@code long} arithmetic from its settings
 * alone, so that a sweep whose cells cannot be trained is refused when it is planned (exit code 2,
 * naming the size), not after hours with an {@code OutOfMemoryError} or an {@code int} overflow.
 *
 * <p>Two limits:
 * <ul>
 * <li>every array must be a Java array: at most {@value #MAX_ARRAY} values. The largest are the
 *     weights A (L d^2 values), the activations the kernels keep for the backward pass
 *     ((L + 1) d B', the batch B padded to 16 lanes) and the training set (n d). An absolute limit,
 *     checked for every plan ({@link SweepPlan#of});</li>
 * <li>the heap: the kernel's peak ({@link KernelBenchmark#estimatedBytes}, the one estimate, tested
 *     against the kernels' own counts) plus the data set (inputs and targets of the training and test
 *     sets, float64) must {@link KernelBenchmark#fits fit} in the heap of the JVM that trains the cell
 *     ({@link #checkHeap}).</li>
 * </ul>
 * A conv cell ({@code model: conv}) is counted from what its own kernel, trainer and images hold
 * ({@link ConvKernels#estimatedBytes}, {@link ConvTrainer#estimatedBytes}, {@link ImageShape#bytes}); its
 * largest Java array is the training images' pixels.
 *
 * @param cell       the cell
 * @param heapBytes  its peak heap use, estimated
 * @param arrayName  its largest array, e.g. {@code A (depth x data.dim^2)}
 * @param arrayCount the values in that array
 */
public record CellFootprint(Cell cell, long heapBytes, String arrayName, long arrayCount) {
    /** The most values one Java array holds (the JVM refuses {@code Integer.MAX_VALUE} itself). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The SIMD kernels pad the batch to a multiple of this many lanes. */
    private static final long LANES = 16;

    /**
     * @param cell a cell
     * @return its footprint
     */
    public static CellFootprint of(Cell cell) {
        CellSettings s = cell.settings();
        if (s.isConv()) {
            return conv(cell);
        }
        long L = s.depth();
        long d = s.dim();
        long batch = (s.batchSize() + LANES - 1) / LANES * LANES;
        long weights = L * d * d;
        long activations = (L + 1) * d * batch;
        long training = (long) s.trainSize() * d;
        String name = "A (depth x data.dim^2)";
        long count = weights;
        if (activations > count) {
            name = "the activations ((depth + 1) x data.dim x batch_size)";
            count = activations;
        }
        if (training > count) {
            name = "the training set (data.train_size x data.dim)";
            count = training;
        }
        if (count > MAX_ARRAY) {
            // the estimate below would overflow too: the cell is refused on its array alone
            return new CellFootprint(cell, Long.MAX_VALUE, name, count);
        }
        long kernel = KernelBenchmark.estimatedBytes(new BenchCase(s.kernel(), s.precision(), s.dim(), s.batchSize(),
                s.depth(), s.activation().key(), s.delta().key(), s.optimizer()));
        long data = 2L * 8 * ((long) s.trainSize() + s.testSize()) * d;
        return new CellFootprint(cell, kernel + data, name, count);
    }

    /**
     * A conv cell (SCIENCE 1.3): what {@code CellRunner} holds while it trains one. The kernel the
     * {@code kernel} setting picks on this backend ({@link ConvKernels#choose}) with its
     * {@link ConvKernels#estimatedBytes estimate} (tested against the kernels' own counts; ND4J's buffers are native
     * memory, counted here as the fully-connected kernels' are), the initial network and the trainer's
     * arrays with the trained network ({@link ConvTrainer#estimatedBytes}), and the images with their labels
     * ({@link ImageShape#bytes}, counted in every cell as the fully-connected cells' data are, though a process
     * reads each data setting's images once). The largest Java array is the training images' pixels.
     */
    private static CellFootprint conv(Cell cell) {
        CellSettings s = cell.settings();
        ImageShape images = ImageShape.of(s.imageData());
        ConvArchitecture arch = new ConvArchitecture(s.convBlockCounts(), s.convBaseWidth(), images.channels(),
                images.height(), images.width(), images.classes());
        int batch = Math.max(1, Math.min(s.batchSize(), images.trainCount()));
        long kernel = ConvKernels.estimatedBytes(ConvKernels.choose(s.kernel(), s.precision()), arch, batch,
                s.precision());
        long bytes = kernel + 8 * arch.parameterCount()
                + ConvTrainer.estimatedBytes(arch, batch, images.trainCount(), images.testCount()) + images.bytes();
        long pixels = (long) images.trainCount() * images.imageSize();
        return new CellFootprint(cell, bytes, "the training images (data.train_size x " + images.channels() + " x "
                + images.height() + " x " + images.width() + ")", pixels);
    }

    /**
     * Refuses a plan with a cell whose largest array is larger than a Java array can be.
     *
     * @param plan the plan
     * @throws InvalidInputException naming the first such cell, its array and its size
     */
    public static void checkArrays(SweepPlan plan) {
        for (Cell c : plan.cells()) {
            CellFootprint f = of(c);
            if (f.arrayCount() > MAX_ARRAY) {
                throw new InvalidInputException(String.format(Locale.ROOT, "cell %s (%s) cannot be trained: %s would "
                        + "hold %,d values, more than the %,d of the largest Java array; reduce %s",
                        c.id(), f.shape(), f.arrayName(), f.arrayCount(), MAX_ARRAY, f.remedy()));
            }
        }
    }

    /**
     * Refuses cells that do not fit in a heap.
     *
     * @param cells the cells to train
     * @param heap  the heap of the JVM that trains them
     * @throws InvalidInputException naming the largest cell that does not fit, what it needs and the
     *                               {@code -Xmx} it would take
     */
    public static void checkHeap(Iterable<Cell> cells, HeapLimit heap) {
        CellFootprint worst = null;
        for (Cell c : cells) {
            CellFootprint f = of(c);
            if (!KernelBenchmark.fits(f.heapBytes(), heap.bytes()) && (worst == null || f.heapBytes() > worst.heapBytes())) {
                worst = f;
            }
        }
        if (worst != null) {
            throw new InvalidInputException(String.format(Locale.ROOT, "cell %s (%s) needs about %s of heap to train, "
                    + "more than %.0f%% of %s; it needs %s (RSCALE_JAVA_OPTS=%s), or reduce %s",
                    worst.cell().id(), worst.shape(), gib(worst.heapBytes()), KernelBenchmark.HEAP_FRACTION * 100,
                    heap.description(), KernelBenchmark.xmxFor(worst.heapBytes()),
                    KernelBenchmark.xmxFor(worst.heapBytes()), worst.remedy()));
        }
    }

    /**
     * What a local sweep's threads hold when they train {@code --jobs} of these cells at once: each thread holds the
     * cell it trains, so {@code jobs} threads hold at most the {@code jobs} largest cells ({@link StudyFootprint},
     * the one rule for {@code --jobs}).
     *
     * @param cells the cells still to train
     * @return their footprint, the largest cell named with its shape
     */
    public static StudyFootprint concurrent(Iterable<Cell> cells) {
        List<Long> bytes = new ArrayList<>();
        CellFootprint worst = null;
        for (Cell c : cells) {
            CellFootprint f = of(c);
            bytes.add(f.heapBytes());
            if (worst == null || f.heapBytes() > worst.heapBytes()) {
                worst = f;
            }
        }
        String largest = worst == null ? "" : "cell " + worst.cell().id() + " (" + worst.shape() + ")";
        return StudyFootprint.ofEach(bytes, largest, 0, "cells");
    }

    /**
     * @return the settings that set the size, e.g. {@code depth 100, data.dim 5000, batch_size 32, float64}; for a
     *         conv cell {@code depth 16 (blocks 3-4-6-3), conv.base_width 64, batch_size 128, float32}
     */
    public String shape() {
        CellSettings s = cell.settings();
        if (s.isConv()) {
            return "depth " + s.depth() + " (blocks " + s.convBlockCounts().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining("-")) + "), conv.base_width " + s.convBaseWidth()
                    + ", batch_size " + s.batchSize() + ", " + s.precision();
        }
        return "depth " + s.depth() + ", data.dim " + s.dim() + ", batch_size " + s.batchSize() + ", " + s.precision();
    }

    /** @return the settings that make the cell smaller, in words, e.g. {@code depth or data.dim} */
    public String remedy() {
        return cell.settings().isConv() ? "depth, conv.base_width or batch_size (or data.train_size)"
                : "depth or data.dim";
    }

    /**
     * @param bytes a size
     * @return it in GiB (or MiB below 1 GiB), e.g. {@code 4.0 GiB}
     */
    public static String gib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
