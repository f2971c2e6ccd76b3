package org.rscale.sweeps.math;

import static org.rscale.sweeps.math.KernelMathConstants.*;

/**
 * The elementary functions of the training kernels, exp, log1p, tanh, sin and cos in binary64 and
 * binary32, computed only with exactly rounded IEEE operations, so that every run of a kernel gives
 * the same bits: scalar code for the plain-loop kernels and {@link org.rscale.sweeps.model.Activation},
 * with a lane-for-lane twin in {@code org.rscale.sweeps.kernel.vector.VectorMath} for the SIMD
 * kernels (equal bit for bit, tested).
 *
 * <p><b>Why not {@code Math} or the Vector API's operators.</b> C2 compiles the Vector API's
 * {@code TANH}, {@code EXP}, {@code LOG1P}, {@code SIN} and {@code COS} to Intel SVML, but before a
 * loop is compiled the Vector API runs them lane by lane through {@code java.lang.Math}, whose
 * results differ from SVML's in the last bit for 0.02-0.9% of arguments; the step at which a run
 * switches varies from run to run, so a cell trained twice would not give identical weights.
 * {@code Math.sin} and friends are themselves intrinsics whose results may differ between the
 * interpreter, C1 and C2 on some platforms. Add, multiply, fused multiply-add, divide, compare and
 * bit operations are exactly rounded everywhere, so code built from them is reproducible.
 *
 * <p><b>Algorithms</b> (binary32 uses the same formulas with polynomials of lower degree):
 * <pre>
 *   function  reduction                                     approximation                                 degree (64 / 32)
 *   exp x     x = n ln 2 + r, |r| &lt;= ln(2)/2 (Cody-Waite,   exp r = E(r); 2^n as 2^(n/2) 2^(n - n/2), so    E 10 / 6
 *             ln 2 in two parts), x clamped to [-750, 710]   subnormal results are rounded once
 *             (binary32 [-104, 89])
 *   log1p x   u = 1 + x = 2^k m, m in [sqrt(2)/2, sqrt(2)),  log1p x = k ln2 + f - h + s (h + s^2 L(s^2))   L 6 / 3
 *             f = m - 1, s = f/(2 + f), h = f^2/2;           + c/u (fdlibm's s_log1p.c)
 *             c = x - (u - 1), the rounding error of u
 *   tanh x    a = |x|                                        a &lt; 0.625: a + a^3 T(a^2);                   T 10 / 4
 *                                                            else 1 - 2e/(1 + e), e = exp(-2a); sign of x
 *   sin x,    x = n pi/2 + r, |r| &lt;= pi/4 (Cody-Waite with  sin r = r + r^3 S(r^2),                        S 5 / 2,
 *   cos x     fused multiply-adds, pi/2 in three parts),     cos r = 1 - r^2/2 + r^4 C(r^2) (fdlibm's      C 5 / 2
 *             quadrant n mod 4                               k_sin.c, k_cos.c); sin x = +-sin r or +-cos r
 * </pre>
 * E, T, L, S and C are weighted minimax polynomials (Remez exchange in mpmath, each coefficient
 * rounded to the format and the higher ones refitted), evaluated by Horner's rule with fused
 * multiply-adds. E is erf's exponential polynomial ({@code erf_coefficients.py}); T, L, S and C are
 * printed by {@code kernel_math_coefficients.py}, both in {@code src/test/resources/org/rscale/sweeps/kernel/}.
 *
 * <p><b>Accuracy</b> (tested by {@code KernelMathTest} against mpmath at 60 digits and against
 * {@code Math}; measured over every binary32 argument in range and on 50 million binary64 ones per
 * function, against {@code Math}):
 * <pre>
 *   function   range                        required (tested)                      measured binary64          measured binary32
 *   exp        every x                      binary64: 1e-14 relative of Math (1    6.2e-16 (E is erf's fit,   1 ulp
 *                                           ulp + 1e-14 relative if subnormal);    tuned for erf's tail)
 *   log1p      x &gt; -1                       binary32: 2 ulps of the correctly      2.2e-16                    1 ulp
 *   tanh       every x                      rounded value                          5.5e-16 (just above 0.625) 1 ulp
 *   softplus   every x                                                             2.2e-16                    1 ulp
 *   sin, cos   |x| &lt;= 2^30 (binary32 2^16)  same; 1e-15 absolute near their zeros   2.2e-16 (relative, also    2 ulps (218 of 2.4e9
 *                                           (tested: relative there too)           near the zeros)            arguments; else 1)
 * </pre>
 * Beyond the range of sin and cos the fast reduction cannot find n exactly, and the functions
 * return {@code StrictMath.sin} and {@code StrictMath.cos} (fdlibm, specified bit for bit, so
 * equally reproducible): correct and accurate, about 20 times slower.
 *
 * <p><b>Edge cases</b>, as {@code Math}: exp(+-0) = 1, exp(-inf) = +0, exp(+inf) = +inf, exp
 * overflows to +inf above 709.782712893384 (binary32 88.72283) and underflows to 0 below
 * -745.1332191019412 (binary32 -103.97208); log1p(+-0) = +-0, log1p(-1) = -inf, log1p(x &lt; -1) =
 * NaN, log1p(+inf) = +inf; tanh(+-0) = +-0, tanh(+-inf) = +-1; sin(+-0) = +-0, cos(+-0) = 1,
 * sin and cos of +-inf are NaN; NaN gives NaN everywhere.
 *
 * <p><b>Speed and when each variant wins</b>: these scalar functions serve the plain-loop kernels
 * and {@link org.rscale.sweeps.model.Activation}; a kernel with whole vectors should use
 * {@code VectorMath}, several times faster per value (figures in its class comment and in
 * ARCHITECTURE.md, measured with {@code KernelMathBenchmark}).
 *
 * <p>References: W. J. Cody and W. Waite, Software Manual for the Elementary Functions (1980), chs.
 * 6 (exp), 8 (sin, cos) and 11 (tanh); fdlibm 5.3 ({@code e_exp.c}, {@code s_log1p.c},
 * {@code k_sin.c}, {@code k_cos.c}), Sun Microsystems 1993; N. Brisebarre and S. Chevillard,
 * Efficient polynomial L-infinity approximations, ARITH 18 (2007), doi:10.1109/ARITH.2007.17;
 * J.-M. Muller, Elementary Functions: Algorithms and Implementation, 3rd ed. (2016),
 * doi:10.1007/978-1-4899-7983-4, ch. 11 (reduction of sin and cos).
 */
public final class KernelMath {
    private KernelMath() {
    }

    /**
     * @param x the argument
     * @return e^x, within 1e-14 relative of {@code Math.exp} (measured 2.2e-16; see the class comment)
     */
    public static double exp(double x) {
        double y = Math.min(Math.max(x, EXP_LO), EXP_HI);
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        double k = Math.fma(y, LOG2E, SHIFT);
        double n = k - SHIFT;
        double r = Math.fma(n, -LN2_HI, y);
        r = Math.fma(n, -LN2_LO, r);
        // exp(y) = E(r) 2^h 2^(n - h), h = floor(n / 2): both factors normal, one rounding at the end
        long ni = Double.doubleToRawLongBits(k) - SHIFT_BITS;
        long h = ni >> 1;
        return expPolynomial(r) * Double.longBitsToDouble((h + 1023) << 52)
                * Double.longBitsToDouble((ni - h + 1023) << 52);
    }

    /**
     * @param x the argument
     * @return e^x, within 2 ulps of the correctly rounded value (measured 1; see the class comment)
     */
    public static float exp(float x) {
        float y = Math.min(Math.max(x, EXP_LO_F), EXP_HI_F);
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        float k = Math.fma(y, LOG2E_F, SHIFT_F);
        float n = k - SHIFT_F;
        float r = Math.fma(n, -LN2_HI_F, y);
        r = Math.fma(n, -LN2_LO_F, r);
        // exp(y) = E(r) 2^h 2^(n - h), h = floor(n / 2): both factors normal, one rounding at the end
        int ni = Float.floatToRawIntBits(k) - SHIFT_BITS_F;
        int h = ni >> 1;
        return expPolynomial(r) * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((ni - h + 127) << 23);
    }

    /**
     * exp(y) for y &lt;= 0 (Cody-Waite reduction, minimax E), with one factor 2^n: 0 below -708, where
     * exp(y) &lt; 3.3e-308. Within 1e-15 relative of exp on [-708, 0] (tested; measured 6.3e-16); 0
     * for -inf, NaN for NaN. Cheaper than {@link #exp(double)}, for erf and tanh, whose results
     * do not depend on exp(y) below -708.
     *
     * @param y the argument, &lt;= 0
     * @return exp(y)
     */
    static double expOfNonPositive(double y) {
        if (y < EXP_FLUSH) {
            return 0.0;
        }
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        double k = Math.fma(y, LOG2E, SHIFT);
        double n = k - SHIFT;
        double r = Math.fma(n, -LN2_HI, y);
        r = Math.fma(n, -LN2_LO, r);
        // exp(y) = 2^n E(r), 2^n assembled from n + 1023 in the exponent field
        return expPolynomial(r) * Double.longBitsToDouble((Double.doubleToRawLongBits(k) + 1023) << 52);
    }

    /**
     * exp(y) for y &lt;= 0; 0 below -87, where exp(y) &lt; 1.7e-38. Within 1 ulp of exp on [-87, 0]
     * (tested; measured 0.87 ulp from the exact value).
     *
     * @param y the argument, &lt;= 0
     * @return exp(y)
     */
    static float expOfNonPositive(float y) {
        if (y < EXP_FLUSH_F) {
            return 0.0f;
        }
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        float k = Math.fma(y, LOG2E_F, SHIFT_F);
        float n = k - SHIFT_F;
        float r = Math.fma(n, -LN2_HI_F, y);
        r = Math.fma(n, -LN2_LO_F, r);
        // exp(y) = 2^n E(r), 2^n assembled from n + 127 in the exponent field
        return expPolynomial(r) * Float.intBitsToFloat((Float.floatToRawIntBits(k) + 127) << 23);
    }

    /** E(r) ~ exp(r) on |r| &lt;= ln(2)/2, by Horner's rule. */
    private static double expPolynomial(double r) {
        double p = Math.fma(E10, r, E9);
        p = Math.fma(p, r, E8);
        p = Math.fma(p, r, E7);
        p = Math.fma(p, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E1);
        return Math.fma(p, r, E0);
    }

    /** E(r) ~ exp(r) on |r| &lt;= ln(2)/2, by Horner's rule. */
    private static float expPolynomial(float r) {
        float p = Math.fma(EF6, r, EF5);
        p = Math.fma(p, r, EF4);
        p = Math.fma(p, r, EF3);
        p = Math.fma(p, r, EF2);
        p = Math.fma(p, r, EF1);
        return Math.fma(p, r, EF0);
    }

    /**
     * @param x the argument, &gt; -1 (used on [0, 1] in the shifted softplus, log1p(exp(-|z|)))
     * @return log(1 + x), within 1e-14 relative of {@code Math.log1p} (measured 2.2e-16)
     */
    public static double log1p(double x) {
        if (x == 0.0 || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x <= -1.0) {
            return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        // u = 1 + x = 2^k m, m in [sqrt(2)/2, sqrt(2)): shift the bits so the exponent field rounds at sqrt(2)/2
        double u = 1.0 + x;
        long hu = Double.doubleToRawLongBits(u) + (ONE_BITS - SQRT_HALF_BITS);
        double k = Double.longBitsToDouble(SHIFT_BITS + (hu >>> 52)) - SHIFT_BIAS;
        double f = Double.longBitsToDouble((hu & MANTISSA) + SQRT_HALF_BITS) - 1.0;
        // c / u = log(1 + x) - log(u) to first order, c = x - (u - 1) exactly
        double c = (x - (u - 1.0)) / u;
        // log(1 + f) = f - h + s (h + s^2 L(s^2)),  s = f / (2 + f),  h = f^2 / 2
        double h = 0.5 * f * f;
        double s = f / (2.0 + f);
        double z = s * s;
        double R = z * logPolynomial(z);
        // log1p x = k ln2_hi + (f - (h - (s (h + R) + (k ln2_lo + c))))
        return k * LN2_HI + (f - (h - (s * (h + R) + (k * LN2_LO + c))));
    }

    /**
     * @param x the argument, &gt; -1
     * @return log(1 + x), within 2 ulps of the correctly rounded value (measured 1)
     */
    public static float log1p(float x) {
        if (x == 0.0f || x == Float.POSITIVE_INFINITY) {
            return x;
        }
        if (x <= -1.0f) {
            return x == -1.0f ? Float.NEGATIVE_INFINITY : Float.NaN;
        }
        // u = 1 + x = 2^k m, m in [sqrt(2)/2, sqrt(2)): shift the bits so the exponent field rounds at sqrt(2)/2
        float u = 1.0f + x;
        int hu = Float.floatToRawIntBits(u) + (ONE_BITS_F - SQRT_HALF_BITS_F);
        float k = Float.intBitsToFloat(SHIFT_BITS_F + (hu >>> 23)) - SHIFT_BIAS_F;
        float f = Float.intBitsToFloat((hu & MANTISSA_F) + SQRT_HALF_BITS_F) - 1.0f;
        // c / u = log(1 + x) - log(u) to first order, c = x - (u - 1) exactly
        float c = (x - (u - 1.0f)) / u;
        // log(1 + f) = f - h + s (h + s^2 L(s^2)),  s = f / (2 + f),  h = f^2 / 2
        float h = 0.5f * f * f;
        float s = f / (2.0f + f);
        float z = s * s;
        float R = z * logPolynomial(z);
        // log1p x = k ln2_hi + (f - (h - (s (h + R) + (k ln2_lo + c))))
        return k * LN2_HI_F + (f - (h - (s * (h + R) + (k * LN2_LO_F + c))));
    }

    /**
     * softplus z = log(1 + e^z) = log1p(e^-|z|) + max(z, 0), without overflow; the exponential is
     * {@link #expOfNonPositive(double)}, whose flush to 0 below -708 does not change the result.
     *
     * @param z the argument
     * @return log(1 + e^z), within 1e-14 relative (measured 2.2e-16)
     */
    public static double softplus(double z) {
        return log1p(expOfNonPositive(-Math.abs(z))) + Math.max(z, 0.0);
    }

    /**
     * @param z the argument
     * @return log(1 + e^z), within 2 ulps of the correctly rounded value (measured 1)
     */
    public static float softplus(float z) {
        return log1p(expOfNonPositive(-Math.abs(z))) + Math.max(z, 0.0f);
    }

    /** L(z), z = s^2: (2 atanh(s) - 2s) / s^3, by Horner's rule. */
    private static double logPolynomial(double z) {
        double p = Math.fma(L6, z, L5);
        p = Math.fma(p, z, L4);
        p = Math.fma(p, z, L3);
        p = Math.fma(p, z, L2);
        p = Math.fma(p, z, L1);
        return Math.fma(p, z, L0);
    }

    /** L(z), z = s^2: (2 atanh(s) - 2s) / s^3, by Horner's rule. */
    private static float logPolynomial(float z) {
        float p = Math.fma(LF3, z, LF2);
        p = Math.fma(p, z, LF1);
        return Math.fma(p, z, LF0);
    }

    /**
     * @param x the argument
     * @return tanh x, within 1e-14 relative of {@code Math.tanh} (measured 2.2e-16)
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double t;
        if (a < TANH_JOIN) {
            // tanh a = a + a^3 T(a^2)
            double s = a * a;
            t = Math.fma(a * s, tanhPolynomial(s), a);
        } else {
            // tanh a = 1 - 2e / (1 + e),  e = exp(-2a)
            double e = expOfNonPositive(-2.0 * a);
            t = 1.0 - (e + e) / (1.0 + e);
        }
        return Math.copySign(t, x);
    }

    /**
     * @param x the argument
     * @return tanh x, within 2 ulps of the correctly rounded value (measured 1)
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float t;
        if (a < TANH_JOIN_F) {
            // tanh a = a + a^3 T(a^2)
            float s = a * a;
            t = Math.fma(a * s, tanhPolynomial(s), a);
        } else {
            // tanh a = 1 - 2e / (1 + e),  e = exp(-2a)
            float e = expOfNonPositive(-2.0f * a);
            t = 1.0f - (e + e) / (1.0f + e);
        }
        return Math.copySign(t, x);
    }

    /** T(s), s = a^2: (tanh a - a) / a^3, by Horner's rule. */
    private static double tanhPolynomial(double s) {
        double p = Math.fma(T10, s, T9);
        p = Math.fma(p, s, T8);
        p = Math.fma(p, s, T7);
        p = Math.fma(p, s, T6);
        p = Math.fma(p, s, T5);
        p = Math.fma(p, s, T4);
        p = Math.fma(p, s, T3);
        p = Math.fma(p, s, T2);
        p = Math.fma(p, s, T1);
        return Math.fma(p, s, T0);
    }

    /** T(s), s = a^2: (tanh a - a) / a^3, by Horner's rule. */
    private static float tanhPolynomial(float s) {
        float p = Math.fma(TF4, s, TF3);
        p = Math.fma(p, s, TF2);
        p = Math.fma(p, s, TF1);
        return Math.fma(p, s, TF0);
    }

    /**
     * @param x the argument
     * @return sin x: within 1e-14 relative of {@code Math.sin}, or 1e-15 absolute near its zeros,
     *         for |x| &lt;= 2^30 (measured 2.2e-16); {@code StrictMath.sin} beyond
     */
    public static double sin(double x) {
        double a = Math.abs(x);
        if (a > TRIG_MAX && a < Double.POSITIVE_INFINITY) {
            return StrictMath.sin(x);
        }
        // sin x = sign(x) sin |x|
        return Double.longBitsToDouble(sinOfQuadrant(a, 0) ^ (Double.doubleToRawLongBits(x) & Long.MIN_VALUE));
    }

    /**
     * @param x the argument
     * @return cos x: within 1e-14 relative of {@code Math.cos}, or 1e-15 absolute near its zeros,
     *         for |x| &lt;= 2^30 (measured 2.2e-16); {@code StrictMath.cos} beyond
     */
    public static double cos(double x) {
        double a = Math.abs(x);
        if (a > TRIG_MAX && a < Double.POSITIVE_INFINITY) {
            return StrictMath.cos(x);
        }
        // cos x = cos |x| = sin(|x| + pi/2): one quadrant on
        return Double.longBitsToDouble(sinOfQuadrant(a, 1));
    }

    /**
     * @param x the argument
     * @return sin x, within 2 ulps of the correctly rounded value for |x| &lt;= 2^16 (measured 1);
     *         {@code StrictMath.sin} rounded to binary32 beyond
     */
    public static float sin(float x) {
        float a = Math.abs(x);
        if (a > TRIG_MAX_F && a < Float.POSITIVE_INFINITY) {
            return (float) StrictMath.sin(x);
        }
        // sin x = sign(x) sin |x|
        return Float.intBitsToFloat(sinOfQuadrant(a, 0) ^ (Float.floatToRawIntBits(x) & Integer.MIN_VALUE));
    }

    /**
     * @param x the argument
     * @return cos x, within 2 ulps of the correctly rounded value for |x| &lt;= 2^16 (measured 1);
     *         {@code StrictMath.cos} rounded to binary32 beyond
     */
    public static float cos(float x) {
        float a = Math.abs(x);
        if (a > TRIG_MAX_F && a < Float.POSITIVE_INFINITY) {
            return (float) StrictMath.cos(x);
        }
        // cos x = cos |x| = sin(|x| + pi/2): one quadrant on
        return Float.intBitsToFloat(sinOfQuadrant(a, 1));
    }

    /**
     * The bits of sin(a + q0 pi/2) for 0 &lt;= a &lt;= TRIG_MAX: a = n pi/2 + r, then +-sin r or
     * +-cos r by the quadrant n + q0 mod 4. (On a = |x|, so that the results are odd or even
     * exactly and sin(-0) = -0.)
     */
    private static long sinOfQuadrant(double x, long q0) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        double k = Math.fma(x, TWO_OVER_PI, SHIFT);
        double n = k - SHIFT;
        double r = Math.fma(n, -PIO2_1, x);
        r = Math.fma(n, -PIO2_2, r);
        r = Math.fma(n, -PIO2_3, r);
        long q = Double.doubleToRawLongBits(k) + q0;
        double z = r * r;
        // sin r = r + r^3 S(r^2)
        double sin = Math.fma(r * z, sinPolynomial(z), r);
        // cos r = 1 - z/2 + z^2 C(z), with the rounding error of w = 1 - z/2 added back
        double hz = 0.5 * z;
        double w = 1.0 - hz;
        double cos = w + (((1.0 - w) - hz) + z * z * cosPolynomial(z));
        // quadrant q: sin r, cos r, -sin r, -cos r
        long bits = (q & 1) == 0 ? Double.doubleToRawLongBits(sin) : Double.doubleToRawLongBits(cos);
        return bits ^ ((q >>> 1) << 63);
    }

    /** As {@link #sinOfQuadrant(double, long)}, for 0 &lt;= a &lt;= TRIG_MAX_F. */
    private static int sinOfQuadrant(float x, int q0) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        float k = Math.fma(x, TWO_OVER_PI_F, SHIFT_F);
        float n = k - SHIFT_F;
        float r = Math.fma(n, -PIO2_1_F, x);
        r = Math.fma(n, -PIO2_2_F, r);
        r = Math.fma(n, -PIO2_3_F, r);
        int q = Float.floatToRawIntBits(k) + q0;
        float z = r * r;
        // sin r = r + r^3 S(r^2)
        float sin = Math.fma(r * z, sinPolynomial(z), r);
        // cos r = 1 - z/2 + z^2 C(z)
        float cos = Math.fma(z, Math.fma(z, cosPolynomial(z), -0.5f), 1.0f);
        // quadrant q: sin r, cos r, -sin r, -cos r
        int bits = (q & 1) == 0 ? Float.floatToRawIntBits(sin) : Float.floatToRawIntBits(cos);
        return bits ^ ((q >>> 1) << 31);
    }

    /** S(z), z = r^2: (sin r - r) / r^3, by Horner's rule. */
    private static double sinPolynomial(double z) {
        double p = Math.fma(S5, z, S4);
        p = Math.fma(p, z, S3);
        p = Math.fma(p, z, S2);
        p = Math.fma(p, z, S1);
        return Math.fma(p, z, S0);
    }

    /** C(z), z = r^2: (cos r - 1 + z/2) / z^2, by Horner's rule. */
    private static double cosPolynomial(double z) {
        double p = Math.fma(C5, z, C4);
        p = Math.fma(p, z, C3);
        p = Math.fma(p, z, C2);
        p = Math.fma(p, z, C1);
        return Math.fma(p, z, C0);
    }

    /** S(z), z = r^2: (sin r - r) / r^3, by Horner's rule. */
    private static float sinPolynomial(float z) {
        float p = Math.fma(SF2, z, SF1);
        return Math.fma(p, z, SF0);
    }

    /** C(z), z = r^2: (cos r - 1 + z/2) / z^2, by Horner's rule. */
    private static float cosPolynomial(float z) {
        float p = Math.fma(CF2, z, CF1);
        return Math.fma(p, z, CF0);
    }
}
