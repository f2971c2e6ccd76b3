package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class DecadeRangeTest {

    @Test
    void decadeRangesCoverTheDataInWholeDecades() {
        assertEquals(new DecadeRange(0, 4), DecadeRange.covering(3, 9100));
        assertEquals(new DecadeRange(1, 3), DecadeRange.covering(10, 1000));
        assertEquals(new DecadeRange(-3, -2), DecadeRange.covering(1e-3, 1e-3));
        assertEquals(new DecadeRange(0, 1), DecadeRange.covering(1, 1));
        assertThrows(IllegalArgumentException.class, () -> DecadeRange.covering(0, 1));
        assertThrows(IllegalArgumentException.class, () -> DecadeRange.covering(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void endsArePowersOfTen() {
        DecadeRange r = new DecadeRange(-3, 2);
        assertEquals(1e-3, r.min(), 1e-18);
        assertEquals(100.0, r.max());
        assertThrows(IllegalArgumentException.class, () -> new DecadeRange(2, 2));
    }
}
