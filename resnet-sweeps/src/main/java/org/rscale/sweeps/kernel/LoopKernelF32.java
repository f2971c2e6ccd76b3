package org.rscale.sweeps.kernel;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.math.ErrorFunction;
import org.rscale.sweeps.math.KernelMath;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * The plain-Java training kernel in single precision (the portable fallback of the SIMD float32
 * kernel, which needs {@code jdk.incubator.vector}): forward, backward and optimiser update in
 * indexed loops over flat row-major arrays, with the update of layer k fused into the backward
 * pass right after its gradient is complete.
 *
 * <p><b>When it wins:</b> at the paper's widths (d = 10 or 25, batch 32) a layer costs about
 * 20 kFLOP per step, far below the 10-40 us overhead of one ND4J op; this kernel has no per-op
 * overhead. From width ~64 (batch 32) BLAS through ND4J is faster.
 *
 * <p><b>Layout.</b> A_k[i][j] at {@code A[k d^2 + i d + j]} (convention {@code A h}); hidden states
 * h_k of sample n at {@code h[(k B + n) d ..]} for the batch capacity B; the backward cache holds
 * a = sigma(z) when sigma' is a function of a ({@link Activation#cachesOutput()}), else z.
 * Memory: parameters and optimiser state O(L d^2), activations O(B L d).
 *
 * <p><b>Backward pass</b> of layer k, with G = dLoss/dh_{k+1} per sample:
 * <pre>
 *   s = sigma'(z_k),  u = delta_k s * G                 (componentwise)
 *   dLoss/dh_k      = G + A_k^T u
 *   dLoss/dA_k[i][j] = sum_n u[n][i] h_k[n][j]          dLoss/db_k[i] = sum_n u[n][i]
 *   dLoss/d delta_k = sum_n sum_i G[n][i] a[n][i]       (per-layer; shared: sign(delta) times the sum over k)
 * </pre>
 * The loss is the mean squared error over the batch and the d outputs, so G at the top is
 * {@code 2 (h_L - y) / (B d)}.
 *
 * <p>sigma and sigma' are {@link KernelMath}'s and {@link ErrorFunction}'s in binary32, built
 * from exactly rounded operations: the same functions, lane for lane, as the SIMD float32
 * kernel's, and reproducible from run to run.
 */
public final class LoopKernelF32 implements TrainingKernel {
    private final Activation act;
    private final ScalingFactor scaling;
    private final int L;
    private final int d;
    private final int maxBatch;
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
    private final float[] aBuf;
    private final float[] gA;
    private final float[] gb;

    private final float[] mA;
    private final float[] vA;
    private final float[] mb;
    private final float[] vb;
    private final float[] mDelta;
    private final float[] vDelta;
    private final float[] gDeltaAll;
    private long step;

    /**
     * @param initial  the starting parameters; copied
     * @param train    the training set, of the net's width; kept, not copied
     * @param maxBatch the largest batch a step will use
     * @param opt      the optimiser
     */
    public LoopKernelF32(ResidualNet initial, Dataset train, int maxBatch, Optimiser opt) {
        TrainingKernel.requireCompatible(initial, train, maxBatch);
        this.act = initial.activation();
        this.scaling = initial.scaling();
        this.L = initial.depth();
        this.d = initial.dim();
        this.maxBatch = maxBatch;
        this.opt = opt;
        this.A = toFloat(initial.A());
        this.b = toFloat(initial.b());
        this.delta = toFloat(initial.delta());
        this.xTrain = toFloat(train.x());
        this.yTrain = toFloat(train.y());
        long stateSize = (long) (L + 1) * maxBatch * d;
        if (stateSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("activations of L=" + L + ", batch " + maxBatch + ", d=" + d
                    + " exceed one Java array");
        }
        this.h = new float[(int) stateSize];
        this.cache = new float[L * maxBatch * d];
        this.gCur = new float[maxBatch * d];
        this.gNext = new float[maxBatch * d];
        this.u = new float[maxBatch * d];
        this.aBuf = new float[maxBatch * d];
        this.gA = new float[d * d];
        this.gb = new float[d];
        this.mA = opt.needsFirstMoment() ? new float[A.length] : null;
        this.vA = opt.needsSecondMoment() ? new float[A.length] : null;
        this.mb = opt.needsFirstMoment() ? new float[b.length] : null;
        this.vb = opt.needsSecondMoment() ? new float[b.length] : null;
        this.mDelta = opt.needsFirstMoment() ? new float[delta.length] : null;
        this.vDelta = opt.needsSecondMoment() ? new float[delta.length] : null;
        this.gDeltaAll = new float[delta.length];
    }

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public String precision() {
        return "float32";
    }

    @Override
    public double trainStep(int[] order, int from, int count) {
        return run(order, from, count, true, null, null, null);
    }

    @Override
    public double lossAndGradient(int[] order, int from, int count, double[] gAOut, double[] gbOut, double[] gDeltaOut) {
        if (gAOut.length != A.length || gbOut.length != b.length || gDeltaOut.length != delta.length) {
            throw new IllegalArgumentException("gradient arrays must match the parameter shapes");
        }
        return run(order, from, count, false, gAOut, gbOut, gDeltaOut);
    }

    @Override
    public double loss(Dataset data) {
        TrainingKernel.requireWidth(data, d);
        double sum = 0;
        for (int start = 0; start < data.n(); start += maxBatch) {
            int count = Math.min(maxBatch, data.n() - start);
            double[] xs = data.x();
            for (int i = 0; i < count * d; i++) {
                h[i] = (float) xs[start * d + i];
            }
            forward(count);
            int top = L * maxBatch * d;
            double[] y = data.y();
            int yOff = start * d;
            for (int i = 0; i < count * d; i++) {
                double e = h[top + i] - y[yOff + i];
                sum += e * e;
            }
        }
        return sum / ((double) data.n() * d);
    }

    @Override
    public long allocatedBytes() {
        long n = (long) A.length + b.length + delta.length + h.length + cache.length + gCur.length + gNext.length
                + u.length + aBuf.length + gA.length + gb.length + gDeltaAll.length;
        n += len(mA) + len(vA) + len(mb) + len(vb) + len(mDelta) + len(vDelta);
        return 4 * (n + xTrain.length + yTrain.length);
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

    private double run(int[] order, int from, int count, boolean update, double[] gAOut, double[] gbOut,
                       double[] gDeltaOut) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch);
        }
        float[] x = xTrain;
        float[] y = yTrain;
        for (int n = 0; n < count; n++) {
            System.arraycopy(x, order[from + n] * d, h, n * d, d);
        }
        forward(count);

        // loss = sum (h_L - y)^2 / (B d);  G_L = 2 (h_L - y) / (B d)
        int top = L * maxBatch * d;
        float scale = (float) (2.0 / ((double) count * d));
        double loss = 0;
        for (int n = 0; n < count; n++) {
            int yOff = order[from + n] * d;
            for (int i = 0; i < d; i++) {
                float e = h[top + n * d + i] - y[yOff + i];
                // the loss is summed in double: it is reported, not back-propagated
                loss += (double) e * e;
                gCur[n * d + i] = scale * e;
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
        float[] g = gCur;
        float[] gPrev = gNext;
        int bd = count * d;
        for (int k = L - 1; k >= 0; k--) {
            float dk = effectiveDelta(k);
            int cOff = k * maxBatch * d;
            int hOff = k * maxBatch * d;
            int aOff = k * d * d;
            // a = sigma(z_k) into aBuf, s = sigma'(z_k) into u (overwritten by u = dk s G below)
            outputAndSlope(cOff, bd);
            // dLoss/d delta_k = sum G a ;  u = dk s G
            float gDelta = 0;
            for (int i = 0; i < bd; i++) {
                gDelta += g[i] * aBuf[i];
                u[i] = dk * u[i] * g[i];
            }
            // dLoss/dh_k = G + A_k^T u
            for (int n = 0; n < count; n++) {
                int r = n * d;
                for (int j = 0; j < d; j++) {
                    gPrev[r + j] = g[r + j];
                }
                for (int i = 0; i < d; i++) {
                    float ui = u[r + i];
                    int row = aOff + i * d;
                    for (int j = 0; j < d; j++) {
                        gPrev[r + j] += A[row + j] * ui;
                    }
                }
            }
            // dLoss/dA_k = sum_n u_n h_n^T ;  dLoss/db_k = sum_n u_n
            java.util.Arrays.fill(gA, 0f);
            java.util.Arrays.fill(gb, 0f);
            for (int n = 0; n < count; n++) {
                int r = n * d;
                int hr = hOff + r;
                for (int i = 0; i < d; i++) {
                    float ui = u[r + i];
                    gb[i] += ui;
                    int row = i * d;
                    for (int j = 0; j < d; j++) {
                        gA[row + j] += ui * h[hr + j];
                    }
                }
            }
            if (update) {
                apply(A, aOff, gA, 0, d * d, mA, vA, bc1, bc2);
                apply(b, k * d, gb, 0, d, mb, vb, bc1, bc2);
            } else {
                for (int i = 0; i < d * d; i++) {
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
                apply(delta, 0, gDeltaAll, 0, delta.length, mDelta, vDelta, bc1, bc2);
            }
        } else {
            for (int i = 0; i < delta.length; i++) {
                gDeltaOut[i] = gDeltaAll[i];
            }
        }
        return loss;
    }

    /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k) for k = 0..L-1, batch of {@code count} in h_0. */
    private void forward(int count) {
        int bd = count * d;
        for (int k = 0; k < L; k++) {
            float dk = effectiveDelta(k);
            int hIn = k * maxBatch * d;
            int hOut = hIn + maxBatch * d;
            int cOff = k * maxBatch * d;
            int aOff = k * d * d;
            int bOff = k * d;
            // z = A_k h + b_k, into the cache
            for (int n = 0; n < count; n++) {
                int r = hIn + n * d;
                int c = cOff + n * d;
                for (int i = 0; i < d; i++) {
                    float z = b[bOff + i];
                    int row = aOff + i * d;
                    for (int j = 0; j < d; j++) {
                        z += A[row + j] * h[r + j];
                    }
                    cache[c + i] = z;
                }
            }
            // h_{k+1} = h_k + delta_k sigma(z); the cache keeps a = sigma(z) where sigma' is a function of a
            applyActivation(cOff, bd, dk, hIn, hOut);
        }
    }

    private void applyActivation(int cOff, int bd, float dk, int hIn, int hOut) {
        switch (act) {
            case TANH:
                for (int i = 0; i < bd; i++) {
                    float a = KernelMath.tanh(cache[cOff + i]);
                    cache[cOff + i] = a;
                    h[hOut + i] = h[hIn + i] + dk * a;
                }
                break;
            case RELU:
                for (int i = 0; i < bd; i++) {
                    float a = Math.max(cache[cOff + i], 0f);
                    cache[cOff + i] = a;
                    h[hOut + i] = h[hIn + i] + dk * a;
                }
                break;
            case LINEAR:
                for (int i = 0; i < bd; i++) {
                    h[hOut + i] = h[hIn + i] + dk * cache[cOff + i];
                }
                break;
            case SHIFTED_SOFTPLUS:
                for (int i = 0; i < bd; i++) {
                    // log(1 + e^z) - log 2, as the SIMD kernel
                    float z = cache[cOff + i];
                    float a = KernelMath.softplus(z) - LOG2;
                    cache[cOff + i] = a;
                    h[hOut + i] = h[hIn + i] + dk * a;
                }
                break;
            case GELU:
                for (int i = 0; i < bd; i++) {
                    h[hOut + i] = h[hIn + i] + dk * ErrorFunction.gelu(cache[cOff + i]);
                }
                break;
            case SIN:
                for (int i = 0; i < bd; i++) {
                    h[hOut + i] = h[hIn + i] + dk * KernelMath.sin(cache[cOff + i]);
                }
                break;
            default:
                throw new AssertionError(act);
        }
    }

    /** From the cache of one layer: a = sigma(z) into aBuf, s = sigma'(z) into u. */
    private void outputAndSlope(int cOff, int bd) {
        switch (act) {
            case TANH:
                for (int i = 0; i < bd; i++) {
                    float a = cache[cOff + i];
                    aBuf[i] = a;
                    u[i] = 1 - a * a;
                }
                break;
            case RELU:
                for (int i = 0; i < bd; i++) {
                    float a = cache[cOff + i];
                    aBuf[i] = a;
                    u[i] = a > 0 ? 1f : 0f;
                }
                break;
            case LINEAR:
                for (int i = 0; i < bd; i++) {
                    aBuf[i] = cache[cOff + i];
                    u[i] = 1f;
                }
                break;
            case SHIFTED_SOFTPLUS:
                for (int i = 0; i < bd; i++) {
                    float a = cache[cOff + i];
                    aBuf[i] = a;
                    // sigmoid(z) = 1 - e^{-a}/2
                    u[i] = 1f - 0.5f * KernelMath.exp(-a);
                }
                break;
            case GELU:
                for (int i = 0; i < bd; i++) {
                    // z Phi(z) and Phi(z) + z phi(z)
                    float z = cache[cOff + i];
                    aBuf[i] = ErrorFunction.gelu(z);
                    u[i] = ErrorFunction.geluSlope(z);
                }
                break;
            case SIN:
                for (int i = 0; i < bd; i++) {
                    float z = cache[cOff + i];
                    aBuf[i] = KernelMath.sin(z);
                    u[i] = KernelMath.cos(z);
                }
                break;
            default:
                throw new AssertionError(act);
        }
    }

    /** log 2, rounded (the shift of the softplus). */
    private static final float LOG2 = 0x1.62e43p-1f;

    /**
     * The optimiser update of p[off .. off+len) with gradient g[gOff ..] (see {@link Optimiser}), in
     * float as PyTorch's float32 optimisers: the bias corrections are computed in double and rounded
     * to float once.
     */
    private void apply(float[] p, int off, float[] g, int gOff, int len, float[] m, float[] v,
                       double bc1, double bc2) {
        float lr = (float) opt.lr();
        switch (opt.kind()) {
            case ADAM: {
                float b1 = (float) Optimiser.ADAM_BETA1;
                float b2 = (float) Optimiser.ADAM_BETA2;
                float eps = (float) Optimiser.EPS;
                float stepSize = (float) (opt.lr() / bc1);
                float sqrtBc2 = (float) Math.sqrt(bc2);
                for (int i = 0; i < len; i++) {
                    float gi = g[gOff + i];
                    // m = b1 m + (1-b1) g ;  v = b2 v + (1-b2) g^2
                    float mi = b1 * m[off + i] + (1 - b1) * gi;
                    float vi = b2 * v[off + i] + (1 - b2) * gi * gi;
                    m[off + i] = mi;
                    v[off + i] = vi;
                    // p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
                    p[off + i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps);
                }
                break;
            }
            case RMSPROP: {
                float a = (float) Optimiser.RMSPROP_ALPHA;
                float eps = (float) Optimiser.EPS;
                for (int i = 0; i < len; i++) {
                    float gi = g[gOff + i];
                    // v = a v + (1-a) g^2 ;  p -= lr g / (sqrt(v) + eps)
                    float vi = a * v[off + i] + (1 - a) * gi * gi;
                    v[off + i] = vi;
                    p[off + i] -= lr * gi / ((float) Math.sqrt(vi) + eps);
                }
                break;
            }
            case SGD: {
                float mu = (float) opt.momentum();
                if (mu == 0) {
                    for (int i = 0; i < len; i++) {
                        p[off + i] -= lr * g[gOff + i];
                    }
                } else {
                    boolean first = step == 1;
                    for (int i = 0; i < len; i++) {
                        // buf = g on the first step, then mu buf + g ;  p -= lr buf
                        float buf = first ? g[gOff + i] : mu * m[off + i] + g[gOff + i];
                        m[off + i] = buf;
                        p[off + i] -= lr * buf;
                    }
                }
                break;
            }
            default:
                throw new AssertionError(opt.kind());
        }
    }
}
