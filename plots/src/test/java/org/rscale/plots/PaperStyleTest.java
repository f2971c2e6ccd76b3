package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class PaperStyleTest {

    @Test
    void singleColumnPrintsAt3Point4InchesWithLegibleFonts() {
        PaperStyle s = PaperStyle.singleColumn();
        assertEquals(1020, s.widthPixels());
        assertEquals(33, s.px(8));
        // 7 pt at 300 dpi: at least 28 px once the PNG is shown 3.4 in wide
        assertTrue(s.smallFont().getSize() >= 28, "tick/legend font " + s.smallFont().getSize());
        assertTrue(s.titleFont().getSize() >= 32, "axis title font " + s.titleFont().getSize());
    }

    @Test
    void seriesDifferInColourMarkerAndDash() {
        PaperStyle s = PaperStyle.singleColumn();
        Set<Color> colours = new HashSet<>();
        Set<PaperMarker.Shape> shapes = new HashSet<>();
        Set<String> dashes = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            colours.add(s.color(i));
            shapes.add(s.marker(i).shape());
            dashes.add(java.util.Arrays.toString(s.dashedLine(i).getDashArray()));
        }
        assertEquals(6, colours.size());
        assertEquals(6, shapes.size());
        assertEquals(6, dashes.size());
        assertNotEquals(Color.WHITE, s.color(0));
    }

    @Test
    void rampLightnessGrowsMonotonically() {
        PaperStyle s = PaperStyle.singleColumn();
        double previous = -1;
        for (int i = 0; i <= 20; i++) {
            Color c = s.ramp(i / 20.0);
            double l = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertTrue(l > previous, "lightness at " + i / 20.0);
            previous = l;
        }
        assertEquals(s.ramp(0), s.ramp(-3));
        assertEquals(s.ramp(1), s.ramp(7));
    }

    @Test
    void outOfRangeComponentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PaperStyle(0, 2, 300, 8));
        assertThrows(IllegalArgumentException.class, () -> new PaperStyle(3.4, Double.NaN, 300, 8));
        assertThrows(IllegalArgumentException.class, () -> new PaperStyle(3.4, 2.6, 10, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PaperStyle(3.4, 2.6, 300, 2));
        assertTrue(e.getMessage().contains("fontPoints"), e.getMessage());
    }
}
