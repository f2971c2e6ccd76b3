package org.rscale.sweeps.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.init.ConvInitialiser;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * The ND4J-ops kernel (the CUDA build's) against the gemm kernel, itself checked against the
 * reference forward pass and central differences: loss, gradient and two SGD steps agree.
 */
class ConvNd4jKernelTest {

    private static final ConvArchitecture ARCH = new ConvArchitecture(List.of(2, 1, 1), 3, 2, 7, 6, 4);

    @Test
    void agreesWithTheGemmKernel() {
        ConvNet net = ConvInitialiser.initialise(ARCH, 5, "nd4j-test");
        SplittableRandom r = new SplittableRandom(9);
        double[] x = new double[3 * 2 * 7 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        int[] labels = {3, 0, 1};
        try (ConvGemmKernel a = new ConvGemmKernel(net, 3, "float64", 0.9, 5e-3);
             ConvNd4jKernel b = new ConvNd4jKernel(net, 3, "float64", 0.9, 5e-3)) {
            assertEquals(a.evaluate(x, labels, 3).meanLoss(), b.evaluate(x, labels, 3).meanLoss(), 1e-12);
            assertClose(flat(a.gradient(x, labels, 3)), flat(b.gradient(x, labels, 3)), 1e-10);
            for (int step = 0; step < 2; step++) {
                assertEquals(a.trainStep(x, labels, 3, 0.1).meanLoss(), b.trainStep(x, labels, 3, 0.1).meanLoss(), 1e-12);
            }
            assertClose(flat(a.parameters()), flat(b.parameters()), 1e-12);
            assertEquals(a.evaluate(x, labels, 2).correct(), b.evaluate(x, labels, 2).correct());
        }
    }

    /**
     * In float32, where the oneDNN build runs oneDNN's convolutions: against the float64 gemm kernel, to
     * float32's accuracy, also for a batch smaller than the largest (views of the kernel's feature maps).
     */
    @Test
    void agreesWithTheGemmKernelInFloat32() {
        ConvNet net = ConvInitialiser.initialise(ARCH, 6, "nd4j-test");
        SplittableRandom r = new SplittableRandom(10);
        double[] x = new double[4 * 2 * 7 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        int[] labels = {1, 3, 0, 2};
        try (ConvGemmKernel a = new ConvGemmKernel(net, 4, "float64", 0.9, 5e-3);
             ConvNd4jKernel b = new ConvNd4jKernel(net, 4, "float32", 0.9, 5e-3)) {
            assertEquals(a.evaluate(x, labels, 4).meanLoss(), b.evaluate(x, labels, 4).meanLoss(), 1e-5);
            assertClose(flat(a.gradient(x, labels, 4)), flat(b.gradient(x, labels, 4)), 1e-4);
            for (int step = 0; step < 2; step++) {
                int count = 4 - 2 * step;
                assertEquals(a.trainStep(x, labels, count, 0.1).meanLoss(), b.trainStep(x, labels, count, 0.1).meanLoss(),
                        1e-5);
            }
            assertClose(flat(a.parameters()), flat(b.parameters()), 1e-5);
            assertClose(flat(a.gradient(x, labels, 3)), flat(b.gradient(x, labels, 3)), 1e-4);
        }
    }

    /** kernel: auto takes the ND4J ops in float32 exactly on the oneDNN build, whose natives the class path names. */
    @Test
    void autoPicksTheNd4jOpsOnTheOneDnnBuild() {
        boolean oneDnn = "cpu-onednn".equals(org.rscale.sweeps.run.Provenance.nd4jBackendOnClassPath());
        assertEquals(oneDnn, ConvKernels.oneDnn());
        assertEquals(oneDnn ? "conv-nd4j" : "conv-gemm", ConvKernels.choose("auto", "float32"));
        assertEquals("conv-gemm", ConvKernels.choose("auto", "float64"));
        assertEquals("conv-nd4j", ConvKernels.choose("nd4j", "float64"));
    }

    private static void assertClose(List<double[]> a, List<double[]> b, double tol) {
        assertEquals(a.size(), b.size());
        for (int p = 0; p < a.size(); p++) {
            double scale = 1e-300;
            for (double v : a.get(p)) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.get(p).length; i++) {
                assertEquals(a.get(p)[i], b.get(p)[i], tol * Math.max(1, scale), "family " + p + " index " + i);
            }
        }
    }

    private static List<double[]> flat(ConvNet n) {
        List<double[]> out = new ArrayList<>();
        out.add(n.stem());
        for (int k = 0; k < n.depth(); k++) {
            out.add(n.conv1().get(k));
            out.add(n.conv2().get(k));
            if (n.shortcut().get(k) != null) {
                out.add(n.shortcut().get(k));
            }
        }
        out.add(n.linearWeight());
        out.add(n.linearBias());
        return out;
    }

    /** The estimate made before the kernel exists is what it then holds, for any batch and precision. */
    @Test
    void estimatedBytesAreWhatTheKernelHolds() {
        for (ConvArchitecture a : List.of(ARCH, new ConvArchitecture(List.of(1), 2, 1, 2, 2, 2))) {
            ConvNet n = ConvInitialiser.initialise(a, 1, "test");
            for (String precision : List.of("float64", "float32")) {
                for (int batch : new int[] {1, 3, 20}) {
                    ConvNd4jKernel k = new ConvNd4jKernel(n, batch, precision, 0.9, 5e-4);
                    assertEquals(k.allocatedBytes(), ConvNd4jKernel.estimatedBytes(a, batch, precision),
                            a + ", batch " + batch + ", " + precision);
                }
            }
        }
        // by hand: one block of 2 channels on 2x2 images, batch 1: 3 x 96 parameter values (18 + 36 + 36 + 4 + 2);
        // maps of 4 pixels: x, dx (1 channel), h0, a, out, dT, dIn, dOut (2 channels) = 14 x 4
        ConvArchitecture tiny = new ConvArchitecture(List.of(1), 2, 1, 2, 2, 2);
        assertEquals(8L * (3 * 96 + 14 * 4), ConvNd4jKernel.estimatedBytes(tiny, 1, "float64"));
        // the largest im2col columns: conv1 or conv2, 2 channels x 9 taps x 4 pixels per image
        assertEquals(4L * 2 * 9 * 4 * 5, ConvNd4jKernel.columnBytes(tiny, 5, "float32"));
    }
}
