package org.rscale.analysis;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of SCIENCE.md 4 for the kernel sequences of a convolutional ResNet: the same statistic keys
 * as {@link WeightStatistic}, with the operator norm of SCIENCE.md 1.3 ({@link ConvNetSpectra}) in place of the
 * Frobenius norm, and the increments taken only between consecutive blocks of the same stage:
 * <pre>
 *   key                   definition (T = conv1 or conv2; ||.|| the operator norm on the block's input)
 *   max_norm              max_k ||T_k||
 *   increment             L^f max_{k in I} ||T_k - T_{k-1}||          I: k &gt;= 1 in the stage of k-1, same shape
 *   quadratic_variation   ((L-1)/|I|) sum_{k in I} ||T_k - T_{k-1}||^2
 *   sobolev               sqrt(L quadratic_variation)
 *   root_ssq              sqrt(sum_k ||T_k||^2)
 *   l2                    sqrt((1/L) sum_k ||T_k||^2)
 * </pre>
 * with {@code L = n1 + n2 + n3 + n4} the number of blocks (the network's depth) and {@code I} the increments of
 * {@link ConvNetSpectra} (stage transitions skipped). This is the reference code's {@code plots_convolutional.py}:
 * the max over blocks of the largest singular value, Root SSQ over blocks, and {@code L^beta} times the largest
 * singular value of the kernel differences of equal shape.
 *
 * <p><b>The quadratic variation</b> is the sum over the {@code L - 1} consecutive pairs of a fully-connected
 * network; here only the {@code |I|} pairs within a stage have an increment, and their share of {@code L - 1}
 * changes along the paper's depth grid (conv1 has 1 pair at {@code (2, 2, 2, 2)} and 43 at {@code (3, 8, 36, 3)},
 * which alone would add about 1 to the slope). So the sum is estimated as {@code L - 1} times the mean over the
 * pairs there are, which keeps the predictions of SCIENCE.md 5 ({@code 1 - 2 beta} for rough kernels). The
 * statistics of
 * whole sequences without a meaning across stages of different shapes ({@code spectral_max} is
 * {@code max_norm} here; {@code cumulative_sum}, {@code detrended_cumulative_sum}) are not defined. Without
 * an increment (every stage of one block) the increment statistics are undefined; a network with a
 * non-finite weight has no statistics.
 */
public final class ConvStatistics {
    /** The statistics defined for kernel sequences. */
    public static final List<WeightStatistic> DEFINED = List.of(WeightStatistic.MAX_NORM, WeightStatistic.INCREMENT,
            WeightStatistic.QUADRATIC_VARIATION, WeightStatistic.SOBOLEV, WeightStatistic.ROOT_SSQ, WeightStatistic.L2);

    private ConvStatistics() {
    }

    /**
     * @param spectra           a network's spectra
     * @param incrementExponent f in {@code L^f max ||T_k - T_{k-1}||}
     * @return the statistics of conv1 and conv2, by tensor (both empty when the network is not finite)
     */
    public static Map<String, WeightStatistics> of(ConvNetSpectra spectra, double incrementExponent) {
        Map<String, WeightStatistics> out = new LinkedHashMap<>();
        for (String t : List.of(ConvNetSpectra.CONV1, ConvNetSpectra.CONV2)) {
            out.put(t, of(t, spectra.depth(), spectra.rows(t, ConvKernelNorm.KERNEL),
                    spectra.rows(t, ConvKernelNorm.INCREMENT), incrementExponent));
        }
        return out;
    }

    /**
     * @param tensor            the tensor's name
     * @param L                 the network's depth
     * @param kernels           the kernels' rows
     * @param increments        the increments' rows
     * @param incrementExponent f
     * @return the defined statistics
     */
    static WeightStatistics of(String tensor, int L, List<ConvKernelNorm> kernels, List<ConvKernelNorm> increments,
                               double incrementExponent) {
        EnumMap<WeightStatistic, Double> v = new EnumMap<>(WeightStatistic.class);
        if (!kernels.isEmpty()) {
            double max = 0;
            double ssq = 0;
            for (ConvKernelNorm n : kernels) {
                max = Math.max(max, n.operatorNorm());
                ssq += n.operatorNorm() * n.operatorNorm();
            }
            v.put(WeightStatistic.MAX_NORM, max);
            v.put(WeightStatistic.ROOT_SSQ, Math.sqrt(ssq));
            v.put(WeightStatistic.L2, Math.sqrt(ssq / L));
        }
        if (!increments.isEmpty()) {
            double max = 0;
            double qv = 0;
            for (ConvKernelNorm n : increments) {
                max = Math.max(max, n.operatorNorm());
                qv += n.operatorNorm() * n.operatorNorm();
            }
            qv *= (L - 1.0) / increments.size();
            v.put(WeightStatistic.INCREMENT, Math.pow(L, incrementExponent) * max);
            v.put(WeightStatistic.QUADRATIC_VARIATION, qv);
            v.put(WeightStatistic.SOBOLEV, Math.sqrt(L * qv));
        }
        v.values().removeIf(x -> !Double.isFinite(x));
        return new WeightStatistics(tensor, L, incrementExponent, v);
    }
}
