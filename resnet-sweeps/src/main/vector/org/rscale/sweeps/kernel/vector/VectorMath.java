package org.rscale.sweeps.kernel.vector;

import static org.rscale.sweeps.math.KernelMathConstants.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.rscale.sweeps.math.KernelMath;

/**
 * SIMD twins of {@link org.rscale.sweeps.math.ErrorFunction} (erf, the exact GELU and its
 * derivative) and of {@link KernelMath} (exp, log1p, the softplus, tanh, sin, cos), for vectors of
 * any species, equal to the scalar code lane for lane and bit for bit (tested at every species).
 *
 * <pre>
 *   erf x      = sign(x) (a + a P(a^2))             a = |x| &lt; 1
 *              = sign(x) (1 - exp(-a^2) Q(t))       a &gt;= 1, t = 1/(1 + p a)
 *   gelu z     = z * 0.5 * (1 + erf(z / sqrt 2))
 *   gelu'(z)   = 0.5 (1 + erf(z / sqrt 2)) + z exp(-z^2/2) / sqrt(2 pi)
 *   exp, log1p, softplus, tanh, sin, cos           KernelMath's formulas (see there)
 * </pre>
 * Every lane computes every piece, and a mask picks the piece. The formulas, coefficients and order
 * of operations are the scalar code's, so each lane equals the scalar result bit for bit (tested),
 * and so do accuracy and edge cases: binary64 within 1e-14 relative (measured 2.2e-16 to 6.2e-16),
 * binary32 within 2 ulps of the correctly rounded value (measured 1; sin and cos 2). The one branch
 * is sin's and cos's: a vector with a lane beyond the fast range (|x| &gt; 2^30, binary32 2^16)
 * goes through the scalar code, lane by lane.
 *
 * <p><b>Deterministic.</b> Only IEEE operations are used (add, multiply, fused multiply-add, divide,
 * compare, blend, min, max, bit operations), which the Vector API's Java fallback (interpreter, C1)
 * and C2's SIMD code compute identically. The SVML-backed {@code VectorOperators.TANH}, {@code EXP},
 * {@code LOG1P}, {@code SIN} and {@code COS} are not used: they differ from {@code Math}, which the
 * fallback calls, in the last bit of 0.02-0.9% of arguments, so results would depend on when C2
 * compiled the loop.
 *
 * <p><b>Speed</b> (2-vCPU AMD EPYC with AVX-512, Java 17, 512-bit species, one core; ns per lane,
 * {@code KernelMathBenchmark}, one function per JVM, and {@code ErfBenchmark}; SVML for comparison):
 * <pre>
 *               binary64 (8 lanes)        binary32 (16 lanes)      Math (binary64, scalar)
 *               here     SVML             here     SVML
 *   exp         0.93     0.68             0.40     0.31             4.0
 *   log1p       1.21     1.09             0.63     0.45             9.9
 *   tanh        1.6      2.0              0.57     0.61             18.3
 *   sin         1.04     1.11             0.35     0.52             7.0
 *   cos         1.01     1.23             0.34     0.57             6.8
 *   erf         1.8      -                0.59     -                (Commons Math 179)
 * </pre>
 * The polynomials are evaluated in a loop over coefficient arrays, which C2 unrolls: written out,
 * the 31 steps of the binary64 erf exceed C2's node budget for inlining (NodeCountInliningCutoff),
 * the call is not inlined and every vector is boxed (6.2 ns per lane). The same budget is why the
 * kernels call one of these functions per compiled pass (see {@code KernelCompilation}), why erf
 * sets its sign with a blend rather than bit operations, and why the softplus uses
 * {@code log1pOfUnit}. The arrays hold bit patterns ({@code long[]}, {@code int[]}) so that they
 * cannot alias the {@code double[]} a kernel stores into; with {@code double[]} C2 reloads every
 * coefficient on every iteration (2.6 ns per lane).
 */
public final class VectorMath {
    // The scalar code's constants are KernelMathConstants (the same bits); these are the SIMD code's own:
    // the sign bits, and sqrt(2) for the comparison of log1p's reduction.
    private static final long SIGN = Long.MIN_VALUE;
    private static final int SIGN_F = Integer.MIN_VALUE;
    /** sqrt(2) rounded: from here on u = 2^k m has k = 1 in log1p (its bits are SQRT_HALF_BITS + 2^52). */
    private static final double SQRT2 = 0x1.6a09e667f3bcdp0;
    private static final float SQRT2_F = 0x1.6a09e6p0f;

    // The coefficients, highest order first, as bit patterns: a long[] (int[]) cannot alias the
    // double[] (float[]) a kernel loop stores into, so C2 may keep the loads out of that loop.
    private static final long[] P_BITS = bits(P11, P10, P9, P8, P7, P6, P5, P4, P3, P2, P1, P0);
    private static final long[] Q_BITS = bits(Q10, Q9, Q8, Q7, Q6, Q5, Q4, Q3, Q2, Q1, Q0);
    private static final long[] E_BITS = bits(E10, E9, E8, E7, E6, E5, E4, E3, E2, E1, E0);
    private static final int[] PF_BITS = bits(PF6, PF5, PF4, PF3, PF2, PF1, PF0);
    private static final int[] QF_BITS = bits(QF5, QF4, QF3, QF2, QF1, QF0);
    private static final int[] EF_BITS = bits(EF6, EF5, EF4, EF3, EF2, EF1, EF0);
    private static final long[] T_BITS = bits(T10, T9, T8, T7, T6, T5, T4, T3, T2, T1, T0);
    private static final long[] L_BITS = bits(L6, L5, L4, L3, L2, L1, L0);
    private static final long[] S_BITS = bits(S5, S4, S3, S2, S1, S0);
    private static final long[] C_BITS = bits(C5, C4, C3, C2, C1, C0);
    private static final int[] TF_BITS = bits(TF4, TF3, TF2, TF1, TF0);
    private static final int[] LF_BITS = bits(LF3, LF2, LF1, LF0);
    private static final int[] SF_BITS = bits(SF2, SF1, SF0);
    private static final int[] CF_BITS = bits(CF2, CF1, CF0);
    private VectorMath() {
    }

    /**
     * @param x the arguments; not modified
     * @return erf of each lane, equal to {@code ErrorFunction.erf(double)} lane by lane
     */
    public static DoubleVector erf(DoubleVector x) {
        DoubleVector a = x.abs();
        return erf(x, a, expOfNonPositive(a.mul(a).neg()));
    }

    /**
     * @param x the arguments; not modified
     * @return erf of each lane, equal to {@code ErrorFunction.erf(float)} lane by lane
     */
    public static FloatVector erf(FloatVector x) {
        FloatVector a = x.abs();
        return erf(x, a, expOfNonPositive(a.mul(a).neg()));
    }

    /**
     * @param z the pre-activations; not modified
     * @return z * 0.5 * (1 + erf(z / sqrt 2)), equal to {@code ErrorFunction.gelu(double)} lane by lane
     */
    public static DoubleVector gelu(DoubleVector z) {
        // u = z / sqrt 2 (erf's pieces called directly: each level of calls counts against C2's
        // MaxInlineLevel, beyond which the Vector API's operations are not intrinsified)
        DoubleVector u = z.mul(INV_SQRT2);
        DoubleVector a = u.abs();
        // z * 0.5 * (1 + erf(z / sqrt 2)), in PyTorch's order
        return z.mul(0.5).mul(erf(u, a, expOfNonPositive(a.mul(a).neg())).add(1.0));
    }

    /**
     * @param z the pre-activations; not modified
     * @return z * 0.5 * (1 + erf(z / sqrt 2)), equal to {@code ErrorFunction.gelu(float)} lane by lane
     */
    public static FloatVector gelu(FloatVector z) {
        // u = z / sqrt 2 (erf's pieces called directly, see gelu(DoubleVector))
        FloatVector u = z.mul(INV_SQRT2_F);
        FloatVector a = u.abs();
        // z * 0.5 * (1 + erf(z / sqrt 2)), in PyTorch's order
        return z.mul(0.5f).mul(erf(u, a, expOfNonPositive(a.mul(a).neg())).add(1.0f));
    }

    /**
     * @param z the pre-activations; not modified
     * @return Phi(z) + z phi(z), equal to {@code ErrorFunction.geluSlope(double)} lane by lane
     */
    public static DoubleVector geluSlope(DoubleVector z) {
        // u = z / sqrt 2;  e = exp(-u^2) = exp(-z^2 / 2), shared by erf and phi
        DoubleVector u = z.mul(INV_SQRT2);
        DoubleVector a = u.abs();
        DoubleVector e = expOfNonPositive(a.mul(a).neg());
        // Phi(z) + z phi(z) = 0.5 (1 + erf u) + z (e / sqrt(2 pi))
        DoubleVector cdf = erf(u, a, e).add(1.0).mul(0.5);
        return cdf.add(z.mul(e.mul(INV_SQRT_2PI)));
    }

    /**
     * @param z the pre-activations; not modified
     * @return Phi(z) + z phi(z), equal to {@code ErrorFunction.geluSlope(float)} lane by lane
     */
    public static FloatVector geluSlope(FloatVector z) {
        // u = z / sqrt 2;  e = exp(-u^2) = exp(-z^2 / 2), shared by erf and phi
        FloatVector u = z.mul(INV_SQRT2_F);
        FloatVector a = u.abs();
        FloatVector e = expOfNonPositive(a.mul(a).neg());
        // Phi(z) + z phi(z) = 0.5 (1 + erf u) + z (e / sqrt(2 pi))
        FloatVector cdf = erf(u, a, e).add(1.0f).mul(0.5f);
        return cdf.add(z.mul(e.mul(INV_SQRT_2PI_F)));
    }

    /**
     * The exponential of {@link #gelu(DoubleVector)} and {@link #geluSlope(DoubleVector)}, for the
     * kernels' backward pass, which shares it between erf and the density.
     *
     * @param z the pre-activations; not modified
     * @return exp(-z^2 / 2), as gelu computes it
     */
    static DoubleVector geluExp(DoubleVector z) {
        DoubleVector a = z.mul(INV_SQRT2).abs();
        return expOfNonPositive(a.mul(a).neg());
    }

    /** As {@link #geluExp(DoubleVector)}, in binary32. */
    static FloatVector geluExp(FloatVector z) {
        FloatVector a = z.mul(INV_SQRT2_F).abs();
        return expOfNonPositive(a.mul(a).neg());
    }

    /** erf x from a = |x| and e = exp(-a^2): both pieces, blended. */
    static DoubleVector erf(DoubleVector x, DoubleVector a, DoubleVector e) {
        // a < 1:  x + x P(a^2)
        DoubleVector small = x.fma(horner(a.mul(a), P_BITS), x);
        // a >= 1: sign(x) (1 - e Q(t)),  t = 1 / (1 + p a)
        DoubleVector t = a.broadcast(1.0).div(a.fma(ERF_Q_SCALE, 1.0));
        DoubleVector large = e.neg().fma(horner(t, Q_BITS), a.broadcast(1.0));
        // the sign of x: large is positive, and x is not +-0 where it is chosen (a blend costs C2
        // fewer nodes than the bit operations of a copySign)
        large = large.blend(large.neg(), x.lt(0.0));
        VectorMask<Double> isSmall = a.lt(ERF_JOIN);
        return large.blend(small, isSmall);
    }

    /** erf x from a = |x| and e = exp(-a^2): both pieces, blended. */
    static FloatVector erf(FloatVector x, FloatVector a, FloatVector e) {
        // a < 1:  x + x P(a^2)
        FloatVector small = x.fma(horner(a.mul(a), PF_BITS), x);
        // a >= 1: sign(x) (1 - e Q(t)),  t = 1 / (1 + p a)
        FloatVector t = a.broadcast(1.0f).div(a.fma(ERF_Q_SCALE_F, 1.0f));
        FloatVector large = e.neg().fma(horner(t, QF_BITS), a.broadcast(1.0f));
        // the sign of x (see erf(DoubleVector, DoubleVector, DoubleVector))
        large = large.blend(large.neg(), x.lt(0.0f));
        VectorMask<Float> isSmall = a.lt(ERF_JOIN_F);
        return large.blend(small, isSmall);
    }

    /**
     * exp(y) for y &lt;= 0, 0 below -708: {@code ErrorFunction.expOfNonPositive(double)} lane by lane.
     *
     * @param y the arguments, &lt;= 0; not modified
     * @return exp of each lane
     */
    static DoubleVector expOfNonPositive(DoubleVector y) {
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        DoubleVector k = y.fma(LOG2E, SHIFT);
        DoubleVector n = k.sub(SHIFT);
        DoubleVector r = n.fma(y.broadcast(-LN2_HI), y);
        r = n.fma(y.broadcast(-LN2_LO), r);
        // exp(y) = 2^n E(r), 2^n assembled from n + 1023 in the exponent field; 0 below EXP_FLUSH
        DoubleVector scale = k.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return horner(r, E_BITS).mul(scale).blend(0.0, y.lt(EXP_FLUSH));
    }

    /**
     * exp(y) for y &lt;= 0, 0 below -87: {@code ErrorFunction.expOfNonPositive(float)} lane by lane.
     *
     * @param y the arguments, &lt;= 0; not modified
     * @return exp of each lane
     */
    static FloatVector expOfNonPositive(FloatVector y) {
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        FloatVector k = y.fma(LOG2E_F, SHIFT_F);
        FloatVector n = k.sub(SHIFT_F);
        FloatVector r = n.fma(y.broadcast(-LN2_HI_F), y);
        r = n.fma(y.broadcast(-LN2_LO_F), r);
        // exp(y) = 2^n E(r), 2^n assembled from n + 127 in the exponent field; 0 below EXP_FLUSH_F
        FloatVector scale = k.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return horner(r, EF_BITS).mul(scale).blend(0.0f, y.lt(EXP_FLUSH_F));
    }

    /**
     * @param x the arguments; not modified
     * @return e^x of each lane, equal to {@code KernelMath.exp(double)} lane by lane
     */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector y = x.max(EXP_LO).min(EXP_HI);
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        DoubleVector k = y.fma(LOG2E, SHIFT);
        DoubleVector n = k.sub(SHIFT);
        DoubleVector r = n.fma(y.broadcast(-LN2_HI), y);
        r = n.fma(y.broadcast(-LN2_LO), r);
        // exp(y) = E(r) 2^h 2^(n - h), h = floor(n / 2): both factors normal, one rounding at the end
        LongVector ni = k.reinterpretAsLongs().sub(SHIFT_BITS);
        LongVector h = ni.lanewise(VectorOperators.ASHR, 1);
        DoubleVector s1 = h.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = ni.sub(h).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return horner(r, E_BITS).mul(s1).mul(s2);
    }

    /**
     * @param x the arguments; not modified
     * @return e^x of each lane, equal to {@code KernelMath.exp(float)} lane by lane
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector y = x.max(EXP_LO_F).min(EXP_HI_F);
        // n = round(y / ln 2) (in the low bits of k);  r = y - n ln 2
        FloatVector k = y.fma(LOG2E_F, SHIFT_F);
        FloatVector n = k.sub(SHIFT_F);
        FloatVector r = n.fma(y.broadcast(-LN2_HI_F), y);
        r = n.fma(y.broadcast(-LN2_LO_F), r);
        // exp(y) = E(r) 2^h 2^(n - h), h = floor(n / 2): both factors normal, one rounding at the end
        IntVector ni = k.reinterpretAsInts().sub(SHIFT_BITS_F);
        IntVector h = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return horner(r, EF_BITS).mul(s1).mul(s2);
    }

    /**
     * @param x the arguments, &gt; -1; not modified
     * @return log(1 + x) of each lane, equal to {@code KernelMath.log1p(double)} lane by lane
     */
    public static DoubleVector log1p(DoubleVector x) {
        // +-0 and +inf give themselves, -1 gives -inf, below -1 NaN
        DoubleVector y = log1pFormula(x).blend(x, x.eq(0.0).or(x.eq(Double.POSITIVE_INFINITY)));
        return y.blend(Double.NEGATIVE_INFINITY, x.eq(-1.0)).blend(Double.NaN, x.lt(-1.0));
    }

    /**
     * softplus z = log(1 + e^z) = log1p(e^-|z|) + max(z, 0), without overflow, with the exponential
     * that flushes below -708 (where it does not change the sum) and log1p without its special
     * cases (its argument is in [0, 1]).
     *
     * @param z the arguments; not modified
     * @return softplus of each lane, equal to {@code KernelMath.softplus(double)} lane by lane
     */
    public static DoubleVector softplus(DoubleVector z) {
        return log1pOfUnit(expOfNonPositive(z.abs().neg())).add(z.max(0.0));
    }

    /**
     * log1p x for x in [0, 1] (or NaN), equal to {@link #log1p(DoubleVector)} there: u = 1 + x is in
     * [1, 2], so k of u = 2^k m is 0 below sqrt(2) and 1 from it (m = u/2, exactly), which a blend
     * finds with fewer operations (and fewer C2 nodes) than the exponent bits.
     */
    private static DoubleVector log1pOfUnit(DoubleVector x) {
        DoubleVector u = x.add(1.0);
        VectorMask<Double> upper = u.compare(VectorOperators.GE, SQRT2);
        DoubleVector k = x.broadcast(0.0).blend(1.0, upper);
        DoubleVector f = u.sub(1.0).blend(u.mul(0.5).sub(1.0), upper);
        return log1pTail(x, u, k, f);
    }

    /** KernelMath.log1p's formula, right for x &gt; -1 except -0 and +inf. */
    private static DoubleVector log1pFormula(DoubleVector x) {
        // u = 1 + x = 2^k m, m in [sqrt(2)/2, sqrt(2)): shift the bits so the exponent field rounds at sqrt(2)/2
        DoubleVector u = x.add(1.0);
        LongVector hu = u.reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
        DoubleVector k = hu.lanewise(VectorOperators.LSHR, 52).add(SHIFT_BITS).reinterpretAsDoubles().sub(SHIFT_BIAS);
        DoubleVector f = hu.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0);
        return log1pTail(x, u, k, f);
    }

    /** log1p x from u = 1 + x = 2^k (1 + f): KernelMath.log1p's sum, with the correction c / u. */
    private static DoubleVector log1pTail(DoubleVector x, DoubleVector u, DoubleVector k, DoubleVector f) {
        // c / u = log(1 + x) - log(u) to first order, c = x - (u - 1) exactly
        DoubleVector c = x.sub(u.sub(1.0)).div(u);
        // log(1 + f) = f - h + s (h + s^2 L(s^2)),  s = f / (2 + f),  h = f^2 / 2
        DoubleVector h = f.mul(0.5).mul(f);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector t = s.mul(h.add(z.mul(horner(z, L_BITS)))).add(k.mul(LN2_LO).add(c));
        // log1p x = k ln2_hi + (f - (h - (s (h + R) + (k ln2_lo + c))))
        return k.mul(LN2_HI).add(f.sub(h.sub(t)));
    }

    /**
     * @param x the arguments, &gt; -1; not modified
     * @return log(1 + x) of each lane, equal to {@code KernelMath.log1p(float)} lane by lane
     */
    public static FloatVector log1p(FloatVector x) {
        // +-0 and +inf give themselves, -1 gives -inf, below -1 NaN
        FloatVector y = log1pFormula(x).blend(x, x.eq(0.0f).or(x.eq(Float.POSITIVE_INFINITY)));
        return y.blend(Float.NEGATIVE_INFINITY, x.eq(-1.0f)).blend(Float.NaN, x.lt(-1.0f));
    }

    /**
     * @param z the arguments; not modified
     * @return softplus of each lane, equal to {@code KernelMath.softplus(float)} lane by lane (see
     *         {@link #softplus(DoubleVector)})
     */
    public static FloatVector softplus(FloatVector z) {
        return log1pOfUnit(expOfNonPositive(z.abs().neg())).add(z.max(0.0f));
    }

    /** As {@link #log1pOfUnit(DoubleVector)}, in binary32. */
    private static FloatVector log1pOfUnit(FloatVector x) {
        FloatVector u = x.add(1.0f);
        VectorMask<Float> upper = u.compare(VectorOperators.GE, SQRT2_F);
        FloatVector k = x.broadcast(0.0f).blend(1.0f, upper);
        FloatVector f = u.sub(1.0f).blend(u.mul(0.5f).sub(1.0f), upper);
        return log1pTail(x, u, k, f);
    }

    /** KernelMath.log1p's formula, right for x &gt; -1 except -0 and +inf. */
    private static FloatVector log1pFormula(FloatVector x) {
        // u = 1 + x = 2^k m, m in [sqrt(2)/2, sqrt(2)): shift the bits so the exponent field rounds at sqrt(2)/2
        FloatVector u = x.add(1.0f);
        IntVector hu = u.reinterpretAsInts().add(ONE_BITS_F - SQRT_HALF_BITS_F);
        FloatVector k = hu.lanewise(VectorOperators.LSHR, 23).add(SHIFT_BITS_F).reinterpretAsFloats().sub(SHIFT_BIAS_F);
        FloatVector f = hu.and(MANTISSA_F).add(SQRT_HALF_BITS_F).reinterpretAsFloats().sub(1.0f);
        return log1pTail(x, u, k, f);
    }

    /** log1p x from u = 1 + x = 2^k (1 + f): KernelMath.log1p's sum, with the correction c / u. */
    private static FloatVector log1pTail(FloatVector x, FloatVector u, FloatVector k, FloatVector f) {
        // c / u = log(1 + x) - log(u) to first order, c = x - (u - 1) exactly
        FloatVector c = x.sub(u.sub(1.0f)).div(u);
        // log(1 + f) = f - h + s (h + s^2 L(s^2)),  s = f / (2 + f),  h = f^2 / 2
        FloatVector h = f.mul(0.5f).mul(f);
        FloatVector s = f.div(f.add(2.0f));
        FloatVector z = s.mul(s);
        FloatVector t = s.mul(h.add(z.mul(horner(z, LF_BITS)))).add(k.mul(LN2_LO_F).add(c));
        // log1p x = k ln2_hi + (f - (h - (s (h + R) + (k ln2_lo + c))))
        return k.mul(LN2_HI_F).add(f.sub(h.sub(t)));
    }

    /**
     * @param x the arguments; not modified
     * @return tanh of each lane, equal to {@code KernelMath.tanh(double)} lane by lane
     */
    public static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        // a < 0.625: a + a^3 T(a^2)
        DoubleVector s = a.mul(a);
        DoubleVector small = a.mul(s).fma(horner(s, T_BITS), a);
        // else 1 - 2e / (1 + e),  e = exp(-2a)
        DoubleVector e = expOfNonPositive(a.mul(-2.0));
        DoubleVector t = a.broadcast(1.0).sub(e.add(e).div(e.add(1.0))).blend(small, a.lt(TANH_JOIN));
        // the sign of x (t >= 0; +-0 give themselves): blends, which cost C2 fewer nodes than a copySign
        return t.blend(t.neg(), x.lt(0.0)).blend(x, x.eq(0.0));
    }

    /**
     * @param x the arguments; not modified
     * @return tanh of each lane, equal to {@code KernelMath.tanh(float)} lane by lane
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        // a < 0.625: a + a^3 T(a^2)
        FloatVector s = a.mul(a);
        FloatVector small = a.mul(s).fma(horner(s, TF_BITS), a);
        // else 1 - 2e / (1 + e),  e = exp(-2a)
        FloatVector e = expOfNonPositive(a.mul(-2.0f));
        FloatVector t = a.broadcast(1.0f).sub(e.add(e).div(e.add(1.0f))).blend(small, a.lt(TANH_JOIN_F));
        // the sign of x (t >= 0; +-0 give themselves), as in tanh(DoubleVector)
        return t.blend(t.neg(), x.lt(0.0f)).blend(x, x.eq(0.0f));
    }

    /**
     * @param x the arguments; not modified
     * @return sin of each lane, equal to {@code KernelMath.sin(double)} lane by lane (fast for
     *         |x| &lt;= 2^30; a vector with a lane beyond goes through the scalar code, which takes
     *         {@code StrictMath} there)
     */
    public static DoubleVector sin(DoubleVector x) {
        DoubleVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX).and(a.compare(VectorOperators.LT, Double.POSITIVE_INFINITY))
                .anyTrue()) {
            // never in a healthy net; written out here (no call taking a vector), so that if C2
            // compiles this path, both results are vectors it can merge without boxing
            double[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = KernelMath.sin(v[i]);
            }
            return DoubleVector.fromArray(x.species(), v, 0);
        }
        // sin x = sign(x) sin |x|
        return sinOfQuadrant(a, 0L).lanewise(VectorOperators.XOR, x.reinterpretAsLongs().and(SIGN))
                .reinterpretAsDoubles();
    }

    /**
     * @param x the arguments; not modified
     * @return cos of each lane, equal to {@code KernelMath.cos(double)} lane by lane (fast for
     *         |x| &lt;= 2^30; a vector with a lane beyond goes through the scalar code)
     */
    public static DoubleVector cos(DoubleVector x) {
        DoubleVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX).and(a.compare(VectorOperators.LT, Double.POSITIVE_INFINITY))
                .anyTrue()) {
            // as in sin
            double[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = KernelMath.cos(v[i]);
            }
            return DoubleVector.fromArray(x.species(), v, 0);
        }
        // cos x = cos |x| = sin(|x| + pi/2): one quadrant on
        return sinOfQuadrant(a, 1L).reinterpretAsDoubles();
    }

    /**
     * @param x the arguments; not modified
     * @return sin of each lane, equal to {@code KernelMath.sin(float)} lane by lane (fast for
     *         |x| &lt;= 2^16; a vector with a lane beyond goes through the scalar code)
     */
    public static FloatVector sin(FloatVector x) {
        FloatVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX_F).and(a.compare(VectorOperators.LT, Float.POSITIVE_INFINITY))
                .anyTrue()) {
            // as in sin(DoubleVector)
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = KernelMath.sin(v[i]);
            }
            return FloatVector.fromArray(x.species(), v, 0);
        }
        // sin x = sign(x) sin |x|
        return sinOfQuadrant(a, 0).lanewise(VectorOperators.XOR, x.reinterpretAsInts().and(SIGN_F))
                .reinterpretAsFloats();
    }

    /**
     * @param x the arguments; not modified
     * @return cos of each lane, equal to {@code KernelMath.cos(float)} lane by lane (fast for
     *         |x| &lt;= 2^16; a vector with a lane beyond goes through the scalar code)
     */
    public static FloatVector cos(FloatVector x) {
        FloatVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX_F).and(a.compare(VectorOperators.LT, Float.POSITIVE_INFINITY))
                .anyTrue()) {
            // as in sin(DoubleVector)
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = KernelMath.cos(v[i]);
            }
            return FloatVector.fromArray(x.species(), v, 0);
        }
        // cos x = cos |x| = sin(|x| + pi/2): one quadrant on
        return sinOfQuadrant(a, 1).reinterpretAsFloats();
    }

    /**
     * sin and cos of the same arguments from one reduction, for the sin kernels' backward pass
     * (one call, so that C2 inlines it within its node budget): the lanes of
     * {@link #sin(DoubleVector)} and {@link #cos(DoubleVector)}, bit for bit.
     *
     * @param x      the arguments; not modified
     * @param cos    receives cos x at {@code offset}; modified
     * @param offset where in {@code cos}
     * @return sin x
     */
    static DoubleVector sinStoringCos(DoubleVector x, double[] cos, int offset) {
        DoubleVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX).and(a.compare(VectorOperators.LT, Double.POSITIVE_INFINITY))
                .anyTrue()) {
            // as in sin
            double[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                cos[offset + i] = KernelMath.cos(v[i]);
                v[i] = KernelMath.sin(v[i]);
            }
            return DoubleVector.fromArray(x.species(), v, 0);
        }
        // sin x = sign(x) sin |x|,  cos x = cos |x|
        return sinCosOfQuadrant(a, x.reinterpretAsLongs().and(SIGN), cos, offset);
    }

    /**
     * As {@link #sinStoringCos(DoubleVector, double[], int)}, in binary32.
     *
     * @param x      the arguments; not modified
     * @param cos    receives cos x at {@code offset}; modified
     * @param offset where in {@code cos}
     * @return sin x
     */
    static FloatVector sinStoringCos(FloatVector x, float[] cos, int offset) {
        FloatVector a = x.abs();
        if (a.compare(VectorOperators.GT, TRIG_MAX_F).and(a.compare(VectorOperators.LT, Float.POSITIVE_INFINITY))
                .anyTrue()) {
            // as in sin
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                cos[offset + i] = KernelMath.cos(v[i]);
                v[i] = KernelMath.sin(v[i]);
            }
            return FloatVector.fromArray(x.species(), v, 0);
        }
        // sin x = sign(x) sin |x|,  cos x = cos |x|
        return sinCosOfQuadrant(a, x.reinterpretAsInts().and(SIGN_F), cos, offset);
    }

    /**
     * The bits of sin(a + q0 pi/2), a = |x|: a = n pi/2 + r, then +-sin r or +-cos r by the quadrant
     * n + q0 mod 4, chosen with bit operations on the quadrant.
     */
    private static LongVector sinOfQuadrant(DoubleVector x, long q0) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        DoubleVector k = x.fma(TWO_OVER_PI, SHIFT);
        DoubleVector n = k.sub(SHIFT);
        DoubleVector r = n.fma(x.broadcast(-PIO2_1), x);
        r = n.fma(x.broadcast(-PIO2_2), r);
        r = n.fma(x.broadcast(-PIO2_3), r);
        DoubleVector z = r.mul(r);
        // sin r = r + r^3 S(r^2)
        DoubleVector sin = r.mul(z).fma(horner(z, S_BITS), r);
        // cos r = 1 - z/2 + z^2 C(z), with the rounding error of w = 1 - z/2 added back
        DoubleVector one = x.broadcast(1.0);
        DoubleVector hz = z.mul(0.5);
        DoubleVector w = one.sub(hz);
        DoubleVector cos = w.add(one.sub(w).sub(hz).add(z.mul(z).mul(horner(z, C_BITS))));
        // quadrant q: sin r, cos r, -sin r, -cos r
        LongVector q = k.reinterpretAsLongs().add(q0);
        LongVector odd = q.lanewise(VectorOperators.LSHL, 63).lanewise(VectorOperators.ASHR, 63);
        LongVector bits = cos.reinterpretAsLongs().and(odd).or(sin.reinterpretAsLongs().lanewise(VectorOperators.AND_NOT, odd));
        return bits.lanewise(VectorOperators.XOR, q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63));
    }

    /** sinOfQuadrant's reduction and polynomials once, for sin (quadrant n, sign) and cos (n + 1). */
    private static DoubleVector sinCosOfQuadrant(DoubleVector x, LongVector sign, double[] cosOut, int offset) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        DoubleVector k = x.fma(TWO_OVER_PI, SHIFT);
        DoubleVector n = k.sub(SHIFT);
        DoubleVector r = n.fma(x.broadcast(-PIO2_1), x);
        r = n.fma(x.broadcast(-PIO2_2), r);
        r = n.fma(x.broadcast(-PIO2_3), r);
        DoubleVector z = r.mul(r);
        // sin r = r + r^3 S(r^2)
        DoubleVector sin = r.mul(z).fma(horner(z, S_BITS), r);
        // cos r = 1 - z/2 + z^2 C(z), with the rounding error of w = 1 - z/2 added back
        DoubleVector one = x.broadcast(1.0);
        DoubleVector hz = z.mul(0.5);
        DoubleVector w = one.sub(hz);
        DoubleVector cos = w.add(one.sub(w).sub(hz).add(z.mul(z).mul(horner(z, C_BITS))));
        // quadrant q: sin r, cos r, -sin r, -cos r; cos is one quadrant on
        LongVector q = k.reinterpretAsLongs();
        LongVector sinBits = sin.reinterpretAsLongs();
        LongVector cosBits = cos.reinterpretAsLongs();
        LongVector odd = q.lanewise(VectorOperators.LSHL, 63).lanewise(VectorOperators.ASHR, 63);
        q.add(1L).lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63)
                .lanewise(VectorOperators.XOR, sinBits.and(odd).or(cosBits.lanewise(VectorOperators.AND_NOT, odd)))
                .reinterpretAsDoubles().intoArray(cosOut, offset);
        return q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 63)
                .lanewise(VectorOperators.XOR, cosBits.and(odd).or(sinBits.lanewise(VectorOperators.AND_NOT, odd)))
                .lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
    }

    /** As {@link #sinOfQuadrant(DoubleVector, long)}, in binary32. */
    private static IntVector sinOfQuadrant(FloatVector x, int q0) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        FloatVector k = x.fma(TWO_OVER_PI_F, SHIFT_F);
        FloatVector n = k.sub(SHIFT_F);
        FloatVector r = n.fma(x.broadcast(-PIO2_1_F), x);
        r = n.fma(x.broadcast(-PIO2_2_F), r);
        r = n.fma(x.broadcast(-PIO2_3_F), r);
        FloatVector z = r.mul(r);
        // sin r = r + r^3 S(r^2)
        FloatVector sin = r.mul(z).fma(horner(z, SF_BITS), r);
        // cos r = 1 - z/2 + z^2 C(z)
        FloatVector cos = z.fma(z.fma(horner(z, CF_BITS), x.broadcast(-0.5f)), x.broadcast(1.0f));
        // quadrant q: sin r, cos r, -sin r, -cos r
        IntVector q = k.reinterpretAsInts().add(q0);
        IntVector odd = q.lanewise(VectorOperators.LSHL, 31).lanewise(VectorOperators.ASHR, 31);
        IntVector bits = cos.reinterpretAsInts().and(odd).or(sin.reinterpretAsInts().lanewise(VectorOperators.AND_NOT, odd));
        return bits.lanewise(VectorOperators.XOR, q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 31));
    }

    /** As {@link #sinCosOfQuadrant(DoubleVector, LongVector, double[], int)}, in binary32. */
    private static FloatVector sinCosOfQuadrant(FloatVector x, IntVector sign, float[] cosOut, int offset) {
        // n = round(x 2/pi) (in the low bits of k);  r = x - n pi/2, pi/2 in three parts
        FloatVector k = x.fma(TWO_OVER_PI_F, SHIFT_F);
        FloatVector n = k.sub(SHIFT_F);
        FloatVector r = n.fma(x.broadcast(-PIO2_1_F), x);
        r = n.fma(x.broadcast(-PIO2_2_F), r);
        r = n.fma(x.broadcast(-PIO2_3_F), r);
        FloatVector z = r.mul(r);
        // sin r = r + r^3 S(r^2)
        FloatVector sin = r.mul(z).fma(horner(z, SF_BITS), r);
        // cos r = 1 - z/2 + z^2 C(z)
        FloatVector cos = z.fma(z.fma(horner(z, CF_BITS), x.broadcast(-0.5f)), x.broadcast(1.0f));
        // quadrant q: sin r, cos r, -sin r, -cos r; cos is one quadrant on
        IntVector q = k.reinterpretAsInts();
        IntVector sinBits = sin.reinterpretAsInts();
        IntVector cosBits = cos.reinterpretAsInts();
        IntVector odd = q.lanewise(VectorOperators.LSHL, 31).lanewise(VectorOperators.ASHR, 31);
        q.add(1).lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 31)
                .lanewise(VectorOperators.XOR, sinBits.and(odd).or(cosBits.lanewise(VectorOperators.AND_NOT, odd)))
                .reinterpretAsFloats().intoArray(cosOut, offset);
        return q.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 31)
                .lanewise(VectorOperators.XOR, cosBits.and(odd).or(sinBits.lanewise(VectorOperators.AND_NOT, odd)))
                .lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }

    /**
     * c[0] v^m + c[1] v^(m-1) + ... + c[m] by Horner's rule with fused multiply-adds, as the scalar
     * code evaluates it; a loop, so that C2 parses one step (written out, the steps of erf exceed its
     * node budget for inlining and the vectors get boxed), which it then unrolls.
     */
    private static DoubleVector horner(DoubleVector v, long[] c) {
        DoubleVector p = v.fma(Double.longBitsToDouble(c[0]), Double.longBitsToDouble(c[1]));
        for (int k = 2; k < c.length; k++) {
            p = p.fma(v, v.broadcast(Double.longBitsToDouble(c[k])));
        }
        return p;
    }

    /** As {@link #horner(DoubleVector, long[])}, in binary32. */
    private static FloatVector horner(FloatVector v, int[] c) {
        FloatVector p = v.fma(Float.intBitsToFloat(c[0]), Float.intBitsToFloat(c[1]));
        for (int k = 2; k < c.length; k++) {
            p = p.fma(v, v.broadcast(Float.intBitsToFloat(c[k])));
        }
        return p;
    }

    private static long[] bits(double... c) {
        long[] b = new long[c.length];
        for (int i = 0; i < c.length; i++) {
            b[i] = Double.doubleToRawLongBits(c[i]);
        }
        return b;
    }

    private static int[] bits(float... c) {
        int[] b = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            b[i] = Float.floatToRawIntBits(c[i]);
        }
        return b;
    }
}
