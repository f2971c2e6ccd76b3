package org.rscale.sweeps.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameters of a convolutional ResNet of SCIENCE 1.3 ({@link ConvArchitecture}), in PyTorch's
 * layouts: convolution kernels (c_out, c_in, kh, kw) and the linear layer (classes, features), C order,
 * float64. No biases except the linear layer's. The forward pass here is the plain reference the
 * training kernels are tested against:
 * <pre>
 * h = ReLU(stem(x));  for each block k: h = ReLU(conv2_k(ReLU(conv1_k(h))) + shortcut_k(h))
 * logits = W mean_{y,x}(h) + b
 * </pre>
 * with 3x3 convolutions padded by 1, conv1 and the 1x1 shortcut carrying the block's stride, and the
 * shortcut the identity when the block keeps the shape.
 *
 * <p>The arrays are owned by this object; kernels copy them in and write new ones out.
 *
 * @param architecture the shape
 * @param stem         (c0, c_in, 3, 3)
 * @param conv1        per block (c_out, c_in, 3, 3)
 * @param conv2        per block (c_out, c_out, 3, 3)
 * @param shortcut     per block (c_out, c_in, 1, 1), or null where the shortcut is the identity
 * @param linearWeight (classes, features)
 * @param linearBias   (classes,)
 */
public record ConvNet(ConvArchitecture architecture, double[] stem, List<double[]> conv1, List<double[]> conv2,
                      List<double[]> shortcut, double[] linearWeight, double[] linearBias) {

    // Checks every array's length against the architecture.
    public ConvNet {
        List<ConvArchitecture.BlockShape> shapes = architecture.blockShapes();
        int L = shapes.size();
        if (conv1.size() != L || conv2.size() != L || shortcut.size() != L) {
            throw new IllegalArgumentException("expected " + L + " blocks");
        }
        int k3 = ConvArchitecture.KERNEL_SIZE * ConvArchitecture.KERNEL_SIZE;
        check("stem", stem, architecture.baseWidth() * architecture.inputChannels() * k3);
        for (ConvArchitecture.BlockShape s : shapes) {
            check("conv1 of block " + s.index(), conv1.get(s.index()), s.outChannels() * s.inChannels() * k3);
            check("conv2 of block " + s.index(), conv2.get(s.index()), s.outChannels() * s.outChannels() * k3);
            double[] sc = shortcut.get(s.index());
            if (s.shortcut() != (sc != null)) {
                throw new IllegalArgumentException("block " + s.index() + (s.shortcut() ? " needs" : " has no")
                        + " shortcut kernel");
            }
            if (sc != null) {
                check("shortcut of block " + s.index(), sc, s.outChannels() * s.inChannels());
            }
        }
        check("linear weight", linearWeight, architecture.classes() * architecture.features());
        check("linear bias", linearBias, architecture.classes());
        conv1 = List.copyOf(conv1);
        conv2 = List.copyOf(conv2);
        shortcut = Collections.unmodifiableList(new ArrayList<>(shortcut));
    }

    private static void check(String what, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(what + ": expected " + n + " values, got " + (a == null ? "none" : a.length));
        }
    }

    /** @return L, the number of blocks */
    public int depth() {
        return architecture.depth();
    }

    /**
     * The logits of one image by the reference forward pass.
     *
     * @param image c_in x H x W values, C order (already normalised)
     * @return the classes' logits
     */
    public double[] logits(double[] image) {
        ConvArchitecture a = architecture;
        int h = a.inputHeight();
        int w = a.inputWidth();
        double[] x = relu(conv(image, a.inputChannels(), h, w, stem, a.baseWidth(), 3, 1));
        for (ConvArchitecture.BlockShape s : a.blockShapes()) {
            double[] t = relu(conv(x, s.inChannels(), h, w, conv1.get(s.index()), s.outChannels(), 3, s.stride()));
            int ho = s.outputHeight();
            int wo = s.outputWidth();
            double[] u = conv(t, s.outChannels(), ho, wo, conv2.get(s.index()), s.outChannels(), 3, 1);
            double[] sc = shortcut.get(s.index()) == null ? x
                    : conv(x, s.inChannels(), h, w, shortcut.get(s.index()), s.outChannels(), 1, s.stride());
            for (int i = 0; i < u.length; i++) {
                u[i] += sc[i];
            }
            x = relu(u);
            h = ho;
            w = wo;
        }
        int f = a.features();
        double[] logits = new double[a.classes()];
        for (int c = 0; c < a.classes(); c++) {
            double z = linearBias[c];
            for (int j = 0; j < f; j++) {
                double mean = 0;
                for (int p = 0; p < h * w; p++) {
                    mean += x[j * h * w + p];
                }
                z += linearWeight[c * f + j] * mean / (h * w);
            }
            logits[c] = z;
        }
        return logits;
    }

    /**
     * The cross-entropy of one image by the reference forward pass.
     *
     * @param image c_in x H x W values
     * @param label its class
     * @return {@code -log softmax(logits)[label]}
     */
    public double loss(double[] image, int label) {
        return crossEntropy(logits(image), label);
    }

    /**
     * @param logits the logits
     * @param label  the true class
     * @return {@code logsumexp(logits) - logits[label]}, computed stably
     */
    public static double crossEntropy(double[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double s = 0;
        for (double z : logits) {
            s += Math.exp(z - max);
        }
        return max + Math.log(s) - logits[label];
    }

    /** PyTorch's Conv2d without bias, padding (k-1)/2. */
    private static double[] conv(double[] x, int cin, int h, int w, double[] kernel, int cout, int k, int stride) {
        int pad = (k - 1) / 2;
        int ho = ConvArchitecture.outputSize(h, k, stride);
        int wo = ConvArchitecture.outputSize(w, k, stride);
        double[] y = new double[cout * ho * wo];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double wv = kernel[((o * cin + i) * k + ky) * k + kx];
                        for (int p = 0; p < ho; p++) {
                            int yy = p * stride + ky - pad;
                            if (yy < 0 || yy >= h) {
                                continue;
                            }
                            for (int q = 0; q < wo; q++) {
                                int xx = q * stride + kx - pad;
                                if (xx >= 0 && xx < w) {
                                    y[(o * ho + p) * wo + q] += wv * x[(i * h + yy) * w + xx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static double[] relu(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return v;
    }
}
