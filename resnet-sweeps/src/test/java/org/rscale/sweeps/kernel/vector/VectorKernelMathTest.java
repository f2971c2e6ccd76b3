package org.rscale.sweeps.kernel.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rscale.sweeps.math.BaseKernelMathTest;
import org.rscale.sweeps.math.KernelFunction;

/**
 * {@link VectorMath}'s exp, log1p, tanh, sin and cos under the contract of {@link BaseKernelMathTest}
 * at the preferred species (the one the kernels use: 8 doubles and 16 floats with AVX-512), and lane
 * for lane, bit for bit equal to the scalar {@code KernelMath}. The first evaluations run in the
 * interpreter and C1, where the Vector API computes lane by lane in Java, later ones in C2's SIMD
 * code; both must agree with the scalar code exactly. The other species are compared in
 * {@link VectorMathTest}, in a JVM of their own.
 *
 * <p>Arguments of sin and cos beyond the fast range (2^30, binary32 2^16) take a slow path through
 * the scalar code. They are left out here: profiled as taken, that branch makes C2 merge the slow
 * path's vector with the fast one's and box the kernels' vectors in this JVM, which also runs the
 * kernels' allocation tests. {@link VectorKernelMathFullRangeTest} tests them, in a JVM of its own.
 */
class VectorKernelMathTest extends BaseKernelMathTest {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Override
    protected void apply(KernelFunction f, double[] x, double[] out) {
        KernelMathLanes.apply(D, f, x, out);
    }

    @Override
    protected void apply(KernelFunction f, float[] x, float[] out) {
        KernelMathLanes.apply(F, f, x, out);
    }

    @Override
    protected double trigLimit64() {
        return 0x1p30;
    }

    @Override
    protected float trigLimit32() {
        return 0x1p16f;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KernelFunction.class)
    void equalsTheScalarCodeBitForBit(KernelFunction f) {
        KernelMathLanes.compareWithScalar(D, F, f, 300_000, 4093, trigLimit64() == Double.POSITIVE_INFINITY);
    }
}
