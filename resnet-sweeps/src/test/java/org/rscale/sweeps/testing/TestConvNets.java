package org.rscale.sweeps.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.run.ConvBlock;
import org.rscale.sweeps.run.ConvKernel;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.run.LinearLayer;

/** Conv ResNet weights of a given architecture with seeded random values, for tests. */
public final class TestConvNets {
    private TestConvNets() {
    }

    /**
     * @param arch the architecture
     * @param seed the seed of the values (uniform in [-1, 1))
     * @return weights of that shape: stem, every block (with the shortcuts the architecture has), linear layer
     */
    public static ConvNetWeights random(ConvArchitecture arch, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = ConvArchitecture.KERNEL_SIZE;
        ConvKernel stem = kernel(r, arch.baseWidth(), arch.inputChannels(), k);
        List<ConvBlock> blocks = new ArrayList<>();
        for (ConvArchitecture.BlockShape s : arch.blockShapes()) {
            blocks.add(new ConvBlock(s.index(), s.stage(), s.stride(), s.inputHeight(), s.inputWidth(),
                    kernel(r, s.outChannels(), s.inChannels(), k), kernel(r, s.outChannels(), s.outChannels(), k),
                    s.shortcut() ? kernel(r, s.outChannels(), s.inChannels(), 1) : null));
        }
        LinearLayer linear = new LinearLayer(arch.classes(), arch.features(), values(r, arch.classes() * arch.features()),
                values(r, arch.classes()));
        return new ConvNetWeights(stem, blocks, linear);
    }

    private static ConvKernel kernel(SplittableRandom r, int out, int in, int size) {
        return new ConvKernel(out, in, size, size, values(r, out * in * size * size));
    }

    private static double[] values(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }
}
