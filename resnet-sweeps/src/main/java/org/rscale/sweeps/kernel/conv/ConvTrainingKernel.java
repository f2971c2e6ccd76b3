package org.rscale.sweeps.kernel.conv;

import org.rscale.sweeps.model.ConvNet;

/**
 * What trains a convolutional ResNet ({@link ConvNet}): the forward pass, cross-entropy, the
 * backward pass and PyTorch's SGD update with momentum and weight decay, on batches of normalised
 * images. The fully-connected {@code TrainingKernel} is its counterpart for the residual MLP.
 * Single-threaded with a fixed order of operations.
 *
 * <p>Images are given as {@code count} rows of {@code c_in H W} values (C order, already
 * augmented and normalised); the learning rate is given per step (the schedule is the trainer's).
 */
public interface ConvTrainingKernel extends AutoCloseable {

    /** @return the kernel's name, recorded in run.json */
    String name();

    /** @return {@code float64} or {@code float32} */
    String precision();

    /** @return where it computes, e.g. {@code cpu, 1 thread} */
    String device();

    /** @return the largest batch a step may hold */
    int maxBatch();

    /**
     * One SGD step on a batch: forward, mean cross-entropy, backward, update
     * {@code g += wd w; buf = momentum buf + g; w -= lr buf} (PyTorch's SGD, no dampening, buf = g at
     * the first step).
     *
     * @param images count x (c_in H W) values; not modified
     * @param labels the classes, {@code count} of them
     * @param count  the batch size, 1..{@link #maxBatch()}
     * @param lr     the learning rate of this step
     * @return the batch's mean loss and correct predictions, from the forward pass before the update
     */
    BatchResult trainStep(double[] images, int[] labels, int count, double lr);

    /**
     * The forward pass only.
     *
     * @param images count x (c_in H W) values
     * @param labels the classes
     * @param count  the batch size
     * @return the batch's mean loss and correct predictions
     */
    BatchResult evaluate(double[] images, int[] labels, int count);

    /**
     * The gradient of the batch's mean cross-entropy (without weight decay), in the parameters' layout;
     * no update.
     *
     * @param images count x (c_in H W) values
     * @param labels the classes
     * @param count  the batch size
     * @return the gradient, as a {@link ConvNet} of the same architecture
     */
    ConvNet gradient(double[] images, int[] labels, int count);

    /** @return the current parameters as float64 arrays in PyTorch's layout (a copy) */
    ConvNet parameters();

    /** Frees native memory. */
    @Override
    void close();

    /**
     * @param meanLoss the batch's mean cross-entropy (NaN or infinite when diverged)
     * @param correct  how many argmax predictions equal the label
     */
    record BatchResult(double meanLoss, int correct) {
    }
}
