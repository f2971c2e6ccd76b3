package org.rscale.sweeps.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.init.WeightInitialiser;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.TestNets;
import org.rscale.sweeps.testing.Tolerance;
import org.rscale.sweeps.train.Trainer;
import org.rscale.sweeps.train.TrainingListener;
import org.rscale.sweeps.train.TrainingResult;

/**
 * {@link Nd4jKernel} against the reference kernel {@link LoopKernelF64} (itself checked against
 * finite differences): the same loss and gradient for every activation and delta variant, the
 * same optimiser steps, the same short training; chunked evaluation against the reference
 * forward pass; float32 close to float64; the factory's choices.
 */
@ExtendWith(QuietConsole.class)
class Nd4jKernelTest {
    /**
     * Both kernels compute the same formulas in float64; only the order of the sums inside BLAS
     * (over the batch and the width, at most 7 terms here) differs, which changes a result by a
     * few ulps relative to the size of its terms. 1e-12 relative leaves three orders of margin
     * over that, while a wrong factor, sign or index fails by orders of magnitude. The absolute
     * part, 1e-15, covers entries that cancel to ~1e-16 (e.g. a relu gradient that is exactly 0
     * in one kernel and a rounding residue in the other).
     */
    private static final Tolerance SAME_MATH = new Tolerance("same formulas, another summation order", 1e-15, 1e-12);
    /**
     * 50 Adam steps on a depth-20 net amplify rounding differences of ~1e-16 in each step; the
     * final losses agree to ~1e-12 in practice, 1e-6 leaves room for more chaotic nets.
     */
    private static final Tolerance SAME_TRAJECTORY = Tolerance.relative("50 steps from the same start", 1e-6);
    /** float32 rounding (6e-8) through a depth-8 net and a few steps: ~1e-6 in practice. */
    private static final Tolerance FLOAT32 = Tolerance.relative("float32 vs float64 after 5 steps", 1e-4);

    @BeforeAll
    static void initialiseNd4j() {
        // loads the native backend once, outside the tests' console check (ND4J and slf4j may print at start-up)
        assertTrue(Nd4jKernel.deviceDescription().startsWith("nd4j "));
    }


    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("org.rscale.sweeps.testing.TestNets#variants")
    void lossAndGradientMatchTheLoopKernel(Activation act, ScalingFactor scaling) {
        int L = 4;
        int d = 3;
        int n = 9;
        ResidualNet net = TestNets.random(act, scaling, L, d, 11);
        Dataset data = TestNets.data(n, d, 12);
        int[] order = {8, 3, 0, 5, 1, 2, 4, 6, 7};
        Optimiser sgd = new Optimiser(Optimiser.Kind.SGD, 0.1, 0);
        LoopKernelF64 loop = new LoopKernelF64(net, data, 7, sgd);
        Nd4jKernel nd4j = new Nd4jKernel(net, data, 7, sgd, DataType.DOUBLE);
        String what = act.key() + "/" + scaling.key();
        // a full batch of 7, then a partial batch of 5 (padded to 7 columns) from another offset
        compareGradients(loop, nd4j, net, order, 0, 7, what + " full batch");
        compareGradients(loop, nd4j, net, order, 2, 5, what + " partial batch");
    }

    private static void compareGradients(TrainingKernel loop, TrainingKernel nd4j, ResidualNet net, int[] order,
                                         int from, int count, String what) {
        double[] gA = new double[net.A().length];
        double[] gb = new double[net.b().length];
        double[] gDelta = new double[net.delta().length];
        double[] hA = new double[gA.length];
        double[] hb = new double[gb.length];
        double[] hDelta = new double[gDelta.length];
        double expected = loop.lossAndGradient(order, from, count, gA, gb, gDelta);
        double actual = nd4j.lossAndGradient(order, from, count, hA, hb, hDelta);
        SAME_MATH.check(expected, actual, what + " loss");
        checkAll(gA, hA, what + " dLoss/dA");
        checkAll(gb, hb, what + " dLoss/db");
        checkAll(gDelta, hDelta, what + " dLoss/d delta");
    }

    private static void checkAll(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            SAME_MATH.check(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    static Stream<Arguments> optimisers() {
        Stream.Builder<Arguments> b = Stream.builder();
        Optimiser[] opts = {new Optimiser(Optimiser.Kind.ADAM, 0.01, 0), new Optimiser(Optimiser.Kind.SGD, 0.05, 0.9),
            new Optimiser(Optimiser.Kind.SGD, 0.05, 0), new Optimiser(Optimiser.Kind.RMSPROP, 0.01, 0)};
        for (Optimiser o : opts) {
            for (ScalingFactor s : new ScalingFactor[] {ScalingFactor.SHARED, ScalingFactor.PER_LAYER, ScalingFactor.FIXED}) {
                b.add(Arguments.of(o, s));
            }
        }
        return b.build();
    }

    /** Two steps: the first has the closed forms of LoopKernelF64Test, the second uses the optimiser state. */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("optimisers")
    void optimiserStepsMatchTheLoopKernel(Optimiser opt, ScalingFactor scaling) {
        ResidualNet net = TestNets.random(Activation.TANH, scaling, 5, 4, 21);
        Dataset data = TestNets.data(6, 4, 22);
        int[] order = TestNets.identity(6);
        LoopKernelF64 loop = new LoopKernelF64(net, data, 6, opt);
        Nd4jKernel nd4j = new Nd4jKernel(net, data, 6, opt, DataType.DOUBLE);
        for (int s = 1; s <= 2; s++) {
            SAME_MATH.check(loop.trainStep(order, 0, 6), nd4j.trainStep(order, 0, 6), "loss before step " + s);
            ResidualNet expected = loop.parameters();
            ResidualNet actual = nd4j.parameters();
            String what = opt.kind() + "(momentum " + opt.momentum() + ")/" + scaling.key() + " step " + s;
            checkAll(expected.A(), actual.A(), what + " A");
            checkAll(expected.b(), actual.b(), what + " b");
            checkAll(expected.delta(), actual.delta(), what + " delta");
        }
    }

    @Test
    void aShortTrainingFollowsTheLoopKernel() {
        int L = 20;
        int d = 8;
        int batch = 16;
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.SHARED, L, d, 31);
        Dataset data = TestNets.data(40, d, 32);
        Optimiser adam = new Optimiser(Optimiser.Kind.ADAM, 1e-2, 0);
        LoopKernelF64 loop = new LoopKernelF64(net, data, batch, adam);
        Nd4jKernel nd4j = new Nd4jKernel(net, data, batch, adam, DataType.DOUBLE);
        // shuffled epochs of batches 16, 16, 8: the last batch is padded
        SplittableRandom rng = new SplittableRandom(33);
        int[] order = TestNets.identity(data.n());
        int steps = 0;
        double first = loop.loss(data);
        while (steps < 50) {
            shuffle(order, rng);
            for (int from = 0; from < data.n() && steps < 50; from += batch, steps++) {
                int count = Math.min(batch, data.n() - from);
                SAME_TRAJECTORY.check(loop.trainStep(order, from, count), nd4j.trainStep(order, from, count),
                        "batch loss at step " + (steps + 1));
            }
        }
        double last = loop.loss(data);
        assertTrue(last < 0.9 * first, "the training makes progress: " + first + " -> " + last);
        SAME_TRAJECTORY.check(last, nd4j.loss(data), "training loss after 50 steps");
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Test
    void evaluationLossMatchesReferenceForwardOverSeveralChunks() {
        for (Activation act : Activation.values()) {
            ResidualNet net = TestNets.random(act, ScalingFactor.SHARED, 5, 3, 7);
            Dataset train = TestNets.data(4, 3, 8);
            Dataset other = TestNets.data(11, 3, 9);
            Nd4jKernel kernel = new Nd4jKernel(net, train, 4, new Optimiser(Optimiser.Kind.ADAM, 0.1, 0), DataType.DOUBLE);
            // chunks of 4, 4 and 3 samples
            SAME_MATH.check(net.meanSquaredError(other), kernel.loss(other), act.key() + " chunked evaluation");
        }
    }

    @Test
    void float32StaysCloseToFloat64() {
        for (Activation act : Activation.values()) {
            ResidualNet net = TestNets.random(act, ScalingFactor.PER_LAYER, 8, 5, 41);
            Dataset data = TestNets.data(10, 5, 42);
            Optimiser adam = new Optimiser(Optimiser.Kind.ADAM, 1e-3, 0);
            Nd4jKernel f64 = new Nd4jKernel(net, data, 8, adam, DataType.DOUBLE);
            Nd4jKernel f32 = new Nd4jKernel(net, data, 8, adam, DataType.FLOAT);
            assertEquals("float32", f32.precision());
            assertEquals("float64", f64.precision());
            int[] order = TestNets.identity(10);
            for (int s = 0; s < 5; s++) {
                FLOAT32.check(f64.trainStep(order, 0, 8), f32.trainStep(order, 0, 8), act.key() + " batch loss " + s);
            }
            FLOAT32.check(f64.loss(data), f32.loss(data), act.key() + " loss after 5 steps");
        }
    }

    @Test
    void aNonFiniteLossSkipsTheUpdate() {
        ResidualNet net = TestNets.random(Activation.LINEAR, ScalingFactor.PER_LAYER, 3, 2, 51);
        double[] huge = {1e300, 1e300, -1e300, 1e300};
        Dataset data = new Dataset(2, 2, huge, new double[4]);
        Nd4jKernel kernel = new Nd4jKernel(net, data, 2, new Optimiser(Optimiser.Kind.ADAM, 0.1, 0), DataType.DOUBLE);
        assertFalse(Double.isFinite(kernel.trainStep(TestNets.identity(2), 0, 2)));
        ResidualNet after = kernel.parameters();
        assertArrayEquals(net.A(), after.A(), 0.0);
        assertArrayEquals(net.b(), after.b(), 0.0);
        assertArrayEquals(net.delta(), after.delta(), 0.0);
    }

    @Test
    void allocatedBytesCountEveryBuffer() {
        int L = 6;
        int d = 4;
        int B = 5;
        ResidualNet net = TestNets.random(Activation.TANH, ScalingFactor.PER_LAYER, L, d, 61);
        Dataset data = TestNets.data(B, d, 62);
        Nd4jKernel kernel = new Nd4jKernel(net, data, B, new Optimiser(Optimiser.Kind.ADAM, 0.1, 0), DataType.FLOAT);
        long params = (long) L * d * d + (long) L * d + L;
        // P, gP, m, v; X0, Y, slots 1..L, cache; S; ones; loss; delta copy
        long elements = 4 * params + (2 + 2L * L) * d * B + (long) d * B + Math.max((long) d * B, L) + 1 + L;
        // host: delta (float64) and the two staging arrays
        long expected = 4 * elements + 8L * L + 2 * 4L * d * B;
        assertEquals(expected, kernel.allocatedBytes());
    }

    @Test
    void theFactoryBuildsTheNd4jKernelInEitherPrecision() {
        CellSettings f32 = cell("kernel=nd4j", "precision=float32");
        TrainTestData data = DataSource.load(f32.data());
        TrainingKernel k = KernelFactory.create(f32, WeightInitialiser.initialise(f32.initSpec()), data.train());
        assertInstanceOf(Nd4jKernel.class, k);
        assertEquals("nd4j", k.name());
        assertEquals("float32", k.precision());
        assertTrue(k.device().startsWith("nd4j cpu"), k.device());

        CellSettings loop32 = cell("kernel=loop", "precision=float32");
        assertEquals("float32", KernelFactory.create(loop32, WeightInitialiser.initialise(loop32.initSpec()), data.train()).precision());
        // smoke preset: batch 32, so the built-in crossover is 240
        assertEquals(240, KernelFactory.crossoverWidth(32));
        assertEquals(56, KernelFactory.crossoverWidth(256));
        String narrow = KernelFactory.vectorAvailable() ? "vector" : "loop";
        assertEquals(narrow, KernelFactory.resolve(cell("kernel=auto", "data.dim=64")), "below the crossover");
        assertEquals("nd4j", KernelFactory.resolve(cell("kernel=auto", "data.dim=64", "nd4j_min_width=64")),
                "auto picks nd4j from nd4j_min_width on");
        assertEquals("nd4j", KernelFactory.resolve(cell("kernel=auto", "data.dim=64", "batch_size=512",
                "data.train_size=1024")), "wide batches move the crossover down");
        assertEquals("loop", KernelFactory.resolve(cell("kernel=loop", "data.dim=64", "nd4j_min_width=8")),
                "an explicit kernel is never overridden");
    }

    /** The trainer with kernel=nd4j (float64) reproduces kernel=loop on a small cell. */
    @Test
    void theTrainerGivesTheSameResultWithEitherKernel() {
        TrainingResult loop = train(cell("depths.values=12", "epochs=3", "epsilon=0", "kernel=loop"));
        TrainingResult nd4j = train(cell("depths.values=12", "epochs=3", "epsilon=0", "kernel=nd4j"));
        assertEquals(loop.status(), nd4j.status());
        assertEquals(loop.steps(), nd4j.steps());
        SAME_TRAJECTORY.check(loop.finalTrainLoss(), nd4j.finalTrainLoss(), "final training loss");
        SAME_TRAJECTORY.check(loop.finalTestLoss(), nd4j.finalTestLoss(), "final test loss");
    }

    private static CellSettings cell(String... sets) {
        SweepConfigLoader l = new SweepConfigLoader().preset("smoke");
        for (int i = 0; i < sets.length; i++) {
            l.set(sets[i]);
        }
        return l.resolve().cells().get(0);
    }

    private static TrainingResult train(CellSettings c) {
        TrainTestData data = DataSource.load(c.data());
        TrainingKernel k = KernelFactory.create(c, WeightInitialiser.initialise(c.initSpec()), data.train());
        return Trainer.train(c, k, data, TrainingListener.NONE);
    }
}
