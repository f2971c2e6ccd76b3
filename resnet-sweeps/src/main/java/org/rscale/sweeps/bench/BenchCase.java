package org.rscale.sweeps.bench;

/**
 * One benchmark case: a kernel at one precision training one network shape.
 *
 * @param kernel     {@code loop}, {@code vector} or {@code nd4j}
 * @param precision  {@code float64} or {@code float32}
 * @param width      d
 * @param batch      B
 * @param depth      L
 * @param activation the activation's key
 * @param delta      the delta variant's key
 * @param optimizer  the optimiser's name
 */
public record BenchCase(String kernel, String precision, int width, int batch, int depth, String activation,
                        String delta, String optimizer) {
}
