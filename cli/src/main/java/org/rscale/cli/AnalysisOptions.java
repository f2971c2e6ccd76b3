package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.rscale.analysis.ConvAnalysisSettings;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ConvProgress;
import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.run.StateDictLayout;
import org.rscale.sweeps.run.StateDictNames;

import picocli.CommandLine.Option;

/**
 * Options of the weight analysis shared by {@code analyze}, {@code plot}, {@code fit} and {@code demo}; the
 * last ones concern convolutional ResNets (their kernels' operator norms, and state_dicts trained elsewhere).
 */
final class AnalysisOptions {
    @Option(names = "--increment-exponent", paramLabel = "F", defaultValue = "0",
            description = "f in the increment statistic L^f max_k ||T_k - T_{k-1}|| (default: ${DEFAULT-VALUE}, "
                    + "the raw increment)")
    double incrementExponent;

    @Option(names = "--level", paramLabel = "P", defaultValue = "0.95",
            description = "confidence level of every interval (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--top-singular-values", paramLabel = "K", defaultValue = "" + ConvNetSpectra.DEFAULT_TOP_K,
            description = "conv nets: the largest singular values kept per kernel (default: ${DEFAULT-VALUE})")
    int topSingularValues;

    @Option(names = "--stride-rule", paramLabel = "RULE", defaultValue = "subsampled",
            description = "conv nets: the operator norm of a strided convolution: subsampled (the map onto the "
                    + "strided output) or unstrided (the stride-1 convolution, the reference code's) "
                    + "(default: ${DEFAULT-VALUE})")
    String strideRule;

    @Option(names = "--input-size", paramLabel = "N|HxW", defaultValue = "" + StateDictLayout.DEFAULT_INPUT_SIZE,
            description = "state_dict kernels: the image size the first block sees (default: ${DEFAULT-VALUE}, "
                    + "CIFAR-10; 28 for MNIST)")
    String inputSize;

    @Option(names = "--block-names", paramLabel = "TEMPLATE", defaultValue = "layer{stage}.{index}",
            description = "state_dict kernels: the blocks' name prefix, with {stage} and {index} (within the stage), "
                    + "or {k} (over the network) (default: ${DEFAULT-VALUE}, torchvision's)")
    String blockNames;

    @Option(names = "--conv1-name", paramLabel = "NAME", defaultValue = "conv1.weight",
            description = "state_dict kernels: conv1's name below a block (default: ${DEFAULT-VALUE})")
    String conv1Name;

    @Option(names = "--conv2-name", paramLabel = "NAME", defaultValue = "conv2.weight",
            description = "state_dict kernels: conv2's name below a block (default: ${DEFAULT-VALUE})")
    String conv2Name;

    @Option(names = "--shortcut-names", paramLabel = "NAME", split = ",",
            defaultValue = "shortcut.0.weight,downsample.0.weight",
            description = "state_dict kernels: the 1x1 shortcut's possible names below a block (default: "
                    + "${DEFAULT-VALUE})")
    List<String> shortcutNames;

    @Option(names = "--conv-jobs", paramLabel = "N", defaultValue = "1",
            description = "conv nets: cells measured N at a time, one thread each (a cell's spectra are computed once "
                    + "and kept in analysis/conv/) (default: ${DEFAULT-VALUE})")
    int convJobs;

    /** Where conv progress lines go (stderr of the command), or null for nowhere. */
    PrintWriter progress;

    /** @return one line per conv cell measured, on {@link #progress} */
    ConvProgress convProgress() {
        PrintWriter err = progress;
        if (err == null) {
            return ConvProgress.NONE;
        }
        return (cell, blocks, kept, seconds) -> {
            synchronized (err) {
                err.printf(Locale.ROOT, "conv: %s (%d blocks) %s%n", cell, blocks,
                        kept ? "kept from analysis/conv/" : String.format(Locale.ROOT, "measured in %.1f s", seconds));
                err.flush();
            }
        };
    }

    /**
     * @param cacheDir where each conv cell's spectra are kept
     * @return the conv analysis settings of these options
     */
    ConvAnalysisSettings conv(Path cacheDir) {
        int[] size = StateDictLayout.parseSize(inputSize);
        StateDictNames names = new StateDictNames(blockNames, conv1Name, conv2Name, shortcutNames,
                StateDictNames.TORCHVISION.stem());
        return new ConvAnalysisSettings(topSingularValues, StrideRule.of(strideRule),
                new StateDictLayout(names, size[0], size[1]), cacheDir, convJobs);
    }
}
