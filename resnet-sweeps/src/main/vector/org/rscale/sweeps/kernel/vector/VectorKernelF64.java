package org.rscale.sweeps.kernel.vector;

import jdk.incubator.vector.DoubleVector;
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
 * The fused SIMD training kernel in double precision: forward, backward and optimiser update of a
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
public final class VectorKernelF64 implements TrainingKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    static {
        // each activation pass compiled alone, so that C2 keeps VectorMath's vectors in registers
        KernelCompilation.keepPassesApart();
    }
    /** log 2, rounded (the shift of the softplus). */
    private static final double LOG2 = 0x1.62e42fefa39efp-1;

    private final Activation act;
    private final ScalingFactor scaling;
    private final int L;
    private final int d;
    private final int cap;
    private final int P;
    private final Dataset train;
    private final Optimiser opt;

    private final double[] A;
    private final double[] b;
    private final double[] delta;

    private final double[] h;
    private final double[] cache;
    private final double[] gCur;
    private final double[] gNext;
    private final double[] u;
    private final double[] gA;
    private final double[] gb;
    private final double[] gDeltaAll;
    private final double[] yBatch;

    private final double[] mA;
    private final double[] vA;
    private final double[] mb;
    private final double[] vb;
    private final double[] mDelta;
    private final double[] vDelta;
    private long step;

    /**
     * @param initial  the starting parameters; copied
     * @param train    the training set, of the net's width; kept, not copied
     * @param maxBatch the largest batch a step will use
     * @param opt      the optimiser
     */
    public VectorKernelF64(ResidualNet initial, Dataset train, int maxBatch, Optimiser opt) {
        TrainingKernel.requireCompatible(initial, train, maxBatch);
        this.act = initial.activation();
        this.scaling = initial.scaling();
        this.L = initial.depth();
        this.d = initial.dim();
        this.cap = maxBatch;
        this.P = (maxBatch + W - 1) / W * W;
        this.train = train;
        this.opt = opt;
        this.A = initial.A().clone();
        this.b = initial.b().clone();
        this.delta = initial.delta().clone();
        long states = (long) (L + 1) * d * P;
        if (states > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("activations of L=" + L + ", batch " + maxBatch + ", d=" + d
                    + " exceed one Java array");
        }
        this.h = new double[(int) states];
        this.cache = new double[L * d * P];
        this.gCur = new double[d * P];
        this.gNext = new double[d * P];
        this.u = new double[d * P];
        this.gA = new double[d * d];
        this.gb = new double[d];
        this.gDeltaAll = new double[delta.length];
        this.yBatch = new double[d * P];
        this.mA = opt.needsFirstMoment() ? new double[A.length] : null;
        this.vA = opt.needsSecondMoment() ? new double[A.length] : null;
        this.mb = opt.needsFirstMoment() ? new double[b.length] : null;
        this.vb = opt.needsSecondMoment() ? new double[b.length] : null;
        this.mDelta = opt.needsFirstMoment() ? new double[delta.length] : null;
        this.vDelta = opt.needsSecondMoment() ? new double[delta.length] : null;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String precision() {
        return "float64";
    }

    @Override
    public String device() {
        return "cpu, " + S.vectorBitSize() + "-bit vectors (" + W + " x float64)";
    }

    @Override
    public long allocatedBytes() {
        long n = (long) A.length + b.length + delta.length + h.length + cache.length + gCur.length + gNext.length
                + u.length + gA.length + gb.length + gDeltaAll.length + yBatch.length
                + len(mA) + len(vA) + len(mb) + len(vb) + len(mDelta) + len(vDelta);
        return 8 * n;
    }

    private static long len(double[] a) {
        return a == null ? 0 : a.length;
    }

    @Override
    public ResidualNet parameters() {
        return ResidualNet.of(act, scaling, L, d, A.clone(), b.clone(), delta.clone());
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
        gather(train.x(), order, from, count, h, 0);
        gather(train.y(), order, from, count, yBatch, 0);
        forward();

        // loss = sum (h_L - y)^2 / (B d);  G_L = 2 (h_L - y) / (B d), zero in the padding columns
        int top = L * d * P;
        double scale = 2.0 / ((double) count * d);
        double loss = 0;
        double[] g = gCur;
        for (int i = 0; i < d; i++) {
            int row = i * P;
            for (int n = 0; n < count; n++) {
                double e = h[top + row + n] - yBatch[row + n];
                loss += e * e;
                g[row + n] = scale * e;
            }
            for (int n = count; n < P; n++) {
                g[row + n] = 0.0;
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
        java.util.Arrays.fill(gDeltaAll, 0.0);
        double[] gPrev = gNext;
        int dd = d * d;
        for (int k = L - 1; k >= 0; k--) {
            double dk = scaling.effective(delta, k);
            int hOff = k * d * P;
            int cOff = k * d * P;
            int aOff = k * dd;
            // u = dk sigma'(z) G ;  dLoss/d delta_k = sum G a   (one loop per activation: no merged vector values)
            double gDelta = slopes(g, cOff, dk);
            propagate(g, gPrev, aOff);
            weightGradients(hOff);
            if (update) {
                apply(A, aOff, gA, dd, mA, vA, bc1, bc2);
                apply(b, k * d, gb, d, mb, vb, bc1, bc2);
            } else {
                System.arraycopy(gA, 0, gAOut, aOff, dd);
                System.arraycopy(gb, 0, gbOut, k * d, d);
            }
            if (scaling == ScalingFactor.PER_LAYER) {
                gDeltaAll[k] = gDelta;
            } else if (scaling == ScalingFactor.SHARED) {
                gDeltaAll[0] += gDelta;
            }
            double[] t = g;
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
            System.arraycopy(gDeltaAll, 0, gDeltaOut, 0, delta.length);
        }
        return loss;
    }

    /** G_prev_j = G_j + sum_i A_ij u_i, for every feature j and lane block. */
    private void propagate(double[] g, double[] gPrev, int aOff) {
        for (int j = 0; j < d; j++) {
            int row = j * P;
            for (int n = 0; n < P; n += W) {
                DoubleVector acc = DoubleVector.fromArray(S, g, row + n);
                for (int i = 0; i < d; i++) {
                    acc = DoubleVector.fromArray(S, u, i * P + n).fma(DoubleVector.broadcast(S, A[aOff + i * d + j]), acc);
                }
                acc.intoArray(gPrev, row + n);
            }
        }
    }

    /** dLoss/dA_ij = sum_n u_i h_j and dLoss/db_i = sum_n u_i into gA, gb. */
    private void weightGradients(int hOff) {
        for (int i = 0; i < d; i++) {
            int uRow = i * P;
            DoubleVector sumU = DoubleVector.zero(S);
            for (int n = 0; n < P; n += W) {
                sumU = sumU.add(DoubleVector.fromArray(S, u, uRow + n));
            }
            gb[i] = sumU.reduceLanes(VectorOperators.ADD);
            for (int j = 0; j < d; j++) {
                int hRow = hOff + j * P;
                DoubleVector acc = DoubleVector.zero(S);
                for (int n = 0; n < P; n += W) {
                    acc = DoubleVector.fromArray(S, u, uRow + n).fma(DoubleVector.fromArray(S, h, hRow + n), acc);
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
            double dk = scaling.effective(delta, k);
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

    private void forwardRelu(int hIn, int hOut, int cOff, int aOff, int bOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < P; n += W) {
                DoubleVector a = preActivation(hIn, aOff + i * d, bOff + i, n).max(0.0);
                store(a, a, dkV, hIn, hOut, cOff, i * P + n);
            }
        }
    }

    private void forwardLinear(int hIn, int hOut, int cOff, int aOff, int bOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < P; n += W) {
                DoubleVector a = preActivation(hIn, aOff + i * d, bOff + i, n);
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
    private void activate(int hIn, int hOut, int cOff, double dk) {
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
    private void activateTanh(int hIn, int hOut, int cOff, double dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = tanh z, cached;  h' = h + delta_k a
            DoubleVector a = VectorMath.tanh(DoubleVector.fromArray(S, cache, cOff + p));
            a.intoArray(cache, cOff + p);
            a.fma(DoubleVector.broadcast(S, dk), DoubleVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** a = log(1 + e^z) - log 2 over the layer's cache, cached; h' = h + delta_k a. */
    private void activateSoftplus(int hIn, int hOut, int cOff, double dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = log(1 + e^z) - log 2 = log1p(e^{-|z|}) + max(z, 0) - log 2, cached;  h' = h + delta_k a
            DoubleVector a = VectorMath.softplus(DoubleVector.fromArray(S, cache, cOff + p)).sub(LOG2);
            a.intoArray(cache, cOff + p);
            a.fma(DoubleVector.broadcast(S, dk), DoubleVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** h' = h + delta_k gelu(z) over the layer's cache, which keeps z. */
    private void activateGelu(int hIn, int hOut, int cOff, double dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = z * 0.5 * (1 + erf(z / sqrt 2)), as ErrorFunction.gelu;  h' = h + delta_k a (z stays cached)
            DoubleVector a = VectorMath.gelu(DoubleVector.fromArray(S, cache, cOff + p));
            a.fma(DoubleVector.broadcast(S, dk), DoubleVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
        }
    }

    /** h' = h + delta_k sin z over the layer's cache, which keeps z. */
    private void activateSin(int hIn, int hOut, int cOff, double dk) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            // a = sin z;  h' = h + delta_k a (z stays cached)
            DoubleVector a = VectorMath.sin(DoubleVector.fromArray(S, cache, cOff + p));
            a.fma(DoubleVector.broadcast(S, dk), DoubleVector.fromArray(S, h, hIn + p)).intoArray(h, hOut + p);
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
    private DoubleVector preActivation(int hIn, int aRow, int bIndex, int n) {
        DoubleVector z = DoubleVector.broadcast(S, b[bIndex]);
        for (int j = 0; j < d; j++) {
            z = DoubleVector.fromArray(S, h, hIn + j * P + n).fma(DoubleVector.broadcast(S, A[aRow + j]), z);
        }
        return z;
    }

    /** Caches {@code cached} and writes h' = h + delta_k a at position {@code pos} of the layer. */
    private void store(DoubleVector a, DoubleVector cached, DoubleVector dkV, int hIn, int hOut, int cOff, int pos) {
        cached.intoArray(cache, cOff + pos);
        a.fma(dkV, DoubleVector.fromArray(S, h, hIn + pos)).intoArray(h, hOut + pos);
    }

    /**
     * From the cache of one layer and G = dLoss/dh_{k+1}: u = delta_k sigma'(z) G into {@code u}; a
     * method per activation, each compiled alone (see {@link KernelCompilation}).
     *
     * @return dLoss/d delta_k = sum G sigma(z)
     */
    private double slopes(double[] g, int cOff, double dk) {
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

    private double slopesTanh(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            DoubleVector a = DoubleVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigma' = 1 - a^2
            a.neg().fma(a, one).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private double slopesRelu(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            DoubleVector a = DoubleVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigma' = [a > 0]
            gv.mul(dkV).blend(0.0, a.compare(VectorOperators.LE, 0.0)).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private double slopesLinear(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            acc = gv.fma(DoubleVector.fromArray(S, cache, cOff + p), acc);
            gv.mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private double slopesSoftplus(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            DoubleVector a = DoubleVector.fromArray(S, cache, cOff + p);
            acc = gv.fma(a, acc);
            // sigmoid(z) = 1 - e^{-a}/2
            VectorMath.exp(a.neg()).mul(-0.5).add(one).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private double slopesGelu(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            DoubleVector z = DoubleVector.fromArray(S, cache, cOff + p);
            DoubleVector e = VectorMath.geluExp(z);
            // w = z / sqrt 2;  1 + erf w, from e = exp(-w^2)
            DoubleVector w = z.mul(KernelMathConstants.INV_SQRT2);
            DoubleVector erf = VectorMath.erf(w, w.abs(), e).add(1.0);
            // sigma = z * 0.5 * (1 + erf w), as ErrorFunction.gelu
            acc = gv.fma(z.mul(0.5).mul(erf), acc);
            // sigma' = Phi(z) + z phi(z) = 0.5 (1 + erf w) + z (e / sqrt(2 pi)), as ErrorFunction.geluSlope
            erf.mul(0.5).add(z.mul(e.mul(KernelMathConstants.INV_SQRT_2PI))).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private double slopesSin(double[] g, int cOff, double dk) {
        DoubleVector dkV = DoubleVector.broadcast(S, dk);
        int size = d * P;
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            DoubleVector gv = DoubleVector.fromArray(S, g, p);
            // sin z, and cos z into u (one reduction: one call for C2 to inline)
            acc = gv.fma(VectorMath.sinStoringCos(DoubleVector.fromArray(S, cache, cOff + p), u, p), acc);
            // sigma' = cos z
            DoubleVector.fromArray(S, u, p).mul(gv).mul(dkV).intoArray(u, p);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }







    /** Feature-major copy of samples order[from..from+count) of {@code src} (n x d) into {@code dst}; padding zeroed. */
    private void gather(double[] src, int[] order, int from, int count, double[] dst, int off) {
        for (int n = 0; n < count; n++) {
            int s = order[from + n] * d;
            for (int i = 0; i < d; i++) {
                dst[off + i * P + n] = src[s + i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int n = count; n < P; n++) {
                dst[off + i * P + n] = 0.0;
            }
        }
    }

    private void gatherRange(double[] src, int start, int count, double[] dst, int off) {
        for (int n = 0; n < count; n++) {
            int s = (start + n) * d;
            for (int i = 0; i < d; i++) {
                dst[off + i * P + n] = src[s + i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int n = count; n < P; n++) {
                dst[off + i * P + n] = 0.0;
            }
        }
    }

    /** The optimiser update of p[off .. off+len) with gradient g[0 .. len), vectorised with a scalar tail. */
    private void apply(double[] p, int off, double[] g, int len, double[] m, double[] v, double bc1, double bc2) {
        int bound = S.loopBound(len);
        double lr = opt.lr();
        switch (opt.kind()) {
            case ADAM: {
                double b1 = Optimiser.ADAM_BETA1;
                double b2 = Optimiser.ADAM_BETA2;
                double stepSize = lr / bc1;
                double sqrtBc2 = Math.sqrt(bc2);
                for (int i = 0; i < bound; i += W) {
                    DoubleVector gi = DoubleVector.fromArray(S, g, i);
                    // m = b1 m + (1-b1) g ;  v = b2 v + (1-b2) g^2   (same operation order as the scalar kernels)
                    DoubleVector mi = DoubleVector.fromArray(S, m, off + i).mul(b1).add(gi.mul(1 - b1));
                    DoubleVector vi = DoubleVector.fromArray(S, v, off + i).mul(b2).add(gi.mul(1 - b2).mul(gi));
                    mi.intoArray(m, off + i);
                    vi.intoArray(v, off + i);
                    // p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
                    DoubleVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBc2).add(Optimiser.EPS);
                    DoubleVector.fromArray(S, p, off + i).sub(mi.mul(stepSize).div(denom)).intoArray(p, off + i);
                }
                break;
            }
            case RMSPROP: {
                double a = Optimiser.RMSPROP_ALPHA;
                for (int i = 0; i < bound; i += W) {
                    DoubleVector gi = DoubleVector.fromArray(S, g, i);
                    // v = a v + (1-a) g^2 ;  p -= lr g / (sqrt(v) + eps)
                    DoubleVector vi = DoubleVector.fromArray(S, v, off + i).mul(a).add(gi.mul(1 - a).mul(gi));
                    vi.intoArray(v, off + i);
                    DoubleVector denom = vi.lanewise(VectorOperators.SQRT).add(Optimiser.EPS);
                    DoubleVector.fromArray(S, p, off + i).sub(gi.mul(lr).div(denom)).intoArray(p, off + i);
                }
                break;
            }
            case SGD: {
                double mu = opt.momentum();
                if (mu == 0) {
                    for (int i = 0; i < bound; i += W) {
                        // p -= lr g
                        DoubleVector.fromArray(S, p, off + i).sub(DoubleVector.fromArray(S, g, i).mul(lr)).intoArray(p, off + i);
                    }
                } else {
                    // buf = g on the first step (mu 0 m = 0 on the zeroed buffer), then mu buf + g ;  p -= lr buf
                    double muNow = step == 1 ? 0.0 : mu;
                    for (int i = 0; i < bound; i += W) {
                        DoubleVector buf = DoubleVector.fromArray(S, m, off + i).mul(muNow).add(DoubleVector.fromArray(S, g, i));
                        buf.intoArray(m, off + i);
                        DoubleVector.fromArray(S, p, off + i).sub(buf.mul(lr)).intoArray(p, off + i);
                    }
                }
                break;
            }
            default:
                throw new AssertionError(opt.kind());
        }
        applyScalarFrom(p, off, g, bound, len, m, v, bc1, bc2);
    }

    private void applyScalar(double[] p, int off, double[] g, int len, double[] m, double[] v, double bc1, double bc2) {
        applyScalarFrom(p, off, g, 0, len, m, v, bc1, bc2);
    }

    /** The scalar optimiser update of entries [from, len), the formulas of {@link Optimiser}. */
    private void applyScalarFrom(double[] p, int off, double[] g, int from, int len, double[] m, double[] v,
                                 double bc1, double bc2) {
        double lr = opt.lr();
        for (int i = from; i < len; i++) {
            double gi = g[i];
            switch (opt.kind()) {
                case ADAM: {
                    double mi = Optimiser.ADAM_BETA1 * m[off + i] + (1 - Optimiser.ADAM_BETA1) * gi;
                    double vi = Optimiser.ADAM_BETA2 * v[off + i] + (1 - Optimiser.ADAM_BETA2) * gi * gi;
                    m[off + i] = mi;
                    v[off + i] = vi;
                    p[off + i] -= lr / bc1 * mi / (Math.sqrt(vi) / Math.sqrt(bc2) + Optimiser.EPS);
                    break;
                }
                case RMSPROP: {
                    double vi = Optimiser.RMSPROP_ALPHA * v[off + i] + (1 - Optimiser.RMSPROP_ALPHA) * gi * gi;
                    v[off + i] = vi;
                    p[off + i] -= lr * gi / (Math.sqrt(vi) + Optimiser.EPS);
                    break;
                }
                case SGD: {
                    double buf = gi;
                    if (opt.momentum() != 0) {
                        buf = step == 1 ? gi : opt.momentum() * m[off + i] + gi;
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
