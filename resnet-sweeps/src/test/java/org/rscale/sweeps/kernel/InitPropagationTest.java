package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.initstudy.SmoothVariant;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The plain-Java propagation at initialisation ({@link LoopPropagationF64}): a closed form, the
 * reference forward pass, central finite differences of the loss for the gradient, the column
 * layout, chunking, and overflow.
 */
class InitPropagationTest {
    /** L = 50 products of (1 + alpha c): about 50 roundings of 1.1e-16 each. */
    private static final Tolerance CLOSED_FORM = Tolerance.relative("(1 + alpha c)^L after 50 layers", 1e-12);
    /** The reference forward pass sums in another order (no fused multiply-adds). */
    private static final Tolerance REFERENCE = Tolerance.relative("reference forward pass, other summation order", 1e-11);
    /**
     * Central differences with step 1e-5 on a loss of order 1: truncation error ~ step^2 times the
     * third derivative (~1e-10), rounding ~ 1e-16 / 1e-5 = 1e-11; a wrong sign, a missing mask or a
     * transposed W is off by order 1.
     */
    private static final Tolerance FINITE_DIFFERENCE = Tolerance.relative("central difference, step 1e-5", 1e-6);

    private static ScaledResNet diagonal(BranchModel model, int d, int m, int L, double c) {
        double[] A = new double[d * m];
        Arrays.fill(A, 0.3);
        double[] B = new double[d];
        Arrays.fill(B, 0.2);
        double[] V = new double[L * d * d];
        double[] W = new double[model == BranchModel.RES_3 ? L * d * d : 0];
        for (int k = 0; k < L; k++) {
            for (int i = 0; i < d; i++) {
                V[k * d * d + i * d + i] = c;
                if (W.length > 0) {
                    W[k * d * d + i * d + i] = 1;
                }
            }
        }
        return ScaledResNet.of(model, d, m, 1, L, A, B, V, W);
    }

    private static ScaledResNet random(BranchModel model, int d, int m, int L, long seed) {
        BranchLaw law = new BranchLaw(Initialisation.FBM, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, 0.7);
        return new ScaledResNetSampler(model, law, d, m, 1, L).draw(new SplittableRandom(seed));
    }

    private static double[] uniform(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble();
        }
        return v;
    }

    /** outputs[q][c] for q = output ratio, output change, gradient ratio, gradient change. */
    private static double[][] propagate(InitPropagation p, ScaledResNet net, double[] x, double[] y, int inputs,
                                        double[] alphas) {
        int c = inputs * alphas.length;
        double[][] out = new double[4][c];
        p.propagate(net, x, y, inputs, alphas, out[0], out[1], out[2], out[3]);
        return out;
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void diagonalBranchesMultiplyStateAndGradientByOnePlusAlphaCPerLayer(BranchModel model) {
        int L = 50;
        double c = 0.5;
        double alpha = 1.0 / L;
        ScaledResNet net = diagonal(model, 3, 4, L, c);
        double[][] out = propagate(new LoopPropagationF64(), net, new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.7},
                1, new double[] {alpha});
        // h_0 > 0 stays positive, every mask is 1: h_L = (1 + alpha c)^L h_0 and g_0 = (1 + alpha c)^L g_L
        double growth = Math.pow(1 + alpha * c, L);
        CLOSED_FORM.check(growth, out[0][0], "output ratio");
        CLOSED_FORM.check(growth - 1, out[1][0], "output change");
        CLOSED_FORM.check(growth, out[2][0], "gradient ratio");
        CLOSED_FORM.check(growth - 1, out[3][0], "gradient change");
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void forwardRatiosMatchTheReferenceForwardPass(BranchModel model) {
        int d = 7;
        int m = 5;
        int L = 30;
        ScaledResNet net = random(model, d, m, L, 11);
        SplittableRandom rng = new SplittableRandom(12);
        double[] x = uniform(rng, m);
        double alpha = Math.pow(L, -0.6);
        double[][] out = propagate(new LoopPropagationF64(), net, x, new double[] {0.3}, 1, new double[] {alpha});
        double[][] h = net.hiddenStates(x, alpha);
        REFERENCE.check(norm(h[L], null) / norm(h[0], null), out[0][0], "output ratio");
        REFERENCE.check(norm(h[L], h[0]) / norm(h[0], null), out[1][0], "output change");
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void inputGradientMatchesCentralDifferencesOfTheLoss(BranchModel model) {
        int d = 6;
        int m = 5;
        int L = 20;
        ScaledResNet net = random(model, d, m, L, 21);
        SplittableRandom rng = new SplittableRandom(22);
        double[] x = uniform(rng, m);
        double y = 0.4;
        double alpha = Math.pow(L, -0.5);
        LoopPropagationF64 p = new LoopPropagationF64();
        propagate(p, net, x, new double[] {y}, 1, new double[] {alpha});
        // after propagate, the workspace h holds g_0 = dl/dh_0 of the one column (P = 1)
        double[] g0 = Arrays.copyOf(p.h, d);
        for (int dir = 0; dir < 3; dir++) {
            double[] u = new double[m];
            for (int j = 0; j < m; j++) {
                u[j] = rng.nextGaussian();
            }
            // dl/dx . u = g_0 . (A u)
            double analytic = 0;
            for (int i = 0; i < d; i++) {
                double au = 0;
                for (int j = 0; j < m; j++) {
                    au += net.A()[i * m + j] * u[j];
                }
                analytic += g0[i] * au;
            }
            double step = 1e-5;
            double numeric = (loss(net, shifted(x, u, step), y, alpha) - loss(net, shifted(x, u, -step), y, alpha))
                    / (2 * step);
            FINITE_DIFFERENCE.check(numeric, analytic, model.key() + " direction " + dir);
        }
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void columnsAreAlphaMajorAndEachEqualsItsOwnPropagation(BranchModel model) {
        int d = 5;
        int m = 4;
        int L = 16;
        ScaledResNet net = random(model, d, m, L, 31);
        SplittableRandom rng = new SplittableRandom(32);
        int inputs = 3;
        double[] x = uniform(rng, inputs * m);
        double[] y = uniform(rng, inputs);
        double[] alphas = {1.0, 0.25, 0.0625};
        double[][] all = propagate(new LoopPropagationF64(), net, x, y, inputs, alphas);
        for (int a = 0; a < alphas.length; a++) {
            for (int n = 0; n < inputs; n++) {
                double[][] one = propagate(new LoopPropagationF64(), net, Arrays.copyOfRange(x, n * m, (n + 1) * m),
                        new double[] {y[n]}, 1, new double[] {alphas[a]});
                for (int q = 0; q < 4; q++) {
                    assertEquals(one[q][0], all[q][a * inputs + n], 0.0, "quantity " + q + ", alpha " + a + ", input " + n);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void chunkedColumnsGiveTheSameBits(BranchModel model) {
        int d = 4;
        int m = 3;
        int L = 10;
        ScaledResNet net = random(model, d, m, L, 41);
        SplittableRandom rng = new SplittableRandom(42);
        int inputs = 5;
        double[] x = uniform(rng, inputs * m);
        double[] y = uniform(rng, inputs);
        double[] alphas = {0.9, 0.5, 0.1};
        double[][] whole = propagate(new LoopPropagationF64(), net, x, y, inputs, alphas);
        // masks of 40 bytes per column: a budget of 100 bytes makes chunks of 2 columns
        assertEquals(2, InitPropagation.chunkColumns(L, d, 1, 100));
        double[][] chunked = propagate(new LoopPropagationF64(100), net, x, y, inputs, alphas);
        for (int q = 0; q < 4; q++) {
            assertArrayEquals(whole[q], chunked[q], "quantity " + q);
        }
    }

    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void overflowIsReportedAsInfinityAndNaN(BranchModel model) {
        // width 1: (1 + 1e10)^40 = 1e400 overflows to h_L = +inf; F = +inf, g_L = +inf B, g_0 = +inf: inf/inf
        double[][] out = propagate(new LoopPropagationF64(), diagonal(model, 1, 1, 40, 1e10), new double[] {0.5},
                new double[] {0.5}, 1, new double[] {1.0});
        assertEquals(Double.POSITIVE_INFINITY, out[0][0]);
        assertEquals(Double.POSITIVE_INFINITY, out[1][0]);
        assertTrue(Double.isNaN(out[2][0]));
        assertTrue(Double.isNaN(out[3][0]));
        // width 3: the zeros off the diagonal meet the infinities, 0 inf = NaN, so h_L itself is NaN
        double[][] wide = propagate(new LoopPropagationF64(), diagonal(model, 3, 4, 40, 1e10),
                new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.5}, 1, new double[] {1.0});
        for (int q = 0; q < 4; q++) {
            assertTrue(Double.isNaN(wide[q][0]), "quantity " + q);
        }
    }

    private static void assertArrayEquals(double[] a, double[] b, String what) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, what);
    }

    private static double[] shifted(double[] x, double[] u, double step) {
        double[] s = x.clone();
        for (int j = 0; j < s.length; j++) {
            s[j] += step * u[j];
        }
        return s;
    }

    private static double loss(ScaledResNet net, double[] x, double y, double alpha) {
        double[][] h = net.hiddenStates(x, alpha);
        double e = net.output(h[net.depth()])[0] - y;
        return e * e;
    }

    private static double norm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double v = b == null ? a[i] : a[i] - b[i];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The estimate made before a propagation is what the workspaces hold after it, for both models. */
    @ParameterizedTest
    @EnumSource(BranchModel.class)
    void workspaceBytesAreKnownBeforeThePropagation(BranchModel model) {
        int d = 5;
        int m = 3;
        int L = 17;
        int inputs = 4;
        double[] alphas = {0.1, 0.5, 1.0};
        ScaledResNet net = random(model, d, m, L, 3);
        SplittableRandom rng = new SplittableRandom(4);
        LoopPropagationF64 p = new LoopPropagationF64();
        propagate(p, net, uniform(rng, inputs * m), uniform(rng, inputs), inputs, alphas);
        assertEquals(p.allocatedBytes(), InitPropagation.workspaceBytes(L, d, inputs, alphas.length, 1, p.lanes()));
        // a chunk padded to 8 lanes: 12 columns take 16
        assertEquals(8L * (6 * d * 16 + 16 + d * inputs + 1) + (long) L * d * 16,
                InitPropagation.workspaceBytes(L, d, inputs, alphas.length, 1, 8));
    }
}
