package org.rscale.sweeps.kernel;

import java.lang.reflect.InvocationTargetException;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;

/**
 * Pushes many inputs through a res-1 / res-3 network at initialisation and back, for several branch
 * scales alpha = L^-beta at once, and returns the four ratios of the JMLR initialisation study
 * (SCIENCE 1.2): the same weights serve every beta, as in the paper.
 *
 * <pre>
 * forward   h_0 = A x;  h_{k+1} = h_k + alpha V_k r_k,  r_k = relu(z_k),
 *           z_k = W_k h_k (res-3) or h_k (res-1);  F = B h_L
 * loss      l = ||F - y||^2,  g_L = dl/dh_L = 2 B^T (F - y)
 * backward  u_k = 1[z_k &gt; 0] (V_k^T g_{k+1})
 *           g_k = g_{k+1} + alpha W_k^T u_k (res-3),  g_{k+1} + alpha u_k (res-1)
 * ratios    output_ratio    = ||h_L|| / ||h_0||       output_change   = ||h_L - h_0|| / ||h_0||
 *           gradient_ratio  = ||g_0|| / ||g_L||       gradient_change = ||g_L - g_0|| / ||g_L||
 * </pre>
 *
 * relu(NaN) is NaN (as {@code torch.relu}), relu'(z) = 1[z &gt; 0] (0 at 0 and for NaN, as PyTorch's
 * threshold backward). Overflow is a result: infinities and NaN go into the ratios as they come.
 * Norms are Euclidean, computed with scaling (as LAPACK's {@code dnrm2}), so that a finite vector
 * has a finite norm however large its entries.
 *
 * <p><b>Layout (feature-major).</b> Columns are (alpha, input) pairs, {@code c = a * inputs + n};
 * the hidden state of feature i in column c is {@code h[i P + c]}, P the columns of a chunk rounded
 * up to the kernel's lane count; padding columns carry x = 0 and alpha = 0. Columns are
 * independent, so they are processed in chunks whose masks (the signs 1[z_k &gt; 0] of every layer,
 * L d P booleans, kept for the backward pass) stay within {@link #MASK_BUDGET} bytes.
 *
 * <p><b>Matrix products.</b> Every product {@code out[r][c] = sum_q M[r][q] X[q][c]} accumulates
 * fused multiply-adds from 0 in ascending q, in every implementation, so {@code loop} and
 * {@code vector} give the same bits (tested). Per layer: res-3 4 d^2 P multiply-adds, res-1 2 d^2 P.
 *
 * <p>An instance owns its workspaces, grown for the largest shape seen; not thread-safe (one per
 * worker thread).
 */
public abstract class InitPropagation {
    /** The largest mask array of one chunk, in bytes (one byte per boolean). */
    public static final long MASK_BUDGET = 64L << 20;

    private final int lanes;
    private final long maskBudget;

    /** d, L, the chunk's padded column count P, and res-3 or not, of the current propagation. */
    protected int d;
    /** L of the current propagation. */
    protected int L;
    /** Columns of the current chunk, padded to the lane count. */
    protected int P;
    /** Whether the current network is res-3. */
    protected boolean res3;
    /** The current hidden state, d x P; during the backward pass the gradient g. */
    protected double[] h = new double[0];
    /** Scratch d x P (relu outputs, masked products). */
    protected double[] r = new double[0];
    /** Scratch d x P (branch outputs). */
    protected double[] s = new double[0];
    /** alpha of every column, P values (0 in padding). */
    protected double[] alpha = new double[0];
    /** 1[z_k &gt; 0] for every layer, feature and column: {@code masks[(k d + i) P + c]}. */
    protected boolean[] masks = new boolean[0];

    private double[] h0 = new double[0];
    private double[] hL = new double[0];
    private double[] gL = new double[0];
    private double[] ax = new double[0];
    private double[] dF = new double[0];

    /**
     * @param lanes      the SIMD width P is rounded up to (1 for scalar code)
     * @param maskBudget the largest mask array of one chunk in bytes ({@link #MASK_BUDGET}; tests use less)
     */
    protected InitPropagation(int lanes, long maskBudget) {
        if (lanes < 1 || maskBudget < 1) {
            throw new IllegalArgumentException("lanes and the mask budget must be positive, got " + lanes + ", "
                    + maskBudget);
        }
        this.lanes = lanes;
        this.maskBudget = maskBudget;
    }

    /** @return {@code loop} or {@code vector} */
    public abstract String name();

    /** @return where it computes, e.g. {@code cpu, 512-bit vectors (8 x float64)} */
    public abstract String device();

    /**
     * The forward pass over every layer: h holds h_0 on entry and h_L on return; every layer's
     * mask 1[z_k &gt; 0] goes to {@link #masks}.
     *
     * @param V the V_k, layer-major; not modified
     * @param W the W_k (res-3), layer-major; not modified
     */
    protected abstract void forward(double[] V, double[] W);

    /**
     * The backward pass over every layer: h holds g_L on entry and g_0 on return.
     *
     * @param V the V_k; not modified
     * @param W the W_k (res-3); not modified
     */
    protected abstract void backward(double[] V, double[] W);

    /**
     * Chooses a kernel.
     *
     * @param kernel {@code auto} (vector when this JVM has the Vector API, else loop), {@code loop} or {@code vector}
     * @return a new instance
     * @throws InvalidInputException for an unknown or unavailable kernel
     */
    public static InitPropagation create(String kernel) {
        switch (kernel) {
            case "auto":
                return create(KernelFactory.vectorAvailable() ? "vector" : "loop");
            case "loop":
                return new LoopPropagationF64();
            case "vector":
                if (!KernelFactory.vectorAvailable()) {
                    throw new InvalidInputException("setting 'kernel' is 'vector', but this JVM runs without "
                            + KernelFactory.VECTOR_MODULE + " (start it with --add-modules "
                            + KernelFactory.VECTOR_MODULE + ", as the rscale launcher does, or use kernel=loop)");
                }
                return reflect("org.rscale.sweeps.kernel.vector.VectorPropagationF64");
            default:
                throw new InvalidInputException("setting 'kernel' has no value '" + kernel
                        + "' (expected auto, loop or vector)");
        }
    }

    private static InitPropagation reflect(String className) {
        try {
            return (InitPropagation) Class.forName(className).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot create " + className + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + className + " (" + e + ")", e);
        }
    }

    /**
     * The columns of one chunk: at most {@code budget} mask bytes, a multiple of the lanes.
     *
     * @param depth  L
     * @param width  d
     * @param lanes  the lane count
     * @param budget the mask bytes allowed
     * @return the largest chunk, at least {@code lanes}
     */
    public static int chunkColumns(int depth, int width, int lanes, long budget) {
        long perColumn = (long) depth * width;
        long columns = Math.max(lanes, budget / perColumn / lanes * lanes);
        return (int) Math.min(columns, (Integer.MAX_VALUE - 8) / perColumn / lanes * lanes);
    }

    /**
     * Propagates {@code inputs} inputs forward and back for every alpha; outputs are indexed by
     * column {@code c = a * inputs + n}.
     *
     * @param net            the network; not modified
     * @param x              the inputs, {@code inputs x m} row-major; not modified
     * @param y              the targets, {@code inputs x outputDim} row-major; not modified
     * @param inputs         the number of inputs n, at least 1
     * @param alphas         the branch scales; not modified
     * @param outputRatio    receives ||h_L|| / ||h_0||; at least alphas x inputs long; modified
     * @param outputChange   receives ||h_L - h_0|| / ||h_0||; modified
     * @param gradientRatio  receives ||g_0|| / ||g_L||; modified
     * @param gradientChange receives ||g_L - g_0|| / ||g_L||; modified
     */
    public final void propagate(ScaledResNet net, double[] x, double[] y, int inputs, double[] alphas,
                                double[] outputRatio, double[] outputChange, double[] gradientRatio,
                                double[] gradientChange) {
        int columns = inputs * alphas.length;
        if (inputs < 1 || x.length != inputs * net.inputDim() || y.length != inputs * net.outputDim()) {
            throw new IllegalArgumentException("need inputs >= 1 with x of inputs x " + net.inputDim()
                    + " and y of inputs x " + net.outputDim() + " values; got inputs " + inputs + ", x " + x.length
                    + ", y " + y.length);
        }
        if (outputRatio.length < columns || outputChange.length < columns || gradientRatio.length < columns
                || gradientChange.length < columns) {
            throw new IllegalArgumentException("output arrays must hold alphas x inputs = " + columns + " values");
        }
        d = net.width();
        L = net.depth();
        res3 = net.model() == BranchModel.RES_3;
        inputLayer(net, x, inputs);
        int chunk = chunkColumns(L, d, lanes, maskBudget);
        for (int c0 = 0; c0 < columns; c0 += chunk) {
            int n = Math.min(chunk, columns - c0);
            P = (n + lanes - 1) / lanes * lanes;
            ensureCapacity();
            load(net, inputs, alphas, c0, n);
            System.arraycopy(h, 0, h0, 0, d * P);
            forward(net.V(), net.W());
            System.arraycopy(h, 0, hL, 0, d * P);
            outputGradient(net, y, inputs, c0, n);
            System.arraycopy(h, 0, gL, 0, d * P);
            backward(net.V(), net.W());
            for (int c = 0; c < n; c++) {
                double norm0 = distance(h0, null, c);
                outputRatio[c0 + c] = distance(hL, null, c) / norm0;
                outputChange[c0 + c] = distance(hL, h0, c) / norm0;
                double normL = distance(gL, null, c);
                gradientRatio[c0 + c] = distance(h, null, c) / normL;
                gradientChange[c0 + c] = distance(gL, h, c) / normL;
            }
        }
    }

    /** A x_n for every input: {@code ax[i inputs + n]}, sums in ascending j. */
    private void inputLayer(ScaledResNet net, double[] x, int inputs) {
        int m = net.inputDim();
        if (ax.length < d * inputs) {
            ax = new double[d * inputs];
        }
        double[] A = net.A();
        for (int i = 0; i < d; i++) {
            for (int n = 0; n < inputs; n++) {
                // (A x_n)_i = sum_j A_ij x_nj
                double acc = 0;
                for (int j = 0; j < m; j++) {
                    acc = Math.fma(A[i * m + j], x[n * m + j], acc);
                }
                ax[i * inputs + n] = acc;
            }
        }
    }

    /** h = h_0 and alpha for the chunk's columns c0..c0+n-1; padding columns zero. */
    private void load(ScaledResNet net, int inputs, double[] alphas, int c0, int n) {
        for (int c = 0; c < P; c++) {
            alpha[c] = c < n ? alphas[(c0 + c) / inputs] : 0.0;
        }
        for (int i = 0; i < d; i++) {
            int row = i * P;
            for (int c = 0; c < P; c++) {
                h[row + c] = c < n ? ax[i * inputs + (c0 + c) % inputs] : 0.0;
            }
        }
    }

    /** F = B h_L and h = g_L = 2 B^T (F - y) for the chunk's columns (zero in padding). */
    private void outputGradient(ScaledResNet net, double[] y, int inputs, int c0, int n) {
        int outputs = net.outputDim();
        double[] B = net.B();
        if (dF.length < outputs) {
            dF = new double[outputs];
        }
        for (int c = 0; c < P; c++) {
            if (c >= n) {
                for (int i = 0; i < d; i++) {
                    h[i * P + c] = 0.0;
                }
                continue;
            }
            int input = (c0 + c) % inputs;
            for (int o = 0; o < outputs; o++) {
                // dl/dF_o = 2 (F_o - y_o),  F_o = sum_i B_oi h_L,i
                double F = 0;
                for (int i = 0; i < d; i++) {
                    F = Math.fma(B[o * d + i], hL[i * P + c], F);
                }
                dF[o] = 2 * (F - y[input * outputs + o]);
            }
            for (int i = 0; i < d; i++) {
                // g_L,i = sum_o B_oi dl/dF_o
                double g = 0;
                for (int o = 0; o < outputs; o++) {
                    g = Math.fma(B[o * d + i], dF[o], g);
                }
                h[i * P + c] = g;
            }
        }
    }

    /**
     * ||a[:, c] - b[:, c]|| (or ||a[:, c]|| when b is null), scaled as LAPACK's dnrm2: NaN if an
     * entry is NaN, infinite if an entry is.
     */
    private double distance(double[] a, double[] b, int c) {
        double scale = 0;
        for (int i = 0; i < d; i++) {
            double v = b == null ? a[i * P + c] : a[i * P + c] - b[i * P + c];
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || Double.isInfinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int i = 0; i < d; i++) {
            // sum (v / scale)^2, then scale sqrt(sum)
            double v = (b == null ? a[i * P + c] : a[i * P + c] - b[i * P + c]) / scale;
            sum = Math.fma(v, v, sum);
        }
        return scale * Math.sqrt(sum);
    }

    private void ensureCapacity() {
        int size = d * P;
        if (h.length < size) {
            h = new double[size];
            r = new double[size];
            s = new double[size];
            h0 = new double[size];
            hL = new double[size];
            gL = new double[size];
        }
        if (alpha.length < P) {
            alpha = new double[P];
        }
        long maskSize = (long) L * size;
        if (masks.length < maskSize) {
            masks = new boolean[(int) maskSize];
        }
    }

    /** @return the SIMD width the columns are padded to (1 for scalar code) */
    public int lanes() {
        return lanes;
    }

    /**
     * The bytes the workspaces of one {@link #propagate} hold, computed before it runs (the same arrays as
     * {@link #allocatedBytes} after it, for a fresh instance with the standard {@link #MASK_BUDGET}): the masks of
     * one chunk (L d P booleans), six d x P hidden states, alpha (P), A x (d x inputs) and dF (outputs).
     *
     * @param depth     L
     * @param width     d
     * @param inputs    the inputs propagated
     * @param alphas    the branch scales
     * @param outputDim the output dimension
     * @param lanes     the kernel's {@link #lanes}
     * @return the bytes
     */
    public static long workspaceBytes(int depth, int width, int inputs, int alphas, int outputDim, int lanes) {
        long columns = (long) inputs * alphas;
        long n = Math.min(chunkColumns(depth, width, lanes, MASK_BUDGET), Math.max(1, columns));
        long P = (n + lanes - 1) / lanes * lanes;
        long size = width * P;
        return 8L * (6 * size + P + (long) width * inputs + outputDim) + depth * size;
    }

    /** @return the bytes held by the workspaces */
    public long allocatedBytes() {
        return 8L * (h.length + r.length + s.length + alpha.length + h0.length + hL.length + gL.length + ax.length
                + dF.length) + masks.length;
    }
}
