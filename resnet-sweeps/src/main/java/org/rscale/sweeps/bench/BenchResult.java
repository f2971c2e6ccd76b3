package org.rscale.sweeps.bench;

/**
 * The timing of one {@link BenchCase}.
 *
 * @param benchCase         what was timed
 * @param device            where the kernel computed
 * @param usPerLayerStep    median time of one training step (forward, backward, update) divided by the depth, microseconds
 * @param usPerLayerStepMin fastest step divided by the depth
 * @param usPerLayerStepMax slowest step divided by the depth
 * @param stepsPerSecond    training steps per second at the median
 * @param memoryBytes       bytes the kernel allocated (parameters, optimiser state, activations, workspaces)
 * @param steps             timed steps
 */
public record BenchResult(BenchCase benchCase, String device, double usPerLayerStep, double usPerLayerStepMin,
                          double usPerLayerStepMax, double stepsPerSecond, long memoryBytes, int steps) {
}
