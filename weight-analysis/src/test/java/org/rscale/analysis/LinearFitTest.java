package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class LinearFitTest {

    /** NIST StRD certified values carry 15 significant digits; the updating formulas reproduce ~1e-12. */
    private static final Tolerance CERTIFIED = Tolerance.relative("NIST StRD certified value", 1e-11);
    /**
     * The standard error goes through SSE = Syy - Sxy^2/Sxx, which cancels about 5 digits here
     * (1 - R^2 = 6e-6): about 1e-11 relative is left.
     */
    private static final Tolerance CERTIFIED_STDERR = Tolerance.relative("NIST StRD certified stderr", 1e-9);
    private static final Tolerance EXACT = Tolerance.absolute("exact arithmetic up to rounding", 1e-12);

    /**
     * NIST StRD linear regression data set "Norris" (lower difficulty), as pairs {y, x}, from
     * https://www.itl.nist.gov/div898/strd/lls/data/LINKS/DATA/Norris.dat
     */
    private static final double[][] NORRIS = {
        {0.1, 0.2}, {338.8, 337.4}, {118.1, 118.2}, {888.0, 884.6}, {9.2, 10.1}, {228.1, 226.5},
        {668.5, 666.3}, {998.5, 996.3}, {449.1, 448.6}, {778.9, 777.0}, {559.2, 558.2}, {0.3, 0.4},
        {0.1, 0.6}, {778.1, 775.5}, {668.8, 666.9}, {339.3, 338.0}, {448.9, 447.5}, {10.8, 11.6},
        {557.7, 556.0}, {228.3, 228.1}, {998.0, 995.8}, {888.8, 887.6}, {119.6, 120.2}, {0.3, 0.3},
        {0.6, 0.3}, {557.6, 556.8}, {339.3, 339.1}, {888.0, 887.2}, {998.5, 999.0}, {778.9, 779.0},
        {10.2, 11.1}, {117.6, 118.3}, {228.9, 229.2}, {668.4, 669.1}, {449.2, 448.9}, {0.2, 0.5},
    };

    private static double[] column(int c) {
        double[] v = new double[NORRIS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = NORRIS[i][c];
        }
        return v;
    }

    @Test
    void norrisMatchesCertifiedValues() {
        LinearFit fit = LinearFit.of(column(1), column(0));
        assertEquals(36, fit.n());
        CERTIFIED.check(1.00211681802045, fit.slope(), "slope");
        CERTIFIED_STDERR.check(0.429796848199937E-03, fit.slopeStderr(), "slope standard error");
        CERTIFIED.check(-0.262323073774029, fit.intercept(), "intercept");
        CERTIFIED.check(0.999993745883712, fit.r2(), "R^2");
    }

    @Test
    void intervalBoundsAgreeWithCommonsMathHalfWidth() {
        double[] x = column(1);
        double[] y = column(0);
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            r.addData(x[i], y[i]);
        }
        for (double level : new double[] {0.5, 0.9, 0.95, 0.99}) {
            LinearFit fit = LinearFit.of(x, y, level);
            double half = r.getSlopeConfidenceInterval(1 - level);
            CERTIFIED_STDERR.check(fit.slope() - half, fit.ciLow(), "ciLow at " + level);
            CERTIFIED_STDERR.check(fit.slope() + half, fit.ciHigh(), "ciHigh at " + level);
            assertEquals(level, fit.ciLevel());
        }
    }

    @Test
    void studentQuantileWithOneDegreeOfFreedom() {
        // points (0,0), (1,2), (2,2): slope 1, intercept 1/3, residuals (-1/3, 2/3, -1/3), SSE 2/3, Sxx 2,
        // stderr = sqrt(SSE / (n-2) / Sxx) = 1/sqrt(3); t_{1, 0.975} = 12.706204736174698 (tan(0.475 pi))
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2}, new double[] {0, 2, 2}, 0.95);
        EXACT.check(1, fit.slope(), "slope");
        EXACT.check(1.0 / 3, fit.intercept(), "intercept");
        EXACT.check(1 / Math.sqrt(3), fit.slopeStderr(), "stderr");
        Tolerance.relative("t quantile (Commons Math inverse cdf)", 1e-9)
                .check(1 + 12.706204736174698 / Math.sqrt(3), fit.ciHigh(), "ciHigh");
        EXACT.check(0.75, fit.r2(), "R^2 = 1 - (2/3)/(8/3)");
    }

    @Test
    void perfectFitHasZeroWidthInterval() {
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9});
        EXACT.check(2, fit.slope(), "slope");
        EXACT.check(1, fit.intercept(), "intercept");
        EXACT.check(0, fit.slopeStderr(), "stderr");
        EXACT.check(2, fit.ciLow(), "ciLow");
        EXACT.check(2, fit.ciHigh(), "ciHigh");
        EXACT.check(1, fit.r2(), "R^2");
    }

    @Test
    void constantResponseHasRSquaredOneByConvention() {
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3}, new double[] {5, 5, 5});
        EXACT.check(0, fit.slope(), "slope");
        EXACT.check(1, fit.r2(), "R^2 when Syy = 0");
    }

    @Test
    void rejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearFit.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearFit.of(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 2, 3}, new double[] {1, 2}));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LinearFit.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1.0));
        assertEquals("confidence level 1.0 is not in (0, 1)", e.getMessage());
    }
}
