package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;
import org.rscale.sweeps.testing.UlpTolerance;

/**
 * The accuracy of the transcendental Vector API operators {@code TANH}, {@code EXP},
 * {@code LOG1P}, {@code SIN} and {@code COS}, which the SIMD kernels used before {@link VectorMath}
 * replaced them (they are not reproducible, see below), kept as the record of what SVML gives and
 * as the reference {@code KernelMathBenchmark} compares with. C2 compiles them to Intel SVML routines
 * on x86-64 (not to {@code java.lang.Math}'s), checked against {@code java.lang.Math} over the
 * ranges the kernels use, on the machine that runs the build:
 * <pre>
 *   operator  range                                      binary64               binary32
 *   TANH      every real, +-inf                          1e-14 relative          2 ulps of (float) Math.tanh(x)
 *   EXP       -745.14 .. 709.78 (underflow .. overflow)  1e-14 relative;         2 ulps (of Math's, also when
 *             (binary32: -103.98 .. 88.72)               1 ulp where subnormal    subnormal)
 *   LOG1P     x &gt;= 0, +inf                              1e-14 relative          2 ulps
 *   SIN, COS  |x| &lt;= 100, densely around multiples      1e-14 relative          2 ulps
 *             of pi/2 (where the result is near 0)
 * </pre>
 * Points: every 2^41st binary64 bit pattern of either sign in the range (2,048 per binade), 500,000
 * uniform draws on it, and for sin and cos the 100 doubles around each zero in range; every 512th
 * binary32 bit pattern of either sign in the range.
 *
 * <p>Two properties the kernels must respect, which this test also pins down:
 * <ul>
 * <li>C2 uses SVML only where the operator is a constant at the call site; passed in a variable,
 *     the operator runs the Java fallback, lane by lane through {@code Math}: 76 ns per lane for
 *     TANH against 2.0 (measured on a 2-vCPU AMD EPYC, Java 17). So each operator here has its own
 *     constant call, as in a kernel, and the sweeps run after a warm-up, in C2's code; in each
 *     binary64 sweep some lane must differ from {@code Math} where the JDK ships SVML, or the gate
 *     would only have tested the fallback.</li>
 * <li>Before C2 compiles a loop, the interpreter and C1 run that same fallback, so the first steps
 *     of a training run get {@code Math}'s results and later ones SVML's, which differ in the last
 *     bit for 0.02% (SIN, COS) to 0.74% (EXP) of binary64 arguments and 0.02% to 0.9% of binary32
 *     ones (same machine). When the switch happens depends on the background compiler: in five
 *     runs of one TANH loop over 320 values, the first step with SVML's results was 976, 983, 988,
 *     1289 and 1365. A kernel on these operators is therefore not bitwise reproducible from run to
 *     run; {@link VectorMath}, which avoids them, is.</li>
 * </ul>
 */
@ExtendWith(QuietConsole.class)
class VectorOperatorsAccuracyTest {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final Tolerance F64 = Tolerance.relative("binary64: 1e-14 relative to Math", 1e-14);
    private static final UlpTolerance F64_SUBNORMAL =
            new UlpTolerance("binary64, subnormal result: 1 ulp of Math's", 1);
    private static final UlpTolerance F32 = new UlpTolerance("binary32: 2 ulps of (float) Math.f(x)", 2);
    private static final int CHUNK = 4096;

    /** The operators, their java.lang.Math references and the ranges the kernels use. */
    enum Fn {
        TANH(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
        // from where exp underflows to 0 (binary32: to 0f) to the largest finite result
        EXP(-745.1332191019412, 709.782712893384, -103.97208f, 88.72283f),
        LOG1P(0.0, Double.POSITIVE_INFINITY, 0.0f, Float.POSITIVE_INFINITY),
        SIN(-100.0, 100.0, -100.0f, 100.0f),
        COS(-100.0, 100.0, -100.0f, 100.0f);

        final double lo;
        final double hi;
        final float loF;
        final float hiF;

        Fn(double lo, double hi, float loF, float hiF) {
            this.lo = lo;
            this.hi = hi;
            this.loF = loF;
            this.hiF = hiF;
        }

        double math(double x) {
            switch (this) {
                case TANH: return Math.tanh(x);
                case EXP: return Math.exp(x);
                case LOG1P: return Math.log1p(x);
                case SIN: return Math.sin(x);
                case COS: return Math.cos(x);
                default: throw new AssertionError(this);
            }
        }

        boolean inRange(double x) {
            return x >= lo && x <= hi;
        }

        boolean inRange(float x) {
            return x >= loF && x <= hiF;
        }
    }

    /** Each operator as a constant at its call site, as a kernel writes it (see the class comment). */
    private static void apply(Fn f, double[] x, double[] out, int n) {
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            switch (f) {
                case TANH: v = v.lanewise(VectorOperators.TANH); break;
                case EXP: v = v.lanewise(VectorOperators.EXP); break;
                case LOG1P: v = v.lanewise(VectorOperators.LOG1P); break;
                case SIN: v = v.lanewise(VectorOperators.SIN); break;
                case COS: v = v.lanewise(VectorOperators.COS); break;
                default: throw new AssertionError(f);
            }
            v.intoArray(out, i);
        }
    }

    private static void apply(Fn f, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            switch (f) {
                case TANH: v = v.lanewise(VectorOperators.TANH); break;
                case EXP: v = v.lanewise(VectorOperators.EXP); break;
                case LOG1P: v = v.lanewise(VectorOperators.LOG1P); break;
                case SIN: v = v.lanewise(VectorOperators.SIN); break;
                case COS: v = v.lanewise(VectorOperators.COS); break;
                default: throw new AssertionError(f);
            }
            v.intoArray(out, i);
        }
    }

    /** Runs every operator until C2 has compiled the loops, so the sweeps measure SVML, not the fallback. */
    @BeforeAll
    static void warmUp() {
        double[] x = new double[512];
        float[] xf = new float[512];
        for (int i = 0; i < x.length; i++) {
            x[i] = -3 + 6.0 * i / x.length;
            xf[i] = (float) x[i];
        }
        double[] y = new double[x.length];
        float[] yf = new float[x.length];
        for (int rep = 0; rep < 4000; rep++) {
            for (Fn f : Fn.values()) {
                apply(f, x, y, x.length);
                apply(f, xf, yf, xf.length);
            }
        }
    }

    /** The binary64 points: a bit-pattern sweep of either sign, uniform draws, and the zeros of sin, cos. */
    private static double[] points(Fn f) {
        double[] p = new double[2 * (int) (0x7ff0000000000000L >>> 41) + 600_000];
        int n = 0;
        for (long bits = 0; bits <= 0x7ff0000000000000L; bits += 1L << 41) {
            double x = Double.longBitsToDouble(bits);
            if (f.inRange(x)) {
                p[n++] = x;
            }
            if (f.inRange(-x)) {
                p[n++] = -x;
            }
        }
        SplittableRandom rng = new SplittableRandom(20240601L + f.ordinal());
        double lo = Math.max(f.lo, -1000);
        double hi = Math.min(f.hi, 1000);
        for (int i = 0; i < 500_000; i++) {
            p[n++] = lo + (hi - lo) * rng.nextDouble();
        }
        if (f == Fn.SIN || f == Fn.COS) {
            // the doubles around k pi (sin) and (k + 1/2) pi (cos), where the result is tiny and
            // only an accurate argument reduction keeps the relative error small
            for (int k = -32; k <= 32; k++) {
                double zero = (f == Fn.SIN ? k : k + 0.5) * Math.PI;
                double x = zero;
                for (int j = 0; j < 50; j++) {
                    x = Math.nextDown(x);
                }
                for (int j = 0; j < 100 && n < p.length; j++) {
                    if (f.inRange(x)) {
                        p[n++] = x;
                    }
                    x = Math.nextUp(x);
                }
            }
        }
        return Arrays.copyOf(p, n);
    }

    /**
     * Also guards the gate itself: where the JDK ships its SVML library, the sweep must have run
     * SVML's code, which differs from Math in the last bit somewhere; if every lane equalled Math,
     * the loop ran the Java fallback and the gate proved nothing about compiled kernels.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Fn.class)
    void binary64AgreesWithMath(Fn f) {
        double[] p = points(f);
        double[] x = new double[CHUNK];
        double[] y = new double[CHUNK];
        long differ = 0;
        for (int start = 0; start < p.length; start += CHUNK) {
            int n = Math.min(CHUNK, p.length - start);
            Arrays.fill(x, 0.0);
            System.arraycopy(p, start, x, 0, n);
            apply(f, x, y, CHUNK);
            for (int i = 0; i < n; i++) {
                double expected = f.math(x[i]);
                if (Double.compare(expected, y[i]) != 0) {
                    differ++;
                    check(expected, y[i], f + "(" + x[i] + ")");
                }
            }
        }
        if (Files.exists(Path.of(System.getProperty("java.home"), "lib", "libjsvml.so"))) {
            assertTrue(differ > 0, f + ": every lane equals Math's result, so the SVML code was not exercised");
        }
    }

    /** Equal, or within the tolerance: relative for normal results, in ulps for subnormal ones. */
    private static void check(double expected, double actual, String what) {
        if (Math.abs(expected) < Double.MIN_NORMAL || Double.isNaN(expected)) {
            F64_SUBNORMAL.check(expected, actual, what);
        } else {
            F64.check(expected, actual, what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fn.class)
    void binary32AgreesWithMath(Fn f) {
        float[] x = new float[CHUNK];
        float[] y = new float[CHUNK];
        int n = 0;
        long checked = 0;
        for (long bits = 0; bits <= 0x7f800000L; bits += 512) {
            for (int sign = 0; sign < 2; sign++) {
                float v = Float.intBitsToFloat((int) bits | (sign << 31));
                if (f.inRange(v)) {
                    x[n++] = v;
                }
                if (n == CHUNK || (n > 0 && sign == 1 && bits + 512 > 0x7f800000L)) {
                    Arrays.fill(x, n, CHUNK, 0.0f);
                    apply(f, x, y, CHUNK);
                    for (int i = 0; i < n; i++) {
                        float expected = (float) f.math(x[i]);
                        if (!(UlpTolerance.distance(expected, y[i]) <= F32.ulps())) {
                            F32.check(expected, y[i], f + "(" + x[i] + "f)");
                        }
                    }
                    checked += n;
                    n = 0;
                }
            }
        }
        assertTrue(checked > 1_000_000, "checked " + checked);
    }

    /**
     * Special arguments of every operator: where Math's result is exact (NaN, an infinity, a zero
     * of either sign, +-1) the operator's must be identical; otherwise, within the range, within
     * the tolerance.
     */
    @Test
    void specialValuesAsMath() {
        double[] x = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            709.782712893384, Math.nextUp(709.782712893384), -745.1332191019411, -745.1332191019412,
            -1000.0, 1e300};
        float[] xf = {0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            88.72283f, 88.72284f, -103.97207f, -103.97208f, -1000.0f, 1e30f};
        double[] y = new double[x.length];
        float[] yf = new float[xf.length];
        for (Fn f : Fn.values()) {
            apply(f, x, y, x.length);
            apply(f, xf, yf, xf.length);
            for (int i = 0; i < x.length; i++) {
                double expected = f.math(x[i]);
                if (exact(expected)) {
                    assertEquals(expected, y[i], f + "(" + x[i] + ")");
                } else if (f.inRange(x[i])) {
                    check(expected, y[i], f + "(" + x[i] + ")");
                }
                float expectedF = (float) f.math(xf[i]);
                if (exact(expectedF)) {
                    assertEquals(expectedF, yf[i], f + "(" + xf[i] + "f)");
                } else if (f.inRange(xf[i])) {
                    F32.check(expectedF, yf[i], f + "(" + xf[i] + "f)");
                }
            }
        }
    }

    private static boolean exact(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) || v == 0 || Math.abs(v) == 1;
    }

}
