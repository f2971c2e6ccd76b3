package org.rscale.sweeps.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;
import org.rscale.sweeps.testing.UlpTolerance;

/**
 * The contract of every implementation of erf and the exact GELU ({@link ErrorFunction} and the
 * SIMD {@code VectorMath}): mpmath reference values over the whole line, a dense sweep of the
 * binary32 line, special values, symmetry, and GELU against the Commons Math form and finite
 * differences. A subclass evaluates arrays, so a SIMD implementation runs at full width.
 */
@ExtendWith(QuietConsole.class)
public abstract class BaseErfTest {
    /** What the kernels require of erf in binary64, wherever the result is a normal number. */
    protected static final Tolerance F64 = Tolerance.relative("erf binary64: 1e-14 relative", 1e-14);
    /**
     * Subnormal results (|x| &lt; 2e-308) carry fewer than 53 bits, so a relative bound is not
     * representable there; 1 ulp of the correctly rounded value instead.
     */
    protected static final UlpTolerance F64_SUBNORMAL = new UlpTolerance("erf binary64, subnormal result", 1);
    /** What the kernels require of erf in binary32: 2 ulps of the correctly rounded value. */
    protected static final UlpTolerance F32 =
            new UlpTolerance("erf binary32: 2 ulps of the correctly rounded value", 2);
    /**
     * GELU against {@link Activation#value} (Commons Math's erf, good to ~1e-15): both compute
     * 0.5 z (1 + erf(z / sqrt 2)), so they differ by the two erfs' errors, relative where erf is
     * not near -1 and absolute (~1e-16 |z|) where 1 + erf cancels.
     */
    private static final Tolerance GELU_F64 = new Tolerance("gelu binary64 vs Commons Math form", 1e-15, 1e-14);
    /**
     * Central differences of gelu with step 1e-5: truncation h^2 |gelu'''| / 6 &lt; 1e-11, rounding
     * eps |gelu| / h &lt; 1e-10 on |z| &lt;= 8; a wrong slope fails by orders of magnitude.
     */
    private static final Tolerance GELU_FD = Tolerance.absolute("central difference, h = 1e-5", 1e-9);
    /**
     * binary32 GELU against the binary64 one: a few ulps of each factor of z * 0.5 * (1 + erf), i.e.
     * ~3e-7 relative plus the absolute error of 1 + erf (~1.2e-7) times |z| / 2 where it cancels.
     */
    private static final Tolerance GELU_F32 = new Tolerance("gelu binary32 vs binary64", 1e-6, 4e-7);

    /** Binary32 bit patterns per step of the dense sweep (prime, so every low-bit pattern occurs). */
    private static final int SWEEP_STRIDE = 101;

    /**
     * @param x   the arguments; not modified
     * @param out erf of each; modified
     */
    protected abstract void erf(double[] x, double[] out);

    /**
     * @param x   the arguments; not modified
     * @param out erf of each; modified
     */
    protected abstract void erf(float[] x, float[] out);

    /**
     * @param z   the pre-activations; not modified
     * @param out gelu of each; modified
     */
    protected abstract void gelu(double[] z, double[] out);

    /**
     * @param z   the pre-activations; not modified
     * @param out gelu' of each; modified
     */
    protected abstract void geluSlope(double[] z, double[] out);

    /**
     * @param z   the pre-activations; not modified
     * @param out gelu of each; modified
     */
    protected abstract void gelu(float[] z, float[] out);

    /**
     * @param z   the pre-activations; not modified
     * @param out gelu' of each; modified
     */
    protected abstract void geluSlope(float[] z, float[] out);

    @Test
    void binary64MatchesMpmath() {
        ErfReference ref = ErfReference.values();
        double[] got = new double[ref.x().length];
        erf(ref.x(), got);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double expected = ref.erf64()[i];
            String what = "erf(" + ref.x()[i] + ")";
            if (Math.abs(expected) < Double.MIN_NORMAL) {
                F64_SUBNORMAL.check(expected, got[i], what);
            } else {
                F64.check(expected, got[i], what);
                worst = Math.max(worst, Math.abs(got[i] - expected) / Math.abs(expected));
            }
        }
        // the measured error (4.2e-16, about 2 ulps) is far inside the requirement
        assertTrue(worst < 1e-15, "max relative error " + worst);
    }

    @Test
    void binary32MatchesMpmath() {
        ErfReference ref = ErfReference.values();
        float[] got = new float[ref.x32().length];
        erf(ref.x32(), got);
        for (int i = 0; i < got.length; i++) {
            F32.check(ref.erf32()[i], got[i], "erf(" + ref.x32()[i] + "f)");
        }
    }

    /**
     * Every 101st binary32 bit pattern from +0 to the largest finite value (21 million values) and
     * every 1009th negative one, against erf in binary64 rounded to binary32 (the binary64 erf is
     * checked against mpmath above, to 1e-14 relative, so it rounds to the correctly rounded
     * binary32 value except within 1e-14 relative of a rounding boundary, where either neighbour
     * is within 1 ulp).
     */
    @Test
    void binary32DenseSweep() {
        int chunk = 1 << 16;
        float[] x = new float[chunk];
        float[] got = new float[chunk];
        double worst = 0;
        long count = 0;
        for (int sign = 0; sign < 2; sign++) {
            long stride = sign == 0 ? SWEEP_STRIDE : 1009;
            int n = 0;
            for (long bits = 0; bits <= 0x7f7fffffL; bits += stride) {
                x[n++] = Float.intBitsToFloat((int) bits | (sign << 31));
                if (n == chunk || bits + stride > 0x7f7fffffL) {
                    float[] in = n == chunk ? x : java.util.Arrays.copyOf(x, n);
                    float[] out = n == chunk ? got : new float[n];
                    erf(in, out);
                    for (int i = 0; i < n; i++) {
                        float expected = (float) ErrorFunction.erf((double) in[i]);
                        double d = UlpTolerance.distance(expected, out[i]);
                        if (!(d <= F32.ulps())) {
                            F32.check(expected, out[i], "erf(" + in[i] + "f)");
                        }
                        worst = Math.max(worst, d);
                    }
                    count += n;
                    n = 0;
                }
            }
        }
        assertTrue(count > 20_000_000, "swept " + count);
        // measured: 1 ulp at most, here and over all 2^31 non-negative binary32 values
        assertTrue(worst <= 1, "max error " + worst + " ulp");
    }

    @Test
    void specialValues() {
        double[] x = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 6.0, -6.0, 27.0, 1e300};
        double[] expected = {0.0, -0.0, 1.0, -1.0, Double.NaN, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            1.0, -1.0, 1.0, 1.0};
        double[] got = new double[x.length];
        erf(x, got);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(got[i]), "erf(" + x[i] + ")");
        }
        float[] xf = {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 4.0f, -4.0f, 10.0f};
        float[] expectedF = {0.0f, -0.0f, 1.0f, -1.0f, Float.NaN, 1.0f, -1.0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            1.0f, -1.0f, 1.0f};
        float[] gotF = new float[xf.length];
        erf(xf, gotF);
        for (int i = 0; i < xf.length; i++) {
            assertEquals(Float.floatToIntBits(expectedF[i]), Float.floatToIntBits(gotF[i]), "erf(" + xf[i] + "f)");
        }
    }

    /**
     * erf rounds to 1 beyond 5.9215871958 in binary64 (erfc x &lt; 2^-54) and beyond 3.9192058 in
     * binary32 (erfc x &lt; 2^-25). The implementation gives exactly 1 from 5.9215873 and from
     * 3.9191928 (one ulp early, within the tolerance); it is odd and bounded by 1 everywhere.
     */
    @Test
    void oddBoundedAndOneBeyondTheRoundingThreshold() {
        int n = 20001;
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = 12.0 * i / (n - 1);
            x[n + i] = -x[i];
        }
        double[] y = new double[x.length];
        erf(x, y);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToLongBits(-y[i]), Double.doubleToLongBits(y[n + i]), "odd at " + x[i]);
            assertTrue(Math.abs(y[i]) <= 1.0, "bounded at " + x[i]);
            if (x[i] >= 5.9215873) {
                assertEquals(1.0, y[i], "erf(" + x[i] + ")");
            }
        }
        float[] xf = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xf[i] = 8.0f * i / (n - 1);
            xf[n + i] = -xf[i];
        }
        float[] yf = new float[xf.length];
        erf(xf, yf);
        for (int i = 0; i < n; i++) {
            assertEquals(-yf[i], yf[n + i], "odd at " + xf[i]);
            assertTrue(Math.abs(yf[i]) <= 1.0f, "bounded at " + xf[i]);
            if (xf[i] >= 3.9192059f) {
                assertEquals(1.0f, yf[i], "erf(" + xf[i] + "f)");
            }
        }
    }

    /**
     * Independent of the reference file: near 0, erf x = (2/sqrt(pi)) x (1 - x^2/3 + ...), so for
     * x = 1e-10 the correction is 3e-21 relative and erf x is 2x/sqrt(pi) rounded; and
     * erf(1/2) = 0.5204998778130465377 (Abramowitz and Stegun, Table 7.1, to 10 digits; here 19).
     */
    @Test
    void handComputedValues() {
        double[] x = {1e-10, 0.5};
        double[] y = new double[2];
        erf(x, y);
        new UlpTolerance("2x/sqrt(pi), rounded twice", 2).check(2 / Math.sqrt(Math.PI) * 1e-10, y[0], "erf(1e-10)");
        F64.check(0.5204998778130465377, y[1], "erf(0.5)");
    }

    @Test
    void geluAgreesWithTheCommonsMathForm() {
        int n = 16001;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = -10 + 20.0 * i / (n - 1);
        }
        double[] g = new double[n];
        double[] s = new double[n];
        gelu(z, g);
        geluSlope(z, s);
        for (int i = 0; i < n; i++) {
            GELU_F64.check(Activation.GELU.value(z[i]), g[i], "gelu(" + z[i] + ")");
            GELU_F64.check(Activation.GELU.derivative(z[i]), s[i], "gelu'(" + z[i] + ")");
        }
    }

    @Test
    void geluSlopeMatchesCentralDifferences() {
        double h = 1e-5;
        int n = 1601;
        double[] z = new double[n];
        double[] zPlus = new double[n];
        double[] zMinus = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = -8 + 16.0 * i / (n - 1) + 1e-3;
            zPlus[i] = z[i] + h;
            zMinus[i] = z[i] - h;
        }
        double[] s = new double[n];
        double[] gPlus = new double[n];
        double[] gMinus = new double[n];
        geluSlope(z, s);
        gelu(zPlus, gPlus);
        gelu(zMinus, gMinus);
        for (int i = 0; i < n; i++) {
            GELU_FD.check((gPlus[i] - gMinus[i]) / (zPlus[i] - zMinus[i]), s[i], "gelu'(" + z[i] + ")");
        }
    }

    @Test
    void binary32GeluAgreesWithBinary64() {
        int n = 16001;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = -10 + 20.0f * i / (n - 1);
        }
        float[] g = new float[n];
        float[] s = new float[n];
        gelu(z, g);
        geluSlope(z, s);
        for (int i = 0; i < n; i++) {
            GELU_F32.check(ErrorFunction.gelu((double) z[i]), g[i], "gelu(" + z[i] + "f)");
            GELU_F32.check(ErrorFunction.geluSlope((double) z[i]), s[i], "gelu'(" + z[i] + "f)");
        }
    }

    /** The documented edge values: 0, the infinities (the formulas' inf * 0 gives NaN) and NaN. */
    @Test
    void geluSpecialValues() {
        double inf = Double.POSITIVE_INFINITY;
        double[] z = {0.0, -0.0, inf, -inf, Double.NaN, 40.0, -40.0};
        double[] g = new double[z.length];
        double[] s = new double[z.length];
        gelu(z, g);
        geluSlope(z, s);
        double[] gelu = {0.0, -0.0, inf, Double.NaN, Double.NaN, 40.0, -0.0};
        double[] slope = {0.5, 0.5, Double.NaN, Double.NaN, Double.NaN, 1.0, 0.0};
        for (int i = 0; i < z.length; i++) {
            assertEquals(gelu[i], g[i], "gelu(" + z[i] + ")");
            assertEquals(slope[i], s[i], "gelu'(" + z[i] + ")");
        }
        float[] zf = {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 20.0f, -20.0f};
        float[] gf = new float[zf.length];
        float[] sf = new float[zf.length];
        gelu(zf, gf);
        geluSlope(zf, sf);
        float[] geluF = {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN, 20.0f, -0.0f};
        float[] slopeF = {0.5f, 0.5f, Float.NaN, Float.NaN, Float.NaN, 1.0f, 0.0f};
        for (int i = 0; i < zf.length; i++) {
            assertEquals(geluF[i], gf[i], "gelu(" + zf[i] + "f)");
            assertEquals(slopeF[i], sf[i], "gelu'(" + zf[i] + "f)");
        }
    }
}
