package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class TicksTest {

    @Test
    void linearTicksAreRoundMultiples() {
        Ticks t = Ticks.linear(0, 1, 4);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values());
        assertArrayEquals(new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, t.labels());
        Ticks u = Ticks.linear(-0.53, 0.9, 6);
        assertArrayEquals(new double[] {-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8}, u.values());
        assertEquals("\u22120.4", u.labels()[0]);
        assertArrayEquals(new double[] {0, 50, 100}, Ticks.linear(0, 120, 2).values());
    }

    @Test
    void logTicksHaveLabelledDecadesAndMinorTicks() {
        Ticks t = Ticks.logarithmic(new DecadeRange(-1, 1), 10);
        assertEquals(19, t.values().length);
        assertEquals(3, Arrays.stream(t.labels()).filter(Objects::nonNull).count());
        assertEquals("10\u207B\u00B9", t.labels()[0]);
        assertEquals(0.2, t.values()[1], 1e-15);
        // a band above the top decade gets minor ticks only
        Ticks band = Ticks.logarithmic(new DecadeRange(-1, 0), 2.5);
        assertEquals(2.0, band.values()[band.values().length - 1], 1e-15);
        assertEquals(2, Arrays.stream(band.labels()).filter(Objects::nonNull).count());
    }
}
