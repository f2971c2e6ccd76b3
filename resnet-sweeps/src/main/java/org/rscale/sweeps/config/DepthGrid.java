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

    /** @return the depths, ascending and distinct; never empty */
    public List<Integer> depths() {
        TreeSet<Integer> out = new TreeSet<>();
        if (!values.isEmpty()) {
            out.addAll(values);
        } else {
            for (int n = 0; ; n++) {
                double v = Math.floor(Math.pow(base, n));
                if (v > max) {
                    break;
                }
                if (v >= min) {
                    out.add((int) v);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("depth grid min " + min + ", max " + max + ", base " + base
                    + " holds no depth floor(base^n)");
        }
        return List.copyOf(out);
    }
}
