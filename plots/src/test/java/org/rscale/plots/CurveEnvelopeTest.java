package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CurveEnvelopeTest {

    @Test
    void shortCurvesAreKeptAndLongOnesKeepEveryBinsExtremesInOrder() {
        double[] x = {0, 1, 2};
        double[] y = {3, 1, 2};
        assertArrayEquals(x, CurveEnvelope.of(x, y)[0]);

        int n = 9100;
        double[] t = new double[n];
        double[] w = new double[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < n; k++) {
            t[k] = (double) k / n;
            w[k] = Math.sin(6 * t[k]) + 0.1 * r.nextGaussian();
        }
        w[4321] = 5; // a spike must survive
        double[][] e = CurveEnvelope.of(t, w);
        assertTrue(e[0].length <= CurveEnvelope.MAX_POINTS, "thinned: " + e[0].length);
        assertEquals(t[0], e[0][0]);
        assertEquals(t[n - 1], e[0][e[0].length - 1]);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < e[0].length; i++) {
            max = Math.max(max, e[1][i]);
            min = Math.min(min, e[1][i]);
            assertTrue(i == 0 || e[0][i] > e[0][i - 1], "in order");
        }
        double trueMin = Double.POSITIVE_INFINITY;
        for (double v : w) {
            trueMin = Math.min(trueMin, v);
        }
        assertEquals(5, max);
        assertEquals(trueMin, min);
    }
}
