package org.rscale.sweeps.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The trained weights of a convolutional ResNet (SCIENCE 1.3), block by block: the stem, the
 * BasicBlocks in order (global index k = 0..L-1 over all stages) and the final linear layer. Kernels
 * are in PyTorch's layout (c_out, c_in, kh, kw), float64. Written and read by {@link ConvRunDirectory}.
 *
 * <p>The blocks must chain: block k+1 takes block k's output channels and spatial size, stages are
 * numbered 1, 2, ... without gaps, and the linear layer takes the last block's channels (after
 * average pooling).
 *
 * @param stem   the stem convolution (c0, c_in, 3, 3), or null when not available (kernels imported without it)
 * @param blocks the residual blocks, at least one, in order of their index
 * @param linear the final linear layer, or null when not available
 */
public record ConvNetWeights(ConvKernel stem, List<ConvBlock> blocks, LinearLayer linear) {

    // Checks that the blocks chain; copies the list.
    public ConvNetWeights {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a conv ResNet needs at least one block");
        }
        for (int k = 0; k < blocks.size(); k++) {
            ConvBlock b = blocks.get(k);
            if (b.index() != k) {
                throw new IllegalArgumentException("block at position " + k + " has index " + b.index());
            }
            if (k == 0) {
                if (b.stage() != 1) {
                    throw new IllegalArgumentException("the first block is in stage " + b.stage() + ", not 1");
                }
                continue;
            }
            ConvBlock prev = blocks.get(k - 1);
            if (b.stage() != prev.stage() && b.stage() != prev.stage() + 1) {
                throw new IllegalArgumentException("block " + k + " is in stage " + b.stage() + " after stage "
                        + prev.stage());
            }
            if (b.inChannels() != prev.outChannels() || b.inputHeight() != prev.outputHeight()
                    || b.inputWidth() != prev.outputWidth()) {
                throw new IllegalArgumentException("block " + k + " takes " + b.inChannels() + "x" + b.inputHeight()
                        + "x" + b.inputWidth() + " but block " + (k - 1) + " gives " + prev.outChannels() + "x"
                        + prev.outputHeight() + "x" + prev.outputWidth());
            }
        }
        if (stem != null && stem.outChannels() != blocks.get(0).inChannels()) {
            throw new IllegalArgumentException("the stem gives " + stem.outChannels() + " channels, block 0 takes "
                    + blocks.get(0).inChannels());
        }
        ConvBlock last = blocks.get(blocks.size() - 1);
        if (linear != null && linear.inFeatures() != last.outChannels()) {
            throw new IllegalArgumentException("the linear layer takes " + linear.inFeatures()
                    + " features, the last block gives " + last.outChannels() + " channels");
        }
    }

    /**
     * @param net a conv ResNet's parameters
     * @return its weights block by block
     */
    public static ConvNetWeights of(org.rscale.sweeps.model.ConvNet net) {
        org.rscale.sweeps.model.ConvArchitecture a = net.architecture();
        int k3 = org.rscale.sweeps.model.ConvArchitecture.KERNEL_SIZE;
        ConvKernel stem = new ConvKernel(a.baseWidth(), a.inputChannels(), k3, k3, net.stem());
        List<ConvBlock> blocks = new ArrayList<>();
        for (org.rscale.sweeps.model.ConvArchitecture.BlockShape s : a.blockShapes()) {
            int k = s.index();
            double[] sc = net.shortcut().get(k);
            blocks.add(new ConvBlock(k, s.stage(), s.stride(), s.inputHeight(), s.inputWidth(),
                    new ConvKernel(s.outChannels(), s.inChannels(), k3, k3, net.conv1().get(k)),
                    new ConvKernel(s.outChannels(), s.outChannels(), k3, k3, net.conv2().get(k)),
                    sc == null ? null : new ConvKernel(s.outChannels(), s.inChannels(), 1, 1, sc)));
        }
        return new ConvNetWeights(stem, blocks, new LinearLayer(a.classes(), a.features(), net.linearWeight(),
                net.linearBias()));
    }

    /** @return L, the number of residual blocks */
    public int depth() {
        return blocks.size();
    }

    /** @return the number of stages */
    public int stages() {
        return blocks.get(blocks.size() - 1).stage();
    }

    /** @return the blocks of each stage, (n1, n2, n3, n4) for the paper's network */
    public List<Integer> blockCounts() {
        int[] n = new int[stages()];
        for (ConvBlock b : blocks) {
            n[b.stage() - 1]++;
        }
        List<Integer> out = new ArrayList<>();
        for (int c : n) {
            out.add(c);
        }
        return out;
    }

    /** @return the channels of the first stage (the width multiplier {@code conv.base_width} of rscale's model) */
    public int baseWidth() {
        return blocks.get(0).outChannels();
    }

    /**
     * @param stage a stage, 1-based
     * @return its blocks, in order
     */
    public List<ConvBlock> stage(int stage) {
        return blocks.stream().filter(b -> b.stage() == stage).toList();
    }
}
