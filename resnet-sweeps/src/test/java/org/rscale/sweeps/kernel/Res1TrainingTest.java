package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.initstudy.SmoothVariant;
import org.rscale.sweeps.testing.Tolerance;

/**
 * Training res-1 ({@link Res1Training}): every coordinate of the gradient of the cross-entropy
 * against central differences of a reference loss (the network's plain forward pass and a
 * softmax written here), the first Adam step against its closed form, and learning a separable
 * problem.
 */
class Res1TrainingTest {
    /**
     * Step 1e-6 on a loss of order 1: truncation ~ 1e-12 times the third derivative, rounding
     * ~ 1e-16 / 1e-6 = 1e-10; a missing mask, a transposed V or a wrong alpha is off by order 1. The
     * absolute part covers coordinates whose gradient is near 0.
     */
    private static final Tolerance GRADIENT = new Tolerance("central difference, step 1e-6", 1e-8, 1e-6);

    private static ScaledResNet net(long seed) {
        BranchLaw law = new BranchLaw(Initialisation.FBM, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, 0.6);
        return new ScaledResNetSampler(BranchModel.RES_1, law, 4, 5, 3, 6).draw(new SplittableRandom(seed));
    }

    @Test
    void gradientsMatchCentralDifferencesInEveryCoordinate() {
        ScaledResNet net = net(1);
        SplittableRandom rng = new SplittableRandom(2);
        int n = 5;
        double[] x = new double[n * 5];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
        }
        int[] order = {4, 0, 3, 1, 2};
        double alpha = Math.pow(6, -0.5);
        Res1Training t = new Res1Training(net, alpha, 8);
        double[] gA = new double[net.A().length];
        double[] gB = new double[net.B().length];
        double[] gV = new double[net.V().length];
        double loss = t.lossAndGradient(x, y, order, 0, n, gA, gB, gV);
        assertEquals(reference(net, x, y, alpha), loss, 1e-12);
        double[][] params = {net.A(), net.B(), net.V()};
        double[][] grads = {gA, gB, gV};
        String[] names = {"A", "B", "V"};
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < params[p].length; i++) {
                double keep = params[p][i];
                double step = 1e-6;
                params[p][i] = keep + step;
                double up = reference(net, x, y, alpha);
                params[p][i] = keep - step;
                double down = reference(net, x, y, alpha);
                params[p][i] = keep;
                GRADIENT.check((up - down) / (2 * step), grads[p][i], names[p] + "[" + i + "]");
            }
        }
    }

    @Test
    void theFirstAdamStepMovesEveryParameterByTheLearningRate() {
        ScaledResNet net = net(3);
        double[] x = {0.1, 0.5, 0.9, 0.3, 0.7};
        int[] y = {2};
        Res1Training t = new Res1Training(net, 1.0 / 6, 1);
        double[] gA = new double[net.A().length];
        double[] gB = new double[net.B().length];
        double[] gV = new double[net.V().length];
        t.lossAndGradient(x, y, new int[] {0}, 0, 1, gA, gB, gV);
        t.trainStep(x, y, new int[] {0}, 0, 1, 0.01);
        // Adam's first step: m = 0.1 g, v = 0.001 g^2, p -= lr (m / 0.1) / (sqrt(v / 0.001) + eps) = lr sign(g)
        ScaledResNet after = t.parameters();
        for (int i = 0; i < gV.length; i++) {
            double expected = net.V()[i] - 0.01 * gV[i] / (Math.abs(gV[i]) + Optimiser.EPS);
            assertEquals(expected, after.V()[i], 1e-15, "V[" + i + "]");
        }
        assertEquals(1, t.steps());
    }

    @Test
    void learnsASeparableProblem() {
        ScaledResNet net = net(4);
        SplittableRandom rng = new SplittableRandom(5);
        int n = 60;
        double[] x = new double[n * 5];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = s % 3;
            for (int j = 0; j < 5; j++) {
                x[s * 5 + j] = 0.2 * rng.nextGaussian() + (j == y[s] ? 2 : 0);
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Res1Training t = new Res1Training(net, 1.0 / 6, 20);
        double before = t.evaluate(x, y, n)[0];
        for (int epoch = 0; epoch < 60; epoch++) {
            for (int from = 0; from < n; from += 20) {
                t.trainStep(x, y, order, from, 20, 0.02);
            }
        }
        double[] after = t.evaluate(x, y, n);
        assertTrue(after[0] < before / 5, "loss " + before + " -> " + after[0]);
        assertEquals(n, after[1], 0.0, "every sample classified");
    }

    /** Mean cross-entropy from the network's plain forward pass. */
    private static double reference(ScaledResNet net, double[] x, int[] y, double alpha) {
        int m = net.inputDim();
        double loss = 0;
        for (int s = 0; s < y.length; s++) {
            double[] xs = java.util.Arrays.copyOfRange(x, s * m, (s + 1) * m);
            double[] z = net.output(net.hiddenStates(xs, alpha)[net.depth()]);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            loss += Math.log(sum) + max - z[y[s]];
        }
        return loss / y.length;
    }

    /** The estimate made before the kernel exists is what it then holds. */
    @Test
    void estimatedBytesAreWhatTheKernelHolds() {
        ScaledResNet net = net(3);
        for (int batch : new int[] {1, 7, 20}) {
            Res1Training t = new Res1Training(net, 1.0 / 6, batch);
            assertEquals(t.allocatedBytes(), Res1Training.estimatedBytes(net.width(), net.inputDim(), net.outputDim(),
                    net.depth(), batch), "batch " + batch);
        }
    }
}
