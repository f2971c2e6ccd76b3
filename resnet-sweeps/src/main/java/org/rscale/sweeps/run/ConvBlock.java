package org.rscale.sweeps.run;

import org.rscale.sweeps.model.ConvArchitecture;

/**
 * The trained kernels of one BasicBlock, {@code out = ReLU(conv2(ReLU(conv1(x))) + shortcut(x))},
 * with its place in the network. conv1 plays A_k, conv2 plays delta_k (SCIENCE 1.3). Convolutions
 * pad by {@code (k-1)/2} ("same" padding); conv1 and the shortcut carry the block's stride.
 *
 * @param index       k, the block's global index, 0-based over all stages
 * @param stage       the stage, 1-based (1..4 in the paper's network)
 * @param stride      the stride of conv1 and of the shortcut (1, or 2 in the first block of stages 2..4)
 * @param inputHeight the height of the block's input feature map (32, 16, 8, 4 on CIFAR-10)
 * @param inputWidth  the width of the block's input feature map
 * @param conv1       (c_mid, c_in, kh, kw)
 * @param conv2       (c_out, c_mid, kh, kw)
 * @param shortcut    the 1x1 projection (c_out, c_in, 1, 1) of a block that changes the shape, or null
 *                    (the identity, or a shortcut without weights in kernels imported from elsewhere)
 */
public record ConvBlock(int index, int stage, int stride, int inputHeight, int inputWidth, ConvKernel conv1,
                        ConvKernel conv2, ConvKernel shortcut) {

    // Checks that the kernels fit together and the geometry is possible.
    public ConvBlock {
        if (index < 0 || stage < 1 || stride < 1 || inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("block " + index + ": bad geometry (stage " + stage + ", stride "
                    + stride + ", input " + inputHeight + "x" + inputWidth + ")");
        }
        if (conv1 == null || conv2 == null) {
            throw new IllegalArgumentException("block " + index + ": conv1 and conv2 are required");
        }
        if (conv2.inChannels() != conv1.outChannels()) {
            throw new IllegalArgumentException("block " + index + ": conv2 " + conv2.shapeString()
                    + " does not take conv1's " + conv1.outChannels() + " channels");
        }
        if (shortcut != null && (shortcut.outChannels() != conv2.outChannels()
                || shortcut.inChannels() != conv1.inChannels())) {
            throw new IllegalArgumentException("block " + index + ": shortcut " + shortcut.shapeString()
                    + " does not map " + conv1.inChannels() + " to " + conv2.outChannels() + " channels");
        }
        int h = ConvArchitecture.outputSize(inputHeight, conv1.height(), stride);
        int w = ConvArchitecture.outputSize(inputWidth, conv1.width(), stride);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("block " + index + ": input " + inputHeight + "x" + inputWidth
                    + " is too small for its kernels");
        }
    }

    /** @return c_in, the channels of the block's input */
    public int inChannels() {
        return conv1.inChannels();
    }

    /** @return c_out, the channels of the block's output */
    public int outChannels() {
        return conv2.outChannels();
    }

    /** @return whether the block has a 1x1 shortcut kernel */
    public boolean hasShortcut() {
        return shortcut != null;
    }

    /** @return the height of the block's output (and of conv2's input) */
    public int outputHeight() {
        return ConvArchitecture.outputSize(inputHeight, conv1.height(), stride);
    }

    /** @return the width of the block's output (and of conv2's input) */
    public int outputWidth() {
        return ConvArchitecture.outputSize(inputWidth, conv1.width(), stride);
    }
}
