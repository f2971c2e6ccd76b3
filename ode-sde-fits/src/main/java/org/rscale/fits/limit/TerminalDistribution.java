package org.rscale.fits.limit;

import java.util.Arrays;

/**
 * The distribution of {@code H_1} of the limit SDE from one input, estimated from simulated paths
 * ({@link SdeLimit#terminalDistributions}).
 *
 * <pre>
 *   mean_i       = (1/N) sum_p H_1^(p)_i
 *   cov_ij       = (1/(N-1)) sum_p (H_1^(p)_i - mean_i)(H_1^(p)_j - mean_j)
 *   quantile_q,i = the level-q quantile of H_1^(p)_i over p, linear interpolation between order
 *                  statistics at rank (N-1) q (Hyndman-Fan type 7, numpy's default)
 * </pre>
 * over the N paths that did not diverge; diverged paths (norm not finite or above the bound) are left
 * out and counted.
 *
 * @param x         the input {@code H_0}, d values
 * @param paths     N, the paths used
 * @param diverged  the paths left out
 * @param mean      d values
 * @param covariance d x d values, row-major
 * @param levels    the quantile levels
 * @param quantiles {@code levels.length * d} values, level-major: level q of coordinate i at {@code q d + i}
 */
public record TerminalDistribution(double[] x, int paths, int diverged, double[] mean, double[] covariance,
                                   double[] levels, double[] quantiles) {

    /**
     * Estimates the distribution from samples.
     *
     * @param x        the input
     * @param values   N*d terminal values, path-major; not modified
     * @param n        N, at least 2
     * @param diverged paths left out
     * @param levels   quantile levels in [0, 1]
     * @return the distribution
     */
    static TerminalDistribution of(double[] x, double[] values, int n, int diverged, double[] levels) {
        int d = x.length;
        double[] mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                mean[i] += values[p * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        double[] cov = new double[d * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                double ei = values[p * d + i] - mean[i];
                for (int j = 0; j < d; j++) {
                    cov[i * d + j] += ei * (values[p * d + j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < d * d; i++) {
            cov[i] /= n - 1;
        }
        double[] q = new double[levels.length * d];
        double[] column = new double[n];
        for (int i = 0; i < d; i++) {
            for (int p = 0; p < n; p++) {
                column[p] = values[p * d + i];
            }
            Arrays.sort(column);
            for (int l = 0; l < levels.length; l++) {
                double h = (n - 1) * levels[l];
                int lo = (int) Math.floor(h);
                int hi = Math.min(lo + 1, n - 1);
                q[l * d + i] = column[lo] + (h - lo) * (column[hi] - column[lo]);
            }
        }
        return new TerminalDistribution(x, n, diverged, mean, cov, levels.clone(), q);
    }

    /** @return the width d */
    public int dim() {
        return mean.length;
    }

    /**
     * @param level the index of a level in {@link #levels()}
     * @param i     a coordinate
     * @return that quantile of coordinate i
     */
    public double quantile(int level, int i) {
        return quantiles[level * dim() + i];
    }

    /**
     * @param i a coordinate
     * @return the standard deviation of coordinate i
     */
    public double sd(int i) {
        return Math.sqrt(covariance[i * dim() + i]);
    }
}
