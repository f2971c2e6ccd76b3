package org.rscale.sweeps.kernel.vector;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.kernel.BaseTrainingKernelTest;
import org.rscale.sweeps.kernel.Optimiser;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The SIMD float64 kernel against the plain-loop reference: fused multiply-adds and lane-wise sums
 * change the rounding only, so 1e-12 norm-wise.
 */
class VectorKernelF64Test extends BaseTrainingKernelTest {
    @Override
    protected TrainingKernel create(ResidualNet net, Dataset data, int maxBatch, Optimiser opt) {
        return new VectorKernelF64(net, data, maxBatch, opt);
    }

    @Override
    protected double agreement() {
        return 1e-12;
    }

    @Override
    protected double trainingAgreement() {
        return 1e-6;
    }
}
