package org.rscale.sweeps.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.init.ConvInitialiser;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * The gemm kernel against the reference forward pass of {@link ConvNet}: loss, accuracy, the
 * gradient by central differences (every parameter family, strided and identity blocks, odd sizes),
 * PyTorch's SGD with momentum and weight decay over two steps, and float32 against float64.
 */
class ConvGemmKernelTest {

    /** Three stages, odd and non-square input: 7x5 -> 4x3 -> 2x2; identity, strided and 1x1 shortcuts. */
    private static final ConvArchitecture ARCH = new ConvArchitecture(List.of(2, 1, 1), 2, 2, 7, 5, 3);
    private static final int BATCH = 3;

    private static double[] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * ARCH.inputChannels() * ARCH.inputHeight() * ARCH.inputWidth()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static double referenceLoss(ConvNet net, double[] x, int[] labels, int n) {
        int size = x.length / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] img = java.util.Arrays.copyOfRange(x, i * size, (i + 1) * size);
            sum += net.loss(img, labels[i]);
        }
        return sum / n;
    }

    private static ConvNet net() {
        // a larger scale than PyTorch's default, so that the ReLUs are not all active or all off
        ConvNet n = ConvInitialiser.initialise(ARCH, 3, "test");
        return scaled(n, 3.0);
    }

    private static ConvNet scaled(ConvNet n, double f) {
        java.util.function.UnaryOperator<double[]> s = a -> {
            if (a == null) {
                return null;
            }
            double[] b = a.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] *= f;
            }
            return b;
        };
        List<double[]> sc = new ArrayList<>();
        n.shortcut().forEach(a -> sc.add(s.apply(a)));
        return new ConvNet(n.architecture(), s.apply(n.stem()), n.conv1().stream().map(s).toList(),
                n.conv2().stream().map(s).toList(), sc, s.apply(n.linearWeight()), n.linearBias().clone());
    }

    @Test
    void lossAndAccuracyMatchTheReferenceForwardPass() {
        ConvNet net = net();
        double[] x = images(BATCH, 1);
        int[] labels = {0, 2, 1};
        try (ConvGemmKernel k = new ConvGemmKernel(net, 4, "float64", 0.9, 5e-4)) {
            ConvTrainingKernel.BatchResult r = k.evaluate(x, labels, BATCH);
            assertEquals(referenceLoss(net, x, labels, BATCH), r.meanLoss(), 1e-12);
            int correct = 0;
            int size = x.length / BATCH;
            for (int i = 0; i < BATCH; i++) {
                double[] z = net.logits(java.util.Arrays.copyOfRange(x, i * size, (i + 1) * size));
                int arg = 0;
                for (int j = 1; j < z.length; j++) {
                    arg = z[j] > z[arg] ? j : arg;
                }
                correct += arg == labels[i] ? 1 : 0;
            }
            assertEquals(correct, r.correct());
            // a smaller batch after a larger one reads no stale columns
            assertEquals(referenceLoss(net, x, labels, 1), k.evaluate(x, labels, 1).meanLoss(), 1e-12);
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        ConvNet net = net();
        double[] x = images(BATCH, 2);
        int[] labels = {1, 0, 2};
        ConvNet g;
        try (ConvGemmKernel k = new ConvGemmKernel(net, BATCH, "float64", 0.9, 5e-4)) {
            g = k.gradient(x, labels, BATCH);
        }
        List<double[]> params = flat(net);
        List<double[]> grads = flat(g);
        int checked = 0;
        for (int p = 0; p < params.size(); p++) {
            double[] a = params.get(p);
            for (int i = 0; i < a.length; i += Math.max(1, a.length / 7)) {
                double h = 1e-6;
                double save = a[i];
                a[i] = save + h;
                double up = referenceLoss(net, x, labels, BATCH);
                a[i] = save - h;
                double down = referenceLoss(net, x, labels, BATCH);
                a[i] = save;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grads.get(p)[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter family " + p + " index " + i);
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked);
    }

    @Test
    void twoStepsAreSgdWithMomentumAndWeightDecay() {
        ConvNet p0 = net();
        double[] x = images(BATCH, 3);
        int[] labels = {2, 2, 0};
        double lr = 0.05;
        double m = 0.9;
        double wd = 0.01;
        try (ConvGemmKernel k = new ConvGemmKernel(p0, BATCH, "float64", m, wd)) {
            List<double[]> g0 = flat(k.gradient(x, labels, BATCH));
            k.trainStep(x, labels, BATCH, lr);
            List<double[]> p1 = flat(k.parameters());
            List<double[]> g1 = flat(k.gradient(x, labels, BATCH));
            k.trainStep(x, labels, BATCH, lr / 2);
            List<double[]> p2 = flat(k.parameters());
            List<double[]> w0 = flat(p0);
            for (int p = 0; p < w0.size(); p++) {
                for (int i = 0; i < w0.get(p).length; i++) {
                    double b0 = g0.get(p)[i] + wd * w0.get(p)[i];
                    double e1 = w0.get(p)[i] - lr * b0;
                    assertEquals(e1, p1.get(p)[i], 1e-13);
                    double b1 = m * b0 + g1.get(p)[i] + wd * p1.get(p)[i];
                    assertEquals(p1.get(p)[i] - lr / 2 * b1, p2.get(p)[i], 1e-13);
                }
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        ConvNet net = net();
        double[] x = images(BATCH, 4);
        int[] labels = {0, 1, 2};
        try (ConvGemmKernel k64 = new ConvGemmKernel(net, BATCH, "float64", 0.9, 5e-4);
             ConvGemmKernel k32 = new ConvGemmKernel(net, BATCH, "float32", 0.9, 5e-4)) {
            assertEquals("float32", k32.precision());
            List<double[]> a = flat(k64.gradient(x, labels, BATCH));
            List<double[]> b = flat(k32.gradient(x, labels, BATCH));
            for (int p = 0; p < a.size(); p++) {
                double scale = 0;
                for (double v : a.get(p)) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < a.get(p).length; i++) {
                    assertEquals(a.get(p)[i], b.get(p)[i], 1e-4 * scale + 1e-7);
                }
            }
        }
    }

    /** Every parameter array (live references), in a fixed order. */
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

    /** The estimate made before the kernel exists is what it then holds, for any batch, precision and stage count. */
    @Test
    void estimatedBytesAreWhatTheKernelHolds() {
        for (ConvArchitecture a : List.of(ARCH, new ConvArchitecture(List.of(1, 2, 1, 1), 2, 3, 9, 8, 10),
                new ConvArchitecture(List.of(1), 2, 1, 2, 2, 2))) {
            ConvNet n = ConvInitialiser.initialise(a, 1, "test");
            for (String precision : List.of("float64", "float32")) {
                for (int batch : new int[] {1, 3, 20}) {
                    ConvGemmKernel k = new ConvGemmKernel(n, batch, precision, 0.9, 5e-4);
                    assertEquals(k.allocatedBytes(), ConvGemmKernel.estimatedBytes(a, batch, precision),
                            a + ", batch " + batch + ", " + precision);
                }
            }
        }
        // by hand: one block of 2 channels on 2x2 images, batch 1: padded rows of 2 x 5 + 4 x 4 = 26 values;
        // rows (input 1 + stem 2 + mask 1 + two gradients of 2 + scratch 2 + a1 and out of 2) = 14 x 26, weights
        // 3 x (18 + 36 + 36); float64 head: 3 x 6 linear values + 2 pooled + 2 x 2 logits
        assertEquals(8L * (14 * 26 + 3 * 90) + 8L * (18 + 2 + 4),
                ConvGemmKernel.estimatedBytes(new ConvArchitecture(List.of(1), 2, 1, 2, 2, 2), 1, "float64"));
    }
}
