package org.rscale.sweeps.run;

import java.util.Arrays;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.NpyArray;

/**
 * One trained convolution kernel in PyTorch's layout {@code (c_out, c_in, kh, kw)}, float64, C order:
 * the value at {@code [o][i][y][x]} is {@code values[((o c_in + i) kh + y) kw + x]}. The convolution
 * is PyTorch's (cross-correlation): {@code out[o][p][q] = sum_{i,y,x} W[o][i][y][x] in[i][p s + y - pad][q s + x - pad]}.
 *
 * <p>Immutable: the values are copied in and {@link #values()} returns a copy; {@link #value} reads one.
 *
 * @param outChannels c_out
 * @param inChannels  c_in
 * @param height      kh
 * @param width       kw
 * @param values      the c_out c_in kh kw values in C order
 */
public record ConvKernel(int outChannels, int inChannels, int height, int width, double[] values) {

    // Checks the shape against the values; copies them.
    public ConvKernel {
        if (outChannels < 1 || inChannels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad kernel shape " + NpyArray.shapeString(
                    new int[] {outChannels, inChannels, height, width}));
        }
        if ((long) outChannels * inChannels * height * width != values.length) {
            throw new IllegalArgumentException("kernel shape " + NpyArray.shapeString(
                    new int[] {outChannels, inChannels, height, width}) + " holds "
                    + (long) outChannels * inChannels * height * width + " values, got " + values.length);
        }
        values = values.clone();
    }

    /**
     * @param array a rank-4 array read from a {@code .npy} file
     * @param where the file (and entry) it came from, for the message
     * @return the kernel
     * @throws InvalidInputException naming {@code where} when the array is not of rank 4
     */
    public static ConvKernel of(NpyArray array, String where) {
        int[] s = array.shape();
        if (s.length != 4 || s[0] < 1 || s[1] < 1 || s[2] < 1 || s[3] < 1) {
            throw new InvalidInputException(where + ": expected a kernel of shape (c_out, c_in, kh, kw), found "
                    + array.shapeString());
        }
        return new ConvKernel(s[0], s[1], s[2], s[3], array.data());
    }

    /** @return a copy of the values, C order */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * @param o output channel
     * @param i input channel
     * @param y row of the kernel
     * @param x column of the kernel
     * @return {@code W[o][i][y][x]}
     */
    public double value(int o, int i, int y, int x) {
        return values[((o * inChannels + i) * height + y) * width + x];
    }

    /** @return the number of values, c_out c_in kh kw */
    public int size() {
        return values.length;
    }

    /** @return {@code {c_out, c_in, kh, kw}} */
    public int[] shape() {
        return new int[] {outChannels, inChannels, height, width};
    }

    /** @return the Frobenius norm of the kernel */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** @return the shape as numpy prints it */
    public String shapeString() {
        return NpyArray.shapeString(shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvKernel k && Arrays.equals(shape(), k.shape()) && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ConvKernel" + shapeString();
    }
}
