package org.rscale.sweeps.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;
import org.rscale.sweeps.testing.UlpTolerance;

/**
 * The contract of every implementation of the kernels' elementary functions ({@link KernelMath} and
 * the SIMD {@code VectorMath}): exp, log1p, tanh, sin and cos against mpmath reference values and
 * against {@code java.lang.Math} over the range the kernels use, special values, overflow and
 * underflow thresholds and symmetries. A subclass evaluates arrays, so a SIMD implementation runs at
 * full width.
 * <pre>
 *   function  binary64: 1e-14 relative (1 ulp if subnormal)   binary32: 2 ulps of the correctly rounded value
 *   exp       every x                                         every x
 *   log1p     x &gt; -1                                          x &gt; -1
 *   tanh      every x                                         every x
 *   sin, cos  every x (fast to 2^30, then StrictMath)         every x (fast to 2^16)
 * </pre>
 * The kernels need sin and cos to 1e-15 absolute where they cross 0; the tests ask for relative
 * accuracy there too, which is stronger.
 */
@ExtendWith(QuietConsole.class)
public abstract class BaseKernelMathTest {
    /** What the kernels require in binary64, wherever the result is a normal number. */
    protected static final Tolerance F64 = Tolerance.relative("binary64: 1e-14 relative", 1e-14);
    /**
     * Subnormal results carry fewer than 53 bits, so 1 ulp (2^-1074) plus 1e-14 relative: just
     * below the smallest normal number that is the binary64 requirement, for the deepest ones 1 ulp.
     */
    protected static final Tolerance F64_SUBNORMAL =
            new Tolerance("binary64, subnormal result: 1 ulp + 1e-14 relative", Double.MIN_VALUE, 1e-14);
    /** What the kernels require in binary32. */
    protected static final UlpTolerance F32 = new UlpTolerance("binary32: 2 ulps of the correctly rounded value", 2);
    /**
     * Against {@code (float) Math.f(x)}, which is the correctly rounded value except where Math's
     * binary64 result lies within its 1 ulp of a binary32 rounding boundary (a fraction of about
     * 2^-28 of arguments): 1 ulp for exp, log1p and tanh (measured over every binary32 argument:
     * 1 at most), 2 for sin and cos (measured: 2 for 218 of the 2.4 billion arguments up to 2^16,
     * where r = x - n pi/2, rounded twice, lies just above a power of 2 and sin r just below).
     */
    protected static final UlpTolerance F32_VS_MATH = new UlpTolerance("binary32: 1 ulp of (float) Math.f(x)", 1);
    /** As {@link #F32_VS_MATH}, for sin and cos. */
    protected static final UlpTolerance F32_TRIG_VS_MATH =
            new UlpTolerance("binary32 sin, cos: 2 ulps of (float) Math.f(x)", 2);

    /**
     * @param f   the function
     * @param x   the arguments; not modified
     * @param out f of each; modified
     */
    protected abstract void apply(KernelFunction f, double[] x, double[] out);

    /**
     * @param f   the function
     * @param x   the arguments; not modified
     * @param out f of each; modified
     */
    protected abstract void apply(KernelFunction f, float[] x, float[] out);

    /**
     * The largest |x| at which sin and cos are tested in binary64; beyond, the arguments are left
     * out. Infinite here; a SIMD subclass in a JVM that also times kernels stops at the fast range,
     * so that the slow path's branch is never profiled as taken there (C2 would then merge its
     * result with the fast one's and box the kernels' vectors).
     *
     * @return the limit
     */
    protected double trigLimit64() {
        return Double.POSITIVE_INFINITY;
    }

    /** @return as {@link #trigLimit64()}, in binary32 */
    protected float trigLimit32() {
        return Float.POSITIVE_INFINITY;
    }

    /** Whether x is left out: sin and cos beyond {@link #trigLimit64()} (finite). */
    private boolean skipped(KernelFunction f, double x) {
        return (f == KernelFunction.SIN || f == KernelFunction.COS) && Math.abs(x) > trigLimit64()
                && Math.abs(x) < Double.POSITIVE_INFINITY;
    }

    /** Whether x is left out: sin and cos beyond {@link #trigLimit32()} (finite). */
    private boolean skipped(KernelFunction f, float x) {
        return (f == KernelFunction.SIN || f == KernelFunction.COS) && Math.abs(x) > trigLimit32()
                && Math.abs(x) < Float.POSITIVE_INFINITY;
    }

    private int[] kept(KernelFunction f, double[] x) {
        int[] idx = new int[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!skipped(f, x[i])) {
                idx[n++] = i;
            }
        }
        return Arrays.copyOf(idx, n);
    }

    /** Relative for normal results, plus 1 ulp for subnormal ones; infinities and NaN exactly. */
    protected static void check64(double expected, double actual, String what) {
        if (!Double.isFinite(expected)) {
            assertEquals(expected, actual, what);
        } else if (Math.abs(expected) < Double.MIN_NORMAL) {
            F64_SUBNORMAL.check(expected, actual, what);
        } else {
            F64.check(expected, actual, what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KernelFunction.class)
    void binary64MatchesMpmath(KernelFunction f) {
        KernelMathReference ref = KernelMathReference.of(f);
        int[] kept = kept(f, ref.x());
        double[] x = new double[kept.length];
        double[] f64 = new double[kept.length];
        for (int i = 0; i < kept.length; i++) {
            x[i] = ref.x()[kept[i]];
            f64[i] = ref.f64()[kept[i]];
        }
        double[] got = new double[x.length];
        apply(f, x, got);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double expected = f64[i];
            check64(expected, got[i], f.key() + "(" + x[i] + ")");
            if (Math.abs(expected) >= Double.MIN_NORMAL && Double.isFinite(expected)) {
                worst = Math.max(worst, Math.abs(got[i] - expected) / Math.abs(expected));
            }
        }
        // measured: 2.2e-16 (log1p, sin, cos) to 6.2e-16 (exp, tanh), far inside the requirement
        assertTrue(worst < 1e-15, f + ": max relative error " + worst);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KernelFunction.class)
    void binary32MatchesMpmath(KernelFunction f) {
        KernelMathReference ref = KernelMathReference.of(f);
        float[] x = new float[ref.x32().length];
        float[] f32 = new float[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!skipped(f, ref.x32()[i])) {
                x[n] = ref.x32()[i];
                f32[n++] = ref.f32()[i];
            }
        }
        float[] got = new float[n];
        apply(f, Arrays.copyOf(x, n), got);
        for (int i = 0; i < n; i++) {
            F32.check(f32[i], got[i], f.key() + "(" + x[i] + "f)");
        }
    }

    /**
     * Every 2^40th binary64 bit pattern of either sign in the domain (4,096 per binade), and 200,000
     * uniform draws on the kernels' range (exp [-750, 710], log1p [0, 1] and (-1, 0), tanh [-20, 20],
     * sin and cos [-100, 100]), against Math.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(KernelFunction.class)
    void binary64AgreesWithMath(KernelFunction f) {
        double[] x = new double[2 * (int) (0x7ff0000000000000L >>> 40) + 2 + 200_000];
        int n = 0;
        for (long bits = 0; bits <= 0x7ff0000000000000L; bits += 1L << 40) {
            for (int sign = 0; sign < 2; sign++) {
                double v = Double.longBitsToDouble(bits | ((long) sign << 63));
                if (f.inDomain(v) && !skipped(f, v)) {
                    x[n++] = v;
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(20240602L + f.ordinal());
        for (int i = 0; i < 200_000; i++) {
            double u = rng.nextDouble();
            switch (f) {
                case EXP: x[n++] = -750 + 1460 * u; break;
                case LOG1P: x[n++] = i % 4 == 0 ? -u : u; break;
                case TANH: x[n++] = -20 + 40 * u; break;
                default: x[n++] = -100 + 200 * u; break;
            }
        }
        double[] in = Arrays.copyOf(x, n);
        double[] got = new double[n];
        apply(f, in, got);
        for (int i = 0; i < n; i++) {
            double expected = f.math(in[i]);
            if (Double.compare(expected, got[i]) != 0) {
                check64(expected, got[i], f.key() + "(" + in[i] + ")");
            }
        }
    }

    /**
     * Every 509th binary32 bit pattern of either sign in the domain (8.4 million values), against
     * Math rounded to binary32 (see {@link #F32_VS_MATH}); the mpmath test above checks the 2 ulps
     * from the correctly rounded value.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(KernelFunction.class)
    void binary32AgreesWithMath(KernelFunction f) {
        int stride = 509;
        float[] x = new float[2 * (0x7f800000 / stride + 1)];
        int n = 0;
        for (long bits = 0; bits <= 0x7f800000L; bits += stride) {
            for (int sign = 0; sign < 2; sign++) {
                float v = Float.intBitsToFloat((int) bits | (sign << 31));
                if (f.inDomain(v) && !skipped(f, v)) {
                    x[n++] = v;
                }
            }
        }
        float[] in = Arrays.copyOf(x, n);
        float[] got = new float[n];
        apply(f, in, got);
        UlpTolerance tolerance = f == KernelFunction.SIN || f == KernelFunction.COS ? F32_TRIG_VS_MATH : F32_VS_MATH;
        for (int i = 0; i < n; i++) {
            float expected = (float) f.math(in[i]);
            if (!(UlpTolerance.distance(expected, got[i]) <= tolerance.ulps())) {
                tolerance.check(expected, got[i], f.key() + "(" + in[i] + "f)");
            }
        }
    }

    /** Where the result is exact in binary64 (0, 1, an infinity, NaN) or at a rounding threshold. */
    @Test
    void binary64SpecialValues() {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        double min = Double.MIN_VALUE;
        expect64(KernelFunction.EXP,
                new double[] {0.0, -0.0, inf, -inf, nan, 709.782712893384, Math.nextUp(709.782712893384),
                    -745.1332191019411, -745.1332191019412, 1000.0, -1000.0, Double.MAX_VALUE, -Double.MAX_VALUE, min},
                new double[] {1.0, 1.0, inf, 0.0, nan, Math.exp(709.782712893384), inf, min, 0.0, inf, 0.0, inf, 0.0,
                    1.0});
        expect64(KernelFunction.LOG1P,
                new double[] {0.0, -0.0, inf, nan, -1.0, Math.nextDown(-1.0), -inf, min, -min, 1e-300},
                new double[] {0.0, -0.0, inf, nan, -inf, nan, nan, min, -min, 1e-300});
        expect64(KernelFunction.TANH,
                new double[] {0.0, -0.0, inf, -inf, nan, 20.0, -20.0, Double.MAX_VALUE, min, -min, 1e-300},
                new double[] {0.0, -0.0, 1.0, -1.0, nan, 1.0, -1.0, 1.0, min, -min, 1e-300});
        expect64(KernelFunction.SIN,
                new double[] {0.0, -0.0, inf, -inf, nan, min, -min, 1e-300},
                new double[] {0.0, -0.0, nan, nan, nan, min, -min, 1e-300});
        expect64(KernelFunction.COS,
                new double[] {0.0, -0.0, inf, -inf, nan, min, 1e-300},
                new double[] {1.0, 1.0, nan, nan, nan, 1.0, 1.0});
    }

    @Test
    void binary32SpecialValues() {
        float inf = Float.POSITIVE_INFINITY;
        float nan = Float.NaN;
        float min = Float.MIN_VALUE;
        expect32(KernelFunction.EXP,
                new float[] {0.0f, -0.0f, inf, -inf, nan, 88.72283f, 88.72284f, -103.97208f, -103.9721f, 1000.0f,
                    -1000.0f, Float.MAX_VALUE, -Float.MAX_VALUE},
                new float[] {1.0f, 1.0f, inf, 0.0f, nan, (float) Math.exp(88.72283f), inf, min, 0.0f, inf, 0.0f, inf,
                    0.0f});
        expect32(KernelFunction.LOG1P,
                new float[] {0.0f, -0.0f, inf, nan, -1.0f, Math.nextDown(-1.0f), -inf, min, -min},
                new float[] {0.0f, -0.0f, inf, nan, -inf, nan, nan, min, -min});
        expect32(KernelFunction.TANH,
                new float[] {0.0f, -0.0f, inf, -inf, nan, 10.0f, -10.0f, Float.MAX_VALUE, min, -min},
                new float[] {0.0f, -0.0f, 1.0f, -1.0f, nan, 1.0f, -1.0f, 1.0f, min, -min});
        expect32(KernelFunction.SIN,
                new float[] {0.0f, -0.0f, inf, -inf, nan, min, -min},
                new float[] {0.0f, -0.0f, nan, nan, nan, min, -min});
        expect32(KernelFunction.COS,
                new float[] {0.0f, -0.0f, inf, -inf, nan, min},
                new float[] {1.0f, 1.0f, nan, nan, nan, 1.0f});
    }

    private void expect64(KernelFunction f, double[] x, double[] expected) {
        double[] got = new double[x.length];
        apply(f, x, got);
        for (int i = 0; i < x.length; i++) {
            // NaN compares as NaN: its sign and payload are free
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(got[i]),
                    f.key() + "(" + x[i] + ")");
        }
    }

    private void expect32(KernelFunction f, float[] x, float[] expected) {
        float[] got = new float[x.length];
        apply(f, x, got);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), f.key() + "(" + x[i] + "f)");
        }
    }

    /**
     * tanh and sin are odd and cos even, bit for bit (the reduction rounds ties to even, which is
     * symmetric); |tanh| &lt;= 1, |sin|, |cos| &lt;= 1.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KernelFunction.class, names = {"TANH", "SIN", "COS"})
    void symmetricAndBounded(KernelFunction f) {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 100_000;
        double[] x = new double[2 * n];
        float[] xf = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.scalb(rng.nextDouble(), rng.nextInt(-30, 35));
            if (skipped(f, x[i]) || skipped(f, (float) x[i])) {
                x[i] = Math.scalb(x[i], -20);
            }
            x[n + i] = -x[i];
            xf[i] = (float) x[i];
            xf[n + i] = -xf[i];
        }
        double[] y = new double[2 * n];
        float[] yf = new float[2 * n];
        apply(f, x, y);
        apply(f, xf, yf);
        double sign = f == KernelFunction.COS ? 1 : -1;
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToLongBits(sign * y[i]), Double.doubleToLongBits(y[n + i]), f.key() + " at " + x[i]);
            assertEquals(Float.floatToIntBits((float) sign * yf[i]), Float.floatToIntBits(yf[n + i]),
                    f.key() + " at " + xf[i] + "f");
            assertTrue(Math.abs(y[i]) <= 1.0 && Math.abs(yf[i]) <= 1.0f, f.key() + " bounded at " + x[i]);
        }
    }

    /**
     * Beyond the fast range (|x| &gt; 2^30, binary32 2^16) sin and cos are StrictMath's (fdlibm,
     * specified bit for bit), rounded to binary32 in binary32; up to the range they are accurate
     * (tested above), so every finite argument has an accurate result.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KernelFunction.class, names = {"SIN", "COS"})
    void beyondTheFastRangeAsStrictMath(KernelFunction f) {
        assumeTrue(trigLimit64() == Double.POSITIVE_INFINITY && trigLimit32() == Float.POSITIVE_INFINITY,
                "arguments beyond the fast range are tested in a JVM of their own");
        SplittableRandom rng = new SplittableRandom(11);
        int n = 1000;
        double[] x = new double[n];
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.scalb(1 + rng.nextDouble(), rng.nextInt(30, 1024)) * (i % 2 == 0 ? 1 : -1);
            xf[i] = Math.scalb(1 + rng.nextFloat(), rng.nextInt(16, 128)) * (i % 2 == 0 ? 1 : -1);
        }
        x[0] = Double.MAX_VALUE;
        xf[0] = Float.MAX_VALUE;
        double[] y = new double[n];
        float[] yf = new float[n];
        apply(f, x, y);
        apply(f, xf, yf);
        for (int i = 0; i < n; i++) {
            double e = f == KernelFunction.SIN ? StrictMath.sin(x[i]) : StrictMath.cos(x[i]);
            double ef = f == KernelFunction.SIN ? StrictMath.sin(xf[i]) : StrictMath.cos(xf[i]);
            assertEquals(e, y[i], f.key() + "(" + x[i] + ")");
            assertEquals((float) ef, yf[i], f.key() + "(" + xf[i] + "f)");
        }
    }
}
