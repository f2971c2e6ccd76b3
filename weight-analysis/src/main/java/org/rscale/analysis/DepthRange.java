package org.rscale.analysis;

import java.util.Locale;

import org.rscale.sweeps.InvalidInputException;

/**
 * The depths a verdict is judged on: {@code min <= L <= max}. Cells outside are still measured (statistics.csv,
 * dynamics.csv) but enter no fit, so a sweep can be judged on a declared sub-range ({@code --min-depth},
 * {@code --max-depth}).
 *
 * @param min the smallest depth judged, at least 1
 * @param max the largest depth judged, at least {@code min} ({@link Integer#MAX_VALUE}: no upper end)
 */
public record DepthRange(int min, int max) {
    /** Every depth. */
    public static final DepthRange ALL = new DepthRange(1, Integer.MAX_VALUE);

    /**
     * Validates the ends.
     *
     * @param min the smallest depth judged, at least 1
     * @param max the largest depth judged, at least min
     * @throws InvalidInputException naming the values when {@code min < 1} or {@code max < min}
     */
    public DepthRange {
        if (min < 1 || max < min) {
            throw new InvalidInputException("depth range: --min-depth " + min + " and --max-depth "
                    + (max == Integer.MAX_VALUE ? "(none)" : Integer.toString(max))
                    + " must satisfy 1 <= min <= max");
        }
    }

    /**
     * @param min the smallest depth, or null for 1
     * @param max the largest depth, or null for no upper end
     * @return the range
     */
    public static DepthRange of(Integer min, Integer max) {
        return new DepthRange(min == null ? 1 : min, max == null ? Integer.MAX_VALUE : max);
    }

    /**
     * @param L a depth
     * @return whether the range holds it
     */
    public boolean contains(int L) {
        return L >= min && L <= max;
    }

    /** @return whether every depth is in the range */
    public boolean isAll() {
        return min <= 1 && max == Integer.MAX_VALUE;
    }

    /**
     * @param other a range
     * @return the depths in both ranges
     * @throws InvalidInputException when they do not overlap
     */
    public DepthRange intersect(DepthRange other) {
        return new DepthRange(Math.max(min, other.min), Math.min(max, other.max));
    }

    /** @return e.g. {@code all depths}, {@code L >= 32}, {@code 32 <= L <= 2000} */
    public String describe() {
        if (isAll()) {
            return "all depths";
        }
        if (max == Integer.MAX_VALUE) {
            return String.format(Locale.ROOT, "L >= %d", min);
        }
        return min <= 1 ? String.format(Locale.ROOT, "L <= %d", max) : String.format(Locale.ROOT, "%d <= L <= %d", min, max);
    }
}
