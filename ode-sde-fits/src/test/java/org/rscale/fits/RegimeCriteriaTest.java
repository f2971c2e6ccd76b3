package org.rscale.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.analysis.ScalingFit;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class RegimeCriteriaTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        RegimeCriteria c = RegimeCriteria.defaults();
        assertEquals(5, c.minDepths());
        assertEquals(0.8, c.minR2());
        assertEquals(0.1, c.preciseHalfWidth());
        assertEquals(0.25, c.maxUnconvergedFraction());
        assertEquals(0.15, c.slopeTolerance());
        assertEquals(0.25, c.gapTolerance());
    }

    @Test
    void aFitCountsWithGoodR2OrAPreciseSlope() {
        RegimeCriteria c = RegimeCriteria.defaults();
        assertTrue(c.counts(new ScalingFit(-1, 0, 0.2, -1.5, -0.5, 0.95, 0.85, 10, 10, 0)), "good R^2");
        assertTrue(c.counts(new ScalingFit(0, 0, 0.01, -0.02, 0.02, 0.95, 0.05, 10, 10, 0)), "precise and flat");
        assertFalse(c.counts(new ScalingFit(0, 0, 0.2, -0.5, 0.5, 0.95, 0.5, 10, 10, 0)), "poor and imprecise");
        assertFalse(c.counts(new ScalingFit(-1, 0, 0, -1, -1, 0.95, 1, 4, 4, 0)), "too few depths");
    }

    @Test
    void rejectsOutOfRangeThresholdsNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RegimeCriteria(2, 0.8, 0.1, 0.25, 0.15, 0.25));
        assertEquals("regime criteria: min_depths = 2, must be at least 3", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, 1.2, 0.1, 0.25, 0.15, 0.25));
        assertTrue(e.getMessage().contains("min_r2"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, 0.8, -1, 0.25, 0.15, 0.25));
        assertTrue(e.getMessage().contains("precise_half_width"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, 0.8, 0.1, 1.5, 0.15, 0.25));
        assertTrue(e.getMessage().contains("max_unconverged_fraction"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, 0.8, 0.1, 0.25, 0.25, 0.25));
        assertTrue(e.getMessage().contains("slope_tolerance"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, 0.8, 0.1, 0.25, 0.15, 0.5));
        assertTrue(e.getMessage().contains("gap_tolerance"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new RegimeCriteria(5, Double.NaN, 0.1, 0.25, 0.15, 0.2));
    }
}
