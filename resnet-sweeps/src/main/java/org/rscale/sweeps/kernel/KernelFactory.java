package org.rscale.sweeps.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.ResidualNet;

/**
 * Chooses and builds the training kernel of a cell from its {@code kernel} and {@code precision}
 * settings. The choice is recorded in run.json, because a kernel switch changes floating-point
 * results.
 *
 * <pre>
 * kernel   precision          kernel built
 * auto     float64            LoopKernelF64
 * loop     float64            LoopKernelF64
 * nd4j     float64, float32   Nd4jKernel (ND4J's backend on the class path: CPU, or CUDA in rscale-cuda.jar)
 * </pre>
 */
public final class KernelFactory {

    private KernelFactory() {
    }

    /**
     * The kernel a cell's settings resolve to ({@code auto} resolved by width).
     *
     * @param cell the cell
     * @return the kernel name, {@code loop} or {@code nd4j}
     */
    public static String resolve(CellSettings cell) {
        switch (cell.kernel()) {
            case "auto":
            case "loop":
                return "loop";
            case "nd4j":
                return "nd4j";
            default:
                throw new InvalidInputException("setting 'kernel' has no value '" + cell.kernel() + "'");
        }
    }

    /**
     * @param cell    the cell's settings
     * @param initial the initial network; copied
     * @param train   the training set; kept
     * @return a kernel ready to train
     * @throws InvalidInputException for an unknown kernel or precision, or a precision the kernel lacks
     */
    public static TrainingKernel create(CellSettings cell, ResidualNet initial, Dataset train) {
        Optimiser opt = Optimiser.of(cell.optimizer(), cell.lr(), cell.momentum());
        int batch = Math.min(cell.batchSize(), train.n());
        String kernel = resolve(cell);
        String precision = cell.precision();
        if ("nd4j".equals(kernel)) {
            return new Nd4jKernel(initial, train, batch, opt, nd4jType(precision));
        }
        if (!"float64".equals(precision)) {
            throw new InvalidInputException("setting 'precision' is '" + precision + "', but kernel '" + kernel
                    + "' computes in float64 only (use kernel=nd4j for float32)");
        }
        return new LoopKernelF64(initial, train, batch, opt);
    }

    /**
     * @param kernel a kernel built by {@link #create}
     * @return where it computes, for run.json: {@code cpu} for the plain-Java kernels, else
     *         {@link Nd4jKernel#deviceDescription()}
     */
    public static String device(TrainingKernel kernel) {
        return kernel instanceof Nd4jKernel ? Nd4jKernel.deviceDescription() : "cpu";
    }

    /**
     * @param kernel a kernel built by {@link #create}
     * @return whether it computes with ND4J
     */
    public static boolean usesNd4j(TrainingKernel kernel) {
        return kernel instanceof Nd4jKernel;
    }

    private static DataType nd4jType(String precision) {
        switch (precision) {
            case "float64":
                return DataType.DOUBLE;
            case "float32":
                return DataType.FLOAT;
            default:
                throw new InvalidInputException("setting 'precision' has no value '" + precision + "'");
        }
    }
}
