package org.rscale.sweeps.kernel;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.ResidualNet;

/**
 * Chooses and builds the training kernel of a cell from its {@code kernel} and {@code precision}
 * settings. The choice is recorded in run.json, because a kernel switch changes floating-point
 * results.
 */
public final class KernelFactory {

    private KernelFactory() {
    }

    /**
     * The kernel a cell's settings resolve to ({@code auto} resolved by width).
     *
     * @param cell the cell
     * @return the kernel name, e.g. {@code loop}
     */
    public static String resolve(CellSettings cell) {
        switch (cell.kernel()) {
            case "auto":
            case "loop":
                return "loop";
            default:
                throw new InvalidInputException("setting 'kernel' has no value '" + cell.kernel() + "'");
        }
    }

    /**
     * @param cell    the cell's settings
     * @param initial the initial network; copied
     * @param train   the training set; kept
     * @return a kernel ready to train
     */
    public static TrainingKernel create(CellSettings cell, ResidualNet initial, Dataset train) {
        Optimiser opt = Optimiser.of(cell.optimizer(), cell.lr(), cell.momentum());
        int batch = Math.min(cell.batchSize(), train.n());
        String kernel = resolve(cell);
        if (!"float64".equals(cell.precision())) {
            throw new InvalidInputException("setting 'precision' has no value '" + cell.precision() + "'");
        }
        if ("loop".equals(kernel)) {
            return new LoopKernelF64(initial, train, batch, opt);
        }
        throw new AssertionError(kernel);
    }
}
