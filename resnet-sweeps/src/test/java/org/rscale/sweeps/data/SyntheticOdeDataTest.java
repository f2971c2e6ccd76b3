package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.testing.Tolerance;

class SyntheticOdeDataTest {
    private static final Tolerance UNIT = Tolerance.absolute("unit norm", 1e-12);

    @Test
    void samplesAreUnitVectorsAndDeterministic() {
        TrainTestData d = SyntheticOdeData.generate(10, 64, 16, 3);
        assertEquals(64, d.train().n());
        assertEquals(16, d.test().n());
        for (Dataset s : new Dataset[] {d.train(), d.test()}) {
            for (int i = 0; i < s.n(); i++) {
                UNIT.check(1.0, norm(s.x(), i, 10), "|x|");
                UNIT.check(1.0, norm(s.y(), i, 10), "|y|");
            }
        }
        TrainTestData again = SyntheticOdeData.generate(10, 64, 16, 3);
        assertArrayEquals(d.train().x(), again.train().x(), 0.0);
        assertFalse(Arrays.equals(d.train().x(), SyntheticOdeData.generate(10, 64, 16, 4).train().x()));
    }

    /** One sample by the formula of SCIENCE 2, written out independently of the generator's loop. */
    @Test
    void targetsFollowTheOde() {
        TrainTestData d = SyntheticOdeData.generate(2, 1, 0, 9);
        // recover the unnormalised input direction: the generator normalises x, and the ODE is not
        // scale-invariant, so rebuild from the same stream
        java.util.random.RandomGenerator rng = org.rscale.sweeps.random.RandomStreams.of(9,
                "synthetic;d=2;train=1;test=0", org.rscale.sweeps.random.RandomStreams.DATA);
        double x0 = 2 * rng.nextDouble() - 1;
        double x1 = 2 * rng.nextDouble() - 1;
        double z0 = x0;
        double z1 = x1;
        for (int t = 0; t < 100; t++) {
            double u = 5 * Math.PI * t / 100;
            z0 = z0 + 0.1 * Math.tanh(Math.sin(u) * z0 + Math.cos(u));
            z1 = z1 + 0.1 * Math.tanh(Math.sin(u) * z1 + Math.cos(u));
        }
        double nz = Math.hypot(z0, z1);
        double nx = Math.hypot(x0, x1);
        Tolerance t = Tolerance.absolute("same double arithmetic", 1e-14);
        t.check(x0 / nx, d.train().x()[0], "x0");
        t.check(z0 / nz, d.train().y()[0], "y0");
        t.check(z1 / nz, d.train().y()[1], "y1");
    }

    private static double norm(double[] v, int i, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += v[i * d + j] * v[i * d + j];
        }
        return Math.sqrt(s);
    }
}
