package org.rscale.plots;

/**
 * The smallest range of whole decades {@code [10^low, 10^high]} containing some positive values,
 * at least one decade wide, used for logarithmic axes so that every axis shows at least two
 * labelled decade ticks.
 *
 * @param low  exponent of the lower end
 * @param high exponent of the upper end, greater than {@code low}
 */
record DecadeRange(int low, int high) {

    DecadeRange {
        if (high <= low) {
            throw new IllegalArgumentException("decade range needs high > low, got " + low + ", " + high);
        }
    }

    /**
     * @param min smallest value, finite and positive
     * @param max largest value, finite and at least {@code min}
     * @return {@code [10^floor(log10 min), 10^ceil(log10 max)]}, widened upwards to one decade
     *         when both ends fall on the same power of ten
     */
    static DecadeRange covering(double min, double max) {
        if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("decade range needs 0 < min <= max < infinity, got " + min + ", " + max);
        }
        int lo = (int) Math.floor(Math.log10(min) + 1e-12);
        int hi = (int) Math.ceil(Math.log10(max) - 1e-12);
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new DecadeRange(lo, hi);
    }

    /** @return {@code 10^low} */
    double min() {
        return Math.pow(10, low);
    }

    /** @return {@code 10^high} */
    double max() {
        return Math.pow(10, high);
    }
}
