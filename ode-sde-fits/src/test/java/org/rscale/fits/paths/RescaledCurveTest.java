package org.rscale.fits.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.SampledPath;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class RescaledCurveTest {

    @Test
    void gridPointsPickLayerFloorOfTL() {
        // L = 3, G = 4: t = 0, 1/3, 2/3, 1 -> k = 0, 1, 2, min(3, 2) = 2; values scaled by L^1 = 3
        WeightSequence T = new WeightSequence("delta", 3, 1, 1, new double[] {1, 2, 4});
        SampledPath c = RescaledCurve.of(T, 1.0, 4);
        assertArrayEquals(new double[] {3, 6, 12, 12}, c.values(), 1e-15);
        assertEquals(1.0 / 3, c.t()[1], 1e-16);
        // G = 7 on L = 3: t_g = g/6, floor(3 g / 6) = 0, 0, 1, 1, 2, 2, (3 -> 2)
        SampledPath d = RescaledCurve.of(T, 0.0, 7);
        assertArrayEquals(new double[] {1, 1, 2, 2, 4, 4, 4}, d.values(), 0.0);
    }

    @Test
    void matricesKeepTheirLayout() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8};
        SampledPath c = RescaledCurve.of(new WeightSequence("A", 2, 2, 2, v), 0.0, 2);
        assertEquals(2, c.rows());
        assertEquals(2, c.cols());
        assertArrayEquals(v, c.values(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> RescaledCurve.of(new WeightSequence("A", 2, 2, 2, v), 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> RescaledCurve.of(new WeightSequence("A", 2, 2, 2, v), Double.NaN, 3));
    }
}
