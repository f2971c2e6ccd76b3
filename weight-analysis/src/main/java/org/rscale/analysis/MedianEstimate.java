package org.rscale.analysis;

import java.util.Arrays;

/**
 * The median of a sample with a distribution-free confidence interval from order statistics, and the
 * quartiles: how per-entry estimates (e.g. the Hurst exponent of each weight entry, {@link PathRoughness})
 * are aggregated over the entries of a tensor.
 *
 * <p><b>Interval.</b> With {@code x_(1) <= ... <= x_(n)} the sorted finite values and {@code B ~ Bin(n, 1/2)},
 * the interval {@code [x_(r), x_(n+1-r)]} covers the population median with probability at least
 * <pre>
 *   coverage(r) = 1 - 2 P(B &lt;= r - 1)          (exact for continuous distributions)
 * </pre>
 * whatever the distribution, provided the values are independent. We take the largest {@code r} with
 * {@code coverage(r) >= level}; {@link #level()} is that {@code coverage(r)}, the achieved level (at least
 * the one asked for). When even {@code r = 1} falls short ({@code n} below about 6 at 95%), the interval
 * is {@code [min, max]} and {@link #level()} is its lower coverage {@code 1 - 2^(1-n)}, below the level
 * asked for; {@code n = 1} gives a point with level 0.
 *
 * <p><b>Conventions.</b> The median is the type-7 quantile at 1/2 (the mean of the two middle values for
 * even {@code n}), the quartiles type 7 at 1/4 and 3/4 ({@link SeedBootstrap#quantile}). NaN values are
 * ignored (they mark undefined estimates) and counted out of {@link #n()}.
 *
 * <p>Reference: W. J. Conover, "Practical Nonparametric Statistics", 3rd ed. (1999), section 3.2
 * (confidence interval for a quantile); H. A. David and H. N. Nagaraja, "Order Statistics", 3rd ed.
 * (2003), section 7.1.
 *
 * @param median the sample median
 * @param ciLow  the lower bound of the median's interval, {@code x_(r)}
 * @param ciHigh the upper bound, {@code x_(n+1-r)}
 * @param level  the achieved coverage of the interval, in [0, 1)
 * @param n      the number of finite values used
 * @param q25    the lower quartile
 * @param q75    the upper quartile
 */
public record MedianEstimate(double median, double ciLow, double ciHigh, double level, int n, double q25,
                             double q75) {

    /**
     * Checks the order of the fields.
     *
     * @param median the sample median
     * @param ciLow the lower bound of the median's interval
     * @param ciHigh the upper bound
     * @param level the achieved coverage, in [0, 1)
     * @param n the number of finite values used, at least 1
     * @param q25 the lower quartile
     * @param q75 the upper quartile
     * @throws IllegalArgumentException when a field is not finite, the bounds do not bracket the median,
     *                                  {@code n < 1} or the level is outside [0, 1)
     */
    public MedianEstimate {
        if (!Double.isFinite(median) || !Double.isFinite(ciLow) || !Double.isFinite(ciHigh)
                || !(ciLow <= median && median <= ciHigh) || n < 1 || !(level >= 0 && level < 1)) {
            throw new IllegalArgumentException("median " + median + " with interval [" + ciLow + ", " + ciHigh
                    + "] at level " + level + " from " + n + " values is inconsistent");
        }
    }

    /**
     * @param values the sample; NaN values are ignored; not modified
     * @param level  the level asked for, in (0, 1)
     * @return the median with its interval
     * @throws IllegalArgumentException when no value is finite or a value is infinite
     * @throws org.rscale.sweeps.InvalidInputException when the level is not in (0, 1)
     */
    public static MedianEstimate of(double[] values, double level) {
        LinearFit.checkLevel(level);
        int n = 0;
        for (double v : values) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("median of an infinite value");
            }
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("median of no finite value");
        }
        double[] x = new double[n];
        int j = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                x[j++] = v;
            }
        }
        Arrays.sort(x);
        // the largest r with coverage(r) >= level, r = 1 at least; cdf = P(B <= s - 1) grows with s
        int r = 1;
        double coverage = 0;
        double logPmf = -n * Math.log(2);
        double cdf = 0;
        for (int s = 1; s <= (n + 1) / 2; s++) {
            cdf += Math.exp(logPmf);
            // P(B = s) = P(B = s - 1) (n - s + 1) / s
            logPmf += Math.log((double) (n - s + 1) / s);
            double c = 1 - 2 * cdf;
            if (s > 1 && c < level) {
                break;
            }
            r = s;
            coverage = Math.max(0, c);
        }
        double median = SeedBootstrap.quantile(x, 0.5);
        return new MedianEstimate(median, Math.min(x[r - 1], median), Math.max(x[n - r], median), coverage, n,
                SeedBootstrap.quantile(x, 0.25), SeedBootstrap.quantile(x, 0.75));
    }

    /**
     * {@code 1 - 2 P(Bin(n, 1/2) <= r - 1)}, the coverage of {@code [x_(r), x_(n+1-r)]}; the binomial
     * probabilities are summed in log space so that large {@code n} does not underflow {@code 2^-n}.
     *
     * @param n the sample size, at least 1
     * @param r the order, {@code 1 <= r <= (n+1)/2}
     * @return the coverage
     */
    static double coverage(int n, int r) {
        double logPmf = -n * Math.log(2);
        double cdf = 0;
        for (int k = 0; k <= r - 1; k++) {
            cdf += Math.exp(logPmf);
            // P(B = k+1) = P(B = k) (n - k) / (k + 1)
            logPmf += Math.log((double) (n - k) / (k + 1));
        }
        return 1 - 2 * cdf;
    }

    /**
     * @param cap the largest value, e.g. 1 for a Hölder exponent
     * @return this estimate with every value replaced by {@code min(value, cap)} (the median and the
     *         order statistics commute with a monotone map, so this is the estimate of the capped values)
     */
    public MedianEstimate capped(double cap) {
        return new MedianEstimate(Math.min(median, cap), Math.min(ciLow, cap), Math.min(ciHigh, cap), level, n,
                Math.min(q25, cap), Math.min(q75, cap));
    }

    /**
     * @param value a value
     * @return whether the interval contains it
     */
    public boolean covers(double value) {
        return ciLow <= value && value <= ciHigh;
    }
}
