package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.TestNets;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The hand-written backward pass of {@link LoopKernelF64} against central finite differences of
 * the reference forward pass ({@link ResidualNet#meanSquaredError}), for every activation, delta
 * variant and parameter coordinate of a tiny net; and the optimiser updates against their closed
 * forms on the first step.
 */
@ExtendWith(QuietConsole.class)
class LoopKernelF64Test extends BaseTrainingKernelTest {

    @Override
    protected TrainingKernel create(ResidualNet net, Dataset data, int maxBatch, Optimiser opt) {
        return new LoopKernelF64(net, data, maxBatch, opt);
    }

    @Override
    protected double agreement() {
        return 0; // the reference itself: bitwise
    }

    @Override
    protected double trainingAgreement() {
        return 0;
    }

    /**
     * Central differences with step 1e-5 on O(1) inputs: truncation error ~ h^2 f''' ~ 1e-10,
     * rounding ~ eps f / h ~ 1e-11; so 1e-7 relative plus 1e-9 absolute has a wide margin, while a
     * wrong factor or sign fails by orders of magnitude.
     */
    private static final double H = 1e-5;
    private static final Tolerance FD = new Tolerance("central difference, h = 1e-5", 1e-9, 1e-7);
    private static final Tolerance EXACT = new Tolerance("same arithmetic, rounding only", 1e-15, 1e-12);


    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("org.rscale.sweeps.testing.TestNets#variants")
    void gradientMatchesFiniteDifferences(Activation act, ScalingFactor scaling) {
        int L = 4;
        int d = 3;
        int n = 5;
        ResidualNet net = TestNets.random(act, scaling, L, d, 11);
        Dataset data = TestNets.data(n, d, 12);
        LoopKernelF64 kernel = new LoopKernelF64(net, data, n, new Optimiser(Optimiser.Kind.SGD, 0.1, 0));
        double[] gA = new double[net.A().length];
        double[] gb = new double[net.b().length];
        double[] gDelta = new double[net.delta().length];
        double loss = kernel.lossAndGradient(TestNets.identity(n), 0, n, gA, gb, gDelta);
        EXACT.check(net.meanSquaredError(data), loss, "kernel loss vs reference forward");

        checkCoordinates(net, data, net.A(), gA, "A");
        checkCoordinates(net, data, net.b(), gb, "b");
        if (scaling.trainable()) {
            checkCoordinates(net, data, net.delta(), gDelta, "delta");
        } else {
            for (double g : gDelta) {
                assertEquals(0.0, g, "untrained delta has no gradient");
            }
        }
    }

    private static void checkCoordinates(ResidualNet net, Dataset data, double[] param, double[] grad, String name) {
        for (int i = 0; i < param.length; i++) {
            double saved = param[i];
            param[i] = saved + H;
            double up = net.meanSquaredError(data);
            param[i] = saved - H;
            double down = net.meanSquaredError(data);
            param[i] = saved;
            double fd = (up - down) / (2 * H);
            FD.check(fd, grad[i], net.activation().key() + "/" + net.scaling().key() + " dLoss/d" + name + "[" + i + "]");
        }
    }

    @Test
    void partialBatchAndOrderSelectTheRightSamples() {
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.PER_LAYER, 3, 4, 5);
        Dataset data = TestNets.data(9, 4, 6);
        LoopKernelF64 kernel = new LoopKernelF64(net, data, 4, new Optimiser(Optimiser.Kind.SGD, 0.1, 0));
        int[] order = {8, 3, 0, 5, 1, 2, 4, 6, 7};
        double[] gA = new double[net.A().length];
        double[] gb = new double[net.b().length];
        double[] gDelta = new double[net.delta().length];
        double loss = kernel.lossAndGradient(order, 1, 3, gA, gb, gDelta);
        Dataset picked = new Dataset(3, 4, concat(data, 3, 0, 5, true), concat(data, 3, 0, 5, false));
        EXACT.check(net.meanSquaredError(picked), loss, "loss of samples 3, 0, 5");
    }

    private static double[] concat(Dataset data, int i, int j, int k, boolean inputs) {
        double[] src = inputs ? data.x() : data.y();
        int d = data.d();
        double[] out = new double[3 * d];
        System.arraycopy(src, i * d, out, 0, d);
        System.arraycopy(src, j * d, out, d, d);
        System.arraycopy(src, k * d, out, 2 * d, d);
        return out;
    }

    @Test
    void evaluationLossMatchesReferenceForwardOverSeveralChunks() {
        ResidualNet net = TestNets.random(Activation.GELU, ScalingFactor.SHARED, 5, 3, 7);
        Dataset data = TestNets.data(11, 3, 8);
        LoopKernelF64 kernel = new LoopKernelF64(net, data, 4, new Optimiser(Optimiser.Kind.ADAM, 0.1, 0));
        EXACT.check(net.meanSquaredError(data), kernel.loss(data), "chunked evaluation");
    }

    /** First steps of each optimiser have closed forms in terms of the gradient g. */
    @Test
    void firstOptimiserStepsHaveClosedForms() {
        double lr = 0.01;
        for (Optimiser.Kind kind : Optimiser.Kind.values()) {
            ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.PER_LAYER, 3, 2, 21);
            Dataset data = TestNets.data(4, 2, 22);
            int[] order = TestNets.identity(4);
            LoopKernelF64 kernel = new LoopKernelF64(net, data, 4, new Optimiser(kind, lr, 0.9));
            double[] gA = new double[net.A().length];
            double[] gb = new double[net.b().length];
            double[] gDelta = new double[net.delta().length];
            kernel.lossAndGradient(order, 0, 4, gA, gb, gDelta);
            kernel.trainStep(order, 0, 4);
            ResidualNet after = kernel.parameters();
            for (int i = 0; i < gA.length; i++) {
                double g = gA[i];
                double expected;
                switch (kind) {
                    // m_hat = g, sqrt(v_hat) = |g|
                    case ADAM: expected = net.A()[i] - lr * g / (Math.abs(g) + Optimiser.EPS); break;
                    // v = (1 - alpha) g^2 = 0.01 g^2
                    case RMSPROP: expected = net.A()[i] - lr * g / (Math.sqrt(0.01 * g * g) + Optimiser.EPS); break;
                    // buf = g on the first step
                    case SGD: expected = net.A()[i] - lr * g; break;
                    default: throw new AssertionError(kind);
                }
                EXACT.check(expected, after.A()[i], kind + " first step, A[" + i + "]");
            }
        }
    }

    @Test
    void sgdMomentumSecondStepUsesTheBuffer() {
        double lr = 0.05;
        double mu = 0.9;
        ResidualNet net = TestNets.random(Activation.LINEAR, ScalingFactor.NONE, 2, 2, 31);
        Dataset data = TestNets.data(3, 2, 32);
        int[] order = TestNets.identity(3);
        LoopKernelF64 kernel = new LoopKernelF64(net, data, 3, new Optimiser(Optimiser.Kind.SGD, lr, mu));
        double[] g1 = new double[net.A().length];
        double[] gb = new double[net.b().length];
        double[] gd = new double[1];
        kernel.lossAndGradient(order, 0, 3, g1, gb, gd);
        kernel.trainStep(order, 0, 3);
        double[] g2 = new double[net.A().length];
        kernel.lossAndGradient(order, 0, 3, g2, gb, gd);
        double[] a1 = kernel.parameters().A();
        kernel.trainStep(order, 0, 3);
        double[] a2 = kernel.parameters().A();
        for (int i = 0; i < a2.length; i++) {
            // buf2 = mu g1 + g2
            EXACT.check(a1[i] - lr * (mu * g1[i] + g2[i]), a2[i], "second momentum step");
        }
    }

    @Test
    void trainingReducesTheLoss() {
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.SHARED, 10, 4, 41);
        Dataset data = TestNets.data(16, 4, 42);
        LoopKernelF64 kernel = new LoopKernelF64(net, data, 16, new Optimiser(Optimiser.Kind.ADAM, 1e-2, 0));
        double first = kernel.loss(data);
        int[] order = TestNets.identity(16);
        for (int s = 0; s < 200; s++) {
            kernel.trainStep(order, 0, 16);
        }
        assertTrue(kernel.loss(data) < 0.5 * first, "200 Adam steps halve the loss");
    }
}
