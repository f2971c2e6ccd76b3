package org.rscale.sweeps.kernel.conv;

import org.nd4j.linalg.factory.Nd4j;
import org.rscale.sweeps.model.ConvNet;

/**
 * Picks a conv cell's kernel from the {@code kernel} setting: {@code auto} is {@link ConvGemmKernel} on
 * ND4J's CPU backend (OpenBLAS on the host's memory) and {@link ConvNd4jKernel} on the CUDA backend
 * (cuDNN); {@code nd4j} is always {@link ConvNd4jKernel}.
 */
public final class ConvKernels {
    private ConvKernels() {
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
        boolean gemm = "auto".equals(kernel) && Nd4j.getEnvironment().isCPU();
        if (!gemm && !"auto".equals(kernel) && !"nd4j".equals(kernel)) {
            throw new IllegalArgumentException("conv cells take kernel auto or nd4j, got " + kernel);
        }
        return gemm ? new ConvGemmKernel(initial, maxBatch, precision, momentum, weightDecay)
                : new ConvNd4jKernel(initial, maxBatch, precision, momentum, weightDecay);
    }
}
