package org.rscale.analysis;

import java.util.Arrays;

import org.rscale.analysis.spectral.ConvSpectrum;

/**
 * The spectrum of one kernel of a convolutional ResNet, or of the difference of two consecutive blocks'
 * kernels, as a linear map on its block's input (SCIENCE.md 1.3): a row of {@code conv_norms.csv}.
 *
 * @param block          k, the block's global index (for an increment, the later block: {@code K_k - K_{k-1}})
 * @param stage          the block's stage, 1-based
 * @param tensor         {@value ConvNetSpectra#CONV1}, {@value ConvNetSpectra#CONV2} or
 *                       {@value ConvNetSpectra#SHORTCUT}
 * @param kind           {@value #KERNEL} or {@value #INCREMENT}
 * @param cOut           output channels
 * @param cIn            input channels
 * @param kh             kernel height
 * @param kw             kernel width
 * @param stride         the convolution's stride
 * @param inputHeight    the height of the input the norm is taken on
 * @param inputWidth     its width
 * @param strided        whether the stride entered the norm ({@link org.rscale.analysis.spectral.StrideRule})
 * @param frequencyY     the output frequency (row) of the largest singular value
 * @param frequencyX     its column
 * @param operatorNorm   the largest singular value
 * @param frobeniusNorm  the kernel's Frobenius norm (of the entries, not of the operator)
 * @param singularValues the largest singular values of the operator, descending, with multiplicity; not copied
 */
public record ConvKernelNorm(int block, int stage, String tensor, String kind, int cOut, int cIn, int kh, int kw,
                             int stride, int inputHeight, int inputWidth, boolean strided, int frequencyY,
                             int frequencyX, double operatorNorm, double frobeniusNorm, double[] singularValues) {
    /** A kernel's own spectrum. */
    public static final String KERNEL = "kernel";
    /** The spectrum of {@code K_k - K_{k-1}}. */
    public static final String INCREMENT = "increment";

    /**
     * @param block         k
     * @param stage         the block's stage
     * @param tensor        the tensor family
     * @param kind          kernel or increment
     * @param shape         {@code {c_out, c_in, kh, kw}}
     * @param stride        the stride
     * @param inputHeight   the input's height
     * @param inputWidth    the input's width
     * @param frobeniusNorm the kernel's Frobenius norm
     * @param s             its spectrum
     * @return the row
     */
    public static ConvKernelNorm of(int block, int stage, String tensor, String kind, int[] shape, int stride,
                                    int inputHeight, int inputWidth, double frobeniusNorm, ConvSpectrum s) {
        return new ConvKernelNorm(block, stage, tensor, kind, shape[0], shape[1], shape[2], shape[3], stride, inputHeight,
                inputWidth, s.strided(), s.frequencyY(), s.frequencyX(), s.operatorNorm(), frobeniusNorm,
                s.singularValues());
    }

    /** @return whether this is a kernel's own spectrum, not an increment's */
    public boolean isKernel() {
        return KERNEL.equals(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvKernelNorm n && block == n.block && stage == n.stage && tensor.equals(n.tensor)
                && kind.equals(n.kind) && cOut == n.cOut && cIn == n.cIn && kh == n.kh && kw == n.kw
                && stride == n.stride && inputHeight == n.inputHeight && inputWidth == n.inputWidth
                && strided == n.strided && frequencyY == n.frequencyY && frequencyX == n.frequencyX
                && Double.compare(operatorNorm, n.operatorNorm) == 0
                && Double.compare(frobeniusNorm, n.frobeniusNorm) == 0 && Arrays.equals(singularValues, n.singularValues);
    }

    @Override
    public int hashCode() {
        return (block * 31 + tensor.hashCode()) * 31 + kind.hashCode() + Double.hashCode(operatorNorm);
    }

    @Override
    public String toString() {
        return tensor + " " + kind + " of block " + block + ": " + operatorNorm;
    }
}
