package org.rscale.analysis.spectral;

import org.rscale.sweeps.InvalidInputException;

/**
 * A 2-D convolution as a linear map on images of a given size: a kernel in PyTorch's layout
 * {@code (c_out, c_in, kh, kw)}, a stride, and the spatial size {@code height x width} of its input
 * (the block's input for a ResNet's first convolution and shortcut, the first convolution's output for
 * the second).
 *
 * <p>The map is the <i>circular</i> (periodic) cross-correlation of SCIENCE.md 1.3 (the kernel
 * zero-padded to the input size):
 * <pre>
 *   y[o, r, c] = sum_{i, a, b} K[o, i, a, b] x[i, (r + a) mod height, (c + b) mod width]
 * </pre>
 * followed, when {@code stride = s > 1}, by keeping the outputs at {@code r, c} divisible by {@code s}
 * ({@link StrideRule}). A shift of the kernel's origin (PyTorch's padding) composes the map with a unitary
 * shift and leaves its singular values unchanged. The network's own convolution pads with zeros instead
 * of wrapping around; its norm on {@code n x n} images is at most the circular norm on
 * {@code (n + p) x (n + p)} images, {@code p} the padding ({@code (kh - 1)/2} for odd kernels), and tends
 * to the circular norm as {@code n} grows.
 *
 * <p>Storage: entry {@code (o, i, a, b)} is {@code kernel[((o * cIn + i) * kh + a) * kw + b]}, the C order
 * of a numpy array of shape {@code (c_out, c_in, kh, kw)}. The array is not copied (a 512-channel kernel
 * holds 2.4 million values); treat it as read-only once wrapped.
 *
 * @param kernel the weights, C order; not copied
 * @param cOut   output channels, at least 1
 * @param cIn    input channels, at least 1
 * @param kh     kernel height, at least 1
 * @param kw     kernel width, at least 1
 * @param stride the stride, at least 1
 * @param height input height, at least 1
 * @param width  input width, at least 1
 */
public record ConvOperator(double[] kernel, int cOut, int cIn, int kh, int kw, int stride, int height, int width) {

    /**
     * Validates the shape.
     *
     * @param kernel the weights, C order; not copied
     * @param cOut output channels, at least 1
     * @param cIn input channels, at least 1
     * @param kh kernel height, at least 1
     * @param kw kernel width, at least 1
     * @param stride the stride, at least 1
     * @param height input height, at least 1
     * @param width input width, at least 1
     * @throws InvalidInputException naming the value when an extent is below 1 or the kernel's length is
     *                               not {@code cOut * cIn * kh * kw}
     */
    public ConvOperator {
        if (kernel == null) {
            throw new InvalidInputException("convolution: kernel must not be null");
        }
        if (cOut < 1 || cIn < 1 || kh < 1 || kw < 1) {
            throw new InvalidInputException("convolution: kernel shape (" + cOut + ", " + cIn + ", " + kh + ", " + kw
                    + ") has an extent below 1");
        }
        if (stride < 1) {
            throw new InvalidInputException("convolution: stride " + stride + " is below 1");
        }
        if (height < 1 || width < 1) {
            throw new InvalidInputException("convolution: input size " + height + " x " + width + " has an extent below 1");
        }
        long expected = (long) cOut * cIn * kh * kw;
        if (kernel.length != expected) {
            throw new InvalidInputException("convolution: kernel has " + kernel.length + " values, shape (" + cOut + ", "
                    + cIn + ", " + kh + ", " + kw + ") needs " + expected);
        }
    }

    /**
     * @return whether every weight is finite
     */
    public boolean isFinite() {
        for (double v : kernel) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the kernel's Frobenius norm {@code sqrt(sum K^2)}
     */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : kernel) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * The same map with another kernel of the same shape, e.g. the difference of two consecutive blocks'
     * kernels.
     *
     * @param other the weights; not copied
     * @return the operator
     */
    public ConvOperator withKernel(double[] other) {
        return new ConvOperator(other, cOut, cIn, kh, kw, stride, height, width);
    }

    /**
     * @return {@code "(c_out, c_in, kh, kw) stride s on h x w"}, for messages
     */
    public String describe() {
        return "(" + cOut + ", " + cIn + ", " + kh + ", " + kw + ") stride " + stride + " on " + height + " x " + width;
    }
}
