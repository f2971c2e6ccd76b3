package org.rscale.sweeps.kernel;

import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;

/**
 * Trains a res-1 network of the JMLR paper on labelled inputs (SCIENCE 1.2; the reference code's
 * {@code SimpleResNet} with {@code training.fit}): cross-entropy over the classes, Adam with
 * PyTorch's formulas and defaults ({@link Optimiser}), the learning rate given per step (the caller
 * runs the step schedule). Plain Java, float64, single-threaded, feature-major: the batch is the
 * fastest axis.
 *
 * <pre>
 * forward    h_0 = A x;  r_k = relu(h_k);  h_{k+1} = h_k + alpha V_k r_k;  z = B h_L
 * loss       l = mean over the batch of -log softmax(z)_y
 * backward   dz = (softmax(z) - onehot(y)) / n;   dB = dz h_L^T;   g_L = B^T dz
 *            dV_k = alpha g_{k+1} r_k^T;   g_k = g_{k+1} + alpha 1[h_k &gt; 0] (V_k^T g_{k+1})
 *            dA = g_0 x^T
 * update     Adam on A, every V_k (right after its gradient, with the old V_k used for g_k) and B,
 *            one step count t for all
 * </pre>
 *
 * Sums over the batch run as four interleaved partial sums in column order, sums over features in
 * ascending index, each with fused multiply-adds; exp and log are {@link StrictMath}'s: a step gives
 * the same bits on every run. Memory: the parameters and
 * Adam's two moments, O(L d^2), and the relu outputs of every layer, O(L d B).
 *
 * <p><b>When it wins:</b> it is the only training kernel of res-1 (a SIMD twin would vectorise the
 * batch axis as {@code VectorPropagationF64} does; not written).
 */
public final class Res1Training {
    private final int d;
    private final int m;
    private final int classes;
    private final int L;
    private final int cap;
    private final double alpha;

    private final double[] A;
    private final double[] B;
    private final double[] V;
    private final double[] mA;
    private final double[] vA;
    private final double[] mB;
    private final double[] vB;
    private final double[] mV;
    private final double[] vV;

    private final double[] x;
    private final double[] h;
    private final double[] r;
    private final double[] z;
    private final double[] g;
    private final double[] u;
    private final double[] gA;
    private final double[] gB;
    private final double[] gV;
    private long step;

    /**
     * @param initial  a res-1 network; copied
     * @param alpha    the branch scale L^-beta
     * @param maxBatch the largest batch
     */
    public Res1Training(ScaledResNet initial, double alpha, int maxBatch) {
        if (initial.model() != BranchModel.RES_1) {
            throw new IllegalArgumentException("Res1Training trains res-1 networks, not " + initial.model().key());
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + maxBatch);
        }
        this.d = initial.width();
        this.m = initial.inputDim();
        this.classes = initial.outputDim();
        this.L = initial.depth();
        this.cap = maxBatch;
        this.alpha = alpha;
        this.A = initial.A().clone();
        this.B = initial.B().clone();
        this.V = initial.V().clone();
        this.mA = new double[A.length];
        this.vA = new double[A.length];
        this.mB = new double[B.length];
        this.vB = new double[B.length];
        this.mV = new double[V.length];
        this.vV = new double[V.length];
        long relu = (long) L * d * cap;
        if (relu > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("activations of L=" + L + ", d=" + d + ", batch " + cap
                    + " exceed one Java array");
        }
        this.x = new double[m * cap];
        this.h = new double[d * cap];
        this.r = new double[(int) relu];
        this.z = new double[classes * cap];
        this.g = new double[d * cap];
        this.u = new double[d * cap];
        this.gA = new double[A.length];
        this.gB = new double[B.length];
        this.gV = new double[d * d];
    }

    /** @return the current parameters, copied */
    public ScaledResNet parameters() {
        return ScaledResNet.of(BranchModel.RES_1, d, m, classes, L, A.clone(), B.clone(), V.clone(), new double[0]);
    }

    /** @return the Adam steps taken */
    public long steps() {
        return step;
    }

    /**
     * One Adam step on a batch.
     *
     * @param data   the inputs, sample-major (n x m); not modified
     * @param labels the classes, 0..classes-1; not modified
     * @param order  sample indices; not modified
     * @param from   the first position in {@code order} of the batch
     * @param count  the batch size, at most the capacity
     * @param lr     the learning rate of this step
     * @return the batch's mean cross-entropy before the step (NaN or infinite: no step is taken)
     */
    public double trainStep(double[] data, int[] labels, int[] order, int from, int count, double lr) {
        double loss = forwardAndLoss(data, labels, order, from, count, true);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        step++;
        double bc1 = 1 - Math.pow(Optimiser.ADAM_BETA1, step);
        double bc2 = 1 - Math.pow(Optimiser.ADAM_BETA2, step);
        backward(count, lr, bc1, bc2, null);
        return loss;
    }

    /**
     * The loss of a batch and the gradient of every parameter, without a step (for tests).
     *
     * @param data   the inputs; not modified
     * @param labels the classes; not modified
     * @param order  sample indices; not modified
     * @param from   the first position of the batch
     * @param count  the batch size
     * @param gradA  receives dl/dA; modified
     * @param gradB  receives dl/dB; modified
     * @param gradV  receives dl/dV; modified
     * @return the batch's mean cross-entropy
     */
    public double lossAndGradient(double[] data, int[] labels, int[] order, int from, int count, double[] gradA,
                                  double[] gradB, double[] gradV) {
        double loss = forwardAndLoss(data, labels, order, from, count, true);
        backward(count, 0, 1, 1, new double[][] {gradA, gradB, gradV});
        return loss;
    }

    /**
     * Evaluates a set: mean cross-entropy and correct predictions (argmax of the logits, the first on ties).
     *
     * @param data   the inputs, sample-major; not modified
     * @param labels the classes; not modified
     * @param n      the number of samples
     * @return {loss, correct}
     */
    public double[] evaluate(double[] data, int[] labels, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double loss = 0;
        double correct = 0;
        for (int from = 0; from < n; from += cap) {
            int count = Math.min(cap, n - from);
            loss += forwardAndLoss(data, labels, order, from, count, false) * count;
            for (int c = 0; c < count; c++) {
                int best = 0;
                for (int o = 1; o < classes; o++) {
                    if (z[o * cap + c] > z[best * cap + c]) {
                        best = o;
                    }
                }
                correct += best == labels[order[from + c]] ? 1 : 0;
            }
        }
        return new double[] {loss / n, correct};
    }

    /**
     * Gathers the batch, runs the forward pass (keeping r_k), and leaves softmax(z) - onehot(y),
     * divided by the batch size, in z for the backward pass (when {@code forTraining}).
     */
    private double forwardAndLoss(double[] data, int[] labels, int[] order, int from, int count,
                                  boolean forTraining) {
        if (count < 1 || count > cap) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + cap);
        }
        int P = cap;
        for (int c = 0; c < count; c++) {
            int row = order[from + c] * m;
            for (int j = 0; j < m; j++) {
                x[j * P + c] = data[row + j];
            }
        }
        // h_0 = A x
        for (int i = 0; i < d; i++) {
            int o = i * P;
            for (int c = 0; c < count; c++) {
                h[o + c] = 0.0;
            }
            for (int j = 0; j < m; j++) {
                double a = A[i * m + j];
                int xr = j * P;
                for (int c = 0; c < count; c++) {
                    h[o + c] = Math.fma(a, x[xr + c], h[o + c]);
                }
            }
        }
        int size = d * P;
        int dd = d * d;
        for (int k = 0; k < L; k++) {
            int rk = k * size;
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < count; c++) {
                    // r_k = relu(h_k)
                    r[rk + i * P + c] = Math.max(h[i * P + c], 0.0);
                }
            }
            for (int i = 0; i < d; i++) {
                int vr = k * dd + i * d;
                int o = i * P;
                for (int c = 0; c < count; c++) {
                    u[o + c] = 0.0;
                }
                for (int j = 0; j < d; j++) {
                    // s_i = sum_j V_k[i][j] r_k[j]
                    double v = V[vr + j];
                    int rr = rk + j * P;
                    for (int c = 0; c < count; c++) {
                        u[o + c] = Math.fma(v, r[rr + c], u[o + c]);
                    }
                }
                for (int c = 0; c < count; c++) {
                    // h_{k+1} = h_k + alpha s
                    h[o + c] = Math.fma(u[o + c], alpha, h[o + c]);
                }
            }
        }
        // z = B h_L, then the loss and softmax(z) - onehot(y), over n
        double loss = 0;
        for (int c = 0; c < count; c++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < classes; o++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s = Math.fma(B[o * d + i], h[i * P + c], s);
                }
                z[o * P + c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int o = 0; o < classes; o++) {
                sum += StrictMath.exp(z[o * P + c] - max);
            }
            int y = labels[order[from + c]];
            // -log softmax(z)_y = log sum exp(z - max) + max - z_y
            loss += StrictMath.log(sum) + max - z[y * P + c];
            if (forTraining) {
                for (int o = 0; o < classes; o++) {
                    double p = StrictMath.exp(z[o * P + c] - max) / sum;
                    z[o * P + c] = (p - (o == y ? 1 : 0)) / count;
                }
            }
        }
        return loss / count;
    }

    /** The backward pass and the Adam updates (or, with {@code out}, the gradients only). */
    private void backward(int count, double lr, double bc1, double bc2, double[][] out) {
        int P = cap;
        int dd = d * d;
        int size = d * P;
        // dB = dz h_L^T;  g_L = B^T dz
        for (int o = 0; o < classes; o++) {
            for (int i = 0; i < d; i++) {
                gB[o * d + i] = dot(z, o * P, h, i * P, count);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < count; c++) {
                double s = 0;
                for (int o = 0; o < classes; o++) {
                    s = Math.fma(B[o * d + i], z[o * P + c], s);
                }
                g[i * P + c] = s;
            }
        }
        update(B, 0, gB, mB, vB, B.length, lr, bc1, bc2, out == null ? null : out[1]);
        for (int k = L - 1; k >= 0; k--) {
            int rk = k * size;
            int vk = k * dd;
            // dV_k = alpha g r_k^T
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gV[i * d + j] = alpha * dot(g, i * P, r, rk + j * P, count);
                }
            }
            // u = V_k^T g, with the old V_k
            for (int j = 0; j < d; j++) {
                int o = j * P;
                for (int c = 0; c < count; c++) {
                    u[o + c] = 0.0;
                }
                for (int i = 0; i < d; i++) {
                    double v = V[vk + i * d + j];
                    int gr = i * P;
                    for (int c = 0; c < count; c++) {
                        u[o + c] = Math.fma(v, g[gr + c], u[o + c]);
                    }
                }
            }
            for (int p = 0; p < d; p++) {
                int o = p * P;
                int rr = rk + p * P;
                for (int c = 0; c < count; c++) {
                    // g_k = g_{k+1} + alpha 1[h_k > 0] u
                    g[o + c] = r[rr + c] > 0 ? Math.fma(u[o + c], alpha, g[o + c]) : g[o + c];
                }
            }
            if (out == null) {
                update(V, vk, gV, mV, vV, dd, lr, bc1, bc2, null);
            } else {
                System.arraycopy(gV, 0, out[2], vk, dd);
            }
        }
        // dA = g_0 x^T
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                gA[i * m + j] = dot(g, i * P, x, j * P, count);
            }
        }
        update(A, 0, gA, mA, vA, A.length, lr, bc1, bc2, out == null ? null : out[0]);
    }

    /**
     * sum_c a[ao + c] b[bo + c]: four fused partial sums over c = 0, 1, 2, 3 (mod 4) in column order,
     * then ((s0 + s1) + (s2 + s3)) + the tail; four chains hide the latency of the multiply-adds.
     */
    private static double dot(double[] a, int ao, double[] b, int bo, int count) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 4 <= count; c += 4) {
            s0 = Math.fma(a[ao + c], b[bo + c], s0);
            s1 = Math.fma(a[ao + c + 1], b[bo + c + 1], s1);
            s2 = Math.fma(a[ao + c + 2], b[bo + c + 2], s2);
            s3 = Math.fma(a[ao + c + 3], b[bo + c + 3], s3);
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; c < count; c++) {
            s = Math.fma(a[ao + c], b[bo + c], s);
        }
        return s;
    }

    /**
     * PyTorch's Adam on p[off..off+len) with gradient grad[0..len) (or, with {@code out}, copies the
     * gradient there instead).
     */
    private static void update(double[] p, int off, double[] grad, double[] mom, double[] sq, int len, double lr,
                               double bc1, double bc2, double[] out) {
        if (out != null) {
            System.arraycopy(grad, 0, out, off, len);
            return;
        }
        double b1 = Optimiser.ADAM_BETA1;
        double b2 = Optimiser.ADAM_BETA2;
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        for (int i = 0; i < len; i++) {
            double gi = grad[i];
            // m = b1 m + (1-b1) g ;  v = b2 v + (1-b2) g^2
            double mi = b1 * mom[off + i] + (1 - b1) * gi;
            double vi = b2 * sq[off + i] + (1 - b2) * gi * gi;
            mom[off + i] = mi;
            sq[off + i] = vi;
            // p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
            p[off + i] -= stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + Optimiser.EPS);
        }
    }

    /**
     * The bytes an instance holds ({@link #allocatedBytes}), computed before it is made: the parameters A (d x m),
     * B (classes x d) and V (L d^2), each with Adam's two moments; the relu outputs of every layer (L d B); the
     * batch's inputs (m B), states and gradients (3 d B, classes B); the gradients of A, B and one V_k.
     *
     * @param width    d
     * @param inputDim m
     * @param classes  the classes
     * @param depth    L
     * @param maxBatch the largest batch B
     * @return the bytes
     */
    public static long estimatedBytes(int width, int inputDim, int classes, int depth, int maxBatch) {
        long d = width;
        long params = d * inputDim + (long) classes * d + depth * d * d;
        long batch = maxBatch;
        return 8L * (3 * params + inputDim * batch + 3 * d * batch + depth * d * batch + classes * batch
                + d * inputDim + (long) classes * d + d * d);
    }

    /** @return the bytes held: parameters, moments and activations */
    public long allocatedBytes() {
        return 8L * (3L * (A.length + B.length + V.length) + x.length + h.length + r.length + z.length + g.length
                + u.length + gA.length + gB.length + gV.length);
    }
}
