package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rscale.sweeps.math.BaseErfTest;
import org.rscale.sweeps.math.ErfReference;
import org.rscale.sweeps.math.ErrorFunction;
import org.rscale.sweeps.math.KernelFunction;
import org.rscale.sweeps.math.KernelMathInternals;

/**
 * {@link VectorMath} under the erf contract ({@link BaseErfTest}) at the preferred species (512 bits
 * here: 8 doubles, 16 floats), and lane-for-lane, bit-for-bit agreement with the scalar
 * {@link ErrorFunction} at every species. The first evaluations run in the interpreter, where the
 * Vector API computes lane by lane in Java, the later ones in C2's SIMD code; the sweeps are long
 * enough to cover both, and both must agree with the scalar code exactly.
 */
@org.junit.jupiter.api.Tag("several-species")
class VectorMathTest extends BaseErfTest {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** Which function of {@link VectorMath} to apply. */
    enum Op {
        ERF, GELU, GELU_SLOPE, EXP
    }

    @Override
    protected void erf(double[] x, double[] out) {
        apply(D, Op.ERF, x, out);
    }

    @Override
    protected void erf(float[] x, float[] out) {
        apply(F, Op.ERF, x, out);
    }

    @Override
    protected void gelu(double[] z, double[] out) {
        apply(D, Op.GELU, z, out);
    }

    @Override
    protected void geluSlope(double[] z, double[] out) {
        apply(D, Op.GELU_SLOPE, z, out);
    }

    @Override
    protected void gelu(float[] z, float[] out) {
        apply(F, Op.GELU, z, out);
    }

    @Override
    protected void geluSlope(float[] z, float[] out) {
        apply(F, Op.GELU_SLOPE, z, out);
    }

    /** Full vectors, then a masked tail. */
    private static void apply(VectorSpecies<Double> s, Op op, double[] x, double[] out) {
        for (int i = 0; i < x.length; i += s.length()) {
            VectorMask<Double> m = s.indexInRange(i, x.length);
            DoubleVector v = DoubleVector.fromArray(s, x, i, m);
            DoubleVector y;
            switch (op) {
                case ERF: y = VectorMath.erf(v); break;
                case GELU: y = VectorMath.gelu(v); break;
                case GELU_SLOPE: y = VectorMath.geluSlope(v); break;
                case EXP: y = VectorMath.expOfNonPositive(v); break;
                default: throw new AssertionError(op);
            }
            y.intoArray(out, i, m);
        }
    }

    private static void apply(VectorSpecies<Float> s, Op op, float[] x, float[] out) {
        for (int i = 0; i < x.length; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, x.length);
            FloatVector v = FloatVector.fromArray(s, x, i, m);
            FloatVector y;
            switch (op) {
                case ERF: y = VectorMath.erf(v); break;
                case GELU: y = VectorMath.gelu(v); break;
                case GELU_SLOPE: y = VectorMath.geluSlope(v); break;
                case EXP: y = VectorMath.expOfNonPositive(v); break;
                default: throw new AssertionError(op);
            }
            y.intoArray(out, i, m);
        }
    }

    private static double scalar(Op op, double x) {
        switch (op) {
            case ERF: return ErrorFunction.erf(x);
            case GELU: return ErrorFunction.gelu(x);
            case GELU_SLOPE: return ErrorFunction.geluSlope(x);
            case EXP: return KernelMathInternals.expOfNonPositive(x);
            default: throw new AssertionError(op);
        }
    }

    private static float scalar(Op op, float x) {
        switch (op) {
            case ERF: return ErrorFunction.erf(x);
            case GELU: return ErrorFunction.gelu(x);
            case GELU_SLOPE: return ErrorFunction.geluSlope(x);
            case EXP: return KernelMathInternals.expOfNonPositive(x);
            default: throw new AssertionError(op);
        }
    }

    static Stream<Arguments> species() {
        return Stream.of(
                Arguments.of(DoubleVector.SPECIES_128, FloatVector.SPECIES_128),
                Arguments.of(DoubleVector.SPECIES_256, FloatVector.SPECIES_256),
                Arguments.of(DoubleVector.SPECIES_512, FloatVector.SPECIES_512));
    }

    /**
     * Lane for lane and bit for bit equal to the scalar code at the preferred species: on the
     * reference points, 300,000 seeded normal draws of scale 1, 3 and 30, every 4093rd binary32 bit
     * pattern of either sign and the special values (NaN compares as NaN: its sign and payload are
     * free).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Op.class)
    void equalsTheScalarCodeBitForBit(Op op) {
        compareWithScalar(D, F, op, 300_000, 4093);
    }

    /** The code is species-generic: the same agreement, on fewer points, at 128, 256 and 512 bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("species")
    void everySpeciesEqualsTheScalarCode(VectorSpecies<Double> sd, VectorSpecies<Float> sf) {
        for (Op op : Op.values()) {
            compareWithScalar(sd, sf, op, 20_000, 65521);
        }
    }

    /**
     * exp, log1p, tanh, sin and cos ({@link VectorKernelMathTest} compares them at the preferred
     * species): the same agreement with the scalar {@code KernelMath} at 128, 256 and 512 bits.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("species")
    void everySpeciesEqualsTheScalarKernelMath(VectorSpecies<Double> sd, VectorSpecies<Float> sf) {
        for (KernelFunction f : KernelFunction.values()) {
            KernelMathLanes.compareWithScalar(sd, sf, f, 20_000, 65521, true);
        }
    }

    private static void compareWithScalar(VectorSpecies<Double> sd, VectorSpecies<Float> sf, Op op, int draws,
                                          int stride) {
        SplittableRandom rng = new SplittableRandom(20240601L + op.ordinal());
        double[] special = {0.0, -0.0, 1.0, -1.0, Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            -708.0, Math.nextDown(-708.0), -87.0f, Math.nextDown(-87.0f), 5.9215873, 26.6, 37.7};
        double[] ref = ErfReference.values().x();
        double[] x = new double[special.length + ref.length + draws];
        System.arraycopy(special, 0, x, 0, special.length);
        System.arraycopy(ref, 0, x, special.length, ref.length);
        for (int i = 0; i < draws; i++) {
            x[special.length + ref.length + i] = rng.nextGaussian() * (i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : 30);
        }
        if (op == Op.EXP) {
            // the exponential is defined for y <= 0
            for (int i = 0; i < x.length; i++) {
                x[i] = -Math.abs(x[i]) * (i % 2 == 0 ? 1 : 30);
            }
        }
        double[] got = new double[x.length];
        apply(sd, op, x, got);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToLongBits(scalar(op, x[i])), Double.doubleToLongBits(got[i]),
                    op + "(" + x[i] + ") at " + sd);
        }

        int n = 0;
        float[] xf = new float[2 * (0x7f800000 / stride + 1) + special.length];
        for (long bits = 0; bits <= 0x7f800000L; bits += stride) {
            xf[n++] = Float.intBitsToFloat((int) bits);
            xf[n++] = Float.intBitsToFloat((int) bits | Integer.MIN_VALUE);
        }
        for (double v : special) {
            xf[n++] = (float) v;
        }
        if (op == Op.EXP) {
            for (int i = 0; i < n; i++) {
                xf[i] = -Math.abs(xf[i]);
            }
        }
        float[] in = Arrays.copyOf(xf, n);
        float[] gotF = new float[n];
        apply(sf, op, in, gotF);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(scalar(op, in[i])), Float.floatToIntBits(gotF[i]),
                    op + "(" + in[i] + "f) at " + sf);
        }
    }
}
