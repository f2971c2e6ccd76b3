package org.rscale.cli;

import java.util.List;

import org.rscale.analysis.AnalysisSettings;
import org.rscale.analysis.ConvAnalysisSettings;
import org.rscale.analysis.DepthRange;
import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.run.StateDictLayout;
import org.rscale.sweeps.run.StateDictNames;

import picocli.CommandLine.Option;

/**
 * Options of the weight analysis shared by {@code analyze}, {@code fit}, {@code plot}, {@code report} and
 * {@code demo}; their defaults are {@link AnalysisSettings#DEFAULTS} (through {@link LibraryDefaults}). The last
 * ones concern convolutional ResNets (their kernels' operator norms, and state_dicts trained elsewhere).
 */
final class AnalysisOptions {
    @Option(names = "--increment-exponent", paramLabel = "F",
            description = "f in the increment statistic L^f\u00A0max_k\u00A0||T_k\u00A0-\u00A0T_{k-1}|| (default: "
                    + "${DEFAULT-VALUE}, the raw increment)")
    double incrementExponent;

    @Option(names = "--level", paramLabel = "P",
            description = "confidence level of every interval (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--min-depth", paramLabel = "L",
            description = "judge the sweep on depths L and deeper only (default: every depth for the weight-level "
                    + "fits; 'rscale fit' judges the hidden states from L = 2 x --modes = 32 unless given)")
    Integer minDepth;

    @Option(names = "--max-depth", paramLabel = "L",
            description = "judge the sweep on depths up to L only (default: no upper end)")
    Integer maxDepth;

    /** @return the weight-level fits' depth range */
    DepthRange range() {
        return DepthRange.of(minDepth, maxDepth);
    }

    @Option(names = "--top-singular-values", paramLabel = "K",
            description = "conv nets: the largest singular values kept per kernel (default: ${DEFAULT-VALUE})")
    int topSingularValues;

    @Option(names = "--stride-rule", paramLabel = "RULE",
            description = "conv nets: the operator norm of a strided convolution: subsampled (the map onto the "
                    + "strided output) or unstrided (the stride-1 convolution, the reference code's) "
                    + "(default: ${DEFAULT-VALUE})")
    String strideRule;

    @Option(names = "--input-size", paramLabel = "N|HxW",
            description = "state_dict kernels: the image size the first block sees (default: ${DEFAULT-VALUE}, "
                    + "CIFAR-10; 28 for MNIST)")
    String inputSize;

    @Option(names = "--block-names", paramLabel = "TEMPLATE",
            description = "state_dict kernels: the blocks' name prefix, with {stage} and {index} (within the stage), "
                    + "or {k} (over the network) (default: ${DEFAULT-VALUE}, torchvision's)")
    String blockNames;

    @Option(names = "--conv1-name", paramLabel = "NAME",
            description = "state_dict kernels: conv1's name below a block (default: ${DEFAULT-VALUE})")
    String conv1Name;

    @Option(names = "--conv2-name", paramLabel = "NAME",
            description = "state_dict kernels: conv2's name below a block (default: ${DEFAULT-VALUE})")
    String conv2Name;

    @Option(names = "--shortcut-names", paramLabel = "NAME", split = ",",
            description = "state_dict kernels: the 1x1 shortcut's possible names below a block (default: "
                    + "${DEFAULT-VALUE})")
    List<String> shortcutNames;

    @Option(names = "--conv-jobs", paramLabel = "N",
            description = "conv nets: cells measured N at a time, one thread each (a cell's spectra are computed once "
                    + "and kept in analysis/conv/) (default: ${DEFAULT-VALUE})")
    int convJobs;

    /** Where conv progress lines go (the command's stderr), or null for nowhere; not an option. */
    java.io.PrintWriter progress;

    /** @return the settings */
    AnalysisSettings settings() {
        try {
            int[] size = StateDictLayout.parseSize(inputSize);
            StateDictNames names = new StateDictNames(blockNames, conv1Name, conv2Name, shortcutNames,
                    StateDictNames.TORCHVISION.stem());
            ConvAnalysisSettings conv = new ConvAnalysisSettings(topSingularValues, StrideRule.of(strideRule),
                    new StateDictLayout(names, size[0], size[1]), null, convJobs);
            return new AnalysisSettings(incrementExponent, level, conv, range());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--level / --increment-exponent: " + e.getMessage());
        }
    }
}
