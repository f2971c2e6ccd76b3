package org.rscale.sweeps.kernel;

import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.ResidualNet;

/**
 * Trains one residual network by mini-batch steps: forward pass, mean squared error, backward
 * pass and optimiser update. Implementations differ in how they compute (plain Java loops,
 * ND4J), never in what: from the same state they take the same step up to rounding.
 *
 * <p>A kernel is single-threaded and owns its workspace, allocated once at construction; it is
 * not thread-safe. Parallelism is across cells.
 */
public interface TrainingKernel {

    /**
     * The checks every kernel's constructor makes.
     *
     * @param initial  the network
     * @param train    the training data
     * @param maxBatch the batch capacity
     * @throws IllegalArgumentException when the data's width is not the network's or the capacity is not positive
     */
    static void requireCompatible(ResidualNet initial, Dataset train, int maxBatch) {
        requireWidth(train, initial.dim());
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch capacity must be positive, got " + maxBatch);
        }
    }

    /**
     * @param data the data a kernel is given
     * @param d    the network's width
     * @throws IllegalArgumentException when the data's width is not d
     */
    static void requireWidth(Dataset data, int d) {
        if (data.d() != d) {
            throw new IllegalArgumentException("data width " + data.d() + " differs from net width " + d);
        }
    }

    /** @return the kernel's name as recorded in run.json, e.g. {@code loop} */
    String name();

    /** @return the arithmetic precision, {@code float64} or {@code float32} */
    String precision();

    /**
     * One optimisation step on the training samples {@code order[from .. from+count)}.
     *
     * @param order sample indices into the training set; not modified
     * @param from  first position in {@code order}
     * @param count the batch size, at most the kernel's maximum batch
     * @return the batch loss before the update (non-finite when training diverged)
     */
    double trainStep(int[] order, int from, int count);

    /**
     * The loss and its gradient at the current parameters, without updating them (for checks and
     * comparisons, not the hot path).
     *
     * @param order  sample indices; not modified
     * @param from   first position in {@code order}
     * @param count  the batch size
     * @param gA     receives dLoss/dA, L*d*d values; modified
     * @param gb     receives dLoss/db, L*d values; modified
     * @param gDelta receives dLoss/d(stored delta), same length as the stored delta (zero when not trained); modified
     * @return the batch loss
     */
    double lossAndGradient(int[] order, int from, int count, double[] gA, double[] gb, double[] gDelta);

    /**
     * @param data samples of the network's width; not modified
     * @return the mean squared error of the current parameters on {@code data}
     */
    double loss(Dataset data);

    /** @return a copy of the current parameters, in double precision */
    ResidualNet parameters();

    /**
     * @return the bytes of every array the kernel allocated: parameters, optimiser state,
     *         activations and workspaces (O(L d^2 + B L d))
     */
    long allocatedBytes();

    /** @return where it computes, e.g. {@code cpu} or a GPU's name */
    default String device() {
        return "cpu";
    }
}
