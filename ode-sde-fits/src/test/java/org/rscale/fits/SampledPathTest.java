package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading a sampled path: interpolation, clamping, and the guard against a NaN time (issue 10, defect 1). */
class SampledPathTest {
    private final SampledPath path = SampledPath.uniform(3, 1, 1, new double[] {0, 2, 4});

    @Test
    void interpolatesLinearlyAndClampsToTheUnitInterval() {
        double[] out = new double[1];
        path.valueAt(0.25, out);
        assertArrayEquals(new double[] {1}, out, 1e-15);
        path.valueAt(7, out);
        assertArrayEquals(new double[] {4}, out);
        path.valueAt(Double.NEGATIVE_INFINITY, out);
        assertArrayEquals(new double[] {0}, out);
    }

    @Test
    void aNanTimeIsRefusedInsteadOfReadingPastTheGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> path.valueAt(Double.NaN, new double[1]));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
