package org.rscale.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rscale.analysis.spectral.ConvOperator;
import org.rscale.analysis.spectral.ConvSingularValues;
import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.run.ConvBlock;
import org.rscale.sweeps.run.ConvKernel;
import org.rscale.sweeps.run.ConvNetWeights;

/**
 * The spectra of every kernel of a convolutional ResNet and of the increments of its kernels along the depth
 * (SCIENCE.md 1.3; conv1 plays {@code A_k}, conv2 plays {@code delta_k}).
 *
 * <p>Each kernel is a linear map on its own input ({@link ConvOperator}):
 * <pre>
 *   tensor     input size                               stride
 *   conv1      the block's input (32/16/8/4 on CIFAR)     the block's (2 in a stage's first block but the first)
 *   conv2      the block's output (conv1's output)       1
 *   shortcut   the block's input                         the block's (1x1 kernels, only where the shape changes)
 * </pre>
 * The increment at block {@code k} is the map of the kernel {@code K_k - K_{k-1}} on block {@code k}'s
 * input, for every {@code k >= 1} whose predecessor is in the same stage with a kernel of the same shape,
 * the same input size and the same stride: stage transitions (where the channels and the size change) are
 * skipped, as in the reference code ({@code make_diff_sv.py}, which keeps the pairs of equal shape). So with
 * stage block counts {@code n_s} there are {@code sum_s (n_s - 1)} increments of conv2, and of conv1 the
 * same less one per stage whose first block changes the channels (its conv1 maps {@code c/2} to {@code c}
 * channels with stride 2, the second block's {@code c} to {@code c}): {@code n_1 - 1 + sum_{s>1} max(n_s - 2, 0)}
 * in the paper's network.
 *
 * <p>A network with a non-finite weight has no spectra ({@link #norms()} empty): its statistics are
 * undefined, as for fully-connected weights.
 *
 * @param depth      L, the number of blocks
 * @param topK       how many of the largest singular values each row keeps
 * @param strideRule how strides enter the norms
 * @param norms      one row per kernel and per increment, by tensor ({@code conv1, conv2, shortcut}), then kind
 *                   (kernels, then increments), then block
 */
public record ConvNetSpectra(int depth, int topK, StrideRule strideRule, List<ConvKernelNorm> norms) {
    /** The first convolution of a block, A_k. */
    public static final String CONV1 = "conv1";
    /** The second convolution of a block, delta_k. */
    public static final String CONV2 = "conv2";
    /** The 1x1 projection of a block that changes the shape. */
    public static final String SHORTCUT = "shortcut";
    /** The tensor families, in order. */
    public static final List<String> TENSORS = List.of(CONV1, CONV2, SHORTCUT);
    /** The default number of singular values kept per kernel: the reference code's 10. */
    public static final int DEFAULT_TOP_K = 10;

    // Copies.
    public ConvNetSpectra {
        norms = List.copyOf(norms);
    }

    /**
     * Computes every spectrum of a network, one kernel at a time.
     *
     * @param weights    the kernels
     * @param topK       how many of the largest singular values to keep, at least 1
     * @param strideRule how strides enter the norms
     * @return the spectra
     */
    public static ConvNetSpectra of(ConvNetWeights weights, int topK, StrideRule strideRule) {
        List<ConvBlock> blocks = weights.blocks();
        if (!finite(blocks)) {
            return new ConvNetSpectra(blocks.size(), topK, strideRule, List.of());
        }
        ConvSingularValues method = new ConvSingularValues();
        List<ConvKernelNorm> out = new ArrayList<>();
        for (String tensor : TENSORS) {
            for (ConvBlock b : blocks) {
                ConvKernel k = kernel(b, tensor);
                if (k != null) {
                    out.add(norm(method, b, tensor, ConvKernelNorm.KERNEL, k.values(), k, topK, strideRule));
                }
            }
            for (int i = 1; i < blocks.size(); i++) {
                ConvBlock prev = blocks.get(i - 1);
                ConvBlock b = blocks.get(i);
                ConvKernel k = kernel(b, tensor);
                ConvKernel kp = kernel(prev, tensor);
                if (k == null || kp == null || !sameMap(prev, b, tensor)) {
                    continue;
                }
                double[] diff = k.values();
                double[] before = kp.values();
                for (int j = 0; j < diff.length; j++) {
                    diff[j] -= before[j];
                }
                out.add(norm(method, b, tensor, ConvKernelNorm.INCREMENT, diff, k, topK, strideRule));
            }
        }
        return new ConvNetSpectra(blocks.size(), topK, strideRule, out);
    }

    /**
     * @param prev   block k-1
     * @param b      block k
     * @param tensor a tensor family
     * @return whether the two blocks' kernels of that family are maps between the same spaces (same stage,
     *         shape, input size and stride), so that their difference is an increment
     */
    static boolean sameMap(ConvBlock prev, ConvBlock b, String tensor) {
        ConvKernel k = kernel(b, tensor);
        ConvKernel kp = kernel(prev, tensor);
        return prev.stage() == b.stage() && Arrays.equals(k.shape(), kp.shape()) && stride(prev, tensor) == stride(b, tensor)
                && inputHeight(prev, tensor) == inputHeight(b, tensor) && inputWidth(prev, tensor) == inputWidth(b, tensor);
    }

    private static ConvKernelNorm norm(ConvSingularValues method, ConvBlock b, String tensor, String kind, double[] values,
                                       ConvKernel shape, int topK, StrideRule rule) {
        ConvOperator op = new ConvOperator(values, shape.outChannels(), shape.inChannels(), shape.height(), shape.width(),
                stride(b, tensor), inputHeight(b, tensor), inputWidth(b, tensor));
        return ConvKernelNorm.of(b.index(), b.stage(), tensor, kind, shape.shape(), op.stride(), op.height(), op.width(),
                op.frobeniusNorm(), method.of(op, topK, rule));
    }

    private static ConvKernel kernel(ConvBlock b, String tensor) {
        return switch (tensor) {
            case CONV1 -> b.conv1();
            case CONV2 -> b.conv2();
            default -> b.shortcut();
        };
    }

    private static int stride(ConvBlock b, String tensor) {
        return CONV2.equals(tensor) ? 1 : b.stride();
    }

    private static int inputHeight(ConvBlock b, String tensor) {
        return CONV2.equals(tensor) ? b.outputHeight() : b.inputHeight();
    }

    private static int inputWidth(ConvBlock b, String tensor) {
        return CONV2.equals(tensor) ? b.outputWidth() : b.inputWidth();
    }

    private static boolean finite(List<ConvBlock> blocks) {
        for (ConvBlock b : blocks) {
            for (String t : TENSORS) {
                ConvKernel k = kernel(b, t);
                if (k != null) {
                    for (double v : k.values()) {
                        if (!Double.isFinite(v)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * @param tensor a tensor family
     * @param kind   {@link ConvKernelNorm#KERNEL} or {@link ConvKernelNorm#INCREMENT}
     * @return its rows, by block
     */
    public List<ConvKernelNorm> rows(String tensor, String kind) {
        return norms.stream().filter(n -> n.tensor().equals(tensor) && n.kind().equals(kind)).toList();
    }
}
