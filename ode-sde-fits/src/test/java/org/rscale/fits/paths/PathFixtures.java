package org.rscale.fits.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Depth grids for the path tests. */
final class PathFixtures {
    private PathFixtures() {
    }

    /**
     * @param base the ratio, above 1
     * @param min  the smallest depth
     * @param max  the largest depth
     * @return the distinct floor(base^n) in [min, max], increasing (SCIENCE.md section 3)
     */
    static List<Integer> depthGrid(double base, int min, int max) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int n = 0; Math.pow(base, n) <= max; n++) {
            int L = (int) Math.floor(Math.pow(base, n));
            if (L >= min) {
                s.add(L);
            }
        }
        return new ArrayList<>(s);
    }
}
