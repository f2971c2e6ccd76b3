package org.rscale.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.run.ConvBlock;
import org.rscale.sweeps.run.ConvKernel;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;

/**
 * Kernels of a convolutional ResNet of known regime, for tests and demos: every kernel family of the same
 * shape (conv1 of a stage's first block, conv1 of its other blocks, conv2 of the stage, the shortcut) is one
 * {@link KnownRegimeWeights} path over the network's depth {@code L = n1 + ... + n4}, read at the global block
 * index {@code k}, its entries reshaped to {@code (c_out, c_in, kh, kw)} and divided by {@code sqrt(c_in kh kw)}
 * (the fan-in, as PyTorch's initialisations scale kernels), so that a kernel's operator norm is of order one in
 * every stage whatever its channel count:
 * <pre>
 *   generator        T_k                         what the operator-norm statistics do (SCIENCE.md 5)
 *   smooth(beta)     L^-beta f(k/L)              max -beta, increment -beta-1: an ODE limit
 *   diffusive        f(k/L)/L + L^-1/2 xi_k      max, increment ~ -1/2, quadratic variation flat: an SDE limit
 *   nonShrinking     f(k/L) + xi_k               max, increment ~ 0, quadratic variation 1: neither (the
 *                                                paper's finding on CIFAR-10)
 * </pre>
 * A family's seed is the given seed mixed with the family's stage and role, so conv1 and conv2 are independent;
 * the same seed gives the same curve {@code f} at every depth. The whole path of a family is generated
 * ({@code L c_out c_in kh kw} values), so this is for small widths.
 */
public final class KnownRegimeKernels {
    private KnownRegimeKernels() {
    }

    /** A weight path of given length and layer shape. */
    @FunctionalInterface
    private interface WeightPath {
        WeightSequence of(int L, int rows, int cols, long seed);
    }

    /**
     * @param arch the network's shape
     * @param beta the scaling exponent, finite
     * @param seed determines the curves
     * @return kernels {@code L^-beta f(k/L)}
     */
    public static ConvNetWeights smooth(ConvArchitecture arch, double beta, long seed) {
        return build(arch, seed, (L, r, c, s) -> KnownRegimeWeights.smooth(L, r, c, beta, s));
    }

    /**
     * @param arch the network's shape
     * @param seed determines the curves and the noise
     * @return kernels {@code f(k/L)/L + L^-1/2 xi_k}
     */
    public static ConvNetWeights diffusive(ConvArchitecture arch, long seed) {
        return build(arch, seed, KnownRegimeWeights::diffusive);
    }

    /**
     * @param arch the network's shape
     * @param seed determines the curves and the noise
     * @return kernels {@code f(k/L) + xi_k}, which neither shrink nor have vanishing increments
     */
    public static ConvNetWeights nonShrinking(ConvArchitecture arch, long seed) {
        return build(arch, seed, KnownRegimeWeights::nonShrinking);
    }

    /**
     * Writes a network as a cell of a conv sweep: {@code dir/runs/<cell>/} in the conv run format, with a run.json
     * whose settings are the depth, the seed and the given ones, status {@code max-epochs} (a completed schedule).
     *
     * @param dir      the sweep directory
     * @param cell     the cell's id
     * @param arch     the network's shape (recorded in run.json)
     * @param weights  its kernels
     * @param seed     the seed recorded
     * @param settings further settings recorded (e.g. a regime's name), may be empty
     * @return the run directory
     */
    public static Path writeRun(Path dir, String cell, ConvArchitecture arch,
                                              ConvNetWeights weights, int seed, Map<String, Object> settings) {
        Path run = dir.resolve(RunFiles.RUNS_DIR).resolve(cell);
        try {
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConvRunDirectory.writeWeights(run, weights);
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put("depth", arch.depth());
        s.put("seed", seed);
        RunDirectory.writeRecord(run.resolve(RunFiles.RUN_JSON), new RunRecord(RunRecord.FORMAT_VERSION, cell,
                dir.getFileName().toString(), s, "max-epochs", 1, null, null, null, 0, 0, null, null, null, null, null, null,
                arch));
        return run;
    }

    private static ConvNetWeights build(ConvArchitecture arch, long seed, WeightPath path) {
        if (arch == null) {
            throw new InvalidInputException("known-regime kernels: architecture must not be null");
        }
        int L = arch.depth();
        int k3 = ConvArchitecture.KERNEL_SIZE;
        List<ConvBlock> blocks = new ArrayList<>();
        WeightSequence conv1 = null;
        WeightSequence conv2 = null;
        WeightSequence first = null;
        WeightSequence shortcut = null;
        int stage = 0;
        for (ConvArchitecture.BlockShape b : arch.blockShapes()) {
            if (b.stage() != stage) {
                stage = b.stage();
                long s = seed * 1_000_003L + 16L * stage;
                conv1 = path.of(L, b.outChannels(), b.outChannels() * k3 * k3, s + 1);
                conv2 = path.of(L, b.outChannels(), b.outChannels() * k3 * k3, s + 2);
                first = path.of(L, b.outChannels(), b.inChannels() * k3 * k3, s + 3);
                shortcut = path.of(L, b.outChannels(), b.inChannels(), s + 4);
            }
            boolean changes = b.inChannels() != b.outChannels();
            ConvKernel c1 = layer(changes ? first : conv1, b.index(), b.outChannels(), b.inChannels(), k3);
            ConvKernel c2 = layer(conv2, b.index(), b.outChannels(), b.outChannels(), k3);
            ConvKernel sc = b.shortcut() ? layer(shortcut, b.index(), b.outChannels(), b.inChannels(), 1) : null;
            blocks.add(new ConvBlock(b.index(), b.stage(), b.stride(), b.inputHeight(), b.inputWidth(), c1, c2, sc));
        }
        return new ConvNetWeights(null, blocks, null);
    }

    private static ConvKernel layer(WeightSequence w, int k, int cOut, int cIn, int size) {
        int n = cOut * cIn * size * size;
        double[] v = new double[n];
        double scale = 1 / Math.sqrt(cIn * size * size);
        int from = k * w.rows() * w.cols();
        for (int i = 0; i < n; i++) {
            v[i] = scale * w.values()[from + i];
        }
        return new ConvKernel(cOut, cIn, size, size, v);
    }
}
