package org.rscale.sweeps.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.kernel.Optimiser;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.math.KernelMathConstants;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * The fused SIMD training kernel in single precision: forward, backward and optimiser update of a
 * layer in one pass over contiguous arrays, on the Vector API ({@code jdk.incubator.vector},
 * {@code SPECIES_PREFERRED}: 8 lanes with AVX-512, 4 with AVX2). Nothing is allocated per step.
 *
 * <p><b>Layout (feature-major).</b> The batch is the vector axis: hidden state h_k of feature i
 * and sample n is at {@code h[(k d + i) P + n]}, where P is the batch capacity rounded up to a
 * multiple of the lane count. Padding columns carry a zero gradient, so they never reach a
 * parameter's gradient. A_k[i][j] is at {@code A[k d^2 + i d + j]} (convention {@code A h}).
 *
 * <p><b>Per layer</b>, with W lanes and the batch in P/W vectors:
 * <pre>
 * forward    z_i = b_i + sum_j A_ij h_j          d^2 P/W fused multiply-adds
 *            a_i = sigma(z_i), h'_i = h_i + delta_k a_i   (cache a, or z for GELU and sin)
 * backward   u_i = delta_k sigma'(z_i) G_i;  dL/d delta_k = sum_i,n G_i a_i
 *            G_j = G_j + sum_i A_ij u_i         d^2 P/W fused multiply-adds
 *            dL/dA_ij = sum_n u_i h_j,  dL/db_i = sum_n u_i   (lane-wise sums, then one reduction)
 *            optimiser update of A_k, b_k (and delta_k) right away, vectorised
 * </pre>
 * tanh, exp, log1p, sin, cos and GELU's erf are {@link VectorMath}'s, built from exactly rounded
 * IEEE operations and equal lane for lane to the scalar {@code KernelMath} and {@code ErrorFunction}
 * that the plain-loop kernels use; not the Vector API's {@code TANH}, {@code EXP}, {@code LOG1P},
 * {@code SIN}, {@code COS}, which run Intel SVML once C2 has compiled a loop and {@code Math} before,
 * so that a rerun of the same cell could differ in the last bits.
 *
 * <p><b>Reproducibility.</b> The same cell on the same machine gives the same bits on every run,
 * however far the JIT has got (tested by {@code VectorKernelReproducibilityTest}). Sums over the
 * batch run lane-wise and are then reduced across lanes,
 * so results depend on the lane count: identical on machines with the same vector width, equal
 * to rounding across widths. The species is recorded in run.json as the kernel's device.
 *
 * <p><b>When it wins:</b> widths up to a few dozen (the paper's 10 and 25): no per-op overhead and
 * SIMD over the batch. Wider nets are BLAS territory (the ND4J kernel).
 */
public final class VectorKernelF32 implements TrainingKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    static {
        // each activation pass compiled alone, so that C2 keeps VectorMath's vectors in registers
        KernelCompilation.keepPassesApart();
    }
    /** log 2, rounded (the shift of the softplus). */
    private static final float LOG2 = 0x1.62e43p-1f;

    private final Activation act;
    private final ScalingFactor scaling;
    private final int L;
    private final int d;
    private final int cap;
    private final int P;
    private final float[] xTrain;
    private final float[] yTrain;
    private final Optimiser opt;

    private final float[] A;
    private final float[] b;
    private final float[] delta;

    private final float[] h;
    private final float[] cache;
    private final float[] gCur;
    private final float[] gNext;
    private final float[] u;
    private final float[] gA;
    private final float[] gb;
    private final float[] gDeltaAll;
    private final float[] yBatch;

    private final float[] mA;
    private final float[] vA;
    private final float[] mb;
    private final float[] vb;
    private final float[] mDelta;
    private final float[] vDelta;
    private long step;

    /**
     * @param initial  the starting parameters; copied
     * @param train    the training set, of the net's width; kept, not copied
     * @param maxBatch the largest batch a step will use
     * @param opt      the optimiser
     */
    public VectorKernelF32(ResidualNet initial, Dataset train, int maxBatch, Optimiser opt) {
        TrainingKernel.requireCompatible(initial, train, maxBatch);
        this.act = initial.activation();
        this.scaling = initial.scaling();
        this.L = initial.depth();
        this.d = initial.dim();
        this.cap = maxBatch;
        this.P = (maxBatch + W - 1) / W * W;
        this.xTrain = toFloat(train.x());
        this.yTrain = toFloat(train.y());
        this.opt = opt;
        this.A = toFloat(initial.A());
        this.b = toFloat(initial.b());
        this.delta = toFloat(initial.delta());
        long states = (long) (L + 1) * d * P;
        if (states > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("activations of L=" + L + ", batch " + maxBatch + ", d=" + d
                    + " exceed one Java array");
        }
        this.h = new float[(int) states];
        this.cache = new float[L * d * P];
        this.gCur = new float[d * P];
        this.gNext = new float[d * P];
        this.u = new float[d * P];
        this.gA = new float[d * d];
        this.gb = new float[d];
        this.gDeltaAll = new float[delta.length];
        this.yBatch = new float[d * P];
        this.mA = opt.needsFirstMoment() ? new float[A.length] : null;
        this.vA = opt.needsSecondMoment() ? new float[A.length] : null;
        this.mb = opt.needsFirstMoment() ? new float[b.length] : null;
        this.vb = opt.needsSecondMoment() ? new float[b.length] : null;
        this.mDelta = opt.needsFirstMoment() ? new float[delta.length] : null;
        this.vDelta = opt.needsSecondMoment() ? new float[delta.length] : null;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String precision() {
        return "float32";
    }

    @Override
    public String device() {
        return "cpu, " + S.vectorBitSize() + "-bit vectors (" + W + " x float32)";
    }

    @Override
    public long allocatedBytes() {
        long n = (long) A.length + b.length + delta.length + h.length + cache.length + gCur.length + gNext.length
                + u.length + gA.length + gb.length + gDeltaAll.length + yBatch.length
                + len(mA) + len(vA) + len(mb) + len(vb) + len(mDelta) + len(vDelta);
        return 4 * n + 8L * (xTrain.length + yTrain.length) / 2;
    }

    private static long len(float[] a) {
        return a == null ? 0 : a.length;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] toDouble(float[] v) {
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
        }
        return x;
    }

    /** The factor of layer k in the forward pass (see {@link ScalingFactor#effective}), in float. */
    private float effectiveDelta(int k) {
        switch (scaling) {
            case NONE: return 1f;
            case SHARED: return Math.abs(delta[0]);
            case PER_LAYER: return delta[k];
            case FIXED: return delta[0];
            default: throw new AssertionError(scaling);
        }
    }

    @Override
    public ResidualNet parameters() {
        return ResidualNet.of(act, scaling, L, d, toDouble(A), toDouble(b), toDouble(delta));
    }

    @Override
    public double trainStep(int[] order, int from, int count) {
        return run(order, from, count, true, null, null, null);
    }

    @Override
    public double lossAndGradient(int[] order, int from, int count, double[] gAOut, double[] gbOut,
                                  double[] gDeltaOut) {
        if (gAOut.length != A.length || gbOut.length != b.length || gDeltaOut.length != delta.length) {
            throw new IllegalArgumentException("gradient arrays must match the parameter shapes");
        }
        return run(order, from, count, false, gAOut, gbOut, gDeltaOut);
    }

    @Override
    public double loss(Dataset data) {
        TrainingKernel.requireWidth(data, d);
        double sum = 0;
        double[] x = data.x();
        double[] y = data.y();
        for (int start = 0; start < data.n(); start += cap) {
            int count = Math.min(cap, data.n() - start);
            gatherRange(x, start, count, h, 0);
            forward();
            int top = L * d * P;
            for (int i = 0; i < d; i++) {
                int row = top + i * P;
                for (int n = 0; n < count; n++) {
                    double e = h[row + n] - y[(start + n) * d + i];
                    sum += e * e;
                }
            }
        }
        return sum / ((double) data.n() * d);
    }

    private double run(int[] order, int from, int count, boolean update, double[] gAOut, double[] gbOut,
                       double[] gDeltaOut) {
        if (count < 1 || count > cap) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + cap);
        }
        gather(xTrain, order, from, count, h, 0);
        gather(yTrain, order, from, count, yBatch, 0);
        forward();

        // loss = sum (h_L - y)^2 / (B d);  G_L = 2 (h_L - y) / (B d), zero in the padding columns
        int top = L * d * P;
        float scale = (float) (2.0 / ((double) count * d));
        double loss = 0;
        float[] g = gCur;
        for (int i = 0; i < d; i++) {
            int row = i * P;
            for (int n = 0; n < count; n++) {
                float e = h[top + row + n] - yBatch[row + n];
                // the loss is summed in double: it is reported, not back-propagated
                loss += (double) e * e;
                g[row + n] = scale * e;
            }
            for (int n = count; n < P; n++) {
                g[row + n] = 0f;
            }
        }
        loss /= (double) count * d;
        if (!Double.isFinite(loss)) {
            return loss;
        }
        if (update) {
            step++;
        }
        double bc1 = 1 - Math.pow(Optimiser.ADAM_BETA1, step);
        double bc2 = 1 - Math.pow(Optimiser.ADAM_BETA2, step);
        java.util.Arrays.fill(gDeltaAll, 0f);
        float[] gPrev = gNext;
        int dd = d * d;
        for (int k = L - 1; k >= 0; k--) {
            float dk = effectiveDelta(k);
            int hOff = k * d * P;
            int cOff = k * d * P;
            int aOff = k * dd;
            // u = dk sigma'(z) G ;  dLoss/d delta_k = sum G a   (one loop per activation: no merged vector values)
            float gDelta = slopes(g, cOff, dk);
            propagate(g, gPrev, aOff);
            weightGradients(hOff);
            if (update) {
                apply(A, aOff, gA, dd, mA, vA, bc1, bc2);
                apply(b, k * d, gb, d, mb, vb, bc1, bc2);
            } else {
                for (int i = 0; i < dd; i++) {
                    gAOut[aOff + i] = gA[i];
                }
                for (int i = 0; i < d; i++) {
                    gbOut[k * d + i] = gb[i];
                }
            }
            if (scaling == ScalingFactor.PER_LAYER) {
                gDeltaAll[k] = gDelta;
            } else if (scaling == ScalingFactor.SHARED) {
                gDeltaAll[0] += gDelta;
            }
            float[] t = g;
            g = gPrev;
            gPrev = t;
        }
        if (scaling == ScalingFactor.SHARED) {
            // the forward pass uses |delta|: d|delta|/d delta = sign(delta) (0 at 0, as torch.abs)
            gDeltaAll[0] *= Math.signum(delta[0]);
        }
        if (update) {
            if (scaling.trainable()) {
                applyScalar(delta, 0, gDeltaAll, delta.length, mDelta, vDelta, bc1, bc2);
            }
        } else {
            for (int i = 0; i < delta.length; i++) {
                gDeltaOut[i] = gDeltaAll[i];
            }
        }
        return loss;
    }

    /** G_prev_j = G_j + sum_i A_ij u_i, for every feature j and lane block. */
    private void propagate(float[] g, float[] gPrev, int aOff) {
        for (int j = 0; j < d; j++) {
            int row = j * P;
            for (int n = 0; n < P; n += W) {
                FloatVector acc = FloatVector.fromArray(S, g, row + n);
                for (int i = 0; i < d; i++) {
                    acc = FloatVector.fromArray(S, u, i * P + n).fma(FloatVector.broadcast(S, A[aOff + i * d + j]), acc);
                }
                acc.intoArray(gPrev, row + n);
            }
        }
    }

    /** dLoss/dA_ij = sum_n u_i h_j and dLoss/db_i = sum_n u_i into gA, gb. */
    private void weightGradients(int hOff) {
        for (int i = 0; i < d; i++) {
            int uRow = i * P;
            FloatVector sumU = FloatVector.zero(S);
            for (int n = 0; n < P; n += W) {
                sumU = sumU.add(FloatVector.fromArray(S, u, uRow + n));
            }
            gb[i] = sumU.reduceLanes(VectorOperators.ADD);
            for (int j = 0; j < d; j++) {
                int hRow = hOff + j * P;
                FloatVector acc = FloatVector.zero(S);
                for (int n = 0; n < P; n += W) {
                    acc = FloatVector.fromArray(S, u, uRow + n).fma(FloatVector.fromArray(S, h, hRow + n), acc);
                }
                gA[i * d + j] = acc.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k) for every layer; the batch is in h_0. */
    private void forward() {
        for (int k = 0; k < L; k++) {
            forwardLayer(k);
        }
    }

    /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k) for one layer. */
    private void forwardLayer(int k) {
        int dd = d * d;
        {
            float dk = effectiveDelta(k);
            int hIn = k * d * P;
            int hOut = hIn + d * P;
            int cOff = k * d * P;
            int aOff = k * dd;
            int bOff = k * d;
            switch (act) {
                case RELU:
                    forwardRelu(hIn, hOut, cOff, aOff, bOff, dk);
                    break;
                case LINEAR:
                    forwardLinear(hIn, hOut, cOff, aOff, bOff, dk);
                    break;
                default:
                    // tanh, softplus, GELU, sin: z into the cache, then the activation in a pass of its own
                    preActivations(hIn, cOff, aOff, bOff);
                    activate(hIn, hOut, cOff, dk);
            }
        }
    }

    private void forwardRelu(int hIn, int hOut, int cOff, int aOff, int bOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < P; n += W) {
                FloatVector a = preActivation(hIn, aOff + i * d, bOff + i, n).max(0f);
                store(a, a, dkV, hIn, hOut, cOff, i * P + n);
            }
        }
    }

    private void forwardLinear(int hIn, int hOut, int cOff, int aOff, int bOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < P; n += W) {
                FloatVector a = preActivation(hIn, aOff + i * d, bOff + i, n);
                store(a, a, dkV, hIn, hOut, cOff, i * P + n);
            }
        }
    }

    /**
     * sigma over the layer's cache of pre-activations (tanh, the shifted softplus, GELU, sin) and
     * h_{k+1} = h_k + delta_k sigma(z); the cache then keeps a = sigma(z) for tanh and the softplus
     * (sigma' is a function of a), z for GELU and sin. Each activation has a pass of its own, which
     * C2 must compile alone (see {@link KernelCompilation}): merged with the matrix product or with
     * another activation's pass, the special function's code exceeds C2's node budget for
     * inlining, and VectorMath's vectors get boxed.
     */
    private void activate(int hIn, int hOut, int cOff, float dk) {
        switch (act) {
            case TANH:
                activateTanh(hIn, hOut, cOff, dk);
                break;
            case SHIFTED_SOFTPLUS:
                activateSoftplus(hIn, hOut, cOff, dk);
                break;
            case GELU:
                activateGelu(hIn, hOut, cOff, dk);
                break;
            case SIN:
                activateSin(hIn, hOut, cOff, dk);
                break;
            default:
                throw new AssertionError(act);
        }
    }

    /** a = tanh z over the layer's cache, cached; h' = h + delta_k a. */
    private void activateTanh(int hIn, int hOut, int cOff, float dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = tanh z, cached;  h' = h + delta_k a
            FloatVector a = VectorMath.tanh(FloatVector.fromArray(S, cache, cOff + p));
            a.intoArray(cache, cOff + p);
            a.fma(FloatVector.broadcast(S, dk), FloatVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** a = log(1 + e^z) - log 2 over the layer's cache, cached; h' = h + delta_k a. */
    private void activateSoftplus(int hIn, int hOut, int cOff, float dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = log(1 + e^z) - log 2 = log1p(e^{-|z|}) + max(z, 0) - log 2, cached;  h' = h + delta_k a
            FloatVector a = VectorMath.softplus(FloatVector.fromArray(S, cache, cOff + p)).sub(LOG2);
            a.intoArray(cache, cOff + p);
            a.fma(FloatVector.broadcast(S, dk), FloatVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** h' = h + delta_k gelu(z) over the layer's cache, which keeps z. */
    private void activateGelu(int hIn, int hOut, int cOff, float dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = z * 0.5 * (1 + erf(z / sqrt 2)), as ErrorFunction.gelu;  h' = h + delta_k a (z stays cached)
            FloatVector a = VectorMath.gelu(FloatVector.fromArray(S, cache, cOff + p));
            a.fma(FloatVector.broadcast(S, dk), FloatVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** h' = h + delta_k sin z over the layer's cache, which keeps z. */
    private void activateSin(int hIn, int hOut, int cOff, float dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = sin z;  h' = h + delta_k a (z stays cached)
            FloatVector a = VectorMath.sin(FloatVector.fromArray(S, cache, cOff + p));
            a.fma(FloatVector.broadcast(S, dk), FloatVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** z = A_k h_k + b_k for every feature and lane block, into the cache. */
    private void preActivations(int hIn, int cOff, int aOff, int bOff) {
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < P; n += W) {
                preActivation(hIn, aOff + i * d, bOff + i, n).intoArray(cache, cOff + i * P + n);
            }
        }
    }

    /** z = b_i + sum_j A_ij h_j on lanes [n, n + W) of layer input {@code hIn}. */
    private FloatVector preActivation(int hIn, int aRow, int bIndex, int n) {
        FloatVector z = FloatVector.broadcast(S, b[bIndex]);
        for (int j = 0; j < d; j++) {
            z = FloatVector.fromArray(S, h, hIn + j * P + n).fma(FloatVector.broadcast(S, A[aRow + j]), z);
        }
        return z;
    }

    /** Caches {@code cached} and writes h' = h + delta_k a at position {@code pos} of the layer. */
    private void store(FloatVector a, FloatVector cached, FloatVector dkV, int hIn, int hOut, int cOff, int pos) {
        cached.intoArray(cache, cOff + pos);
        a.fma(dkV, FloatVector.fromArray(S, h, hIn + pos)).intoArray(h, hOut + pos);
    }

    /**
     * From the cache of one layer and G = dLoss/dh_{k+1}: u = delta_k sigma'(z) G into {@code u}; a
     * method per activation, each compiled alone (see {@link KernelCompilation}).
     *
     * @return dLoss/d delta_k = sum G sigma(z)
     */
    private float slopes(float[] g, int cOff, float dk) {
        switch (act) {
            case TANH:
                return slopesTanh(g, cOff, dk);
            case RELU:
                return slopesRelu(g, cOff, dk);
            case LINEAR:
                return slopesLinear(g, cOff, dk);
            case SHIFTED_SOFTPLUS:
                return slopesSoftplus(g, cOff, dk);
            case GELU:
                return slopesGelu(g, cOff, dk);
            case SIN:
                return slopesSin(g, cOff, dk);
            default:
                throw new AssertionError(act);
        }
    }

    private float slopesTanh(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            FloatVector a = FloatVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigma' = 1 - a^2
            a.neg().fma(a, one).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float slopesRelu(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            FloatVector a = FloatVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigma' = [a > 0]
            gv.mul(dkV).blend(0f, a.compare(VectorOperators.LE, 0f)).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float slopesLinear(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            acc = gv.fma(FloatVector.fromArray(S, cache, cOff + p), acc);
            gv.mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float slopesSoftplus(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            FloatVector a = FloatVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigmoid(z) = 1 - e^{-a}/2
            VectorMath.exp(a.neg()).mul(-0.5f).add(one).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float slopesGelu(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            FloatVector z = FloatVector.fromArray(S, cache, cOff + p);
            FloatVector e = VectorMath.geluExp(z);
            // w = z / sqrt 2;  1 + erf w, from e = exp(-w^2)
            FloatVector w = z.mul(KernelMathConstants.INV_SQRT2_F);
            FloatVector erf = VectorMath.erf(w, w.abs(), e).add(1f);
            // sigma = z * 0.5 * (1 + erf w), as ErrorFunction.gelu
            acc = gv.fma(z.mul(0.5f).mul(erf), acc);
            // sigma' = Phi(z) + z phi(z) = 0.5 (1 + erf w) + z (e / sqrt(2 pi)), as ErrorFunction.geluSlope
            erf.mul(0.5f).add(z.mul(e.mul(KernelMathConstants.INV_SQRT_2PI_F))).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float slopesSin(float[] g, int cOff, float dk) {
        FloatVector dkV = FloatVector.broadcast(S, dk);
        int size = d * P;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < size; p += W) {
            FloatVector gv = FloatVector.fromArray(S, g, p);
            // sin z, and cos z into u (one reduction: one call for C2 to inline)
            acc = gv.fma(VectorMath.sinStoringCos(FloatVector.fromArray(S, cache, cOff + p), u, p), acc);
            // sigma' = cos z
            FloatVector.fromArray(S, u, p).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }







    /** Feature-major copy of samples order[from..from+count) of {@code src} (n x d) into {@code dst}; padding zeroed. */
    private void gather(float[] src, int[] order, int from, int count, float[] dst, int off) {
        for (int n = 0; n < count; n++) {
            int s = order[from + n] * d;
            for (int i = 0; i < d; i++) {
                dst[off + i * P + n] = src[s + i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int n = count; n < P; n++) {
                dst[off + i * P + n] = 0f;
            }
        }
    }

    private void gatherRange(double[] src, int start, int count, float[] dst, int off) {
        for (int n = 0; n < count; n++) {
            int s = (start + n) * d;
            for (int i = 0; i < d; i++) {
                dst[off + i * P + n] = (float) src[s + i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int n = count; n < P; n++) {
                dst[off + i * P + n] = 0f;
            }
        }
    }

    /**
     * The optimiser update of p[off .. off+len) with gradient g[0 .. len), vectorised with a scalar
     * tail, in float as PyTorch's float32 optimisers: the bias corrections are computed in double
     * and rounded to float once.
     */
    private void apply(float[] p, int off, float[] g, int len, float[] m, float[] v, double bc1, double bc2) {
        int bound = S.loopBound(len);
        float lr = (float) opt.lr();
        switch (opt.kind()) {
            case ADAM: {
                float b1 = (float) Optimiser.ADAM_BETA1;
                float b2 = (float) Optimiser.ADAM_BETA2;
                float stepSize = (float) (opt.lr() / bc1);
                float sqrtBc2 = (float) Math.sqrt(bc2);
                float eps = (float) Optimiser.EPS;
                for (int i = 0; i < bound; i += W) {
                    FloatVector gi = FloatVector.fromArray(S, g, i);
                    // m = b1 m + (1-b1) g ;  v = b2 v + (1-b2) g^2
                    FloatVector mi = FloatVector.fromArray(S, m, off + i).mul(b1).add(gi.mul(1 - b1));
                    FloatVector vi = FloatVector.fromArray(S, v, off + i).mul(b2).add(gi.mul(1 - b2).mul(gi));
                    mi.intoArray(m, off + i);
                    vi.intoArray(v, off + i);
                    // p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
                    FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBc2).add(eps);
                    FloatVector.fromArray(S, p, off + i).sub(mi.mul(stepSize).div(denom)).intoArray(p, off + i);
                }
                break;
            }
            case RMSPROP: {
                float a = (float) Optimiser.RMSPROP_ALPHA;
                float eps = (float) Optimiser.EPS;
                for (int i = 0; i < bound; i += W) {
                    FloatVector gi = FloatVector.fromArray(S, g, i);
                    // v = a v + (1-a) g^2 ;  p -= lr g / (sqrt(v) + eps)
                    FloatVector vi = FloatVector.fromArray(S, v, off + i).mul(a).add(gi.mul(1 - a).mul(gi));
                    vi.intoArray(v, off + i);
                    FloatVector denom = vi.lanewise(VectorOperators.SQRT).add(eps);
                    FloatVector.fromArray(S, p, off + i).sub(gi.mul(lr).div(denom)).intoArray(p, off + i);
                }
                break;
            }
            case SGD: {
                float mu = (float) opt.momentum();
                if (mu == 0) {
                    for (int i = 0; i < bound; i += W) {
                        // p -= lr g
                        FloatVector.fromArray(S, p, off + i).sub(FloatVector.fromArray(S, g, i).mul(lr)).intoArray(p, off + i);
                    }
                } else {
                    // buf = g on the first step (0 m on the zeroed buffer), then mu buf + g ;  p -= lr buf
                    float muNow = step == 1 ? 0f : mu;
                    for (int i = 0; i < bound; i += W) {
                        FloatVector buf = FloatVector.fromArray(S, m, off + i).mul(muNow).add(FloatVector.fromArray(S, g, i));
                        buf.intoArray(m, off + i);
                        FloatVector.fromArray(S, p, off + i).sub(buf.mul(lr)).intoArray(p, off + i);
                    }
                }
                break;
            }
            default:
                throw new AssertionError(opt.kind());
        }
        applyScalarFrom(p, off, g, bound, len, m, v, bc1, bc2);
    }

    private void applyScalar(float[] p, int off, float[] g, int len, float[] m, float[] v, double bc1, double bc2) {
        applyScalarFrom(p, off, g, 0, len, m, v, bc1, bc2);
    }

    /** The scalar optimiser update of entries [from, len), the same float arithmetic as {@link #apply}. */
    private void applyScalarFrom(float[] p, int off, float[] g, int from, int len, float[] m, float[] v,
                                 double bc1, double bc2) {
        float lr = (float) opt.lr();
        float b1 = (float) Optimiser.ADAM_BETA1;
        float b2 = (float) Optimiser.ADAM_BETA2;
        float a = (float) Optimiser.RMSPROP_ALPHA;
        float eps = (float) Optimiser.EPS;
        float stepSize = (float) (opt.lr() / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float mu = (float) opt.momentum();
        for (int i = from; i < len; i++) {
            float gi = g[i];
            switch (opt.kind()) {
                case ADAM: {
                    float mi = b1 * m[off + i] + (1 - b1) * gi;
                    float vi = b2 * v[off + i] + (1 - b2) * gi * gi;
                    m[off + i] = mi;
                    v[off + i] = vi;
                    p[off + i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps);
                    break;
                }
                case RMSPROP: {
                    float vi = a * v[off + i] + (1 - a) * gi * gi;
                    v[off + i] = vi;
                    p[off + i] -= lr * gi / ((float) Math.sqrt(vi) + eps);
                    break;
                }
                case SGD: {
                    float buf = gi;
                    if (mu != 0) {
                        buf = step == 1 ? gi : mu * m[off + i] + gi;
                        m[off + i] = buf;
                    }
                    p[off + i] -= lr * buf;
                    break;
                }
                default:
                    throw new AssertionError(opt.kind());
            }
        }
    }
}
