package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.KnownRegimeKernels;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.run.ConvNetWeights;

/**
 * The weight-level verdict on the kernel sequences of convolutional ResNets (conv1 judged as A_k, conv2 giving
 * alpha), from kernels of known regime on disk: the paper's CIFAR finding, kernels that neither shrink nor have
 * vanishing increments, is "neither"; smoothly shrinking kernels are an ODE.
 */
class ConvVerdictTest {
    /**
     * Base width 8 (8 to 64 channels). At width 2 the operator norms of rough kernels differ between stages
     * (a 2 x 2 frequency matrix's largest singular value fluctuates far more than a 64 x 64 one's), and the
     * share of stage 3 growing along the paper's grid then tilts the quadratic-variation slope (0.85 instead of
     * 1): the weight-level rule, which assumes one size for all increments, answers "inconclusive" there.
     */
    private static final int WIDTH = 8;
    /** Ten of the paper's 16 block counts (SCIENCE 1.3), L = 8 .. 80. */
    private static final List<List<Integer>> PAPER = List.of(List.of(2, 2, 2, 2), List.of(2, 3, 4, 2),
            List.of(3, 3, 5, 3), List.of(3, 4, 8, 3), List.of(3, 4, 14, 3), List.of(3, 4, 23, 3), List.of(3, 8, 28, 3),
            List.of(3, 8, 36, 3), List.of(3, 8, 51, 3), List.of(4, 12, 60, 4));
    private static final List<List<Integer>> EQUAL = List.of(List.of(2, 2, 2, 2), List.of(3, 3, 3, 3),
            List.of(4, 4, 4, 4), List.of(6, 6, 6, 6), List.of(8, 8, 8, 8), List.of(11, 11, 11, 11),
            List.of(16, 16, 16, 16));

    private static SweepAnalysis sweep(Path dir, List<List<Integer>> grid, int seeds,
                                       Function<ConvArchitecture, Function<Integer, ConvNetWeights>> gen) {
        for (List<Integer> c : grid) {
            ConvArchitecture a = new ConvArchitecture(c, WIDTH, 3, 8, 8, 10);
            for (int s = 0; s < seeds; s++) {
                KnownRegimeKernels.writeRun(dir, String.format("L%03d_s%d", a.depth(), s), a, gen.apply(a).apply(s), s,
                        Map.of("model", "conv"));
            }
        }
        return SweepAnalysis.of(dir, 0, 0.95);
    }

    @Test
    void kernelsThatNeitherShrinkNorSettleAreNeither(@TempDir Path dir) {
        SweepAnalysis a = sweep(dir, PAPER, 1, arch -> s -> KnownRegimeKernels.nonShrinking(arch, 11 + s));
        GroupVerdict g = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now()).groups().get(0);
        RegimeVerdict v = g.verdict();
        assertEquals(ConvNetSpectra.CONV1, v.tensor());
        assertEquals(Regime.NEITHER, v.regime(), String.join("\n", v.reasons()));
        assertTrue(Math.abs(v.beta().orElseThrow().value()) < 0.1, "beta ~ 0: " + v.beta());
        assertTrue(Math.abs(v.alpha().orElseThrow().value()) < 0.1, "alpha (conv2) ~ 0: " + v.alpha());
        // every cell ran its schedule (max-epochs): counted as converged for a conv net
        assertTrue(v.reasons().stream().noneMatch(r -> r.contains("did not converge")), String.join("\n", v.reasons()));
        // conv2 judged on its own agrees
        GroupVerdict conv2 = VerdictReport.decide(a.groups().get(0), ConvNetSpectra.CONV2, RegimeCriteria.defaults());
        assertEquals(Regime.NEITHER, conv2.verdict().regime(), String.join("\n", conv2.verdict().reasons()));
    }

    @Test
    void smoothlyShrinkingKernelsAreAnOde(@TempDir Path dir) {
        SweepAnalysis a = sweep(dir, EQUAL, 1, arch -> s -> KnownRegimeKernels.smooth(arch, 0.5, 21));
        RegimeVerdict v = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now()).groups().get(0).verdict();
        assertEquals(Regime.ODE, v.regime(), String.join("\n", v.reasons()));
        assertTrue(Math.abs(v.beta().orElseThrow().value() - 0.5) < 0.05, "beta: " + v.beta());
    }
}
