package org.rscale.sweeps.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shape of a convolutional ResNet of SCIENCE 1.3: a 3x3 stem convolution to {@code baseWidth}
 * channels, then stages of BasicBlocks; stage s (1-based) has {@code baseWidth * 2^(s-1)} channels
 * and stride 1 in its first block for s = 1, 2 otherwise; average pooling over the last feature map
 * and a linear layer to the classes. The paper's network is {@code blockCounts} (n1, n2, n3, n4),
 * base width 64, input 3 x 32 x 32, 10 classes.
 *
 * @param blockCounts   the BasicBlocks of each stage, n1..n4 (any number of stages, each at least 1)
 * @param baseWidth     the channels of the stem and of the first stage
 * @param inputChannels the input's channels (3 for CIFAR-10, 1 for IDX images)
 * @param inputHeight   the input's height in pixels
 * @param inputWidth    the input's width in pixels
 * @param classes       the number of classes
 */
public record ConvArchitecture(List<Integer> blockCounts, int baseWidth, int inputChannels, int inputHeight,
                               int inputWidth, int classes) {

    /** The name of the paper's depth grid ({@code depths: paper-cifar}). */
    public static final String PAPER_GRID = "paper-cifar";

    /** The block counts (n1, n2, n3, n4) of the paper's CIFAR-10 networks by depth L (SCIENCE 1.3). */
    public static final java.util.SortedMap<Integer, List<Integer>> PAPER_BLOCK_COUNTS = paperTable();

    private static java.util.SortedMap<Integer, List<Integer>> paperTable() {
        int[][] rows = {{2, 2, 2, 2}, {2, 3, 4, 2}, {2, 3, 5, 2}, {3, 3, 5, 3}, {3, 4, 6, 3}, {3, 4, 8, 3},
            {3, 4, 10, 3}, {3, 4, 14, 3}, {3, 4, 18, 3}, {3, 4, 23, 3}, {3, 8, 28, 3}, {3, 8, 36, 3}, {3, 8, 51, 3},
            {4, 12, 60, 4}, {4, 18, 74, 4}, {4, 31, 82, 4}};
        java.util.TreeMap<Integer, List<Integer>> t = new java.util.TreeMap<>();
        for (int[] r : rows) {
            t.put(r[0] + r[1] + r[2] + r[3], List.of(r[0], r[1], r[2], r[3]));
        }
        return java.util.Collections.unmodifiableSortedMap(t);
    }

    /**
     * The block counts of a network of depth L under a rule: {@code paper} (the table of SCIENCE 1.3),
     * {@code even} (L split over four stages as evenly as possible, the remainder going to stages 3, 2 and
     * 4 in that order, as the paper's table favours stage 3; L >= 4) or explicit counts {@code n1-n2-...}
     * whose sum must be L.
     *
     * @param rule  the rule (the {@code conv.blocks} setting)
     * @param depth L
     * @return n1..n4
     * @throws IllegalArgumentException with a one-line reason when the rule has no network of depth L
     */
    public static List<Integer> blockCounts(String rule, int depth) {
        if ("paper".equals(rule)) {
            List<Integer> n = PAPER_BLOCK_COUNTS.get(depth);
            if (n == null) {
                throw new IllegalArgumentException("conv.blocks=paper has no network of depth " + depth
                        + " (the paper's depths: " + PAPER_BLOCK_COUNTS.keySet() + ")");
            }
            return n;
        }
        if ("even".equals(rule)) {
            if (depth < 4) {
                throw new IllegalArgumentException("conv.blocks=even needs a depth of at least 4 (one block per stage), "
                        + "got " + depth);
            }
            int[] n = {depth / 4, depth / 4, depth / 4, depth / 4};
            int[] extra = {2, 1, 3};
            for (int i = 0; i < depth % 4; i++) {
                n[extra[i]]++;
            }
            return List.of(n[0], n[1], n[2], n[3]);
        }
        List<Integer> n = parseCounts(rule);
        int sum = n.stream().mapToInt(Integer::intValue).sum();
        if (sum != depth) {
            throw new IllegalArgumentException("conv.blocks=" + rule + " has " + sum + " blocks, but the depth is "
                    + depth + " (set depths to " + sum + ")");
        }
        return n;
    }

    /**
     * @param rule {@code paper}, {@code even} or block counts {@code n1-n2-...}
     * @return whether the rule is well formed
     */
    public static boolean validRule(String rule) {
        if ("paper".equals(rule) || "even".equals(rule)) {
            return true;
        }
        try {
            parseCounts(rule);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Integer> parseCounts(String rule) {
        List<Integer> n = new ArrayList<>();
        for (String part : rule.split("-", -1)) {
            try {
                int v = Integer.parseInt(part.trim());
                if (v < 1) {
                    throw new NumberFormatException();
                }
                n.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("conv.blocks must be 'paper', 'even' or block counts such as 3-4-6-3, got '"
                        + rule + "'");
            }
        }
        return n;
    }

    /** The kernel size of the stem and of both convolutions of a block. */
    public static final int KERNEL_SIZE = 3;

    // Checks the counts and sizes; copies the list.
    public ConvArchitecture {
        blockCounts = List.copyOf(blockCounts);
        if (blockCounts.isEmpty()) {
            throw new IllegalArgumentException("a conv ResNet needs at least one stage");
        }
        for (int n : blockCounts) {
            if (n < 1) {
                throw new IllegalArgumentException("every stage needs at least one block, got " + blockCounts);
            }
        }
        if (baseWidth < 1 || inputChannels < 1 || inputHeight < 1 || inputWidth < 1 || classes < 2) {
            throw new IllegalArgumentException("bad conv architecture: base width " + baseWidth + ", input "
                    + inputChannels + "x" + inputHeight + "x" + inputWidth + ", classes " + classes);
        }
    }

    /** @return L = n1 + ... + n4, the number of residual blocks */
    @JsonProperty("depth")
    public int depth() {
        int L = 0;
        for (int n : blockCounts) {
            L += n;
        }
        return L;
    }

    /** @return the channels of each stage, {@code baseWidth * 2^(s-1)} */
    @JsonProperty("stage_widths")
    public List<Integer> stageWidths() {
        List<Integer> w = new ArrayList<>();
        for (int s = 1; s <= blockCounts.size(); s++) {
            w.add(stageWidth(s));
        }
        return w;
    }

    /**
     * @param stage a stage, 1-based
     * @return its channels
     */
    public int stageWidth(int stage) {
        return baseWidth << (stage - 1);
    }

    /**
     * @param stage a stage, 1-based
     * @return the stride of its first block: 1 for the first stage, else 2
     */
    public static int stageStride(int stage) {
        return stage == 1 ? 1 : 2;
    }

    /** @return the channels after the last stage, which the linear layer takes after pooling */
    public int features() {
        return stageWidth(blockCounts.size());
    }

    /** @return every block's place and shape, in order of the global index k */
    public List<BlockShape> blockShapes() {
        List<BlockShape> out = new ArrayList<>();
        int channels = baseWidth;
        int h = inputHeight;
        int w = inputWidth;
        int k = 0;
        for (int s = 1; s <= blockCounts.size(); s++) {
            int width = stageWidth(s);
            for (int j = 0; j < blockCounts.get(s - 1); j++) {
                int stride = j == 0 ? stageStride(s) : 1;
                boolean shortcut = stride != 1 || channels != width;
                out.add(new BlockShape(k++, s, stride, channels, width, h, w, shortcut));
                h = outputSize(h, KERNEL_SIZE, stride);
                w = outputSize(w, KERNEL_SIZE, stride);
                channels = width;
            }
        }
        return out;
    }

    /**
     * @return the number of parameters: the stem, both convolutions and the shortcut (where there is one) of every
     *         block, the linear layer's weight and bias (the length of a {@link ConvNet}'s arrays together)
     */
    public long parameterCount() {
        long k2 = (long) KERNEL_SIZE * KERNEL_SIZE;
        long n = k2 * baseWidth * inputChannels + (long) classes * features() + classes;
        for (BlockShape b : blockShapes()) {
            n += k2 * b.outChannels() * ((long) b.inChannels() + b.outChannels())
                    + (b.shortcut() ? (long) b.outChannels() * b.inChannels() : 0);
        }
        return n;
    }

    /**
     * @return the height and width of the last feature map, which the average pooling reduces to one value per
     *         channel
     */
    public int[] finalMapSize() {
        int h = inputHeight;
        int w = inputWidth;
        for (int s = 2; s <= blockCounts.size(); s++) {
            h = outputSize(h, KERNEL_SIZE, 2);
            w = outputSize(w, KERNEL_SIZE, 2);
        }
        return new int[] {h, w};
    }

    /**
     * The place and shape of one BasicBlock.
     *
     * @param index       k, 0-based over all stages
     * @param stage       1-based
     * @param stride      of conv1 and the shortcut
     * @param inChannels  c_in
     * @param outChannels c_out (also conv1's output)
     * @param inputHeight the height of the block's input
     * @param inputWidth  the width of the block's input
     * @param shortcut    whether the block has a 1x1 stride-s convolution as shortcut (the shape changes)
     */
    public record BlockShape(int index, int stage, int stride, int inChannels, int outChannels, int inputHeight,
                             int inputWidth, boolean shortcut) {
        /** @return the height of the block's output */
        public int outputHeight() {
            return outputSize(inputHeight, KERNEL_SIZE, stride);
        }

        /** @return the width of the block's output */
        public int outputWidth() {
            return outputSize(inputWidth, KERNEL_SIZE, stride);
        }
    }

    /**
     * The output size of a 3x3 (or 1x1) convolution with "same" padding {@code (k-1)/2}.
     *
     * @param size   the input's height or width
     * @param kernel the kernel's height or width
     * @param stride the stride
     * @return {@code floor((size + 2 floor((k-1)/2) - k) / stride) + 1}
     */
    public static int outputSize(int size, int kernel, int stride) {
        int pad = (kernel - 1) / 2;
        return (size + 2 * pad - kernel) / stride + 1;
    }
}
