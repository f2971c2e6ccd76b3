package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class PaperMarkerTest {

    @Test
    void everyShapePaintsAroundItsCentreFilledOrOpen() {
        for (PaperMarker.Shape shape : PaperMarker.Shape.values()) {
            int filled = inkedPixels(new PaperMarker(shape, true, 4));
            int open = inkedPixels(new PaperMarker(shape, false, 4));
            assertTrue(open > 20, shape + " open paints " + open + " pixels");
            assertTrue(filled >= open, shape + ": filled " + filled + " < open " + open);
            if (shape != PaperMarker.Shape.CROSS && shape != PaperMarker.Shape.PLUS) {
                assertTrue(filled > open, shape + " fills its inside");
            }
        }
    }

    private static int inkedPixels(PaperMarker marker) {
        BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.BLACK);
        marker.paint(g, 30, 30, 30);
        g.dispose();
        int inked = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                boolean ink = (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
                // nothing outside the 2 x (nominal radius) box around the centre
                assertTrue(!ink || (Math.abs(x - 30) <= 30 && Math.abs(y - 30) <= 30));
                inked += ink ? 1 : 0;
            }
        }
        return inked;
    }
}
