package org.rscale.sweeps.kernel.conv;

import java.util.List;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;

/**
 * Picks a conv cell's kernel from the {@code kernel} setting. {@code auto} is {@link ConvNd4jKernel} on the
 * CUDA backend (cuDNN) and, in float32, on a CPU backend built with oneDNN (the {@code onednn} build,
 * {@code rscale-onednn.jar}), whose {@code conv2d} / {@code conv2d_bp} are oneDNN's kernels; otherwise
 * {@link ConvGemmKernel} (OpenBLAS gemms: ND4J's own CPU convolution, and oneDNN's in float64, are far
 * slower). {@code nd4j} is always {@link ConvNd4jKernel}.
 */
public final class ConvKernels {

    /** The kernel names, as {@link ConvTrainingKernel#name()} reports them. */
    public static final List<String> NAMES = List.of("conv-gemm", "conv-nd4j");

    private ConvKernels() {
    }

    /**
     * @return whether ND4J's native library was built with oneDNN (its build information says
     *         {@code HAVE_ONEDNN}); false on the generic CPU build and on CUDA
     */
    public static boolean oneDnn() {
        return Nd4j.getEnvironment().isCPU()
                && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    /**
     * @param kernel    the {@code kernel} setting, {@code auto} or {@code nd4j}
     * @param precision float64 or float32
     * @return the name of the kernel {@link #create} makes for them on this backend, one of {@link #NAMES}
     */
    public static String choose(String kernel, String precision) {
        if ("nd4j".equals(kernel)) {
            return "conv-nd4j";
        }
        if (!"auto".equals(kernel)) {
            throw new IllegalArgumentException("conv cells take kernel auto or nd4j, got " + kernel);
        }
        boolean nd4j = !Nd4j.getEnvironment().isCPU() || "float32".equals(precision) && oneDnn();
        return nd4j ? "conv-nd4j" : "conv-gemm";
    }

    /**
     * The memory a kernel takes while it trains: what it holds ({@link ConvGemmKernel#estimatedBytes},
     * {@link ConvNd4jKernel#estimatedBytes}) and, for {@code conv-nd4j}, the im2col columns its ops allocate
     * ({@link ConvNd4jKernel#columnBytes}). Its buffers are ND4J's native memory.
     *
     * @param name      one of {@link #NAMES}
     * @param arch      the network's shape
     * @param maxBatch  the largest batch
     * @param precision float64 or float32
     * @return the bytes
     */
    public static long estimatedBytes(String name, ConvArchitecture arch, int maxBatch, String precision) {
        return switch (name) {
            case "conv-gemm" -> ConvGemmKernel.estimatedBytes(arch, maxBatch, precision);
            case "conv-nd4j" -> ConvNd4jKernel.estimatedBytes(arch, maxBatch, precision)
                    + ConvNd4jKernel.columnBytes(arch, maxBatch, precision);
            default -> throw new IllegalArgumentException("conv kernels are " + String.join(", ", NAMES) + ", got " + name);
        };
    }

    /**
     * @param kernel      the {@code kernel} setting, {@code auto} or {@code nd4j}
     * @param initial     the initial network
     * @param maxBatch    the largest batch
     * @param precision   float64 or float32
     * @param momentum    SGD momentum
     * @param weightDecay SGD weight decay
     * @return the kernel
     */
    public static ConvTrainingKernel create(String kernel, ConvNet initial, int maxBatch, String precision,
                                           double momentum, double weightDecay) {
        return named(choose(kernel, precision), initial, maxBatch, precision, momentum, weightDecay);
    }

    /**
     * @param name        one of {@link #NAMES}
     * @param initial     the initial network
     * @param maxBatch    the largest batch
     * @param precision   float64 or float32
     * @param momentum    SGD momentum
     * @param weightDecay SGD weight decay
     * @return that kernel, on whatever backend this build has
     */
    public static ConvTrainingKernel named(String name, ConvNet initial, int maxBatch, String precision,
                                          double momentum, double weightDecay) {
        return switch (name) {
            case "conv-gemm" -> new ConvGemmKernel(initial, maxBatch, precision, momentum, weightDecay);
            case "conv-nd4j" -> new ConvNd4jKernel(initial, maxBatch, precision, momentum, weightDecay);
            default -> throw new IllegalArgumentException("conv kernels are " + String.join(", ", NAMES) + ", got " + name);
        };
    }
}
