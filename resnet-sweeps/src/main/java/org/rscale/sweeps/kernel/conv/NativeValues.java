package org.rscale.sweeps.kernel.conv;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to an ND4J array's native memory through a direct NIO buffer: 1-2 ns per element,
 * where {@code DataBuffer.getDouble/put} cost tens of nanoseconds. For the small gathers and the
 * pooling of {@link ConvGemmKernel}, by flat C-order index from the array's first element.
 */
abstract class NativeValues {

    /**
     * @param i a flat index
     * @return the value there, widened to double
     */
    abstract double get(int i);

    /**
     * @param i a flat index
     * @param v the new value, rounded to the array's type
     */
    abstract void put(int i, double v);

    /**
     * @param a a FLOAT or DOUBLE array of the CPU backend, contiguous
     * @return its values
     */
    static NativeValues of(INDArray a) {
        long n = a.length();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer b = new FloatPointer(a.data().addressPointer()).position(a.offset()).limit(a.offset() + n)
                    .asBuffer();
            return new NativeValues() {
                @Override
                double get(int i) {
                    return b.get(i);
                }

                @Override
                void put(int i, double v) {
                    b.put(i, (float) v);
                }
            };
        }
        DoubleBuffer b = new DoublePointer(a.data().addressPointer()).position(a.offset()).limit(a.offset() + n)
                .asBuffer();
        return new NativeValues() {
            @Override
            double get(int i) {
                return b.get(i);
            }

            @Override
            void put(int i, double v) {
                b.put(i, v);
            }
        };
    }
}
