package org.rscale.sweeps.kernel.vector;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.kernel.Optimiser;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.testing.TestNets;

/**
 * One protocol of {@link VectorKernelReproducibilityTest}, meant to be loaded in a class loader of
 * its own so that the kernel's code starts cold: train a SIMD kernel from a fresh object, then a
 * second fresh object of the same kernel on the same net, data and batches.
 */
public final class ReproducibilityRun {
    private ReproducibilityRun() {
    }

    /**
     * @param precision  {@code float64} or {@code float32}
     * @param activation the activation's key
     * @param steps      training steps of each run
     * @return A, b and delta after the first run, then after the second
     */
    public static double[][] trainTwice(String precision, String activation, int steps) {
        double[][] first = train(precision, Activation.of(activation), steps);
        double[][] second = train(precision, Activation.of(activation), steps);
        return new double[][] {first[0], first[1], first[2], second[0], second[1], second[2]};
    }

    private static double[][] train(String precision, Activation act, int steps) {
        int batch = 32;
        ResidualNet net = TestNets.random(act, ScalingFactor.PER_LAYER, 12, 8, 61);
        Dataset data = TestNets.data(4 * batch, 8, 62);
        Optimiser adam = new Optimiser(Optimiser.Kind.ADAM, 1e-3, 0);
        TrainingKernel k = precision.equals("float64") ? new VectorKernelF64(net, data, batch, adam)
                : new VectorKernelF32(net, data, batch, adam);
        int[] order = TestNets.identity(data.n());
        for (int s = 0; s < steps; s++) {
            k.trainStep(order, (s % 4) * batch, batch);
        }
        ResidualNet p = k.parameters();
        return new double[][] {p.A(), p.b(), p.delta()};
    }
}
