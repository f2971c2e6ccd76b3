package org.rscale.sweeps.kernel.conv;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * The convolutional ResNet's training kernel on ND4J's CPU backend: every convolution is a few large
 * matrix products (OpenBLAS gemm on ND4J's buffers), every element-wise step an ND4J op over whole
 * feature maps.
 *
 * <p><b>Method.</b> Feature maps are stored channel-major with the batch's zero-padded planes side by
 * side ({@link PaddedGrid}), so the 3x3 convolution of a batch is nine gemms, one per tap, each
 * reading the input shifted by that tap's column offset: {@code Y = sum_t W_t X[:, shift_t]}
 * ({@code W_t} the (c_out, c_in) slice of tap t). No im2col copy is made; the padding ring of Y
 * receives garbage, reset by a mask. The backward pass is the same with transposes: {@code dX =
 * sum_t W_t^T dY[:, -shift_t]} and {@code dW_t = dY X[:, shift_t]^T}. A stride-2 convolution (conv1 of
 * a stage's first block, the 1x1 shortcut) is computed at stride 1 and subsampled (4 times its FLOPs,
 * in 3 blocks of the network); its backward pass scatters the gradient back to the full grid. The
 * ReLUs are ND4J ops; their backward pass multiplies by the step function of the stored activation, computed in place.
 * Average pooling, the linear layer and the cross-entropy are plain Java (small).
 *
 * <p>Rejected, measured for one BasicBlock (64 channels, 32x32, batch 32, float32, one thread; see
 * the README): ND4J's {@code conv2d} / {@code conv2d_bp} ops (30 times slower than PyTorch here:
 * 1.0-1.4 s forward and 3.6-5.3 s backward per convolution, against 0.16-0.32 s for PyTorch's whole
 * block step), and ND4J's {@code im2col} op followed by one gemm per sample (im2col alone 75-117 ms
 * per convolution, as long as the gemms).
 */
public final class ConvGemmKernel implements ConvTrainingKernel {

    private static final int TAPS = 9;

    private final DataType type;
    private final ConvArchitecture arch;
    private final List<ConvArchitecture.BlockShape> shapes;
    private final int maxBatch;
    private final double momentum;
    private final double weightDecay;
    private final PaddedGrid[] grids;
    private final INDArray[] masks;
    private final Param stem;
    private final Param[] conv1;
    private final Param[] conv2;
    private final Param[] shortcut;
    private final double[] linW;
    private final double[] linB;
    private final double[] gLinW;
    private final double[] gLinB;
    private final double[] bufLinW;
    private final double[] bufLinB;
    private boolean firstStep = true;
    private final INDArray input;
    private final INDArray stemOut;
    private final INDArray[] a1;
    private final INDArray[] out;
    private final INDArray[] full;
    private final INDArray[][] grad;
    private final INDArray[] tmp;
    private final NativeValues inputValues;
    private final NativeValues lastOut;
    private final NativeValues lastGrad;
    private final NativeValues[] a1Values;
    private final NativeValues[] outValues;
    private final NativeValues[] fullValues;
    private final NativeValues[][] gradValues;
    private final NativeValues[] tmpValues;
    private final double[] pooled;
    private final double[] dLogits;
    private final double[] logits;

    /**
     * @param initial     the initial parameters (copied)
     * @param maxBatch    the largest batch
     * @param precision   {@code float64} or {@code float32}
     * @param momentum    SGD momentum
     * @param weightDecay SGD weight decay (L2, added to the gradient as PyTorch does)
     */
    public ConvGemmKernel(ConvNet initial, int maxBatch, String precision, double momentum, double weightDecay) {
        this.type = switch (precision) {
            case "float64" -> DataType.DOUBLE;
            case "float32" -> DataType.FLOAT;
            default -> throw new IllegalArgumentException("precision must be float64 or float32, got " + precision);
        };
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch capacity must be positive, got " + maxBatch);
        }
        // the kernel contract: one thread, parallelism across cells
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        this.arch = initial.architecture();
        this.shapes = arch.blockShapes();
        this.maxBatch = maxBatch;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        int stages = arch.blockCounts().size();
        grids = stageGrids(arch, maxBatch);
        masks = new INDArray[stages];
        for (int s = 0; s < stages; s++) {
            masks[s] = Nd4j.createFromArray(grids[s].mask()).castTo(type).reshape(1, grids[s].ld());
        }
        stem = new Param(initial.stem(), arch.baseWidth(), arch.inputChannels(), TAPS);
        int L = shapes.size();
        conv1 = new Param[L];
        conv2 = new Param[L];
        shortcut = new Param[L];
        a1 = new INDArray[L];
        out = new INDArray[L];
        for (ConvArchitecture.BlockShape b : shapes) {
            int k = b.index();
            conv1[k] = new Param(initial.conv1().get(k), b.outChannels(), b.inChannels(), TAPS);
            conv2[k] = new Param(initial.conv2().get(k), b.outChannels(), b.outChannels(), TAPS);
            if (b.shortcut()) {
                shortcut[k] = new Param(initial.shortcut().get(k), b.outChannels(), b.inChannels(), 1);
            }
            PaddedGrid g = grids[b.stage() - 1];
            a1[k] = Nd4j.create(type, b.outChannels(), g.ld());
            out[k] = Nd4j.create(type, b.outChannels(), g.ld());
        }
        input = Nd4j.create(type, arch.inputChannels(), grids[0].ld());
        stemOut = Nd4j.create(type, arch.baseWidth(), grids[0].ld());
        full = new INDArray[stages];
        grad = new INDArray[stages][2];
        tmp = new INDArray[stages];
        for (int s = 0; s < stages; s++) {
            int c = arch.stageWidth(s + 1);
            grad[s][0] = Nd4j.create(type, c, grids[s].ld());
            grad[s][1] = Nd4j.create(type, c, grids[s].ld());
            tmp[s] = Nd4j.create(type, c, grids[s].ld());
            if (s > 0) {
                full[s] = Nd4j.create(type, c, grids[s - 1].ld());
            }
        }
        inputValues = NativeValues.of(input);
        a1Values = new NativeValues[L];
        outValues = new NativeValues[L];
        for (int k = 0; k < L; k++) {
            a1Values[k] = NativeValues.of(a1[k]);
            outValues[k] = NativeValues.of(out[k]);
        }
        fullValues = new NativeValues[stages];
        gradValues = new NativeValues[stages][2];
        tmpValues = new NativeValues[stages];
        for (int s = 0; s < stages; s++) {
            fullValues[s] = full[s] == null ? null : NativeValues.of(full[s]);
            gradValues[s][0] = NativeValues.of(grad[s][0]);
            gradValues[s][1] = NativeValues.of(grad[s][1]);
            tmpValues[s] = NativeValues.of(tmp[s]);
        }
        lastOut = outValues[L - 1];
        lastGrad = gradValues[shapes.get(L - 1).stage() - 1][0];
        linW = initial.linearWeight().clone();
        linB = initial.linearBias().clone();
        gLinW = new double[linW.length];
        gLinB = new double[linB.length];
        bufLinW = new double[linW.length];
        bufLinB = new double[linB.length];
        pooled = new double[maxBatch * arch.features()];
        logits = new double[maxBatch * arch.classes()];
        dLogits = new double[maxBatch * arch.classes()];
    }

    /**
     * The padded grid of every stage's feature maps: the input's size, halved (3x3, stride 2) from stage 2 on.
     *
     * @param arch     the network's shape
     * @param maxBatch the largest batch
     * @return one grid per stage
     */
    private static PaddedGrid[] stageGrids(ConvArchitecture arch, int maxBatch) {
        PaddedGrid[] grids = new PaddedGrid[arch.blockCounts().size()];
        int h = arch.inputHeight();
        int w = arch.inputWidth();
        for (int s = 0; s < grids.length; s++) {
            if (s > 0) {
                h = ConvArchitecture.outputSize(h, 3, 2);
                w = ConvArchitecture.outputSize(w, 3, 2);
            }
            grids[s] = new PaddedGrid(h, w, maxBatch);
        }
        return grids;
    }

    /**
     * What a kernel of this shape holds, computed before it exists ({@link #allocatedBytes} once it does): the
     * weights, gradients and momenta of the convolutions, the feature maps of the batch on their padded grids
     * ({@link PaddedGrid}: two per block, the input and the stem's output, and per stage two gradients, a
     * scratch map, the full-resolution map of the stride-2 block and the mask), all in {@code precision}; the
     * linear layer's weight, gradient and momentum and the head's pooled features and logits in float64.
     *
     * @param arch      the network's shape
     * @param maxBatch  the largest batch
     * @param precision {@code float64} or {@code float32}
     * @return the bytes
     */
    public static long estimatedBytes(ConvArchitecture arch, int maxBatch, String precision) {
        long per = "float32".equals(precision) ? 4 : 8;
        PaddedGrid[] grids = stageGrids(arch, maxBatch);
        int stages = grids.length;
        long[] ld = new long[stages];
        for (int s = 0; s < stages; s++) {
            ld[s] = grids[s].ld();
        }
        long values = (long) (arch.inputChannels() + arch.baseWidth()) * ld[0];
        for (int s = 0; s < stages; s++) {
            long c = arch.stageWidth(s + 1);
            values += ld[s] + 3 * c * ld[s] + (s > 0 ? c * ld[s - 1] : 0);
        }
        long linear = (long) arch.classes() * arch.features() + arch.classes();
        values += 3 * (arch.parameterCount() - linear);
        for (ConvArchitecture.BlockShape b : arch.blockShapes()) {
            values += 2L * b.outChannels() * ld[b.stage() - 1];
        }
        long head = 3 * linear + (long) maxBatch * (arch.features() + 2L * arch.classes());
        return per * values + 8 * head;
    }

    /** @return the bytes this kernel holds: its ND4J buffers and its arrays, as {@link #estimatedBytes} counts them */
    public long allocatedBytes() {
        List<INDArray> arrays = new ArrayList<>(List.of(input, stemOut));
        arrays.addAll(List.of(masks));
        arrays.addAll(List.of(a1));
        arrays.addAll(List.of(out));
        arrays.addAll(List.of(tmp));
        for (int s = 0; s < grids.length; s++) {
            arrays.addAll(List.of(grad[s]));
            if (full[s] != null) {
                arrays.add(full[s]);
            }
        }
        List<Param> params = new ArrayList<>(List.of(stem));
        params.addAll(List.of(conv1));
        params.addAll(List.of(conv2));
        for (Param p : shortcut) {
            if (p != null) {
                params.add(p);
            }
        }
        for (Param p : params) {
            arrays.addAll(List.of(p.w, p.g, p.buf));
        }
        long bytes = 0;
        for (INDArray a : arrays) {
            bytes += a.data().length() * a.data().getElementSize();
        }
        return bytes + 8L * (linW.length + linB.length + gLinW.length + gLinB.length + bufLinW.length
                + bufLinB.length + pooled.length + logits.length + dLogits.length);
    }

    @Override
    public String name() {
        return "conv-gemm";
    }

    @Override
    public String precision() {
        return type == DataType.DOUBLE ? "float64" : "float32";
    }

    @Override
    public String device() {
        int n = org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads();
        return "cpu, OpenBLAS, " + n + (n == 1 ? " thread" : " threads");
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public BatchResult trainStep(double[] images, int[] labels, int count, double lr) {
        BatchResult r = forwardAndBackward(images, labels, count);
        update(lr);
        return r;
    }

    @Override
    public BatchResult evaluate(double[] images, int[] labels, int count) {
        checkBatch(images, labels, count);
        forward(images, count);
        return head(labels, count, false);
    }

    @Override
    public ConvNet gradient(double[] images, int[] labels, int count) {
        forwardAndBackward(images, labels, count);
        List<double[]> g1 = new ArrayList<>();
        List<double[]> g2 = new ArrayList<>();
        List<double[]> gs = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            g1.add(conv1[k].toPyTorch(conv1[k].g));
            g2.add(conv2[k].toPyTorch(conv2[k].g));
            gs.add(shortcut[k] == null ? null : shortcut[k].toPyTorch(shortcut[k].g));
        }
        return new ConvNet(arch, stem.toPyTorch(stem.g), g1, g2, gs, gLinW.clone(), gLinB.clone());
    }

    @Override
    public ConvNet parameters() {
        List<double[]> p1 = new ArrayList<>();
        List<double[]> p2 = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            p1.add(conv1[k].toPyTorch(conv1[k].w));
            p2.add(conv2[k].toPyTorch(conv2[k].w));
            ps.add(shortcut[k] == null ? null : shortcut[k].toPyTorch(shortcut[k].w));
        }
        return new ConvNet(arch, stem.toPyTorch(stem.w), p1, p2, ps, linW.clone(), linB.clone());
    }

    @Override
    public void close() {
        // ND4J frees the buffers when they are collected; nothing is held outside the heap's reach.
    }

    private void checkBatch(double[] images, int[] labels, int count) {
        int size = arch.inputChannels() * arch.inputHeight() * arch.inputWidth();
        if (count < 1 || count > maxBatch || images.length < (long) count * size || labels.length < count) {
            throw new IllegalArgumentException("batch of " + count + " (capacity " + maxBatch + ", "
                    + images.length / size + " images, " + labels.length + " labels)");
        }
    }

    private BatchResult forwardAndBackward(double[] images, int[] labels, int count) {
        checkBatch(images, labels, count);
        forward(images, count);
        BatchResult r = head(labels, count, true);
        backward(count);
        return r;
    }

    // ---- forward ---------------------------------------------------------------------------------

    private void forward(double[] images, int count) {
        PaddedGrid g0 = grids[0];
        int c = arch.inputChannels();
        int h = arch.inputHeight();
        int w = arch.inputWidth();
        NativeValues in = inputValues;
        int ld = g0.ld();
        for (int n = 0; n < count; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int src = ((n * c + ch) * h + y) * w;
                    int dst = ch * ld + g0.column(n, y, 0);
                    for (int x = 0; x < w; x++) {
                        in.put(dst + x, images[src + x]);
                    }
                }
            }
        }
        // the columns of samples beyond count keep stale values; no result reads them
        conv3x3(stem, input, stemOut, g0, count, 0.0);
        reluMasked(stemOut, 0);
        INDArray x = stemOut;
        for (ConvArchitecture.BlockShape b : shapes) {
            int k = b.index();
            int s = b.stage() - 1;
            PaddedGrid go = grids[s];
            if (b.stride() == 1) {
                conv3x3(conv1[k], x, a1[k], go, count, 0.0);
                reluMasked(a1[k], s);
            } else {
                PaddedGrid gi = grids[s - 1];
                conv3x3(conv1[k], x, full[s], gi, count, 0.0);
                subsample(fullValues[s], gi, a1Values[k], go, b.outChannels(), count, false);
                Nd4j.exec(new RectifiedLinear(a1[k], a1[k], 0.0));
            }
            conv3x3(conv2[k], a1[k], out[k], go, count, 0.0);
            if (b.stride() == 1) {
                if (shortcut[k] == null) {
                    out[k].addi(x);
                } else {
                    conv1x1(shortcut[k], x, out[k], go, count, 1.0);
                }
            } else {
                PaddedGrid gi = grids[s - 1];
                conv1x1(shortcut[k], x, full[s], gi, count, 0.0);
                subsample(fullValues[s], gi, outValues[k], go, b.outChannels(), count, true);
            }
            reluMasked(out[k], s);
            x = out[k];
        }
    }

    /** The pooled features, logits, loss and accuracy; with {@code backward}, dLogits and the linear gradients. */
    private BatchResult head(int[] labels, int count, boolean backward) {
        int last = shapes.size() - 1;
        int s = shapes.get(last).stage() - 1;
        PaddedGrid g = grids[s];
        int f = arch.features();
        int classes = arch.classes();
        NativeValues o = lastOut;
        int ld = g.ld();
        double area = g.h() * g.w();
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < f; c++) {
                double sum = 0;
                for (int y = 0; y < g.h(); y++) {
                    int base = c * ld + g.column(n, y, 0);
                    for (int x = 0; x < g.w(); x++) {
                        sum += o.get(base + x);
                    }
                }
                pooled[n * f + c] = sum / area;
            }
        }
        double loss = 0;
        int correct = 0;
        for (int n = 0; n < count; n++) {
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < classes; j++) {
                double z = linB[j];
                for (int c = 0; c < f; c++) {
                    z += linW[j * f + c] * pooled[n * f + c];
                }
                logits[n * classes + j] = z;
                if (z > max) {
                    max = z;
                    arg = j;
                }
            }
            if (arg == labels[n]) {
                correct++;
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[n * classes + j] - max);
            }
            loss += max + Math.log(sum) - logits[n * classes + labels[n]];
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits[n * classes + j] - max) / sum;
                dLogits[n * classes + j] = (p - (j == labels[n] ? 1 : 0)) / count;
            }
        }
        if (backward) {
            java.util.Arrays.fill(gLinW, 0);
            java.util.Arrays.fill(gLinB, 0);
            for (int n = 0; n < count; n++) {
                for (int j = 0; j < classes; j++) {
                    double d = dLogits[n * classes + j];
                    gLinB[j] += d;
                    for (int c = 0; c < f; c++) {
                        gLinW[j * f + c] += d * pooled[n * f + c];
                    }
                }
            }
        }
        return new BatchResult(loss / count, correct);
    }

    // ---- backward --------------------------------------------------------------------------------

    private void backward(int count) {
        int last = shapes.size() - 1;
        int s = shapes.get(last).stage() - 1;
        PaddedGrid g = grids[s];
        int f = arch.features();
        int classes = arch.classes();
        NativeValues gb = lastGrad;
        int ld = g.ld();
        double area = g.h() * g.w();
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < f; c++) {
                double d = 0;
                for (int j = 0; j < classes; j++) {
                    d += linW[j * f + c] * dLogits[n * classes + j];
                }
                d /= area;
                for (int y = 0; y < g.h(); y++) {
                    int base = c * ld + g.column(n, y, 0);
                    for (int x = 0; x < g.w(); x++) {
                        gb.put(base + x, d);
                    }
                }
            }
        }
        int cur = 0;
        for (int k = last; k >= 0; k--) {
            ConvArchitecture.BlockShape b = shapes.get(k);
            s = b.stage() - 1;
            PaddedGrid go = grids[s];
            INDArray dZ = grad[s][cur];
            Nd4j.exec(new Step(out[k], out[k], 0.0));
            dZ.muli(out[k]);
            INDArray x = k == 0 ? stemOut : out[k - 1];
            // conv2: weights and the gradient of a1
            conv3x3Weights(conv2[k], dZ, a1[k], go, count);
            conv3x3Data(conv2[k], dZ, tmp[s], go, count, 0.0);
            Nd4j.exec(new Step(a1[k], a1[k], 0.0));
            INDArray dT = tmp[s];
            dT.muli(a1[k]);
            if (b.stride() == 1) {
                INDArray dX = grad[s][1 - cur];
                conv3x3Weights(conv1[k], dT, x, go, count);
                conv3x3Data(conv1[k], dT, dX, go, count, 0.0);
                if (shortcut[k] == null) {
                    dX.addi(dZ);
                } else {
                    conv1x1Weights(shortcut[k], dZ, x, go, count);
                    conv1x1Data(shortcut[k], dZ, dX, go, count, 1.0);
                }
                cur = 1 - cur;
            } else {
                PaddedGrid gi = grids[s - 1];
                INDArray dX = grad[s - 1][0];
                full[s].assign(0);
                upsample(tmpValues[s], go, fullValues[s], gi, b.outChannels(), count);
                conv3x3Weights(conv1[k], full[s], x, gi, count);
                conv3x3Data(conv1[k], full[s], dX, gi, count, 0.0);
                full[s].assign(0);
                upsample(gradValues[s][cur], go, fullValues[s], gi, b.outChannels(), count);
                conv1x1Weights(shortcut[k], full[s], x, gi, count);
                conv1x1Data(shortcut[k], full[s], dX, gi, count, 1.0);
                cur = 0;
            }
        }
        INDArray dS = grad[0][cur];
        Nd4j.exec(new Step(stemOut, stemOut, 0.0));
        dS.muli(stemOut);
        conv3x3Weights(stem, dS, input, grids[0], count);
    }

    private void update(double lr) {
        boolean first = firstStep;
        stem.update(lr, first);
        for (int k = 0; k < shapes.size(); k++) {
            conv1[k].update(lr, first);
            conv2[k].update(lr, first);
            if (shortcut[k] != null) {
                shortcut[k].update(lr, first);
            }
        }
        sgd(linW, gLinW, bufLinW, lr, first);
        sgd(linB, gLinB, bufLinB, lr, first);
        firstStep = false;
    }

    private void sgd(double[] w, double[] g, double[] buf, double lr, boolean first) {
        for (int i = 0; i < w.length; i++) {
            double gi = g[i] + weightDecay * w[i];
            buf[i] = first ? gi : momentum * buf[i] + gi;
            w[i] -= lr * buf[i];
        }
    }

    // ---- convolutions on padded grids -------------------------------------------------------------

    /** out[:, cols] = beta out + sum_t W_t in[:, cols + shift_t]; the padding ring receives garbage (the caller masks). */
    private void conv3x3(Param p, INDArray in, INDArray outArr, PaddedGrid g, int count, double beta) {
        int span = g.span(count);
        int m = g.margin();
        int ld = g.ld();
        for (int t = 0; t < TAPS; t++) {
            int shift = g.shift(t / 3, t % 3);
            gemm(false, false, p.cout, span, p.cin, p.w, (long) t * p.cout * p.cin, p.cin, in, m + shift, ld,
                    t == 0 ? beta : 1.0, outArr, m, ld);
        }
    }

    /** out[:, cols] = beta out + W in[:, cols] (no ring garbage: a 1x1 kernel reads only its own column). */
    private void conv1x1(Param p, INDArray in, INDArray outArr, PaddedGrid g, int count, double beta) {
        gemm(false, false, p.cout, g.span(count), p.cin, p.w, 0, p.cin, in, g.margin(), g.ld(), beta, outArr,
                g.margin(), g.ld());
    }

    /** gW_t = dY[:, cols] in[:, cols + shift_t]^T (dY zero on the ring). */
    private void conv3x3Weights(Param p, INDArray dY, INDArray in, PaddedGrid g, int count) {
        int span = g.span(count);
        int m = g.margin();
        int ld = g.ld();
        for (int t = 0; t < TAPS; t++) {
            int shift = g.shift(t / 3, t % 3);
            gemm(false, true, p.cout, p.cin, span, dY, m, ld, in, m + shift, ld, 0.0, p.g, (long) t * p.cout * p.cin,
                    p.cin);
        }
    }

    private void conv1x1Weights(Param p, INDArray dY, INDArray in, PaddedGrid g, int count) {
        gemm(false, true, p.cout, p.cin, g.span(count), dY, g.margin(), g.ld(), in, g.margin(), g.ld(), 0.0, p.g, 0,
                p.cin);
    }

    /** dX[:, cols] = beta dX + sum_t W_t^T dY[:, cols - shift_t], then the ring reset to zero. */
    private void conv3x3Data(Param p, INDArray dY, INDArray dX, PaddedGrid g, int count, double beta) {
        int span = g.span(count);
        int m = g.margin();
        int ld = g.ld();
        for (int t = 0; t < TAPS; t++) {
            int shift = g.shift(t / 3, t % 3);
            gemm(true, false, p.cin, span, p.cout, p.w, (long) t * p.cout * p.cin, p.cin, dY, m - shift, ld,
                    t == 0 ? beta : 1.0, dX, m, ld);
        }
        dX.muliRowVector(masks[gridIndex(g)]);
    }

    private void conv1x1Data(Param p, INDArray dY, INDArray dX, PaddedGrid g, int count, double beta) {
        gemm(true, false, p.cin, g.span(count), p.cout, p.w, 0, p.cin, dY, g.margin(), g.ld(), beta, dX, g.margin(),
                g.ld());
    }

    private int gridIndex(PaddedGrid g) {
        for (int s = 0; s < grids.length; s++) {
            if (grids[s] == g) {
                return s;
            }
        }
        throw new IllegalStateException("unknown grid");
    }

    /** dst(n, y, x) (+)= src(n, 2y, 2x) for the pixels of {@code count} samples and {@code channels} rows. */
    private static void subsample(NativeValues a, PaddedGrid gs, NativeValues b, PaddedGrid gd, int channels, int count,
                                  boolean add) {
        int lds = gs.ld();
        int ldd = gd.ld();
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < count; n++) {
                for (int y = 0; y < gd.h(); y++) {
                    int from = c * lds + gs.column(n, 2 * y, 0);
                    int to = c * ldd + gd.column(n, y, 0);
                    for (int x = 0; x < gd.w(); x++) {
                        double v = a.get(from + 2 * x);
                        b.put(to + x, add ? b.get(to + x) + v : v);
                    }
                }
            }
        }
    }

    /** dst(n, 2y, 2x) = src(n, y, x); dst is zero elsewhere (cleared by the caller). */
    private static void upsample(NativeValues a, PaddedGrid gs, NativeValues b, PaddedGrid gd, int channels, int count) {
        int lds = gs.ld();
        int ldd = gd.ld();
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < count; n++) {
                for (int y = 0; y < gs.h(); y++) {
                    int from = c * lds + gs.column(n, y, 0);
                    int to = c * ldd + gd.column(n, 2 * y, 0);
                    for (int x = 0; x < gs.w(); x++) {
                        b.put(to + 2 * x, a.get(from + x));
                    }
                }
            }
        }
    }

    private void reluMasked(INDArray a, int grid) {
        Nd4j.exec(new RectifiedLinear(a, a, 0.0));
        a.muliRowVector(masks[grid]);
    }

    /** Row-major C[c0..] = beta C + op(A) op(B) on the arrays' buffers at element offsets, through OpenBLAS. */
    private void gemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, long aOff, int lda, INDArray b,
                      long bOff, int ldb, double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0f, fp(a, aOff), lda, fp(b, bOff), ldb,
                    (float) beta, fp(c, cOff), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0, dp(a, aOff), lda, dp(b, bOff), ldb,
                    beta, dp(c, cOff), ldc);
        }
    }

    private static FloatPointer fp(INDArray a, long off) {
        Pointer base = a.data().addressPointer();
        return new FloatPointer(base).position(a.offset() + off);
    }

    private static DoublePointer dp(INDArray a, long off) {
        Pointer base = a.data().addressPointer();
        return new DoublePointer(base).position(a.offset() + off);
    }

    /** One convolution's weights, gradient and momentum, tap-major: [tap][c_out][c_in]. */
    private final class Param {
        final int cout;
        final int cin;
        final int taps;
        final INDArray w;
        final INDArray g;
        final INDArray buf;

        Param(double[] pytorch, int cout, int cin, int taps) {
            this.cout = cout;
            this.cin = cin;
            this.taps = taps;
            double[] v = new double[pytorch.length];
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < cin; i++) {
                    for (int t = 0; t < taps; t++) {
                        v[(t * cout + o) * cin + i] = pytorch[(o * cin + i) * taps + t];
                    }
                }
            }
            w = Nd4j.createFromArray(v).castTo(type).reshape(taps, cout, cin);
            g = Nd4j.create(type, taps, cout, cin);
            buf = Nd4j.create(type, taps, cout, cin);
        }

        double[] toPyTorch(INDArray a) {
            double[] v = a.dup().castTo(DataType.DOUBLE).data().asDouble();
            double[] out = new double[v.length];
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < cin; i++) {
                    for (int t = 0; t < taps; t++) {
                        out[(o * cin + i) * taps + t] = v[(t * cout + o) * cin + i];
                    }
                }
            }
            return out;
        }

        /** PyTorch's SGD: g += wd w; buf = g (first step) or momentum buf + g; w -= lr buf. */
        void update(double lr, boolean first) {
            g.addi(w.mul(weightDecay));
            if (first) {
                buf.assign(g);
            } else {
                buf.muli(momentum).addi(g);
            }
            w.subi(buf.mul(lr));
        }
    }
}
