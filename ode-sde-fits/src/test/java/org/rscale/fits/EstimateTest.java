package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.ScalingFit;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class EstimateTest {

    private static final Tolerance EXACT = Tolerance.absolute("sums of a few decimals", 1e-12);

    @Test
    void slopeOfAFitKeepsItsInterval() {
        ScalingFit f = new ScalingFit(-0.3, 1, 0.01, -0.32, -0.28, 0.9, 0.99, 10, 5, 1);
        Estimate e = Estimate.slopeOf(f);
        assertEquals(new Estimate(-0.3, 0.01, -0.32, -0.28, 0.9), e);
        assertEquals(new Estimate(0.3, 0.01, 0.28, 0.32, 0.9), e.negate());
    }

    @Test
    void combinationsUseMinkowskiBounds() {
        Estimate a = new Estimate(1, 0.3, 0.5, 1.5, 0.95);
        Estimate b = new Estimate(2, 0.4, 1.8, 2.4, 0.9);
        Estimate sum = a.plus(b);
        EXACT.check(3, sum.value(), "value");
        EXACT.check(0.5, sum.stderr(), "stderr = hypot(0.3, 0.4)");
        EXACT.check(2.3, sum.ciLow(), "ciLow");
        EXACT.check(3.9, sum.ciHigh(), "ciHigh");
        assertEquals(0.9, sum.level());
        Estimate diff = a.minus(b);
        EXACT.check(-1, diff.value(), "value");
        EXACT.check(0.5 - 2.4, diff.ciLow(), "ciLow");
        EXACT.check(1.5 - 1.8, diff.ciHigh(), "ciHigh");
        Estimate shifted = a.shift(-1);
        EXACT.check(-0.5, shifted.ciLow(), "shifted ciLow");
        EXACT.check(0.5, a.halfWidth(), "half-width");
    }

    @Test
    void compatibilityIsOverlapWithTheWidenedRange() {
        Estimate e = new Estimate(0.4, 0.01, 0.38, 0.42, 0.95);
        assertEquals(Compatibility.COMPATIBLE, e.against(0.5, 0.5, 0.1));
        assertEquals(Compatibility.EXCLUDED, e.against(0.5, 0.5, 0.07));
        assertEquals(Compatibility.COMPATIBLE, e.against(-1, 0.3, 0.08));
        assertEquals(Compatibility.EXCLUDED, e.against(0.6, 1, 0.1));
    }

    @Test
    void rejectsInconsistentFields() {
        assertThrows(IllegalArgumentException.class, () -> new Estimate(Double.NaN, 0, 0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, -1, 0, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 0.1, 1.1, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 0.1, 0, 2, 1));
    }

    @Test
    void formatsWithThreeDecimals() {
        assertEquals("0.201 [0.190, 0.212]", new Estimate(0.2014, 0.005, 0.19, 0.212, 0.95).format());
        assertEquals("0.5", VerdictRule.num(0.5));
        assertEquals("0", VerdictRule.num(-0.0001));
        assertEquals("12", VerdictRule.num(12));
    }
}
