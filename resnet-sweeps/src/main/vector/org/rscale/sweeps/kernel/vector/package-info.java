/**
 * SIMD training kernels on the incubating Vector API ({@code jdk.incubator.vector}). Loaded by
 * reflection from {@link org.rscale.sweeps.kernel.KernelFactory}, only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code rscale} launcher adds it).
 */
package org.rscale.sweeps.kernel.vector;
