package org.rscale.sweeps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.InvalidInputException;

class DepthGridTest {

    /**
     * The paper's grid: numpy 2.4.6, {@code np.unique([int(np.floor(1.2 ** n)) for n in range(1 +
     * int(np.log(10000) / np.log(1.2)))])} restricted to values >= 3.
     */
    private static final List<Integer> PAPER = List.of(3, 4, 5, 6, 7, 8, 10, 12, 15, 18, 22, 26, 31, 38, 46, 55, 66,
            79, 95, 114, 137, 164, 197, 237, 284, 341, 410, 492, 590, 708, 850, 1020, 1224, 1469, 1763, 2116, 2539,
            3047, 3657, 4388, 5266, 6319, 7583, 9100);

    @Test
    void reproducesThePapersGrid() {
        List<Integer> grid = new DepthGrid(3, 10000, 1.2, List.of()).depths();
        assertEquals(PAPER, grid);
        assertEquals(44, grid.size());
    }

    @Test
    void explicitValuesReplaceTheGridSortedAndDistinct() {
        assertEquals(List.of(3, 10, 30), new DepthGrid(1, 1, 2, List.of(30, 3, 10, 3)).depths());
    }

    /** The grid as the reference code computes it: every n in turn (slow for a base close to 1). */
    private static List<Integer> everyPower(int min, int max, double base) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int n = 0; ; n++) {
            double v = Math.floor(Math.pow(base, n));
            if (v > max) {
                return List.copyOf(out);
            }
            if (v >= min) {
                out.add((int) v);
            }
        }
    }

    @Test
    void skippingRepeatedPowersGivesTheSameGridAsTryingEveryExponent() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            double base = 1 + Math.pow(10, -r.nextDouble(0, 5));
            int min = 1 + r.nextInt(50);
            int max = min + r.nextInt(3000);
            List<Integer> expected = everyPower(min, max, base);
            if (!expected.isEmpty()) {
                assertEquals(expected, new DepthGrid(min, max, base, List.of()).depths(), "min " + min + " max " + max
                        + " base " + base);
            }
        }
        // a base very close to 1 costs its distinct depths, not its 10^12 exponents
        assertEquals(everyPower(1, 40, 2), new DepthGrid(1, 40, 2, List.of()).depths());
        List<Integer> dense = new DepthGrid(1, 1000, 1 + 1e-12, List.of()).depths();
        assertEquals(1000, dense.size());
    }

    @Test
    void emptyOrInvalidGridsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new DepthGrid(5, 3, 1.2, List.of()));
        assertThrows(InvalidInputException.class, () -> new DepthGrid(3, 10, 1.0, List.of()));
        assertThrows(InvalidInputException.class, () -> new DepthGrid(5, 7, 10, List.of()).depths());
    }
}
