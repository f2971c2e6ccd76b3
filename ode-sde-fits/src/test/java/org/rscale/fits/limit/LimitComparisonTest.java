package org.rscale.fits.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/** The comparison's bookkeeping: errors by hand, failures, judgement, input checks. */
@ExtendWith(QuietConsole.class)
class LimitComparisonTest {

    @Test
    void errorsAreMaximaOverInputsAndLayersComputedByHand() {
        // one layer, d = 1, linear sigma, A = 0, b = 1, delta = 1: h_1 = x + 1; the neural ODE with
        // A-bar = 0, b-bar = 1, delta-bar = 2 (twice the net's L delta) gives H(1) = x + 2
        LimitCoefficients c = LimitCoefficients.constant(1, new double[] {0}, new double[] {1}, 2.0);
        ResidualNet net = ResidualNet.of(Activation.LINEAR, ScalingFactor.NONE, 1, 1, new double[] {0},
                new double[] {1}, new double[] {1});
        double[] x = {0.5, -3};
        LimitComparison cmp = LimitComparison.of(List.of(net), x, 2, List.of(OdeLimit.neural(c, Activation.LINEAR)));
        TrajectoryError e = cmp.candidates().get(0).errors().get(0);
        Tolerance exact = Tolerance.absolute("integrator on a constant right-hand side", 1e-12);
        exact.check(1, e.maxError(), "|h_1 - H(1)| = 1 for both inputs");
        exact.check(1, e.terminalError(), "at the output layer");
        exact.check(3, e.limitScale(), "max |H| = |x_1| = 3 at k = 0");
        exact.check(1.0 / 3, e.relativeError(), "relative");
        assertEquals(1, e.worstLayer());
        assertEquals(0, e.worstSample(), "the first input attaining the maximum");
        assertEquals(1, e.depth());
    }

    @Test
    void aDivergedNetworkIsListedAndLeftOutOfTheFit() {
        LimitCoefficients c = LimitFixtures.smooth(2, 1.0, 0.5, 7);
        List<ResidualNet> nets = new java.util.ArrayList<>(LimitFixtures.smoothNets(c, Activation.TANH, 0));
        ResidualNet broken = LimitDiscretisation.smooth(c, Activation.TANH, 30, 0).copy();
        broken.A()[5] = Double.NaN;
        nets.add(broken);
        double[] x = LimitFixtures.inputs(3, 2, 1.0, 1);
        CandidateComparison r = LimitComparison.of(nets, x, 3, List.of(OdeLimit.neural(c, Activation.TANH)))
                .candidates().get(0);
        assertEquals(1, r.failures().size());
        assertEquals(TrajectoryFailure.Kind.NETWORK_NOT_FINITE, r.failures().get(0).kind());
        assertEquals(5, r.failures().get(0).net());
        assertEquals(30, r.failures().get(0).depth());
        assertEquals(5, r.errors().size());
        assertEquals(5, r.rate().orElseThrow().nPoints());
        assertEquals(Convergence.CONVERGING, r.convergence());
    }

    @Test
    void inputsAreChecked() {
        LimitCoefficients c = LimitFixtures.smooth(2, 1.0, 0.5, 7);
        List<ResidualNet> nets = LimitFixtures.smoothNets(c, Activation.TANH, 0);
        OdeLimit ode = OdeLimit.neural(c, Activation.TANH);
        double[] x = {0.1, 0.2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LimitComparison.of(nets, x, 1, List.of(ode, ode)));
        assertTrue(e.getMessage().contains("'neural-ode' appears twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LimitComparison.of(nets, x, 2, List.of(ode)));
        assertTrue(e.getMessage().contains("2 inputs of width 2"), e.getMessage());
        LimitCoefficients c3 = LimitFixtures.smooth(3, 1.0, 0.5, 7);
        e = assertThrows(IllegalArgumentException.class,
                () -> LimitComparison.of(nets, x, 1, List.of(OdeLimit.neural(c3, Activation.TANH))));
        assertTrue(e.getMessage().contains("width 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LimitComparison.of(List.of(), x, 1, List.of(ode)));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonCriteria(1.0, 0.25, 0));
        // two candidates of one equation are fine with distinct labels
        LimitComparison cmp = LimitComparison.of(nets, x, 1, List.of(ode, ode.withLabel("neural-ode-2")));
        assertEquals(2, cmp.candidates().size());
        assertTrue(cmp.candidate("missing").isEmpty());
    }

    @Test
    void aSlowlyShrinkingDistanceToAWrongLimitIsNotConvergence() {
        // error E + c/L: tightly fitted, slightly negative slope; the minimum rate keeps it not-converging
        LimitCoefficients c = LimitFixtures.smooth(2, 1.0, 0.5, 7);
        double[] x = LimitFixtures.inputs(4, 2, 1.0, 1);
        LimitComparison cmp = LimitComparison.of(LimitFixtures.smoothNets(c, Activation.TANH, 0), x, 4,
                List.of(OdeLimit.linear(c, Activation.TANH)), new ComparisonCriteria(0.95, 0.25, 1e-12));
        CandidateComparison r = cmp.candidates().get(0);
        assertEquals(Convergence.NOT_CONVERGING, r.convergence());
        assertTrue(cmp.best().isEmpty());
        assertEquals("linear-ode", cmp.closest().orElseThrow(), "closest is reported even when nothing converges");
    }
}
