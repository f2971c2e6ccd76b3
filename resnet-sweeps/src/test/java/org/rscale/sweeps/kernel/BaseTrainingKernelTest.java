package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.testing.TestNets;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The contract every {@link TrainingKernel} meets, checked against {@link LoopKernelF64} (itself
 * checked against finite differences in {@link LoopKernelF64Test}): the same loss and gradient for
 * every activation and delta variant, the same optimiser step, the same training, correct partial
 * batches and chunked evaluation, and no allocation per step.
 *
 * <p>Agreement is measured norm-wise per tensor, {@code ||x - x_ref|| <= tol ||x_ref||}, which is
 * what "agrees to 1e-12 relative" means for a gradient whose entries span many magnitudes.
 */
public abstract class BaseTrainingKernelTest {

    /**
     * @param net      the initial parameters
     * @param data     the training set
     * @param maxBatch the batch capacity
     * @param opt      the optimiser
     * @return the kernel under test
     */
    protected abstract TrainingKernel create(ResidualNet net, Dataset data, int maxBatch, Optimiser opt);

    /** @return the norm-wise relative agreement with the float64 reference for one gradient or step */
    protected abstract double agreement();

    /** @return the relative agreement of the final loss after a short training */
    protected abstract double trainingAgreement();


    /**
     * @param ref      reference values
     * @param actual   computed values
     * @param relative the norm-wise relative tolerance
     * @param what     for the message
     */
    protected static void assertClose(double[] ref, double[] actual, double relative, String what) {
        assertEquals(ref.length, actual.length, what + ": length");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < ref.length; i++) {
            diff += (actual[i] - ref[i]) * (actual[i] - ref[i]);
            norm += ref[i] * ref[i];
        }
        diff = Math.sqrt(diff);
        norm = Math.sqrt(norm);
        assertTrue(diff <= relative * norm || (norm == 0 && diff == 0),
                what + ": ||x - x_ref|| = " + diff + " exceeds " + relative + " x ||x_ref|| = " + relative * norm);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("org.rscale.sweeps.testing.TestNets#variants")
    void lossAndGradientAgreeWithTheReference(Activation act, ScalingFactor scaling) {
        int L = 5;
        int d = 6;
        int n = 11;
        ResidualNet net = TestNets.random(act, scaling, L, d, 17);
        Dataset data = TestNets.data(n, d, 18);
        Optimiser sgd = new Optimiser(Optimiser.Kind.SGD, 0.1, 0);
        TrainingKernel ref = new LoopKernelF64(net, data, n, sgd);
        TrainingKernel k = create(net, data, n, sgd);
        int[] order = TestNets.identity(n);
        double[][] g0 = {new double[net.A().length], new double[net.b().length], new double[net.delta().length]};
        double[][] g1 = {new double[net.A().length], new double[net.b().length], new double[net.delta().length]};
        double l0 = ref.lossAndGradient(order, 0, n, g0[0], g0[1], g0[2]);
        double l1 = k.lossAndGradient(order, 0, n, g1[0], g1[1], g1[2]);
        Tolerance.relative("loss", agreement()).check(l0, l1, act.key() + "/" + scaling.key() + " loss");
        String[] names = {"dA", "db", "d delta"};
        for (int t = 0; t < 3; t++) {
            assertClose(g0[t], g1[t], agreement(), act.key() + "/" + scaling.key() + " " + names[t]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimisers")
    void oneStepAgreesWithTheReference(Optimiser opt) {
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.PER_LAYER, 6, 5, 23);
        Dataset data = TestNets.data(9, 5, 24);
        int[] order = {3, 1, 4, 0, 8, 2, 7, 5, 6};
        TrainingKernel ref = new LoopKernelF64(net, data, 9, opt);
        TrainingKernel k = create(net, data, 9, opt);
        for (int s = 0; s < 2; s++) {
            ref.trainStep(order, 0, 9);
            k.trainStep(order, 0, 9);
        }
        ResidualNet a = ref.parameters();
        ResidualNet b = k.parameters();
        assertClose(a.A(), b.A(), agreement(), opt.kind() + " A after two steps");
        assertClose(a.b(), b.b(), agreement(), opt.kind() + " b after two steps");
        assertClose(a.delta(), b.delta(), agreement(), opt.kind() + " delta after two steps");
    }

    static Stream<Optimiser> optimisers() {
        return Stream.of(new Optimiser(Optimiser.Kind.ADAM, 1e-2, 0), new Optimiser(Optimiser.Kind.SGD, 0.05, 0.9),
                new Optimiser(Optimiser.Kind.RMSPROP, 1e-3, 0));
    }

    @Test
    void aShortTrainingEndsAtTheSameLoss() {
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.SHARED, 20, 8, 31);
        Dataset data = TestNets.data(48, 8, 32);
        Optimiser adam = new Optimiser(Optimiser.Kind.ADAM, 1e-3, 0);
        TrainingKernel ref = new LoopKernelF64(net, data, 16, adam);
        TrainingKernel k = create(net, data, 16, adam);
        int[] order = TestNets.identity(48);
        for (int s = 0; s < 50; s++) {
            int from = (s % 3) * 16;
            ref.trainStep(order, from, 16);
            k.trainStep(order, from, 16);
        }
        Tolerance.relative("final loss after 50 steps", trainingAgreement())
                .check(ref.loss(data), k.loss(data), "final loss");
    }

    @Test
    void partialBatchesAndChunkedEvaluationSelectTheRightSamples() {
        ResidualNet net = TestNets.random(Activation.RELU, ScalingFactor.NONE, 4, 3, 41);
        Dataset data = TestNets.data(13, 3, 42);
        Optimiser sgd = new Optimiser(Optimiser.Kind.SGD, 0.1, 0);
        TrainingKernel k = create(net, data, 5, sgd);
        int[] order = {12, 7, 3, 9, 0, 1, 2, 4, 5, 6, 8, 10, 11};
        double[] gA = new double[net.A().length];
        double[] gb = new double[net.b().length];
        double[] gd = new double[1];
        double loss = k.lossAndGradient(order, 1, 3, gA, gb, gd);
        Dataset picked = new Dataset(3, 3, pick(data.x(), 3, 7, 3, 9), pick(data.y(), 3, 7, 3, 9));
        Tolerance.relative("partial batch", agreement()).check(net.meanSquaredError(picked), loss, "loss of samples 7, 3, 9");
        Tolerance.relative("chunked evaluation", agreement()).check(net.meanSquaredError(data), k.loss(data), "13 samples in chunks of 5");
    }

    private static double[] pick(double[] src, int d, int... rows) {
        double[] out = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(src, rows[r] * d, out, r * d, d);
        }
        return out;
    }

    @Test
    void trainingStepsAllocateNothing() {
        assertStepsAllocateNothing(Activation.TANH);
    }

    /**
     * Every activation, since each has its own loops and special functions (whose vectors must be
     * scalar-replaced too).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activation.class, names = {"RELU", "SHIFTED_SOFTPLUS", "GELU", "SIN"})
    void trainingStepsAllocateNothingWithEveryActivation(Activation act) {
        assertStepsAllocateNothing(act);
    }

    private void assertStepsAllocateNothing(Activation act) {
        ResidualNet net = TestNets.random(act, ScalingFactor.SHARED, 50, 10, 51);
        Dataset data = TestNets.data(32, 10, 52);
        TrainingKernel k = create(net, data, 32, new Optimiser(Optimiser.Kind.ADAM, 1e-3, 0));
        int[] order = TestNets.identity(32);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // steady state: the JIT may still be compiling (other tests share its queue), so measure
        // windows of 100 steps until one allocates nothing, for at most 60 windows
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 60 && best > allocationAllowance(); window++) {
            long before = bean.getThreadAllocatedBytes(id);
            for (int s = 0; s < 100; s++) {
                k.trainStep(order, 0, 32);
            }
            best = Math.min(best, (bean.getThreadAllocatedBytes(id) - before) / 100);
        }
        assertTrue(best <= allocationAllowance(),
                name(k) + " allocates " + best + " bytes per step in steady state with " + act.key());
    }

    /** @return bytes per training step tolerated (0 for plain kernels; ND4J creates small view objects) */
    protected long allocationAllowance() {
        return 64;
    }

    private static String name(TrainingKernel k) {
        return k.name() + "/" + k.precision();
    }

    @Test
    void memoryIsOrderLDSquaredPlusBLD() {
        Optimiser adam = new Optimiser(Optimiser.Kind.ADAM, 1e-3, 0);
        long m1 = create(TestNets.random(Activation.TANH, ScalingFactor.SHARED, 100, 10, 1), TestNets.data(32, 10, 2), 32, adam)
                .allocatedBytes();
        long m2 = create(TestNets.random(Activation.TANH, ScalingFactor.SHARED, 200, 10, 1), TestNets.data(32, 10, 2), 32, adam)
                .allocatedBytes();
        assertTrue(m1 > 0);
        // doubling L doubles the depth-proportional part: m2 - m1 is that part, at most m1
        assertTrue(m2 - m1 <= m1 && m2 - m1 > m1 / 2, "memory " + m1 + " at L=100, " + m2 + " at L=200");
    }
}
