package org.rscale.sweeps.config;

import java.util.List;
import java.util.TreeSet;

import org.rscale.sweeps.InvalidInputException;

/**
 * The depths of a sweep: the distinct values floor(base^n), n = 0, 1, ..., with
 * min &lt;= value &lt;= max (SCIENCE 3), or an explicit list. The paper's grid, min 3, max 10000,
 * base 1.2, has 44 depths from 3 to 9100.
 *
 * <p>base^n is computed with {@link Math#pow}, as the reference code's {@code np.floor(base ** n)}
 * does with C's {@code pow}; a test checks the paper's grid value by value.
 *
 * @param min    the smallest depth kept
 * @param max    the largest depth kept
 * @param base   the ratio of the geometric grid, &gt; 1
 * @param values explicit depths; when non-empty they replace the grid
 */
public record DepthGrid(int min, int max, double base, List<Integer> values) {

    // Checks the range.
    public DepthGrid {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            if (min < 1 || max < min) {
                throw new InvalidInputException("depth grid needs 1 <= depths.min <= depths.max, got min " + min
                        + ", max " + max);
            }
            if (!(base > 1)) {
                throw new InvalidInputException("depth grid needs depths.base > 1, got " + base);
            }
        }
    }

    /**
     * The depths, enumerated in time proportional to their number (exponents n that repeat a
     * value are skipped, so a base close to 1 costs no more than its distinct depths).
     *
     * @return the depths, ascending and distinct; never empty
     * @throws InvalidInputException when the grid holds no depth, or more than {@link SweepConfig#MAX_CELLS}
     */
    public List<Integer> depths() {
        TreeSet<Integer> out = new TreeSet<>();
        if (!values.isEmpty()) {
            out.addAll(values);
        } else {
            double logBase = Math.log(base);
            // start a little below min: floor(base^n) < min for every skipped n
            long n = Math.max(0, (long) Math.floor(Math.log(min) / logBase) - 2);
            while (true) {
                double v = Math.floor(Math.pow(base, n));
                if (v > max) {
                    break;
                }
                if (v >= min) {
                    out.add((int) v);
                    if (out.size() > SweepConfig.MAX_CELLS) {
                        throw new InvalidInputException("depth grid min " + min + ", max " + max + ", base " + base
                                + " holds more than " + SweepConfig.MAX_CELLS + " depths, the most cells a sweep may have");
                    }
                }
                // the first n whose power may reach v + 1, two steps early against rounding; never backwards
                n = Math.max(n + 1, (long) Math.floor(Math.log(v + 1) / logBase) - 2);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("depth grid min " + min + ", max " + max + ", base " + base
                    + " holds no depth floor(base^n)");
        }
        return List.copyOf(out);
    }
}
