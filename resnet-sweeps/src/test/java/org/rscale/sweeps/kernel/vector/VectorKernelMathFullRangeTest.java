package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.math.KernelFunction;
import org.rscale.sweeps.math.KernelMathReference;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;
import org.rscale.sweeps.testing.UlpTolerance;

/**
 * {@link VectorMath}'s sin and cos beyond the fast range (|x| &gt; 2^30, binary32 2^16), where a
 * vector goes through the scalar code, which takes StrictMath: the parts of the contract that
 * {@link VectorKernelMathTest} leaves out, at the preferred species, in the JVM of the
 * several-species tests (there, the slow path's branch profiled as taken cannot make C2 box the
 * kernels' vectors in their allocation tests). Every species is compared with the scalar code,
 * beyond the range too, in {@link VectorMathTest}.
 */
@Tag("several-species")
@ExtendWith(QuietConsole.class)
class VectorKernelMathFullRangeTest {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final Tolerance F64 = Tolerance.relative("binary64: 1e-14 relative", 1e-14);
    private static final UlpTolerance F32 = new UlpTolerance("binary32: 2 ulps of the correctly rounded value", 2);

    /** The mpmath reference points (to 2^40), each vector mixing lanes within and beyond the range. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KernelFunction.class, names = {"SIN", "COS"})
    void matchesMpmathOnEveryArgument(KernelFunction f) {
        KernelMathReference ref = KernelMathReference.of(f);
        double[] got = new double[ref.x().length];
        KernelMathLanes.apply(D, f, ref.x(), got);
        for (int i = 0; i < got.length; i++) {
            F64.check(ref.f64()[i], got[i], f.key() + "(" + ref.x()[i] + ")");
        }
        float[] gotF = new float[ref.x32().length];
        KernelMathLanes.apply(F, f, ref.x32(), gotF);
        for (int i = 0; i < gotF.length; i++) {
            F32.check(ref.f32()[i], gotF[i], f.key() + "(" + ref.x32()[i] + "f)");
        }
    }

    /** Beyond the range, StrictMath's results (rounded to binary32 in binary32), up to the largest finite value. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KernelFunction.class, names = {"SIN", "COS"})
    void beyondTheFastRangeAsStrictMath(KernelFunction f) {
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
        KernelMathLanes.apply(D, f, x, y);
        KernelMathLanes.apply(F, f, xf, yf);
        for (int i = 0; i < n; i++) {
            double e = f == KernelFunction.SIN ? StrictMath.sin(x[i]) : StrictMath.cos(x[i]);
            double ef = f == KernelFunction.SIN ? StrictMath.sin(xf[i]) : StrictMath.cos(xf[i]);
            assertEquals(e, y[i], f.key() + "(" + x[i] + ")");
            assertEquals((float) ef, yf[i], f.key() + "(" + xf[i] + "f)");
        }
    }

    /** Lane for lane equal to the scalar code, within and beyond the range. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KernelFunction.class, names = {"SIN", "COS"})
    void equalsTheScalarCodeBitForBit(KernelFunction f) {
        KernelMathLanes.compareWithScalar(D, F, f, 100_000, 4093, true);
    }
}
