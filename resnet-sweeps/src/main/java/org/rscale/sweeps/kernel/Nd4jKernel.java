package org.rscale.sweeps.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.any.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;

/**
 * The training kernel written with ND4J ops (BLAS gemm and elementwise transforms), in
 * float64 or float32: the same network, loss, gradient and optimiser formulas as
 * {@link LoopKernelF64}, computed with a few large native ops per layer instead of Java loops,
 * on the CPU (nd4j-native, OpenBLAS) or, unchanged, on a GPU (nd4j-cuda). One class serves both
 * precisions because ND4J is generic in the data type; {@link #precision()} says which.
 *
 * <p><b>When it wins.</b> Every ND4J op has a fixed cost (JNI, shape checks): ~1-5 us for a
 * legacy transform, ~10-30 us for a gemm or another custom op. A tanh layer-step is 11 ops, so at
 * the paper's widths (d = 10 or 25, batch 32; ~20 kFLOP per layer) {@link LoopKernelF64} is 5-6x
 * faster. The three d x d x B gemms of a layer run at BLAS speed here, so from d = 64 this kernel
 * wins: measured on one core of a 2-vCPU AMD EPYC (Zen 4), L = 100, tanh, shared delta, Adam,
 * median microseconds per layer-step:
 * <pre>
 *   d    B     loop (f64)   nd4j f64   nd4j f32
 *   10   32        12          75         71
 *   10   256       91         122        101
 *   64   32       233         164        134
 *   64   256     1687         582        328
 *   256  32      3482        1092        786
 *   256  256    25672        3986       2157
 * </pre>
 * At d = 256, batch 32, the Adam update of the 66k parameters of a layer takes about half of a
 * step; at batch 256 libnd4j's tanh (~14 ns per element in float64) costs as much as the gemms.
 * On a GPU (the CUDA build) this is the only kernel that uses the device.
 *
 * <p><b>Network and loss</b> (SCIENCE 1.1): {@code h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k)},
 * loss {@code sum (h_L - y)^2 / (B d)} over the batch, PyTorch's {@code MSELoss}. Convention
 * {@code A h}: A_k multiplies column vectors.
 *
 * <p><b>Layout</b> (all arrays column-major, 'f'; a batch is a d x B matrix whose columns are the
 * samples, so every block below is contiguous and is a gemm output of element-wise stride 1):
 * <pre>
 *   P  = [A | b | delta]      A_k[i][j] at k d^2 + i d + j (ResidualNet's layout), b_k[i] at L d^2 + k d + i
 *   A_k^T = the d x d 'f' view of P at k d^2;   b_k = the d x 1 view at L d^2 + k d
 *   gP = the gradient, same layout; gA_k^T written by gemm as the d x d 'f' view = gA_k row-major
 *   X0 = h_0 (d x B), staged from the training set on the host; Hbuf = slots 1..L (d x L B)
 *   Cbuf = the backward cache of every layer (d x L B): a = sigma(z) when sigma' is a function of
 *          a ({@link Activation#cachesOutput()}: tanh, relu, linear, shifted softplus), else z (gelu, sin)
 * </pre>
 * The backward pass overwrites slot k (h_k, no longer needed once dA_k is formed) with
 * G_k = dLoss/dh_k, so after it Hbuf holds G_1..G_L next to Cbuf's a_0..a_{L-1}, and the
 * gradient of every delta_k comes from a few bulk ops after the loop.
 *
 * <p><b>Per layer, forward</b> (4 ops for tanh or relu, 3 for linear):
 * <pre>
 *   z_k  = b_k 1^T             gemm (d x 1)(1 x B)
 *   z_k += A_k h_k             gemm (d x d)(d x B), beta 1
 *   a_k  = sigma(z_k)          1 transform in place (softplus 6 ops, gelu 5 into a temporary, sin 1)
 *   h_{k+1} = delta_k a_k + h_k   Axpy
 * </pre>
 * <b>Per layer, backward</b>, with G = dLoss/dh_{k+1} (7 ops for tanh, 6 relu, 4 linear):
 * <pre>
 *   S = sigma'(z_k) o G        tanh: Square, OneMinus, Mul;  relu: Step, Mul;  linear: S is G itself
 *   dA_k^T = delta_k h_k S^T   gemm (d x B)(B x d)
 *   db_k   = delta_k S 1       gemm (d x B)(B x 1)
 *   G_k = G + delta_k A_k^T S  Assign then gemm, beta 1 (not for k = 0)
 * </pre>
 * <b>Per step:</b> 3 ops for the loss and G_L = 2 (h_L - y) / (B d) (Axpy, dot as a gemm,
 * scale); for a trained delta 2-8 bulk ops giving
 * {@code dLoss/d delta_k = sum_n sum_i G_{k+1}[i][n] a_k[i][n]} for all k (times sign(delta),
 * summed over k, for the shared |delta|); then one optimiser update of all trained parameters at
 * once, 2 ops: ND4J's fused {@code adam_updater} or {@code rms_prop_updater} writing the update u
 * over the gradient, then p -= u (SGD: 1 op, with momentum 3). ND4J's RMSprop is PyTorch's
 * formula. ND4J's Adam puts epsilon outside the bias correction of v,
 * {@code u = lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps')}; passing
 * {@code eps' = eps sqrt(1-b2^t)} makes it PyTorch's
 * {@code lr/(1-b1^t) m / (sqrt(v)/sqrt(1-b2^t) + eps)} exactly (the tests compare to 1e-12).
 * (Rejected: Adam as ten separate ND4J ops, 15-20% slower per layer-step at d = 64-256 and
 * batch 32, 3-5% at batch 256.)
 *
 * <p><b>Agreement.</b> In float64 the loss and gradient agree with {@link LoopKernelF64}'s to
 * ~1e-15 relative (only the order of the sums inside BLAS differs), and 50 Adam steps of a
 * depth-20 net end at the same loss to ~1e-15. Float32 stays within ~2e-7 of it over those steps.
 *
 * <p><b>Batches</b> smaller than the capacity B (the last batch of an epoch, the last chunk of an
 * evaluation) are padded to B columns with copies of their first sample, whose output error is
 * set to zero: the padded columns then add exact zeros to every gradient, and every view can be
 * created once.
 *
 * <p><b>Memory</b> ({@link #allocatedBytes()}): with N = L d^2 + L d + |delta| and element size e,
 * parameters and gradient 2 N e, optimiser state 2 N e (Adam, RMSprop) or N e (SGD with
 * momentum), activations and cache (2 L + 2) d B e, temporaries up to 2 d B e. In addition each
 * ND4J view takes ~1.3 kB of heap and ~2 kB of native memory; there are 6 per layer, made at
 * construction (making a view costs ~10 us, as much as an op, so a step makes none, except one
 * for a padded batch). ND4J leaves native garbage behind every op, freed only when the Java heap
 * is collected: with the default heap the resident size of a long run grows by gigabytes, with
 * {@code -Xmx512m} it stays flat (~0.5 GB at d = 10, L = 20).
 *
 * <p><b>Threads and devices.</b> The kernel issues ops from one thread in a fixed order;
 * OpenBLAS and OpenMP inside ND4J must be limited to one thread ({@code OMP_NUM_THREADS=1}, as
 * the {@code rscale} launcher sets) so that results do not depend on the core count. Nothing in
 * a step reads a device buffer element by element: a step uploads the batch (two bulk copies)
 * and reads back the loss and, when delta is trained, the |delta| values (two bulk reads).
 */
public final class Nd4jKernel implements TrainingKernel {
    private static final double LOG2 = Math.log(2.0);
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final Activation act;
    private final ScalingFactor scaling;
    private final int L;
    private final int d;
    private final int maxBatch;
    private final Dataset train;
    private final Optimiser opt;
    private final DataType dtype;
    private long bytes;

    /** delta as the forward pass reads it, refreshed from the device after each update. */
    private final double[] deltaHost;
    private final double[] stage64;
    private final float[] stage32;

    // parameters, gradient, optimiser state; *T are the views of the trained prefix
    private final INDArray P;
    private final INDArray gP;
    private final INDArray pT;
    private final INDArray gT;
    private final INDArray mT;
    private final INDArray vT;
    private final INDArray deltaParam;
    private final INDArray deltaCopy;
    private final INDArray gDeltaLayers;
    private final INDArray gDeltaShared;

    // batch, activations, temporaries
    private final INDArray X0;
    private final INDArray Y;
    private final INDArray Hbuf;
    private final INDArray Cbuf;
    private final INDArray S;
    private final INDArray T;
    private final INDArray onesB;
    private final INDArray onesDB;
    private final INDArray onesL;
    private final INDArray lossOut;
    private final INDArray topVec;
    private final INDArray cacheColumns;

    // per-layer views
    private final INDArray[] H;
    private final INDArray[] C;
    private final INDArray[] AT;
    private final INDArray[] gAT;
    private final INDArray[] bv;
    private final INDArray[] gbv;

    private long step;

    /**
     * Allocates every array and view the kernel will use.
     *
     * @param initial  the starting parameters; copied
     * @param train    the training set, of the net's width; kept, not copied
     * @param maxBatch the largest batch a step will use (also the chunk size of {@link #loss})
     * @param opt      the optimiser
     * @param dtype    {@link DataType#DOUBLE} or {@link DataType#FLOAT}
     */
    public Nd4jKernel(ResidualNet initial, Dataset train, int maxBatch, Optimiser opt, DataType dtype) {
        TrainingKernel.requireCompatible(initial, train, maxBatch);
        if (!(opt.lr() > 0 && opt.lr() < Double.POSITIVE_INFINITY)) {
            // ND4J's Adam replaces a zero or infinite step size by epsilon
            throw new IllegalArgumentException("the ND4J kernel needs a positive finite learning rate, got " + opt.lr());
        }
        if (dtype != DataType.DOUBLE && dtype != DataType.FLOAT) {
            throw new IllegalArgumentException("the ND4J kernel computes in DOUBLE or FLOAT, not " + dtype);
        }
        this.act = initial.activation();
        this.scaling = initial.scaling();
        this.L = initial.depth();
        this.d = initial.dim();
        this.maxBatch = maxBatch;
        this.train = train;
        this.opt = opt;
        this.dtype = dtype;
        long dd = (long) d * d;
        long dB = (long) d * maxBatch;
        int nDelta = initial.delta().length;
        long nA = L * dd;
        long nb = (long) L * d;
        long nAll = nA + nb + nDelta;
        long nTrained = nA + nb + (scaling.trainable() ? nDelta : 0);
        if (nAll > Integer.MAX_VALUE - 8 || dB > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("L=" + L + ", d=" + d + ", batch " + maxBatch
                    + ": the parameters or a batch exceed one Java array");
        }

        this.P = allocate(nAll, 1);
        this.gP = allocate(nAll, 1);
        double[] p0 = new double[(int) nAll];
        System.arraycopy(initial.A(), 0, p0, 0, (int) nA);
        System.arraycopy(initial.b(), 0, p0, (int) nA, (int) nb);
        System.arraycopy(initial.delta(), 0, p0, (int) (nA + nb), nDelta);
        upload(P, p0);
        this.pT = view(P, 0, nTrained, 1);
        this.gT = view(gP, 0, nTrained, 1);
        this.mT = opt.needsFirstMoment() ? allocate(nTrained, 1) : null;
        this.vT = opt.needsSecondMoment() ? allocate(nTrained, 1) : null;
        this.deltaHost = initial.delta().clone();
        this.bytes += 8L * nDelta;
        this.deltaParam = view(P, nA + nb, nDelta, 1);
        this.deltaCopy = scaling.trainable() ? allocate(nDelta, 1) : null;
        this.gDeltaLayers = scaling == ScalingFactor.PER_LAYER ? view(gP, nA + nb, 1, L)
                : scaling == ScalingFactor.SHARED ? allocate(1, L) : null;
        this.gDeltaShared = scaling == ScalingFactor.SHARED ? view(gP, nA + nb, 1, 1) : null;

        this.X0 = allocate(d, maxBatch);
        this.Y = allocate(d, maxBatch);
        this.Hbuf = allocate(d, (long) L * maxBatch);
        this.Cbuf = allocate(d, (long) L * maxBatch);
        this.S = act == Activation.LINEAR ? null : allocate(d, maxBatch);
        boolean needsT = act == Activation.GELU || act == Activation.SIN || act == Activation.SHIFTED_SOFTPLUS;
        this.T = needsT ? allocate(d, maxBatch) : null;
        INDArray ones = allocate(Math.max(dB, L), 1);
        ones.assign(1.0);
        this.onesB = view(ones, 0, maxBatch, 1);
        this.onesDB = view(ones, 0, dB, 1);
        this.onesL = view(ones, 0, L, 1);
        this.lossOut = allocate(1, 1);
        this.topVec = view(Hbuf, (L - 1) * dB, dB, 1);
        this.cacheColumns = view(Cbuf, 0, dB, L);
        if (dtype == DataType.DOUBLE) {
            this.stage64 = new double[(int) dB];
            this.stage32 = null;
            this.bytes += 2 * 8L * dB;
        } else {
            this.stage64 = null;
            this.stage32 = new float[(int) dB];
            this.bytes += 2 * 4L * dB;
        }

        this.H = new INDArray[L + 1];
        this.C = new INDArray[L];
        this.AT = new INDArray[L];
        this.gAT = new INDArray[L];
        this.bv = new INDArray[L];
        this.gbv = new INDArray[L];
        H[0] = X0;
        for (int k = 0; k < L; k++) {
            H[k + 1] = view(Hbuf, k * dB, d, maxBatch);
            C[k] = view(Cbuf, k * dB, d, maxBatch);
            AT[k] = view(P, k * dd, d, d);
            gAT[k] = view(gP, k * dd, d, d);
            bv[k] = view(P, nA + (long) k * d, d, 1);
            gbv[k] = view(gP, nA + (long) k * d, d, 1);
        }
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String precision() {
        return dtype == DataType.DOUBLE ? "float64" : "float32";
    }

    /**
     * The memory this kernel allocated: every ND4J data buffer (parameters, gradient, optimiser
     * state, activations, cache, temporaries) and the Java staging arrays. Not included: ND4J's
     * view objects (~3 kB each, 6 per layer) and its per-op garbage.
     *
     * @return the bytes allocated at construction
     */
    public long allocatedBytes() {
        return bytes;
    }

    @Override
    public String device() {
        return deviceDescription();
    }

    /**
     * One line naming ND4J's backend and device for logs and run.json, e.g.
     * {@code nd4j cpu (nd4j-native, OPENBLAS), 1 thread} or
     * {@code nd4j cuda, device 0 of 1: NVIDIA A100-SXM4-40GB (compute 8.0, 40536 MiB)}.
     * Initialises ND4J if it was not yet.
     *
     * @return the description
     */
    public static String deviceDescription() {
        Nd4jEnvironment env = Nd4jEnvironment.getEnvironment();
        if (Nd4j.getEnvironment().isCPU()) {
            long omp = env.getOmpThreads();
            long blas = env.getBlasThreads();
            String threads = omp == blas ? omp + (omp == 1 ? " thread" : " threads")
                    : omp + " OpenMP / " + blas + " BLAS threads";
            return "nd4j cpu (nd4j-native, " + env.getBlasVendor() + "), " + threads;
        }
        int device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        return "nd4j cuda, device " + device + " of " + Nd4j.getAffinityManager().getNumberOfDevices() + ": "
                + ops.getDeviceName(device) + " (compute " + ops.getDeviceMajor(device) + "."
                + ops.getDeviceMinor(device) + ", " + (ops.getDeviceTotalMemory(device) >> 20) + " MiB)";
    }

    @Override
    public double trainStep(int[] order, int from, int count) {
        double loss = forwardAndLoss(order, from, count);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        backward();
        step++;
        update();
        if (scaling.trainable()) {
            // |delta| enters the next forward pass as a host scalar: one bulk read per step
            Nd4j.exec(new Assign(deltaParam, deltaCopy));
            double[] delta = deltaCopy.toDoubleVector();
            System.arraycopy(delta, 0, deltaHost, 0, deltaHost.length);
        }
        return loss;
    }

    @Override
    public double lossAndGradient(int[] order, int from, int count, double[] gA, double[] gb, double[] gDelta) {
        if (gA.length != (long) L * d * d || gb.length != (long) L * d || gDelta.length != deltaHost.length) {
            throw new IllegalArgumentException("gradient arrays must match the parameter shapes");
        }
        double loss = forwardAndLoss(order, from, count);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        backward();
        double[] g = gP.toDoubleVector();
        System.arraycopy(g, 0, gA, 0, gA.length);
        System.arraycopy(g, gA.length, gb, 0, gb.length);
        if (scaling.trainable()) {
            System.arraycopy(g, gA.length + gb.length, gDelta, 0, gDelta.length);
        } else {
            java.util.Arrays.fill(gDelta, 0.0);
        }
        return loss;
    }

    @Override
    public double loss(Dataset data) {
        TrainingKernel.requireWidth(data, d);
        double sum = 0;
        for (int start = 0; start < data.n(); start += maxBatch) {
            int count = Math.min(maxBatch, data.n() - start);
            stage(data, null, start, count);
            forward();
            sum += squaredErrorToTop(count);
        }
        return sum / ((double) data.n() * d);
    }

    @Override
    public ResidualNet parameters() {
        double[] p = P.toDoubleVector();
        int nA = L * d * d;
        int nb = L * d;
        double[] A = java.util.Arrays.copyOfRange(p, 0, nA);
        double[] b = java.util.Arrays.copyOfRange(p, nA, nA + nb);
        // delta as the forward pass uses it (equal to P's copy, and exact for an untrained delta in float32)
        return ResidualNet.of(act, scaling, L, d, A, b, deltaHost.clone());
    }

    /**
     * Stages the batch, runs the forward pass and leaves G_L = 2 (h_L - y) / (count d) in the top
     * slot (zero in padded columns).
     *
     * @return the batch loss
     */
    private double forwardAndLoss(int[] order, int from, int count) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch);
        }
        stage(train, order, from, count);
        forward();
        // loss = sum (h_L - y)^2 / (B d)
        double loss = squaredErrorToTop(count) / ((double) count * d);
        if (Double.isFinite(loss)) {
            // G_L = 2 (h_L - y) / (B d)
            Nd4j.exec(new ScalarMultiplication(H[L], null, H[L], 2.0 / ((double) count * d)));
        }
        return loss;
    }

    /**
     * Overwrites the top slot h_L with h_L - y (zero in padded columns).
     *
     * @return the sum of squares of h_L - y over the {@code count} real columns
     */
    private double squaredErrorToTop(int count) {
        // e = -1 y + h_L
        Nd4j.exec(new Axpy(Y, H[L], H[L], -1.0));
        if (count < maxBatch) {
            view(Hbuf, (long) (L - 1) * d * maxBatch + (long) count * d, d, maxBatch - count).assign(0.0);
        }
        // sum e^2 = e^T e
        Nd4j.gemm(topVec, topVec, lossOut, true, false, 1.0, 0.0);
        return lossOut.getDouble(0);
    }

    /**
     * Copies samples {@code order[from..from+count)} (or {@code from..from+count} when order is
     * null) into X0 and Y, padding the remaining columns with the first sample.
     */
    private void stage(Dataset data, int[] order, int from, int count) {
        for (int pass = 0; pass < 2; pass++) {
            double[] src = pass == 0 ? data.x() : data.y();
            for (int n = 0; n < maxBatch; n++) {
                int sample = n < count ? n : 0;
                int row = (order == null ? from + sample : order[from + sample]) * d;
                int col = n * d;
                if (stage64 != null) {
                    System.arraycopy(src, row, stage64, col, d);
                } else {
                    for (int i = 0; i < d; i++) {
                        stage32[col + i] = (float) src[row + i];
                    }
                }
            }
            INDArray target = pass == 0 ? X0 : Y;
            if (stage64 != null) {
                target.data().setData(stage64);
            } else {
                target.data().setData(stage32);
            }
        }
    }

    /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k), k = 0..L-1, from h_0 in X0. */
    private void forward() {
        for (int k = 0; k < L; k++) {
            double dk = scaling.effective(deltaHost, k);
            // z = b_k 1^T + A_k h_k
            Nd4j.gemm(bv[k], onesB, C[k], false, true, 1.0, 0.0);
            Nd4j.gemm(AT[k], H[k], C[k], true, false, 1.0, 1.0);
            INDArray a = activate(C[k]);
            // h_{k+1} = dk a + h_k
            Nd4j.exec(new Axpy(a, H[k], H[k + 1], dk));
        }
    }

    /**
     * sigma(z): in place when the cache keeps the output, else into T.
     *
     * @param z the pre-activation, a view of the cache
     * @return the array holding sigma(z)
     */
    private INDArray activate(INDArray z) {
        switch (act) {
            case TANH:
                Nd4j.exec(new Tanh(z, z));
                return z;
            case RELU:
                Nd4j.exec(new RectifiedLinear(z, z, 0.0));
                return z;
            case LINEAR:
                return z;
            case SHIFTED_SOFTPLUS:
                // log(1 + e^z) - log 2 = max(z, 0) + log1p(exp(-|z|)) - log 2 (no overflow)
                Nd4j.exec(new Abs(z, T));
                Nd4j.exec(new Negative(T, T));
                Nd4j.exec(new Exp(T, T));
                Nd4j.exec(new Log1p(T, T));
                Nd4j.exec(new RectifiedLinear(z, z, 0.0));
                Nd4j.exec(new Axpy(T, z, z, 1.0));
                Nd4j.exec(new ScalarSubtraction(z, null, z, LOG2));
                return z;
            case GELU:
                // z Phi(z), Phi(z) = (1 + erf(z / sqrt 2)) / 2
                normalCdf(z, T);
                Nd4j.exec(new MulOp(z, T, T));
                return T;
            case SIN:
                Nd4j.exec(new Sin(z, T));
                return T;
            default:
                throw new AssertionError(act);
        }
    }

    /** out = Phi(z) = (1 + erf(z / sqrt 2)) / 2 (z and out may be the same array). */
    private static void normalCdf(INDArray z, INDArray out) {
        Nd4j.exec(new ScalarMultiplication(z, null, out, INV_SQRT2));
        Nd4j.exec(new Erf(out, out));
        Nd4j.exec(new ScalarAdd(out, null, out, 1.0));
        Nd4j.exec(new ScalarMultiplication(out, null, out, 0.5));
    }

    /**
     * The backward pass from G_L in the top slot: dA, db into gP, G_k into slot k, then the
     * gradient of delta.
     */
    private void backward() {
        for (int k = L - 1; k >= 0; k--) {
            double dk = scaling.effective(deltaHost, k);
            INDArray s = slopeTimes(C[k], H[k + 1]);
            // dLoss/dA_k^T = dk h_k S^T  (the 'f' d x d view of a row-major dA_k)
            Nd4j.gemm(H[k], s, gAT[k], false, true, dk, 0.0);
            // dLoss/db_k = dk S 1
            Nd4j.gemm(s, onesB, gbv[k], false, false, dk, 0.0);
            if (k > 0) {
                // dLoss/dh_k = G + dk A_k^T S, written over h_k
                Nd4j.exec(new Assign(H[k + 1], H[k]));
                Nd4j.gemm(AT[k], s, H[k], false, false, dk, 1.0);
            }
        }
        if (scaling.trainable()) {
            deltaGradient();
        }
    }

    /**
     * S = sigma'(z_k) o G from the cache of layer k.
     *
     * @param cache a_k or z_k
     * @param G     dLoss/dh_{k+1}; not modified
     * @return S (G itself for the linear activation)
     */
    private INDArray slopeTimes(INDArray cache, INDArray G) {
        switch (act) {
            case TANH:
                // 1 - a^2
                Nd4j.exec(new Square(cache, S));
                Nd4j.exec(new OneMinus(S, S));
                break;
            case RELU:
                // [a > 0]
                Nd4j.exec(new Step(cache, S, 0.0));
                break;
            case LINEAR:
                return G;
            case SHIFTED_SOFTPLUS:
                // 1 - exp(-a) / 2
                Nd4j.exec(new Negative(cache, S));
                Nd4j.exec(new Exp(S, S));
                Nd4j.exec(new ScalarMultiplication(S, null, S, 0.5));
                Nd4j.exec(new OneMinus(S, S));
                break;
            case GELU:
                // Phi(z) + z exp(-z^2 / 2) / sqrt(2 pi)
                normalCdf(cache, T);
                Nd4j.exec(new Square(cache, S));
                Nd4j.exec(new ScalarMultiplication(S, null, S, -0.5));
                Nd4j.exec(new Exp(S, S));
                Nd4j.exec(new ScalarMultiplication(S, null, S, INV_SQRT_2PI));
                Nd4j.exec(new MulOp(cache, S, S));
                Nd4j.exec(new Axpy(T, S, S, 1.0));
                break;
            case SIN:
                // cos z
                Nd4j.exec(new Cos(cache, S));
                break;
            default:
                throw new AssertionError(act);
        }
        Nd4j.exec(new MulOp(S, G, S));
        return S;
    }

    /**
     * dLoss/d delta_k = sum G_{k+1} o a_k over the batch and the d outputs, for all k at once from
     * slots 1..L (G) and the cache (a, or z to be mapped through sigma); the cache is consumed.
     * Shared: sign(delta) times the sum over k, as d|delta|/d delta = sign(delta) (0 at 0, as torch.abs).
     */
    private void deltaGradient() {
        switch (act) {
            case GELU:
                // G o z, then G o z o Phi(z)
                Nd4j.exec(new MulOp(Cbuf, Hbuf, Hbuf));
                normalCdf(Cbuf, Cbuf);
                break;
            case SIN:
                Nd4j.exec(new Sin(Cbuf, Cbuf));
                break;
            default:
                break;
        }
        Nd4j.exec(new MulOp(Cbuf, Hbuf, Cbuf));
        // per layer: 1^T (G_{k+1} o a_k), the columns of the (d B) x L cache
        Nd4j.gemm(onesDB, cacheColumns, gDeltaLayers, true, false, 1.0, 0.0);
        if (scaling == ScalingFactor.SHARED) {
            Nd4j.gemm(gDeltaLayers, onesL, gDeltaShared, false, false, Math.signum(deltaHost[0]), 0.0);
        }
    }

    /**
     * The optimiser update of all trained parameters at once with the gradient in gP, PyTorch's
     * formulas (see {@link Optimiser}); the gradient array receives the update u, then p -= u.
     */
    private void update() {
        double lr = opt.lr();
        switch (opt.kind()) {
            case ADAM: {
                // ND4J's fused adam_updater computes, with t = iteration + 1,
                //   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  u = m lr sqrt(1-b2^t)/(1-b1^t) / (sqrt(v) + eps')
                // and with eps' = eps sqrt(1-b2^t) that is PyTorch's
                //   p -= lr/(1-b1^t) m / (sqrt(v)/sqrt(1-b2^t) + eps)
                double epsPrime = Optimiser.EPS * Math.sqrt(1 - Math.pow(Optimiser.ADAM_BETA2, step));
                Nd4j.exec(new AdamUpdater(gT, vT, mT, gT, vT, mT, lr, Optimiser.ADAM_BETA1, Optimiser.ADAM_BETA2,
                        epsPrime, (int) (step - 1)));
                // p -= u
                Nd4j.exec(new Axpy(gT, pT, pT, -1.0));
                break;
            }
            case RMSPROP: {
                // ND4J's fused rms_prop_updater is PyTorch's: v = a v + (1-a) g^2;  u = lr g / (sqrt(v) + eps)
                Nd4j.exec(new RmsPropUpdater(gT, vT, gT, vT, lr, Optimiser.RMSPROP_ALPHA, Optimiser.EPS));
                // p -= u
                Nd4j.exec(new Axpy(gT, pT, pT, -1.0));
                break;
            }
            case SGD: {
                double mu = opt.momentum();
                if (mu == 0) {
                    // p -= lr g
                    Nd4j.exec(new Axpy(gT, pT, pT, -lr));
                    break;
                }
                if (step == 1) {
                    // buf = g on the first step
                    Nd4j.exec(new Assign(gT, mT));
                } else {
                    // buf = mu buf + g
                    Nd4j.exec(new ScalarMultiplication(mT, null, mT, mu));
                    Nd4j.exec(new Axpy(gT, mT, mT, 1.0));
                }
                // p -= lr buf
                Nd4j.exec(new Axpy(mT, pT, pT, -lr));
                break;
            }
            default:
                throw new AssertionError(opt.kind());
        }
    }

    /** A zeroed column-major rows x cols array, counted in {@link #allocatedBytes()}. */
    private INDArray allocate(long rows, long cols) {
        bytes += rows * cols * dtype.width();
        return Nd4j.create(dtype, new long[] {rows, cols}, 'f');
    }

    /** The column-major rows x cols block of {@code base} (allocated by this class) at {@code offset}. */
    private static INDArray view(INDArray base, long offset, long rows, long cols) {
        return Nd4j.create(base.data(), new long[] {rows, cols}, new long[] {1, rows}, offset, 'f');
    }

    /** Copies host values into a whole array in one bulk transfer. */
    private void upload(INDArray target, double[] values) {
        if (dtype == DataType.DOUBLE) {
            target.data().setData(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.data().setData(f);
        }
    }
}
