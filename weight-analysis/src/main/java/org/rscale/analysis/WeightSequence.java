package org.rscale.analysis;

import java.util.Arrays;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.NpyArray;

/**
 * The per-layer values {@code T_0 .. T_{L-1}} of one tensor of a residual network of depth {@code L}:
 * {@code A_k} (rows x cols), {@code b_k} (a vector, {@code cols = 1}), {@code delta_k} (a scalar,
 * {@code rows = cols = 1}) or an effective weight such as {@code |delta_k| A_k}.
 *
 * <p>Storage is one flat layer-major array: layer {@code k} occupies
 * {@code [k*rows*cols, (k+1)*rows*cols)}, row-major inside, so entry {@code (i, j)} of {@code T_k}
 * is {@code values[k*rows*cols + i*cols + j]}. This is the C order of an {@code .npy} array of shape
 * {@code (L, rows, cols)}.
 *
 * <p><b>Aliasing:</b> the array is neither copied on construction nor by {@link #values()}, because it
 * can hold {@code 10^5 x 625} values; treat it as read-only once wrapped. Equality compares the
 * contents.
 *
 * <p>Non-finite values are accepted (a diverged or corrupt cell); every {@link WeightStatistic} of
 * such a sequence is undefined (empty), see {@link WeightStatistic#compute}.
 *
 * @param name   the tensor's name, e.g. {@code A}, {@code b}, {@code delta}, {@code delta_A}
 * @param L      the depth, the number of layers; at least 1
 * @param rows   rows of one layer's value; at least 1
 * @param cols   columns of one layer's value; at least 1 ({@code 1} for vectors and scalars)
 * @param values the {@code L*rows*cols} values, layer-major; not copied
 */
public record WeightSequence(String name, int L, int rows, int cols, double[] values) {

    /**
     * Validates the shape.
     *
     * @param name the tensor's name, e.g. {@code A}, {@code b}, {@code delta}, {@code delta_A}
     * @param L the depth, the number of layers; at least 1
     * @param rows rows of one layer's value; at least 1
     * @param cols columns of one layer's value; at least 1 ({@code 1} for vectors and scalars)
     * @param values the {@code L*rows*cols} values, layer-major; not copied
     * @throws InvalidInputException naming the field when the name is blank, an extent is below 1,
     *                               or {@code values.length != L*rows*cols}
     */
    public WeightSequence {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("weight sequence: name must not be blank");
        }
        if (L < 1) {
            throw new InvalidInputException("weight sequence " + name + ": L = " + L + ", must be at least 1");
        }
        if (rows < 1 || cols < 1) {
            throw new InvalidInputException("weight sequence " + name + ": layer shape " + rows + " x " + cols
                    + ", rows and cols must be at least 1");
        }
        if (values == null) {
            throw new InvalidInputException("weight sequence " + name + ": values must not be null");
        }
        long expected = (long) L * rows * cols;
        if (values.length != expected) {
            throw new InvalidInputException("weight sequence " + name + ": " + values.length
                    + " values, expected L*rows*cols = " + L + "*" + rows + "*" + cols + " = " + expected);
        }
    }

    /**
     * Wraps an array of shape {@code (L,)} (scalars), {@code (L, rows)} (vectors, {@code cols = 1}) or
     * {@code (L, rows, cols)} (matrices). The data array is shared, not copied.
     *
     * @param name  the tensor's name
     * @param array the array; not modified
     * @return the sequence
     * @throws InvalidInputException naming the tensor and shape when the rank is not 1, 2 or 3
     */
    public static WeightSequence of(String name, NpyArray array) {
        int[] s = array.shape();
        return switch (s.length) {
            case 1 -> new WeightSequence(name, s[0], 1, 1, array.data());
            case 2 -> new WeightSequence(name, s[0], s[1], 1, array.data());
            case 3 -> new WeightSequence(name, s[0], s[1], s[2], array.data());
            default -> throw new InvalidInputException("weight sequence " + name + ": shape " + array.shapeString()
                    + " is not (L,), (L, rows) or (L, rows, cols)");
        };
    }

    /**
     * The effective weights of a scaled residual branch:
     * <pre>
     *   E_k = |delta_k| T_k,   k = 0 .. L-1
     * </pre>
     * SCIENCE.md section 1.1: for ReLU (positively homogeneous) the analysis uses {@code |delta_k| A_k}
     * and {@code |delta_k| b_k}. The absolute value matches the forward pass, which uses {@code |delta|}
     * for the shared factor.
     *
     * @param name  the name of the result, e.g. {@code delta_A}
     * @param T     the per-layer tensor; not modified
     * @param delta the scaling factors: {@code L} of them, or one shared by all layers; not modified
     * @return a new sequence with the shape of {@code T}
     * @throws InvalidInputException when {@code delta} has neither length {@code L} nor 1
     */
    public static WeightSequence effective(String name, WeightSequence T, double[] delta) {
        int L = T.L;
        if (delta.length != L && delta.length != 1) {
            throw new InvalidInputException("effective weights " + name + ": delta has " + delta.length
                    + " values, expected L = " + L + " or 1 (shared)");
        }
        int m = T.layerSize();
        double[] src = T.values;
        double[] out = new double[src.length];
        boolean shared = delta.length == 1;
        int offset = 0;
        for (int k = 0; k < L; k++) {
            double scale = Math.abs(shared ? delta[0] : delta[k]);
            // E_k = |delta_k| T_k
            for (int e = 0; e < m; e++) {
                out[offset + e] = scale * src[offset + e];
            }
            offset += m;
        }
        return new WeightSequence(name, L, T.rows, T.cols, out);
    }

    /** @return the number of entries of one layer, {@code rows * cols} */
    public int layerSize() {
        return rows * cols;
    }

    /**
     * @param k layer, {@code 0 <= k < L}
     * @param i row
     * @param j column
     * @return entry {@code (i, j)} of {@code T_k}
     */
    public double get(int k, int i, int j) {
        return values[k * layerSize() + i * cols + j];
    }

    /** @return whether every value is finite */
    public boolean isFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSequence w && name.equals(w.name) && L == w.L && rows == w.rows
                && cols == w.cols && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * name.hashCode() + L) + rows) + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightSequence[" + name + ", L=" + L + ", " + rows + " x " + cols + "]";
    }
}
