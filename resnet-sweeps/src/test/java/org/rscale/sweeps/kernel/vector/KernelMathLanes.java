package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.rscale.sweeps.math.KernelFunction;
import org.rscale.sweeps.math.KernelMathReference;

/**
 * Applies {@link VectorMath}'s elementary functions to arrays at a given species (full vectors,
 * then a masked tail), each function a constant at its call site as in a kernel; and compares them
 * with the scalar {@code KernelMath} lane for lane, bit for bit.
 */
final class KernelMathLanes {
    private KernelMathLanes() {
    }

    static void apply(VectorSpecies<Double> s, KernelFunction f, double[] x, double[] out) {
        for (int i = 0; i < x.length; i += s.length()) {
            VectorMask<Double> m = s.indexInRange(i, x.length);
            DoubleVector v = DoubleVector.fromArray(s, x, i, m);
            DoubleVector y;
            switch (f) {
                case EXP: y = VectorMath.exp(v); break;
                case LOG1P: y = VectorMath.log1p(v); break;
                case TANH: y = VectorMath.tanh(v); break;
                case SIN: y = VectorMath.sin(v); break;
                case COS: y = VectorMath.cos(v); break;
                default: throw new AssertionError(f);
            }
            y.intoArray(out, i, m);
        }
    }

    static void apply(VectorSpecies<Float> s, KernelFunction f, float[] x, float[] out) {
        for (int i = 0; i < x.length; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, x.length);
            FloatVector v = FloatVector.fromArray(s, x, i, m);
            FloatVector y;
            switch (f) {
                case EXP: y = VectorMath.exp(v); break;
                case LOG1P: y = VectorMath.log1p(v); break;
                case TANH: y = VectorMath.tanh(v); break;
                case SIN: y = VectorMath.sin(v); break;
                case COS: y = VectorMath.cos(v); break;
                default: throw new AssertionError(f);
            }
            y.intoArray(out, i, m);
        }
    }

    /**
     * Lane for lane and bit for bit equal to the scalar code: on the reference points, seeded normal
     * draws of scale 1, 3, 30 and 1000, every {@code stride}-th binary32 bit pattern of either sign,
     * every 2^44th binary64 one, and the special values (NaN compares as NaN: its sign and payload
     * are free). Arguments beyond the fast range of sin and cos stay out unless {@code beyond}, so
     * the slow path's branch is not profiled as taken in a JVM that also times kernels.
     */
    static void compareWithScalar(VectorSpecies<Double> sd, VectorSpecies<Float> sf, KernelFunction f, int draws,
                                  int stride, boolean beyond) {
        SplittableRandom rng = new SplittableRandom(20240602L + f.ordinal());
        double[] special = {0.0, -0.0, 1.0, -1.0, Math.nextDown(-1.0), Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 709.782712893384, 709.7827128933841, -745.1332191019411,
            -745.1332191019412, -708.0, 0.625, Math.nextDown(0.625), 0x1p30, Math.nextUp(0x1p30), 0x1p16,
            Math.nextUp(0x1p16), 88.72283f, -103.97208f, 100.0, -100.0};
        double[] ref = KernelMathReference.of(f).x();
        double[] x = new double[special.length + ref.length + draws + 2 * (int) (0x7ff0000000000000L >>> 44) + 2];
        int n = 0;
        for (double v : special) {
            x[n++] = v;
        }
        for (double v : ref) {
            x[n++] = v;
        }
        for (int i = 0; i < draws; i++) {
            x[n++] = rng.nextGaussian() * (i % 4 == 0 ? 1 : i % 4 == 1 ? 3 : i % 4 == 2 ? 30 : 1000);
        }
        for (long bits = 0; bits <= 0x7ff0000000000000L; bits += 1L << 44) {
            x[n++] = Double.longBitsToDouble(bits);
            x[n++] = -Double.longBitsToDouble(bits);
        }
        double[] in = keep(f, x, n, beyond, 0x1p30);
        double[] got = new double[in.length];
        apply(sd, f, in, got);
        for (int i = 0; i < in.length; i++) {
            assertEquals(Double.doubleToLongBits(f.of(in[i])), Double.doubleToLongBits(got[i]),
                    f.key() + "(" + in[i] + ") at " + sd);
        }

        float[] xf = new float[2 * (0x7f800000 / stride + 1) + special.length + ref.length];
        int m = 0;
        for (long bits = 0; bits <= 0x7f800000L; bits += stride) {
            xf[m++] = Float.intBitsToFloat((int) bits);
            xf[m++] = Float.intBitsToFloat((int) bits | Integer.MIN_VALUE);
        }
        for (double v : special) {
            xf[m++] = (float) v;
        }
        for (double v : ref) {
            xf[m++] = (float) v;
        }
        float[] inF = keep(f, xf, m, beyond, 0x1p16f);
        float[] gotF = new float[inF.length];
        apply(sf, f, inF, gotF);
        for (int i = 0; i < inF.length; i++) {
            assertEquals(Float.floatToIntBits(f.of(inF[i])), Float.floatToIntBits(gotF[i]),
                    f.key() + "(" + inF[i] + "f) at " + sf);
        }
    }

    private static double[] keep(KernelFunction f, double[] x, int n, boolean beyond, double max) {
        if (beyond || (f != KernelFunction.SIN && f != KernelFunction.COS)) {
            return Arrays.copyOf(x, n);
        }
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(x[i]) > max && Math.abs(x[i]) < Double.POSITIVE_INFINITY)) {
                out[k++] = x[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static float[] keep(KernelFunction f, float[] x, int n, boolean beyond, float max) {
        if (beyond || (f != KernelFunction.SIN && f != KernelFunction.COS)) {
            return Arrays.copyOf(x, n);
        }
        float[] out = new float[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(x[i]) > max && Math.abs(x[i]) < Float.POSITIVE_INFINITY)) {
                out[k++] = x[i];
            }
        }
        return Arrays.copyOf(out, k);
    }
}
