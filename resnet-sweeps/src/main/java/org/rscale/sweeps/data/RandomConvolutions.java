package org.rscale.sweeps.data;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.random.RandomStreams;

/**
 * The two fixed, untrained convolutions of MNIST-25 (SCIENCE 2; the reference code's
 * {@code generate_mnist_resnet}): one input and one output channel each, with bias, no padding,
 * no activation between them,
 * <pre>
 *   conv1: 5 x 5, stride 2    u[i][j] = b1 + sum_{p,q &lt; 5} w1[p][q] x[2i + p][2j + q],   i, j = 0..11   (28 -> 12)
 *   conv2: 3 x 3, stride 2    v[i][j] = b2 + sum_{p,q &lt; 3} w2[p][q] u[2i + p][2j + q],   i, j = 0..4    (12 -> 5)
 * </pre>
 * PyTorch's {@code conv2d} (a cross-correlation: the kernel is not flipped). The 25 values
 * {@code v[i][j]} in row-major order ({@code view(n, -1)}) are the features before normalisation.
 *
 * <p>Initialisation: PyTorch's default for {@code nn.Conv2d} (its {@code reset_parameters}), weights
 * {@code kaiming_uniform_(a = sqrt(5))}, i.e. U(-b, b) with b = gain sqrt(3 / fan_in), gain =
 * sqrt(2 / (1 + a^2)) = sqrt(1/3), so b = 1 / sqrt(fan_in); bias U(-1/sqrt(fan_in), 1/sqrt(fan_in));
 * fan_in = 25 for conv1 (b = 1/5) and 9 for conv2 (b = 1/3). Drawn in PyTorch's order (conv1 weight,
 * conv1 bias, conv2 weight, conv2 bias; weights row-major) from the stream
 * {@link RandomStreams#of}(data seed, {@value #STREAM_KEY}, {@code data}): the same law as the
 * reference, not PyTorch's random numbers.
 *
 * <p>Weights are stored in PyTorch's layout {@code (c_out, c_in, kh, kw) = (1, 1, k, k)}, row-major.
 *
 * @param conv1Weight the 5 x 5 kernel of conv1, row-major (25 values)
 * @param conv1Bias   the bias of conv1
 * @param conv2Weight the 3 x 3 kernel of conv2, row-major (9 values)
 * @param conv2Bias   the bias of conv2
 */
public record RandomConvolutions(double[] conv1Weight, double conv1Bias, double[] conv2Weight, double conv2Bias) {
    /** The key of the random stream. */
    public static final String STREAM_KEY = "mnist-features;convolutions";
    /** Input image side. */
    public static final int INPUT_SIDE = 28;
    /** conv1 kernel side. */
    public static final int KERNEL1 = 5;
    /** conv2 kernel side. */
    public static final int KERNEL2 = 3;
    /** Stride of both. */
    public static final int STRIDE = 2;
    /** Side after conv1: (28 - 5) / 2 + 1. */
    public static final int MIDDLE_SIDE = (INPUT_SIDE - KERNEL1) / STRIDE + 1;
    /** Side after conv2: (12 - 3) / 2 + 1. */
    public static final int OUTPUT_SIDE = (MIDDLE_SIDE - KERNEL2) / STRIDE + 1;

    // Checks the kernel sizes.
    public RandomConvolutions {
        if (conv1Weight.length != KERNEL1 * KERNEL1 || conv2Weight.length != KERNEL2 * KERNEL2) {
            throw new IllegalArgumentException("kernels of " + conv1Weight.length + " and " + conv2Weight.length
                    + " values; expected 25 and 9");
        }
        conv1Weight = conv1Weight.clone();
        conv2Weight = conv2Weight.clone();
    }

    /**
     * Draws the convolutions with PyTorch's default initialisation.
     *
     * @param seed the data seed
     * @return the convolutions
     */
    public static RandomConvolutions pytorchDefault(long seed) {
        SplittableRandom rng = RandomStreams.of(seed, STREAM_KEY, RandomStreams.DATA);
        double[] w1 = uniform(rng, KERNEL1 * KERNEL1, 1 / Math.sqrt(KERNEL1 * KERNEL1));
        double b1 = uniform(rng, 1, 1 / Math.sqrt(KERNEL1 * KERNEL1))[0];
        double[] w2 = uniform(rng, KERNEL2 * KERNEL2, 1 / Math.sqrt(KERNEL2 * KERNEL2));
        double b2 = uniform(rng, 1, 1 / Math.sqrt(KERNEL2 * KERNEL2))[0];
        return new RandomConvolutions(w1, b1, w2, b2);
    }

    private static double[] uniform(SplittableRandom rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // U(-bound, bound)
            v[i] = bound * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** @return a copy of conv1's kernel, row-major */
    @Override
    public double[] conv1Weight() {
        return conv1Weight.clone();
    }

    /** @return a copy of conv2's kernel, row-major */
    @Override
    public double[] conv2Weight() {
        return conv2Weight.clone();
    }

    /**
     * The 25 unnormalised features of one 28 x 28 image.
     *
     * @param pixels the image, row-major, already scaled; not modified
     * @param in     where the image starts in {@code pixels}
     * @param middle workspace of 144 values; Modified
     * @param out    the features; Modified
     * @param outOff where they go in {@code out}
     */
    public void apply(double[] pixels, int in, double[] middle, double[] out, int outOff) {
        for (int i = 0; i < MIDDLE_SIDE; i++) {
            for (int j = 0; j < MIDDLE_SIDE; j++) {
                // u[i][j] = b1 + sum_{p,q} w1[p][q] x[2i+p][2j+q]
                double u = conv1Bias;
                int base = in + STRIDE * i * INPUT_SIDE + STRIDE * j;
                for (int p = 0; p < KERNEL1; p++) {
                    int row = base + p * INPUT_SIDE;
                    int w = p * KERNEL1;
                    for (int q = 0; q < KERNEL1; q++) {
                        u += conv1Weight[w + q] * pixels[row + q];
                    }
                }
                middle[i * MIDDLE_SIDE + j] = u;
            }
        }
        for (int i = 0; i < OUTPUT_SIDE; i++) {
            for (int j = 0; j < OUTPUT_SIDE; j++) {
                // v[i][j] = b2 + sum_{p,q} w2[p][q] u[2i+p][2j+q]
                double v = conv2Bias;
                int base = STRIDE * i * MIDDLE_SIDE + STRIDE * j;
                for (int p = 0; p < KERNEL2; p++) {
                    int row = base + p * MIDDLE_SIDE;
                    int w = p * KERNEL2;
                    for (int q = 0; q < KERNEL2; q++) {
                        v += conv2Weight[w + q] * middle[row + q];
                    }
                }
                out[outOff + i * OUTPUT_SIDE + j] = v;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RandomConvolutions c && Arrays.equals(conv1Weight, c.conv1Weight)
                && Double.compare(conv1Bias, c.conv1Bias) == 0 && Arrays.equals(conv2Weight, c.conv2Weight)
                && Double.compare(conv2Bias, c.conv2Bias) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(conv1Weight) * 31 + Arrays.hashCode(conv2Weight) + Double.hashCode(conv1Bias)
                + 7 * Double.hashCode(conv2Bias);
    }

    @Override
    public String toString() {
        return "RandomConvolutions[conv1 5x5 " + Arrays.toString(conv1Weight) + " + " + conv1Bias + ", conv2 3x3 "
                + Arrays.toString(conv2Weight) + " + " + conv2Bias + "]";
    }
}
