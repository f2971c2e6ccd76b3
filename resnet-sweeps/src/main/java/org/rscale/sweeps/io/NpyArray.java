package org.rscale.sweeps.io;

import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a {@code .npy} file: its shape and its values in
 * C (row-major) order, widened to {@code double}, with the dtype it was stored in.
 *
 * @param shape the shape, outermost axis first; a 0-d array has shape {@code []}
 * @param data  the values in C order, {@code product(shape)} of them
 * @param dtype the numpy type string it was stored as, e.g. {@code <f8}
 */
public record NpyArray(int[] shape, double[] data, String dtype) {

    // Checks that {@code data} holds exactly {@code product(shape)} values.
    public NpyArray {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, data has " + data.length);
        }
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /** @return the shape written as numpy prints it, e.g. {@code (9100, 10, 10)} */
    public String shapeString() {
        return shapeString(shape);
    }

    /**
     * @param shape a shape
     * @return it written as numpy prints it: {@code ()}, {@code (3,)}, {@code (3, 4)}
     */
    public static String shapeString(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(shape[i]);
        }
        if (shape.length == 1) {
            s.append(',');
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data) && dtype.equals(other.dtype);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(data)) + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "NpyArray" + shapeString() + " " + dtype;
    }
}
