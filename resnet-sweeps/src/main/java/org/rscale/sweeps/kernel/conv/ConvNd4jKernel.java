package org.rscale.sweeps.kernel.conv;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * The convolutional ResNet's training kernel written with ND4J's standard ops only: {@code conv2d} and
 * {@code conv2d_bp} (NCHW, PyTorch's weight layout), ReLU, mean pooling, gemm; no host-side access to
 * feature maps. On the CPU it is slow (ND4J's own convolution, about 30 times PyTorch's time for a
 * BasicBlock, see {@link ConvGemmKernel}); it exists for the CUDA build ({@code rscale-cuda.jar}), where
 * these ops run on the GPU through cuDNN, and as a second, independent implementation the gemm kernel is
 * tested against. The cross-entropy of the (batch x classes) logits is computed on the host.
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
    }

    private INDArray param(double[] values, long... shape) {
        INDArray p = Nd4j.createFromArray(values).castTo(type).reshape(shape);
        params.add(p);
        grads.add(Nd4j.create(type, shape));
        bufs.add(Nd4j.create(type, shape));
        return p;
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
            return "cpu, ND4J conv2d ops";
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
            INDArray g = grads.get(i).addi(w.mul(weightDecay));
            INDArray buf = bufs.get(i);
            if (firstStep) {
                buf.assign(g);
            } else {
                buf.muli(momentum).addi(g);
            }
            w.subi(buf.mul(lr));
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

    private static INDArray conv(INDArray x, INDArray w, int k, int stride) {
        int pad = (k - 1) / 2;
        long h = ConvArchitecture.outputSize((int) x.size(2), k, stride);
        long wd = ConvArchitecture.outputSize((int) x.size(3), k, stride);
        INDArray out = Nd4j.create(x.dataType(), x.size(0), w.size(0), h, wd);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out)
                .addIntegerArguments(k, k, stride, stride, pad, pad, 1, 1, 0, 0, 1).build());
        return out;
    }

    /** Returns {dX, dW}. */
    private static INDArray[] convBackward(INDArray x, INDArray w, INDArray dY, int k, int stride) {
        int pad = (k - 1) / 2;
        INDArray dX = Nd4j.create(x.dataType(), x.shape());
        INDArray dW = Nd4j.create(w.dataType(), w.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, dY).addOutputs(dX, dW)
                .addIntegerArguments(k, k, stride, stride, pad, pad, 1, 1, 0, 0, 1).build());
        return new INDArray[] {dX, dW};
    }

    private static INDArray relu(INDArray x) {
        INDArray y = x.ulike();
        Nd4j.exec(new RectifiedLinear(x, y, 0.0));
        return y;
    }

    private static INDArray step(INDArray x) {
        INDArray y = x.ulike();
        Nd4j.exec(new Step(x, y, 0.0));
        return y;
    }

    private BatchResult pass(double[] images, int[] labels, int count, boolean backward) {
        int c = arch.inputChannels();
        int h = arch.inputHeight();
        int w = arch.inputWidth();
        double[] batch = java.util.Arrays.copyOf(images, count * c * h * w);
        INDArray x = Nd4j.createFromArray(batch).castTo(type).reshape(count, c, h, w);
        int L = shapes.size();
        INDArray h0 = relu(conv(x, stem, 3, 1));
        INDArray[] in = new INDArray[L];
        INDArray[] a = new INDArray[L];
        INDArray[] out = new INDArray[L];
        INDArray cur = h0;
        for (ConvArchitecture.BlockShape b : shapes) {
            int k = b.index();
            in[k] = cur;
            a[k] = relu(conv(cur, conv1[k], 3, b.stride()));
            INDArray z = conv(a[k], conv2[k], 3, 1);
            z.addi(shortcut[k] == null ? cur : conv(cur, shortcut[k], 1, b.stride()));
            out[k] = relu(z);
            cur = out[k];
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
            INDArray dLogits = Nd4j.createFromArray(dz).castTo(type).reshape(count, classes);
            int i = grads.size() - 1;
            grads.get(i).assign(dLogits.sum(0).reshape(1, classes));
            grads.get(i - 1).assign(dLogits.transpose().mmul(pooled));
            INDArray dPooled = dLogits.mmul(linW);                          // count x features
            long area = cur.size(2) * cur.size(3);
            INDArray dOut = Nd4j.create(type, cur.shape());
            dOut.addi(dPooled.div(area).reshape(count, dPooled.size(1), 1, 1).broadcast(cur.shape()));
            int g = grads.size() - 3;
            for (int k = L - 1; k >= 0; k--) {
                ConvArchitecture.BlockShape b = shapes.get(k);
                INDArray dZ = dOut.mul(step(out[k]));
                INDArray[] c2 = convBackward(a[k], conv2[k], dZ, 3, 1);
                INDArray dT = c2[0].muli(step(a[k]));
                INDArray[] c1 = convBackward(in[k], conv1[k], dT, 3, b.stride());
                INDArray dIn = c1[0];
                if (shortcut[k] == null) {
                    dIn.addi(dZ);
                } else {
                    INDArray[] cs = convBackward(in[k], shortcut[k], dZ, 1, b.stride());
                    dIn.addi(cs[0]);
                    grads.get(g--).assign(cs[1]);
                }
                grads.get(g--).assign(c2[1]);
                grads.get(g--).assign(c1[1]);
                dOut = dIn;
            }
            INDArray dS = dOut.muli(step(h0));
            grads.get(0).assign(convBackward(x, stem, dS, 3, 1)[1]);
        }
        return new BatchResult(loss / count, correct);
    }
}
