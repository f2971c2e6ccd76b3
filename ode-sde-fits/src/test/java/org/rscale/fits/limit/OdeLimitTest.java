package org.rscale.fits.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.LimitEquation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The two limit ODEs against closed forms and against networks that discretise them, over the depths
 * {@link LimitFixtures#DEPTHS} = 25 .. 400.
 */
@ExtendWith(QuietConsole.class)
class OdeLimitTest {

    /** Dormand-Prince 8(5,3) at tolerances 1e-10 on a linear problem with |H| ~ 1: global error ~ 1e-10. */
    private static final Tolerance INTEGRATOR = Tolerance.absolute("DP853 at 1e-10 on exp(A t)", 1e-9);
    /**
     * Euler's global error is c/L + O(1/L^2): over L = 25 .. 400 the O(1/L^2) part moves the log-log slope
     * by about c2/(c L) ~ 0.01; 0.03 leaves room for it.
     */
    private static final Tolerance EULER_RATE = Tolerance.absolute("Euler rate -1, O(1/L^2) corrections", 0.03);
    /**
     * The linear ODE's error is a L^-2beta + c/L + O(L^-4beta): for beta = 1/4 the O(1/L) and O(L^-1)
     * parts bend the slope by a few hundredths over L = 25 .. 400 (measured -0.504 with the fixture).
     */
    private static final Tolerance NONLINEAR_RATE = Tolerance.absolute("rate -2beta, mixed orders", 0.05);

    private static final double[] A = {-0.4, 0.9, 0.0, -0.7, 0.1, 0.3, 0.2, -0.5, -0.2};
    private static final double[] B = {0.3, -0.1, 0.2};
    private static final double[] X = {0.6, -0.4, 0.8};

    /** exp(M t) for a small matrix: Taylor series on M t / 2^s, then s squarings. */
    static double[] expm(double[] M, int n, double t) {
        double norm = 0;
        for (double v : M) {
            norm = Math.max(norm, Math.abs(v * t));
        }
        int s = Math.max(0, (int) Math.ceil(Math.log(norm * n + 1) / Math.log(2)) + 4);
        double scale = t / Math.pow(2, s);
        double[] sum = identity(n);
        double[] term = identity(n);
        for (int k = 1; k <= 30; k++) {
            term = mult(term, M, n);
            for (int i = 0; i < n * n; i++) {
                term[i] *= scale / k;
            }
            for (int i = 0; i < n * n; i++) {
                sum[i] += term[i];
            }
        }
        for (int i = 0; i < s; i++) {
            sum = mult(sum, sum, n);
        }
        return sum;
    }

    /** H(t) = exp(A t) x + int_0^t exp(A (t - s)) b ds, from the exponential of [[A, b], [0, 0]] applied to (x, 1). */
    static double[] closedForm(double[] a, double[] b, double[] x, double t) {
        int d = x.length;
        int n = d + 1;
        double[] M = new double[n * n];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a, i * d, M, i * n, d);
            M[i * n + d] = b[i];
        }
        double[] E = expm(M, n, t);
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            double v = E[i * n + d];
            for (int j = 0; j < d; j++) {
                v += E[i * n + j] * x[j];
            }
            h[i] = v;
        }
        return h;
    }

    private static double[] identity(int n) {
        double[] I = new double[n * n];
        for (int i = 0; i < n; i++) {
            I[i * n + i] = 1;
        }
        return I;
    }

    private static double[] mult(double[] P, double[] Q, int n) {
        double[] R = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    R[i * n + j] += P[i * n + k] * Q[k * n + j];
                }
            }
        }
        return R;
    }

    private static double distance(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - v[i]) * (u[i] - v[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void theMatrixExponentialItselfIsRight() {
        // a rotation generator: exp([[0, -w], [w, 0]] t) = [[cos wt, -sin wt], [sin wt, cos wt]]
        double w = 2.5;
        double[] E = expm(new double[] {0, -w, w, 0}, 2, 0.8);
        Tolerance series = Tolerance.absolute("Taylor series with squaring", 1e-13);
        series.check(Math.cos(2.0), E[0], "cos");
        series.check(-Math.sin(2.0), E[1], "-sin");
        series.check(Math.sin(2.0), E[2], "sin");
    }

    @Test
    void linearActivationWithConstantCoefficientsIsTheMatrixExponential() {
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 1.0);
        DenseTrajectory H = OdeLimit.neural(c, Activation.LINEAR).solve(X);
        DenseTrajectory G = OdeLimit.linear(c, Activation.TANH).solve(X); // sigma'(0) = 1: the same equation
        double[] h = new double[3];
        for (double t : new double[] {0, 0.13, 0.5, 0.77, 1}) {
            double[] exact = closedForm(A, B, X, t);
            H.valueAt(t, h);
            for (int i = 0; i < 3; i++) {
                INTEGRATOR.check(exact[i], h[i], "neural ODE, linear sigma, H_" + i + "(" + t + ")");
            }
            G.valueAt(t, h);
            for (int i = 0; i < 3; i++) {
                INTEGRATOR.check(exact[i], h[i], "linear ODE, tanh, H_" + i + "(" + t + ")");
            }
        }
    }

    @Test
    void deltaBarAndSigmaPrimeScaleTheLinearOde() {
        // delta-bar sigma'(0) = 3 * 1/2: the linear ODE of (A, b) with shifted softplus is exp(1.5 A t)
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 3.0);
        DenseTrajectory H = OdeLimit.linear(c, Activation.SHIFTED_SOFTPLUS).solve(X);
        double[] a = A.clone();
        double[] b = B.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] *= 1.5;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1.5;
        }
        double[] exact = closedForm(a, b, X, 1);
        double[] h = new double[3];
        H.valueAt(1, h);
        for (int i = 0; i < 3; i++) {
            INTEGRATOR.check(exact[i], h[i], "H_" + i + "(1)");
        }
    }

    @Test
    void onAFastOscillatorTheDefaultsPassAndACoarseToleranceFails() {
        // dH/dt = [[0, -w], [w, 0]] H, w = 40: H(1) is x rotated by 40 rad (6.4 turns)
        double w = 40;
        LimitCoefficients c = LimitCoefficients.constant(2, new double[] {0, -w, w, 0}, new double[2], 1.0);
        double[] x = {1, 0};
        double[] exact = {Math.cos(w), Math.sin(w)};
        Tolerance oscillator = Tolerance.absolute("DP853 at 1e-10 over 6.4 turns", 1e-8);
        double[] h = new double[2];
        OdeLimit.neural(c, Activation.LINEAR).solve(x).valueAt(1, h);
        oscillator.check(exact[0], h[0], "cos 40");
        oscillator.check(exact[1], h[1], "sin 40");
        OdeLimit coarse = OdeLimit.neural(c, Activation.LINEAR).withSettings(OdeSettings.DEFAULTS.withTolerances(1e-3, 1e-3));
        coarse.solve(x).valueAt(1, h);
        double err = distance(h, exact);
        assertTrue(err > 100 * oscillator.absolute(), "tolerance 1e-3 should miss by more than 1e-6, missed by " + err);
    }

    @Test
    void aLinearNetworkConvergesToTheMatrixExponentialAtRateOne() {
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 1.0);
        List<ResidualNet> nets = LimitFixtures.smoothNets(c, Activation.LINEAR, 0);
        double[] exact = closedForm(A, B, X, 1);
        int[] depths = LimitFixtures.DEPTHS;
        double[] err = new double[depths.length];
        for (int j = 0; j < depths.length; j++) {
            double[] out = new double[3];
            nets.get(j).forward(X, 1, out);
            err[j] = distance(out, exact);
        }
        ScalingFit fit = ScalingFit.of(depths, err).orElseThrow();
        EULER_RATE.check(-1, fit.slope(), "slope of |h_L - exp(A) x + ...| against L");
        Tolerance deep = Tolerance.absolute("Euler at L = 400", 2e-3);
        assertTrue(deep.accepts(0, err[depths.length - 1]), "L = 400 within 2e-3: " + err[depths.length - 1]);
        double[] out = new double[3];
        LimitDiscretisation.smooth(c, Activation.LINEAR, 4, 0).forward(X, 1, out);
        assertTrue(!deep.accepts(0, distance(out, exact)), "a 4-layer net is not within 2e-3 of the limit");

        // the same through the comparison: the network matches the integrated ODE at the same rate
        LimitComparison cmp = LimitComparison.of(nets, X, 1, List.of(OdeLimit.neural(c, Activation.LINEAR)));
        CandidateComparison r = cmp.candidate("neural-ode").orElseThrow();
        EULER_RATE.check(-1, r.rate().orElseThrow().slope(), "comparison rate");
        Tolerance same = Tolerance.relative("the comparison reads the same endpoint", 1e-6);
        same.check(err[depths.length - 1], r.errors().get(depths.length - 1).terminalError(), "terminal error at L = 400");
    }

    @Test
    void tanhNetworksWithBetaZeroMatchTheNeuralOdeAtRateOne() {
        LimitCoefficients c = LimitFixtures.smooth(3, 1.0, 0.5, 7);
        double[] x = LimitFixtures.inputs(8, 3, 1.0, 11);
        LimitComparison cmp = LimitComparison.of(LimitFixtures.smoothNets(c, Activation.TANH, 0), x, 8,
                List.of(OdeLimit.neural(c, Activation.TANH), OdeLimit.linear(c, Activation.TANH)));
        CandidateComparison neural = cmp.candidate("neural-ode").orElseThrow();
        CandidateComparison linear = cmp.candidate("linear-ode").orElseThrow();
        ScalingFit rate = neural.rate().orElseThrow();
        EULER_RATE.check(-1, rate.slope(), "neural ODE rate");
        assertTrue(rate.ciLow() <= -1 + EULER_RATE.absolute() && rate.ciHigh() >= -1 - EULER_RATE.absolute(),
                "interval [" + rate.ciLow() + ", " + rate.ciHigh() + "] meets -1");
        assertEquals(Convergence.CONVERGING, neural.convergence());
        assertEquals(Convergence.NOT_CONVERGING, linear.convergence());
        assertTrue(Math.abs(linear.rate().orElseThrow().slope()) < 0.05, "the linear ODE's error stays flat");
        assertTrue(linear.deepestError().getAsDouble() > 50 * neural.deepestError().getAsDouble(),
                "at L = 400 the neural ODE is far closer");
        assertEquals("neural-ode", cmp.best().orElseThrow());
        assertEquals(400, cmp.deepest());
        assertTrue(neural.failures().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.5})
    void tanhNetworksWithPositiveBetaMatchTheLinearOdeAtRateTwoBeta(double beta) {
        // tanh(z) = z - z^3/3 + ...: with z = L^-beta u the nonlinearity perturbs each step by L^-2beta u^2/3
        // relative, so the error is O(L^-2beta) (plus Euler's O(1/L)); small weights keep u moderate
        LimitCoefficients c = LimitFixtures.smooth(3, 0.3, 1.0, 0.0, 7);
        double[] x = LimitFixtures.inputs(8, 3, 0.5, 11);
        LimitComparison cmp = LimitComparison.of(LimitFixtures.smoothNets(c, Activation.TANH, beta), x, 8,
                List.of(OdeLimit.neural(c, Activation.TANH), OdeLimit.linear(c, Activation.TANH)));
        CandidateComparison neural = cmp.candidate("neural-ode").orElseThrow();
        CandidateComparison linear = cmp.candidate("linear-ode").orElseThrow();
        NONLINEAR_RATE.check(-2 * beta, linear.rate().orElseThrow().slope(), "linear ODE rate at beta = " + beta);
        assertEquals(Convergence.CONVERGING, linear.convergence());
        assertEquals(Convergence.NOT_CONVERGING, neural.convergence(), "the neural ODE is not the limit");
        assertTrue(neural.rate().orElseThrow().slope() > -0.05, "the neural ODE's error does not decay");
        assertTrue(neural.deepestError().getAsDouble() > 5 * linear.deepestError().getAsDouble());
        assertEquals("linear-ode", cmp.best().orElseThrow());
        assertEquals("linear-ode", cmp.closest().orElseThrow());
    }

    @Test
    void withCurvatureTheLinearOdeRateIsBeta() {
        // shifted softplus has sigma''(0) = 1/4: the quadratic term perturbs each step by L^-beta relative
        LimitCoefficients c = LimitFixtures.smooth(3, 0.3, 1.0, 0.0, 7);
        double[] x = LimitFixtures.inputs(8, 3, 0.5, 11);
        LimitComparison cmp = LimitComparison.of(LimitFixtures.smoothNets(c, Activation.SHIFTED_SOFTPLUS, 0.5), x, 8,
                List.of(OdeLimit.linear(c, Activation.SHIFTED_SOFTPLUS)));
        NONLINEAR_RATE.check(-0.5, cmp.candidates().get(0).rate().orElseThrow().slope(), "rate -beta");
    }

    @Test
    void theCoefficientsOfANetworkAreItsRescaledWeights() {
        LimitCoefficients c = LimitFixtures.smooth(3, 1.0, 0.5, 7);
        ResidualNet net = LimitDiscretisation.smooth(c, Activation.TANH, 50, 0.5);
        LimitCoefficients back = LimitCoefficients.ofNetwork(net, 0.5);
        Tolerance roundTrip = Tolerance.relative("L^beta L^-beta", 1e-14);
        double[] u = new double[9];
        double[] v = new double[9];
        for (int k = 0; k < 50; k++) {
            c.A().valueAt(k / 50.0, u);
            back.A().valueAt(k / 50.0, v);
            for (int i = 0; i < 9; i++) {
                roundTrip.check(u[i], v[i], "A-bar_" + i + "(" + k + "/50)");
            }
            back.delta().valueAt(k / 50.0, v);
            roundTrip.check(1.0, v[0], "delta-bar");
        }
        // the network is exactly the Euler scheme of the linear ODE of its own coefficients (sigma = linear)
        ResidualNet lin = LimitDiscretisation.smooth(c, Activation.LINEAR, 50, 0.5);
        double[] x = LimitFixtures.inputs(4, 3, 1.0, 3);
        LimitComparison cmp = LimitComparison.of(List.of(lin), x, 4,
                List.of(OdeLimit.linear(LimitCoefficients.ofNetwork(lin, 0.5), Activation.LINEAR)));
        TrajectoryError e = cmp.candidates().get(0).errors().get(0);
        assertTrue(e.maxError() < 0.05 && e.maxError() > 1e-6, "Euler error O(1/L): " + e.maxError());
        assertEquals(Convergence.UNDETERMINED, cmp.candidates().get(0).convergence(), "one depth has no rate");
    }

    @Test
    void reluHasNoLinearOdeButHasANeuralOde() {
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OdeLimit.linear(c, Activation.RELU));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        double[] h = new double[3];
        OdeLimit.neural(c, Activation.RELU).solve(X).valueAt(1, h);
        assertTrue(Double.isFinite(h[0]));
        assertThrows(IllegalArgumentException.class, () -> new OdeLimit("x", LimitEquation.SDE, c, Activation.TANH,
                OdeSettings.DEFAULTS));
    }

    @Test
    void aFailedIntegrationIsANamedFailure() {
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 1.0);
        OdeLimit starved = OdeLimit.neural(c, Activation.TANH)
                .withSettings(new OdeSettings(1e-10, 1e-10, 1e-12, 1.0, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> starved.solve(X));
        assertTrue(e.getMessage().contains("neural-ode"), e.getMessage());
        LimitComparison cmp = LimitComparison.of(LimitFixtures.smoothNets(c, Activation.TANH, 0), X, 1, List.of(starved));
        CandidateComparison r = cmp.candidates().get(0);
        assertEquals(LimitFixtures.DEPTHS.length, r.failures().size());
        assertEquals(TrajectoryFailure.Kind.INTEGRATION_FAILED, r.failures().get(0).kind());
        assertEquals(Convergence.UNDETERMINED, r.convergence());
        assertTrue(r.errors().isEmpty() && r.deepestError().isEmpty() && cmp.best().isEmpty());
    }

    @Test
    void shapesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LimitCoefficients.constant(3, new double[8], B, 1));
        LimitCoefficients c = LimitCoefficients.constant(3, A, B, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OdeLimit.neural(c, Activation.TANH).solve(new double[2]));
        assertTrue(e.getMessage().contains("length 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OdeSettings(0, 1e-10, 0, 1, 10));
    }
}
