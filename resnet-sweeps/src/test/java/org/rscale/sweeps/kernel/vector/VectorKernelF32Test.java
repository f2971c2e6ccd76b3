package org.rscale.sweeps.kernel.vector;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.kernel.BaseTrainingKernelTest;
import org.rscale.sweeps.kernel.Optimiser;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The SIMD float32 kernel against the float64 reference: single precision carries a relative
 * rounding of ~6e-8 per operation; over a few layers the gradients agree to 1e-4 norm-wise.
 */
class VectorKernelF32Test extends BaseTrainingKernelTest {
    @Override
    protected TrainingKernel create(ResidualNet net, Dataset data, int maxBatch, Optimiser opt) {
        return new VectorKernelF32(net, data, maxBatch, opt);
    }

    @Override
    protected double agreement() {
        return 1e-4;
    }

    @Override
    protected double trainingAgreement() {
        return 1e-3;
    }
}
