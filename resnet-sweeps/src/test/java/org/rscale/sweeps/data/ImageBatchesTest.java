package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Normalisation and torchvision's crop (padding 4) and flip. */
class ImageBatchesTest {

    private static final ImageSet ONE = oneImage();

    private static ImageSet oneImage() {
        byte[] p = new byte[2 * 6 * 5];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 4 + 3);
        }
        return new ImageSet(2, 6, 5, p, new int[] {1}, 2);
    }

    private static final ImageData DATA = new ImageData(ONE, ONE, new double[] {0.5, 0.25}, new double[] {0.2, 0.4});

    private static double normalised(int ch, int v) {
        return (v / 255.0 - DATA.mean()[ch]) / DATA.std()[ch];
    }

    @Test
    void withoutAugmentationTheImageIsNormalisedPerChannel() {
        double[] out = new double[60];
        ImageBatches.fill(ONE, DATA, new int[] {0}, 0, 1, false, null, out);
        for (int i = 0; i < 60; i++) {
            assertEquals(normalised(i / 30, ONE.pixels()[i] & 0xff), out[i], 1e-12);
        }
    }

    @Test
    void augmentedImagesAreShiftedWindowsOfThePaddedImageMirroredOrNot() {
        SplittableRandom r = new SplittableRandom(5);
        Set<String> seen = new HashSet<>();
        double[] out = new double[60];
        for (int trial = 0; trial < 400; trial++) {
            ImageBatches.fill(ONE, DATA, new int[] {0}, 0, 1, true, r, out);
            String match = null;
            for (int dy = -4; dy <= 4 && match == null; dy++) {
                for (int dx = -4; dx <= 4 && match == null; dx++) {
                    for (boolean flip : new boolean[] {false, true}) {
                        if (matches(out, dy, dx, flip)) {
                            match = dy + "," + dx + "," + flip;
                            break;
                        }
                    }
                }
            }
            assertTrue(match != null, "trial " + trial + " is no crop/flip of the image");
            seen.add(match);
        }
        assertTrue(seen.size() > 100, "offsets and flips vary: " + seen.size() + " of 162 seen");
    }

    private static boolean matches(double[] out, int dy, int dx, boolean flip) {
        for (int ch = 0; ch < 2; ch++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 5; x++) {
                    int sx = (flip ? 4 - x : x) + dx;
                    int sy = y + dy;
                    int v = sy >= 0 && sy < 6 && sx >= 0 && sx < 5 ? ONE.pixels()[ch * 30 + sy * 5 + sx] & 0xff : 0;
                    if (Math.abs(out[ch * 30 + y * 5 + x] - normalised(ch, v)) > 1e-12) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
