package org.rscale.sweeps.kernel.conv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * The convolutional ResNet's training kernel written with ND4J's standard ops only: {@code conv2d} and
 * {@code conv2d_bp} (NCHW, PyTorch's weight layout), ReLU, mean pooling, gemm; no host-side access to
 * feature maps. On the CUDA build ({@code rscale-cuda.jar}) these ops run on the GPU through cuDNN; on
 * the oneDNN CPU build ({@code rscale-onednn.jar}) they run oneDNN's kernels in float32, faster than
 * {@link ConvGemmKernel} (see {@link ConvKernels}); on the generic CPU build, and in float64, they are
 * ND4J's own convolution, about 30 times PyTorch's time for a BasicBlock. It is also a second, independent
 * implementation the gemm kernel is tested against. The cross-entropy of the (batch x classes) logits is computed on the host.
 */
public final class ConvNd4jKernel implements ConvTrainingKernel {

    private final DataType type;
    private final ConvArchitecture arch;
    private final List<ConvArchitecture.BlockShape> shapes;
    private final int maxBatch;
    private final double momentum;
    private final double weightDecay;
    private final List<INDArray> params = new ArrayList<>();
    private final List<INDArray> grads = new ArrayList<>();
    private final List<INDArray> bufs = new ArrayList<>();
    private final INDArray stem;
    private final INDArray[] conv1;
    private final INDArray[] conv2;
    private final INDArray[] shortcut;
    private final INDArray linW;
    private final INDArray linB;
    private final Map<Integer, Maps> mapsByCount = new HashMap<>();
    private boolean firstStep = true;

    /**
     * @param initial     the initial parameters (copied)
     * @param maxBatch    the largest batch
     * @param precision   {@code float64} or {@code float32}
     * @param momentum    SGD momentum
     * @param weightDecay SGD weight decay
     */
    public ConvNd4jKernel(ConvNet initial, int maxBatch, String precision, double momentum, double weightDecay) {
        this.type = switch (precision) {
            case "float64" -> DataType.DOUBLE;
            case "float32" -> DataType.FLOAT;
            default -> throw new IllegalArgumentException("precision must be float64 or float32, got " + precision);
        };
        this.arch = initial.architecture();
        this.shapes = arch.blockShapes();
        this.maxBatch = maxBatch;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        int k = ConvArchitecture.KERNEL_SIZE;
        stem = param(initial.stem(), arch.baseWidth(), arch.inputChannels(), k, k);
        int L = shapes.size();
        conv1 = new INDArray[L];
        conv2 = new INDArray[L];
        shortcut = new INDArray[L];
        for (ConvArchitecture.BlockShape b : shapes) {
            conv1[b.index()] = param(initial.conv1().get(b.index()), b.outChannels(), b.inChannels(), k, k);
            conv2[b.index()] = param(initial.conv2().get(b.index()), b.outChannels(), b.outChannels(), k, k);
            if (b.shortcut()) {
                shortcut[b.index()] = param(initial.shortcut().get(b.index()), b.outChannels(), b.inChannels(), 1, 1);
            }
        }
        linW = param(initial.linearWeight(), arch.classes(), arch.features());
        linB = param(initial.linearBias(), 1, arch.classes());
        mapsByCount.put(maxBatch, new Maps(null, maxBatch));
    }

    private INDArray param(double[] values, long... shape) {
        INDArray p = Nd4j.createFromArray(values).castTo(type).reshape(shape);
        params.add(p);
        grads.add(Nd4j.create(type, shape));
        bufs.add(Nd4j.create(type, shape));
        return p;
    }

    /**
     * What a kernel of this shape holds, computed before it exists ({@link #allocatedBytes} once it does): the
     * parameters, gradients and momenta, and the batch's feature maps for {@code maxBatch} images (the input and its
     * gradient, the stem's output; per block conv1's output, the block's output, their gradients, the gradient of
     * its input, and with a shortcut the shortcut's output and its input gradient; the last output's gradient), all
     * in {@code precision}. Not counted: what ND4J's ops allocate while they run ({@link #columnBytes}).
     *
     * @param arch      the network's shape
     * @param maxBatch  the largest batch
     * @param precision {@code float64} or {@code float32}
     * @return the bytes
     */
    public static long estimatedBytes(ConvArchitecture arch, int maxBatch, String precision) {
        long per = "float32".equals(precision) ? 4 : 8;
        long in = (long) arch.inputHeight() * arch.inputWidth();
        long perImage = (2L * arch.inputChannels() + arch.baseWidth()) * in;
        long last = 0;
        for (ConvArchitecture.BlockShape b : arch.blockShapes()) {
            long outMap = (long) b.outChannels() * b.outputHeight() * b.outputWidth();
            long inMap = (long) b.inChannels() * b.inputHeight() * b.inputWidth();
            perImage += 3 * outMap + inMap + (b.shortcut() ? outMap + inMap : 0);
            last = outMap;
        }
        perImage += last;
        return per * (3 * arch.parameterCount() + perImage * maxBatch);
    }

    /**
     * The largest temporary of ND4J's CPU {@code conv2d} / {@code conv2d_bp} ops: the im2col columns
     * (batch x c_in x k^2 x H_out x W_out) of the largest convolution, allocated inside the op and freed after it.
     * An estimate from libnd4j's im2col method, not a count of this class's arrays (oneDNN and cuDNN allocate
     * their own workspaces).
     *
     * @param arch      the network's shape
     * @param maxBatch  the largest batch
     * @param precision {@code float64} or {@code float32}
     * @return the bytes
     */
    public static long columnBytes(ConvArchitecture arch, int maxBatch, String precision) {
        long per = "float32".equals(precision) ? 4 : 8;
        long k2 = (long) ConvArchitecture.KERNEL_SIZE * ConvArchitecture.KERNEL_SIZE;
        long most = k2 * arch.inputChannels() * arch.inputHeight() * arch.inputWidth();
        for (ConvArchitecture.BlockShape b : arch.blockShapes()) {
            long out = (long) b.outputHeight() * b.outputWidth();
            most = Math.max(most, k2 * Math.max(b.inChannels(), b.outChannels()) * out);
        }
        return per * most * maxBatch;
    }

    /** @return the bytes this kernel holds between steps: its ND4J buffers, as {@link #estimatedBytes} counts them */
    public long allocatedBytes() {
        List<INDArray> arrays = new ArrayList<>(params);
        arrays.addAll(grads);
        arrays.addAll(bufs);
        Maps m = mapsByCount.get(maxBatch);
        arrays.addAll(List.of(m.x, m.dx, m.h0, m.dOut));
        for (INDArray[] each : List.of(m.a, m.out, m.sc, m.dT, m.dIn, m.dSc)) {
            for (INDArray a : each) {
                if (a != null) {
                    arrays.add(a);
                }
            }
        }
        long bytes = 0;
        for (INDArray a : arrays) {
            bytes += a.data().length() * a.data().getElementSize();
        }
        return bytes;
    }

    @Override
    public String name() {
        return "conv-nd4j";
    }

    @Override
    public String precision() {
        return type == DataType.DOUBLE ? "float64" : "float32";
    }

    @Override
    public String device() {
        if (Nd4j.getEnvironment().isCPU()) {
            return type == DataType.FLOAT && ConvKernels.oneDnn() ? "cpu, ND4J conv2d ops via oneDNN"
                    : "cpu, ND4J's own conv2d ops";
        }
        return "nd4j cuda, device " + Nd4j.getAffinityManager().getDeviceForCurrentThread() + " (conv2d via cuDNN)";
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public BatchResult trainStep(double[] images, int[] labels, int count, double lr) {
        BatchResult r = pass(images, labels, count, true);
        for (int i = 0; i < params.size(); i++) {
            INDArray w = params.get(i);
            INDArray g = grads.get(i);
            Nd4j.getBlasWrapper().level1().axpy(w.length(), weightDecay, w, g);
            INDArray buf = bufs.get(i);
            if (firstStep) {
                buf.assign(g);
            } else {
                buf.muli(momentum).addi(g);
            }
            Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr, buf, w);
        }
        firstStep = false;
        return r;
    }

    @Override
    public BatchResult evaluate(double[] images, int[] labels, int count) {
        return pass(images, labels, count, false);
    }

    @Override
    public ConvNet gradient(double[] images, int[] labels, int count) {
        pass(images, labels, count, true);
        return snapshot(grads);
    }

    @Override
    public ConvNet parameters() {
        return snapshot(params);
    }

    @Override
    public void close() {
        // ND4J frees the arrays when they are collected
    }

    private ConvNet snapshot(List<INDArray> arrays) {
        int i = 0;
        double[] s = values(arrays.get(i++));
        List<double[]> c1 = new ArrayList<>();
        List<double[]> c2 = new ArrayList<>();
        List<double[]> sc = new ArrayList<>();
        for (ConvArchitecture.BlockShape b : shapes) {
            c1.add(values(arrays.get(i++)));
            c2.add(values(arrays.get(i++)));
            sc.add(b.shortcut() ? values(arrays.get(i++)) : null);
        }
        double[] w = values(arrays.get(i++));
        double[] bias = values(arrays.get(i));
        return new ConvNet(arch, s, c1, c2, sc, w, bias);
    }

    private static double[] values(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** conv2d of x with w into out (NCHW, padding (k - 1) / 2, no bias). */
    private static void conv(INDArray x, INDArray w, int k, int stride, INDArray out) {
        int pad = (k - 1) / 2;
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out)
                .addIntegerArguments(k, k, stride, stride, pad, pad, 1, 1, 0, 0, 1).build());
    }

    /** conv2d_bp: the gradients of x into dX and of w into dW, from the output's gradient dY. */
    private static void convBackward(INDArray x, INDArray w, INDArray dY, int k, int stride, INDArray dX, INDArray dW) {
        int pad = (k - 1) / 2;
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, dY).addOutputs(dX, dW)
                .addIntegerArguments(k, k, stride, stride, pad, pad, 1, 1, 0, 0, 1).build());
    }

    /** x = max(x, 0), in place. */
    private static void relu(INDArray x) {
        Nd4j.exec(new RectifiedLinear(x, x, 0.0));
    }

    /** g = g where y > 0, else 0, in place: the gradient through y = relu(.), from its output y. */
    private static void reluBackward(INDArray y, INDArray g) {
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(y, g).addOutputs(g).addFloatingPointArguments(0.0)
                .build());
    }

    /**
     * The feature maps and their gradients for one batch size: views of the first {@code count} images of
     * arrays allocated once for {@link #maxBatch} images (the batch is the leading, slowest axis, so each
     * view is one contiguous block), reused by every pass. Freshly allocated multi-megabyte arrays made
     * every convolution several times slower here (page faults of new memory inside the op).
     */
    private final class Maps {
        final INDArray x;
        final INDArray dx;
        final INDArray h0;
        final INDArray[] a;
        final INDArray[] out;
        final INDArray[] sc;
        final INDArray[] dT;
        final INDArray[] dIn;
        final INDArray[] dSc;
        final INDArray dOut;

        Maps(Maps full, int count) {
            int L = shapes.size();
            a = new INDArray[L];
            out = new INDArray[L];
            sc = new INDArray[L];
            dT = new INDArray[L];
            dIn = new INDArray[L];
            dSc = new INDArray[L];
            if (full == null) {
                x = map(arch.inputChannels(), arch.inputHeight(), arch.inputWidth());
                dx = x.ulike();
                h0 = map(arch.baseWidth(), arch.inputHeight(), arch.inputWidth());
                for (ConvArchitecture.BlockShape b : shapes) {
                    int k = b.index();
                    a[k] = map(b.outChannels(), b.outputHeight(), b.outputWidth());
                    out[k] = a[k].ulike();
                    dT[k] = a[k].ulike();
                    dIn[k] = map(b.inChannels(), b.inputHeight(), b.inputWidth());
                    if (b.shortcut()) {
                        sc[k] = a[k].ulike();
                        dSc[k] = dIn[k].ulike();
                    }
                }
                dOut = out[L - 1].ulike();
            } else {
                x = head(full.x, count);
                dx = head(full.dx, count);
                h0 = head(full.h0, count);
                for (int k = 0; k < L; k++) {
                    a[k] = head(full.a[k], count);
                    out[k] = head(full.out[k], count);
                    dT[k] = head(full.dT[k], count);
                    dIn[k] = head(full.dIn[k], count);
                    sc[k] = full.sc[k] == null ? null : head(full.sc[k], count);
                    dSc[k] = full.dSc[k] == null ? null : head(full.dSc[k], count);
                }
                dOut = head(full.dOut, count);
            }
        }

        private INDArray map(long channels, long height, long width) {
            return Nd4j.create(type, maxBatch, channels, height, width);
        }

        private static INDArray head(INDArray a, int count) {
            return a.get(NDArrayIndex.interval(0, count), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        }
    }

    private Maps maps(int count) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("batch of " + count + " images, this kernel takes 1.." + maxBatch);
        }
        return mapsByCount.computeIfAbsent(count, n -> new Maps(mapsByCount.get(maxBatch), n));
    }

    private BatchResult pass(double[] images, int[] labels, int count, boolean backward) {
        Maps m = maps(count);
        int c = arch.inputChannels();
        int h = arch.inputHeight();
        int w = arch.inputWidth();
        m.x.assign(Nd4j.createFromArray(java.util.Arrays.copyOf(images, count * c * h * w)).reshape(count, c, h, w));
        int L = shapes.size();
        conv(m.x, stem, 3, 1, m.h0);
        relu(m.h0);
        INDArray cur = m.h0;
        for (ConvArchitecture.BlockShape b : shapes) {
            int k = b.index();
            conv(cur, conv1[k], 3, b.stride(), m.a[k]);
            relu(m.a[k]);
            conv(m.a[k], conv2[k], 3, 1, m.out[k]);
            if (shortcut[k] == null) {
                m.out[k].addi(cur);
            } else {
                conv(cur, shortcut[k], 1, b.stride(), m.sc[k]);
                m.out[k].addi(m.sc[k]);
            }
            relu(m.out[k]);
            cur = m.out[k];
        }
        INDArray pooled = cur.mean(2, 3);                                   // count x features
        INDArray logits = pooled.mmul(linW.transpose()).addiRowVector(linB.reshape(linB.length()));
        double[] z = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int classes = arch.classes();
        double loss = 0;
        int correct = 0;
        double[] dz = new double[z.length];
        for (int n = 0; n < count; n++) {
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < classes; j++) {
                if (z[n * classes + j] > max) {
                    max = z[n * classes + j];
                    arg = j;
                }
            }
            correct += arg == labels[n] ? 1 : 0;
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(z[n * classes + j] - max);
            }
            loss += max + Math.log(sum) - z[n * classes + labels[n]];
            for (int j = 0; j < classes; j++) {
                dz[n * classes + j] = (Math.exp(z[n * classes + j] - max) / sum - (j == labels[n] ? 1 : 0)) / count;
            }
        }
        if (backward) {
            backward(m, pooled, dz, count);
        }
        return new BatchResult(loss / count, correct);
    }

    private void backward(Maps m, INDArray pooled, double[] dz, int count) {
        int classes = arch.classes();
        int L = shapes.size();
        INDArray dLogits = Nd4j.createFromArray(dz).castTo(type).reshape(count, classes);
        int i = grads.size() - 1;
        grads.get(i).assign(dLogits.sum(0).reshape(1, classes));
        grads.get(i - 1).assign(dLogits.transpose().mmul(pooled));
        INDArray last = m.out[L - 1];
        INDArray dPooled = dLogits.mmul(linW).divi(last.size(2) * last.size(3));   // count x features
        Nd4j.exec(new BroadcastCopyOp(m.dOut, dPooled, m.dOut, 0, 1));
        INDArray dOut = m.dOut;
        int g = grads.size() - 3;
        for (int k = L - 1; k >= 0; k--) {
            ConvArchitecture.BlockShape b = shapes.get(k);
            INDArray in = k == 0 ? m.h0 : m.out[k - 1];
            reluBackward(m.out[k], dOut);                                   // dOut is now dZ
            int c1 = g - (b.shortcut() ? 2 : 1);
            int c2 = g - (b.shortcut() ? 1 : 0);
            convBackward(m.a[k], conv2[k], dOut, 3, 1, m.dT[k], grads.get(c2));
            reluBackward(m.a[k], m.dT[k]);
            convBackward(in, conv1[k], m.dT[k], 3, b.stride(), m.dIn[k], grads.get(c1));
            if (shortcut[k] == null) {
                m.dIn[k].addi(dOut);
            } else {
                convBackward(in, shortcut[k], dOut, 1, b.stride(), m.dSc[k], grads.get(g));
                m.dIn[k].addi(m.dSc[k]);
            }
            g = c1 - 1;
            dOut = m.dIn[k];
        }
        reluBackward(m.h0, dOut);
        convBackward(m.x, stem, dOut, 3, 1, m.dx, grads.get(0));
    }
}
