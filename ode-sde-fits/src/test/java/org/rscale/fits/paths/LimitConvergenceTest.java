package org.rscale.fits.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.Estimate;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * Convergence of rescaled weights on weights of known regime over the depths floor(1.2^n) in [50, 3000]:
 * smooth weights converge at rate 1 (sampling f at floor(tL)/L errs by |f'|/L), noise does not converge.
 */
@ExtendWith(QuietConsole.class)
class LimitConvergenceTest {
    private static final List<Integer> DEPTHS = PathFixtures.depthGrid(1.2, 50, 3000);

    private static LimitConvergence run(IntFunction<WeightSequence> weights, double beta, int seeds,
                                        IntFunction<WeightSequence> extraSeed) {
        LimitConvergence.Accumulator acc = new LimitConvergence.Accumulator("A", beta, RescaledCurve.DEFAULT_POINTS);
        for (int L : DEPTHS) {
            acc.add("L" + L + "s0", weights.apply(L));
            for (int s = 1; s < seeds; s++) {
                acc.add("L" + L + "s" + s, extraSeed.apply(L * 31 + s));
            }
        }
        return acc.build(0.95);
    }

    @Test
    void smoothWeightsConvergeAtRateOne() {
        double beta = 0.3;
        LimitConvergence c = run(L -> KnownRegimeWeights.smooth(L, 3, 3, beta, 4), beta, 1, null);
        assertEquals(DEPTHS.size() - 1, c.distances().size());
        Estimate sup = c.supRate().orElseThrow();
        Estimate l2 = c.l2Rate().orElseThrow();
        assertTrue(sup.value() > 0.85 && sup.value() < 1.15, "sup rate ~ 1, got " + sup.format());
        assertTrue(l2.value() > 0.85 && l2.value() < 1.15, "L2 rate ~ 1, got " + l2.format());
        assertTrue(sup.ciLow() > 0.5, "a positive rate, excluded from 0: " + sup.format());
        CurveDistance last = c.distances().get(c.distances().size() - 1);
        assertTrue(last.relativeSup() < 0.02, "small relative distance at the deepest pair: " + last.relativeSup());
        assertFalse(c.supFit().orElseThrow().bootstrap().available(), "one seed per depth: no bootstrap");

        // the limit is the deepest curve and lies within |f'|/L of f (f sampled from a much deeper net)
        assertEquals(DEPTHS.get(DEPTHS.size() - 1), c.limitDepth());
        SampledPath reference = RescaledCurve.of(KnownRegimeWeights.smooth(200_000, 3, 3, beta, 4), beta, 200);
        double err = 0;
        for (int i = 0; i < reference.values().length; i++) {
            err = Math.max(err, Math.abs(reference.values()[i] - c.limit().values()[i]));
        }
        assertTrue(err < 0.02, "limit curve within |f'|_max/L of f, got " + err);
    }

    @Test
    void iidAndDiffusiveWeightsDoNotConverge() {
        LimitConvergence iid = run(L -> KnownRegimeWeights.iid(L, 3, 3, 0.5, 4), 0.5, 1, null);
        Estimate r = iid.supRate().orElseThrow();
        assertTrue(Math.abs(r.value()) < 0.15, "iid: rescaled noise keeps its size, rate ~ 0, got " + r.format());
        assertTrue(r.ciLow() < 0.3, "iid: a positive rate is not established: " + r.format());
        CurveDistance last = iid.distances().get(iid.distances().size() - 1);
        assertTrue(last.relativeSup() > 0.5, "iid: relative distances of order 1, got " + last.relativeSup());

        LimitConvergence diffusive = run(L -> KnownRegimeWeights.diffusive(L, 3, 3, 4), 0.5, 1, null);
        assertTrue(Math.abs(diffusive.supRate().orElseThrow().value()) < 0.15,
                "diffusive: no convergence of L^1/2 T, got " + diffusive.supRate().orElseThrow().format());
    }

    @Test
    void severalSeedsFormChainsWithABootstrapInterval() {
        double beta = 0.3;
        LimitConvergence c = run(L -> KnownRegimeWeights.smooth(L, 2, 2, beta, 1), beta, 3,
                key -> KnownRegimeWeights.smooth(key / 31, 2, 2, beta, key % 31 + 1));
        assertEquals(3 * (DEPTHS.size() - 1), c.distances().size(), "three chains, one distance per depth pair each");
        for (CurveDistance d : c.distances()) {
            assertEquals(d.cellA().substring(d.cellA().indexOf('s')), d.cellB().substring(d.cellB().indexOf('s')),
                    "a chain compares the same rank (seed) at consecutive depths");
        }
        assertTrue(c.supFit().orElseThrow().bootstrap().available());
        assertEquals(3, c.supFit().orElseThrow().bootstrap().nSeeds());
        assertTrue(Math.abs(c.supRate().orElseThrow().value() - 1) < 0.15);
        assertEquals("L" + DEPTHS.get(DEPTHS.size() - 1) + "s0", c.limitCell(), "the limit is the lowest rank's");
    }

    @Test
    void curvesMustComeInDepthOrder() {
        LimitConvergence.Accumulator acc = new LimitConvergence.Accumulator("A", 0, 10);
        acc.add("a", KnownRegimeWeights.iid(20, 2, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> acc.add("b", KnownRegimeWeights.iid(10, 2, 2, 0, 1)));
        assertThrows(IllegalStateException.class, () -> new LimitConvergence.Accumulator("A", 0, 10).build(0.95));
        LimitConvergence one = acc.build(0.95);
        assertTrue(one.supFit().isEmpty(), "one depth, no distance");
        List<LimitConvergence.DepthCurve> curves = new ArrayList<>();
        curves.add(new LimitConvergence.DepthCurve("x", 5, 0,
                RescaledCurve.of(KnownRegimeWeights.iid(5, 1, 1, 0, 1), 0, 11)));
        assertThrows(IllegalArgumentException.class, () -> LimitConvergence.of("A", 0, 10, curves, 0.95),
                "a curve on another grid is refused");
    }
}
