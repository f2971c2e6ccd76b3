package org.rscale.sweeps.model;

import org.rscale.sweeps.data.Dataset;

/**
 * The parameters of the fully-connected residual network of SCIENCE 1.1 (no input or output
 * layer), with a plain reference forward pass:
 * <pre>
 *   h_0 = x,   h_{k+1} = h_k + delta_k * sigma(A_k h_k + b_k),   k = 0..L-1,   output h_L
 * </pre>
 * <b>Convention:</b> {@code A_k} multiplies column vectors ({@code A h}); {@code A_k[i][j]} is at
 * {@code A[k*d*d + i*d + j]}, {@code b_k[i]} at {@code b[k*d + i]}. (The PyTorch reference code
 * multiplies row vectors, {@code x @ A_k}, so its stored matrices are the transposes of ours.)
 * {@code delta} is stored as {@link ScalingFactor} documents (length L for per-layer, else 1).
 *
 * <p>The arrays are owned by the net and not copied: a kernel that trains a net writes into
 * copies; callers must not modify the arrays of a net they did not create.
 */
public final class ResidualNet {
    private final Activation activation;
    private final ScalingFactor scaling;
    private final int depth;
    private final int dim;
    private final double[] A;
    private final double[] b;
    private final double[] delta;

    private ResidualNet(Activation activation, ScalingFactor scaling, int depth, int dim,
                        double[] A, double[] b, double[] delta) {
        this.activation = activation;
        this.scaling = scaling;
        this.depth = depth;
        this.dim = dim;
        this.A = A;
        this.b = b;
        this.delta = delta;
    }

    /**
     * @param activation sigma
     * @param scaling    the delta variant
     * @param depth      L, at least 1
     * @param dim        d, at least 1
     * @param A          L*d*d values, layer-major, row-major ({@code A h} convention); kept, not copied
     * @param b          L*d values; kept, not copied
     * @param delta      L values for per-layer, 1 otherwise; kept, not copied
     * @return the net
     */
    public static ResidualNet of(Activation activation, ScalingFactor scaling, int depth, int dim,
                                 double[] A, double[] b, double[] delta) {
        if (depth < 1 || dim < 1) {
            throw new IllegalArgumentException("depth and width must be positive: L=" + depth + ", d=" + dim);
        }
        if (A.length != (long) depth * dim * dim) {
            throw new IllegalArgumentException("A must hold L*d*d = " + (long) depth * dim * dim + " values, has " + A.length);
        }
        if (b.length != (long) depth * dim) {
            throw new IllegalArgumentException("b must hold L*d = " + (long) depth * dim + " values, has " + b.length);
        }
        if (delta.length != scaling.storedLength(depth)) {
            throw new IllegalArgumentException("delta must hold " + scaling.storedLength(depth) + " value(s) for "
                    + scaling.key() + ", has " + delta.length);
        }
        return new ResidualNet(activation, scaling, depth, dim, A, b, delta);
    }

    /** @return sigma */
    public Activation activation() {
        return activation;
    }

    /** @return the delta variant */
    public ScalingFactor scaling() {
        return scaling;
    }

    /** @return L */
    public int depth() {
        return depth;
    }

    /** @return d */
    public int dim() {
        return dim;
    }

    /** @return the weights A, layer-major, row-major; not a copy: do not modify */
    public double[] A() {
        return A;
    }

    /** @return the biases b, layer-major; not a copy: do not modify */
    public double[] b() {
        return b;
    }

    /** @return the stored delta; not a copy: do not modify */
    public double[] delta() {
        return delta;
    }

    /**
     * @param k the layer
     * @return the factor applied at layer k (|delta| for shared)
     */
    public double effectiveDelta(int k) {
        return scaling.effective(delta, k);
    }

    /** @return a deep copy */
    public ResidualNet copy() {
        return new ResidualNet(activation, scaling, depth, dim, A.clone(), b.clone(), delta.clone());
    }

    /**
     * The hidden states h_0..h_L of one input.
     *
     * @param x   the input, d values; not modified
     * @param out (L+1)*d values, h_k at {@code [k*d, (k+1)*d)}; modified
     */
    public void hiddenStates(double[] x, double[] out) {
        if (x.length != dim || out.length != (long) (depth + 1) * dim) {
            throw new IllegalArgumentException("hiddenStates needs x of length d and out of length (L+1)*d");
        }
        System.arraycopy(x, 0, out, 0, dim);
        for (int k = 0; k < depth; k++) {
            layer(k, out, k * dim, out, (k + 1) * dim);
        }
    }

    /**
     * The outputs h_L for n inputs.
     *
     * @param x   n*d inputs, row-major; not modified
     * @param n   the number of inputs
     * @param out n*d outputs; modified
     */
    public void forward(double[] x, int n, double[] out) {
        // layer-major: every input passes layer k before any passes layer k+1, so A_k is read once per layer
        // rather than once per input (a deep net's weights do not fit in cache); each input's arithmetic is the
        // same as one input at a time, so the outputs are bitwise the same
        double[] h = java.util.Arrays.copyOf(x, n * dim);
        double[] next = new double[n * dim];
        for (int k = 0; k < depth; k++) {
            for (int s = 0; s < n; s++) {
                layer(k, h, s * dim, next, s * dim);
            }
            double[] t = h;
            h = next;
            next = t;
        }
        System.arraycopy(h, 0, out, 0, n * dim);
    }

    /**
     * The mean squared error {@code sum_{n,i} (h_L - y)^2 / (n d)} (PyTorch's {@code MSELoss}).
     *
     * @param data the samples; must have dimension d
     * @return the loss, NaN for an empty set
     */
    public double meanSquaredError(Dataset data) {
        if (data.d() != dim) {
            throw new IllegalArgumentException("data dimension " + data.d() + " differs from the net's width " + dim);
        }
        double[] out = new double[data.x().length];
        forward(data.x(), data.n(), out);
        double[] y = data.y();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double e = out[i] - y[i];
            sum += e * e;
        }
        return sum / out.length;
    }

    /** h_{k+1} = h_k + delta_k sigma(A_k h_k + b_k), reading h at {@code in[inOff..]}, writing at {@code out[outOff..]}. */
    private void layer(int k, double[] in, int inOff, double[] out, int outOff) {
        double dk = scaling.effective(delta, k);
        int aOff = k * dim * dim;
        int bOff = k * dim;
        for (int i = 0; i < dim; i++) {
            double z = b[bOff + i];
            int row = aOff + i * dim;
            for (int j = 0; j < dim; j++) {
                z += A[row + j] * in[inOff + j];
            }
            out[outOff + i] = in[inOff + i] + dk * activation.value(z);
        }
    }
}
