package org.rscale.sweeps.init;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;
import org.rscale.sweeps.random.RandomStreams;

/**
 * PyTorch's default initialisation of a conv ResNet: every {@code Conv2d} and the {@code Linear}
 * weight {@code kaiming_uniform_(a = sqrt(5))}, i.e. uniform on {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]}
 * (gain sqrt(2 / (1 + a^2)) = sqrt(1/3), bound gain sqrt(3 / fan_in)), fan_in = c_in kh kw; the linear
 * bias uniform on {@code [-1/sqrt(features), 1/sqrt(features)]}. Values are drawn in module order
 * (stem; per block conv1, conv2, shortcut; linear weight, bias), each tensor in C order, from the
 * stream {@code RandomStreams.of(seed, key, INIT)}; the values differ from PyTorch's generator.
 */
public final class ConvInitialiser {
    private ConvInitialiser() {
    }

    /**
     * @param arch the architecture
     * @param seed the training seed
     * @param key  the canonical settings that enter the initial law (the stream key)
     * @return the initial network
     */
    public static ConvNet initialise(ConvArchitecture arch, long seed, String key) {
        SplittableRandom r = RandomStreams.of(seed, key, RandomStreams.INIT);
        int k = ConvArchitecture.KERNEL_SIZE;
        double[] stem = uniform(r, arch.baseWidth() * arch.inputChannels() * k * k, arch.inputChannels() * k * k);
        List<double[]> conv1 = new ArrayList<>();
        List<double[]> conv2 = new ArrayList<>();
        List<double[]> shortcut = new ArrayList<>();
        for (ConvArchitecture.BlockShape b : arch.blockShapes()) {
            conv1.add(uniform(r, b.outChannels() * b.inChannels() * k * k, b.inChannels() * k * k));
            conv2.add(uniform(r, b.outChannels() * b.outChannels() * k * k, b.outChannels() * k * k));
            shortcut.add(b.shortcut() ? uniform(r, b.outChannels() * b.inChannels(), b.inChannels()) : null);
        }
        double[] w = uniform(r, arch.classes() * arch.features(), arch.features());
        double[] bias = uniform(r, arch.classes(), arch.features());
        return new ConvNet(arch, stem, conv1, conv2, shortcut, w, bias);
    }

    /** n values uniform on [-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    private static double[] uniform(SplittableRandom r, int n, int fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = bound * (2 * r.nextDouble() - 1);
        }
        return v;
    }
}
