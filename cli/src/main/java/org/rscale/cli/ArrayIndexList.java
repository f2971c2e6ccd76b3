package org.rscale.cli;

import java.util.List;
import java.util.TreeSet;

/**
 * The task indices of a SLURM array job in sbatch's {@code --array} syntax: runs of consecutive
 * indices as ranges, e.g. {@code 0-5} or {@code 3,7,12-15}, and an optional throttle {@code %M}
 * (at most M tasks at once).
 */
final class ArrayIndexList {

    private ArrayIndexList() {
    }

    /**
     * @param indices  task indices, any order, duplicates ignored; not empty
     * @param throttle at most this many tasks at once, or null for no limit
     * @return the {@code --array} value
     */
    static String of(List<Integer> indices, Integer throttle) {
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("an array job needs at least one task index");
        }
        StringBuilder s = new StringBuilder();
        int first = -1;
        int last = -1;
        for (int i : new TreeSet<>(indices)) {
            if (first >= 0 && i == last + 1) {
                last = i;
                continue;
            }
            append(s, first, last);
            first = i;
            last = i;
        }
        append(s, first, last);
        if (throttle != null) {
            s.append('%').append(throttle);
        }
        return s.toString();
    }

    private static void append(StringBuilder s, int first, int last) {
        if (first < 0) {
            return;
        }
        if (s.length() > 0) {
            s.append(',');
        }
        s.append(first);
        if (last > first) {
            s.append('-').append(last);
        }
    }
}
