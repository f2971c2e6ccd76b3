package org.rscale.sweeps.kernel;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.Dataset;
import org.rscale.sweeps.model.ResidualNet;

/**
 * Chooses and builds the training kernel of a cell from its {@code kernel} and {@code precision}
 * settings; the choice is recorded in run.json, because a kernel switch changes floating-point
 * results.
 *
 * <pre>
 * kernel   what runs
 * loop     LoopKernelF64 / LoopKernelF32: plain Java, portable
 * vector   VectorKernelF64 / VectorKernelF32: SIMD over the batch (needs --add-modules jdk.incubator.vector)
 * nd4j     Nd4jKernel (float64 or float32): ND4J ops on its backend, CPU BLAS or CUDA in rscale-cuda.jar
 * auto     nd4j from width nd4j_min_width on, else vector when the JVM has the Vector API, else loop
 * </pre>
 */
public final class KernelFactory {
    /** The module of the SIMD kernels. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private KernelFactory() {
    }

    /** @return whether this JVM runs with the Vector API module, so the SIMD kernels can load */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The kernel a cell's settings resolve to on this JVM.
     *
     * @param cell the cell
     * @return {@code loop}, {@code vector} or {@code nd4j}
     */
    public static String resolve(CellSettings cell) {
        int threshold = cell.nd4jMinWidth() > 0 ? cell.nd4jMinWidth() : crossoverWidth(cell.batchSize());
        return resolve(cell.kernel(), cell.dim(), threshold);
    }

    /**
     * The width from which the ND4J kernel beats the SIMD kernel on one CPU thread, as measured with
     * {@code rscale bench} (tanh, Adam, depth 50, 2-vCPU AMD EPYC Zen 4): about 224 (float64) to 300
     * (float32) at batch 32, 48 to 90 at batch 256. The rule {@code 240 (32/B)^0.7} sits between them.
     *
     * @param batch the batch size B
     * @return the crossover width
     */
    public static int crossoverWidth(int batch) {
        return (int) Math.round(240 * Math.pow(32.0 / Math.max(1, batch), 0.7));
    }

    /**
     * @param requested    the {@code kernel} setting
     * @param width        the network width d
     * @param nd4jMinWidth the width from which {@code auto} means nd4j
     * @return the kernel that runs
     */
    public static String resolve(String requested, int width, int nd4jMinWidth) {
        switch (requested) {
            case "auto":
                if (width >= nd4jMinWidth) {
                    return "nd4j";
                }
                return vectorAvailable() ? "vector" : "loop";
            case "nd4j":
                return "nd4j";
            case "loop":
                return "loop";
            case "vector":
                if (!vectorAvailable()) {
                    throw new InvalidInputException("setting 'kernel' is 'vector', but this JVM runs without "
                            + VECTOR_MODULE + " (start it with --add-modules " + VECTOR_MODULE
                            + ", as the rscale launcher does, or use kernel=loop)");
                }
                return "vector";
            default:
                throw new InvalidInputException("setting 'kernel' has no value '" + requested + "'");
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
        return create(resolve(cell), cell.precision(), initial, train, batch, opt);
    }

    /**
     * @param kernel    a resolved kernel name ({@link #resolve})
     * @param precision {@code float64} or {@code float32}
     * @param initial   the initial network; copied
     * @param train     the training set; kept
     * @param maxBatch  the batch capacity
     * @param opt       the optimiser
     * @return the kernel
     */
    public static TrainingKernel create(String kernel, String precision, ResidualNet initial, Dataset train,
                                        int maxBatch, Optimiser opt) {
        boolean f64 = "float64".equals(precision);
        if (!f64 && !"float32".equals(precision)) {
            throw new InvalidInputException("setting 'precision' has no value '" + precision + "'");
        }
        switch (kernel) {
            case "loop":
                return f64 ? new LoopKernelF64(initial, train, maxBatch, opt) : new LoopKernelF32(initial, train, maxBatch, opt);
            case "nd4j":
                return new Nd4jKernel(initial, train, maxBatch, opt,
                        f64 ? org.nd4j.linalg.api.buffer.DataType.DOUBLE : org.nd4j.linalg.api.buffer.DataType.FLOAT);
            case "vector":
                return reflect(f64 ? "org.rscale.sweeps.kernel.vector.VectorKernelF64"
                        : "org.rscale.sweeps.kernel.vector.VectorKernelF32", initial, train, maxBatch, opt);
            default:
                throw new InvalidInputException("unknown kernel '" + kernel + "'");
        }
    }

    /** The SIMD kernels are compiled separately and loaded only when the Vector API is present. */
    private static TrainingKernel reflect(String className, ResidualNet initial, Dataset train, int maxBatch,
                                          Optimiser opt) {
        try {
            Constructor<?> c = Class.forName(className)
                    .getConstructor(ResidualNet.class, Dataset.class, int.class, Optimiser.class);
            return (TrainingKernel) c.newInstance(initial, train, maxBatch, opt);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot create " + className + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + className + " (" + e + ")", e);
        }
    }
}
