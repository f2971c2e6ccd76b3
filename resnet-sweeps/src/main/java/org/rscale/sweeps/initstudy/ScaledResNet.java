package org.rscale.sweeps.initstudy;

import java.util.Objects;

/**
 * The parameters of a res-1 or res-3 network of the JMLR paper (SCIENCE 1.2), with a plain
 * reference forward pass for one input:
 *
 * <pre>
 * h_0 = A x
 * h_{k+1} = h_k + alpha V_k relu(h_k)            (res-1)
 * h_{k+1} = h_k + alpha V_k relu(W_k h_k)        (res-3),     k = 0..L-1,  alpha = L^-beta
 * F(x) = B h_L
 * </pre>
 *
 * The scaling alpha is not part of the network: the paper re-scales the same weights for every
 * beta, so the propagation takes it as an argument.
 *
 * <p><b>Layout and convention</b> (matrices multiply column vectors, row-major; the PyTorch
 * reference code's {@code nn.Linear} weights have the same layout): A is width x inputDim,
 * {@code A[i*m + j]}; B is outputDim x width, {@code B[o*d + i]}; {@code V_k[i][j]} is at
 * {@code V[k*d*d + i*d + j]}, and the same for W (empty for res-1).
 *
 * <p>The arrays are owned by the net and not copied; callers must not modify the arrays of a net
 * they did not create.
 */
public final class ScaledResNet {
    private final BranchModel model;
    private final int width;
    private final int inputDim;
    private final int outputDim;
    private final int depth;
    private final double[] A;
    private final double[] B;
    private final double[] V;
    private final double[] W;

    private ScaledResNet(BranchModel model, int width, int inputDim, int outputDim, int depth, double[] A, double[] B,
                         double[] V, double[] W) {
        this.model = model;
        this.width = width;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.depth = depth;
        this.A = A;
        this.B = B;
        this.V = V;
        this.W = W;
    }

    /**
     * @param model     res-1 or res-3
     * @param width     d, at least 1
     * @param inputDim  m, at least 1
     * @param outputDim the number of outputs, at least 1
     * @param depth     L, at least 1
     * @param A         d*m values; kept, not copied
     * @param B         outputDim*d values; kept
     * @param V         L*d*d values; kept
     * @param W         L*d*d values for res-3, none for res-1; kept
     * @return the net
     * @throws IllegalArgumentException for a size that does not match the shapes
     */
    public static ScaledResNet of(BranchModel model, int width, int inputDim, int outputDim, int depth, double[] A,
                                  double[] B, double[] V, double[] W) {
        Objects.requireNonNull(model, "model");
        if (width < 1 || inputDim < 1 || outputDim < 1 || depth < 1) {
            throw new IllegalArgumentException("width, input and output dimensions and depth must be positive: d="
                    + width + ", m=" + inputDim + ", outputs=" + outputDim + ", L=" + depth);
        }
        long dd = (long) width * width;
        check("A", A.length, (long) width * inputDim);
        check("B", B.length, (long) outputDim * width);
        check("V", V.length, depth * dd);
        check("W", W.length, model == BranchModel.RES_3 ? depth * dd : 0);
        return new ScaledResNet(model, width, inputDim, outputDim, depth, A, B, V, W);
    }

    private static void check(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " must hold " + expected + " values, has " + actual);
        }
    }

    /** @return res-1 or res-3 */
    public BranchModel model() {
        return model;
    }

    /** @return d */
    public int width() {
        return width;
    }

    /** @return m, the input dimension */
    public int inputDim() {
        return inputDim;
    }

    /** @return the number of outputs */
    public int outputDim() {
        return outputDim;
    }

    /** @return L */
    public int depth() {
        return depth;
    }

    /** @return A, d x m row-major; the net's own array, not a copy */
    public double[] A() {
        return A;
    }

    /** @return B, outputDim x d row-major; the net's own array */
    public double[] B() {
        return B;
    }

    /** @return V_0..V_{L-1}, layer-major, row-major; the net's own array */
    public double[] V() {
        return V;
    }

    /** @return W_0..W_{L-1} for res-3, empty for res-1; the net's own array */
    public double[] W() {
        return W;
    }

    /**
     * The reference forward pass for one input, plain loops in the order of the definition (no
     * fused multiply-adds): for tests and small computations.
     *
     * @param x     the input, m values; not modified
     * @param alpha the branch scale L^-beta
     * @return h_0..h_L, (L + 1) x d
     */
    public double[][] hiddenStates(double[] x, double alpha) {
        if (x.length != inputDim) {
            throw new IllegalArgumentException("input has " + x.length + " values, the net takes " + inputDim);
        }
        int d = width;
        double[][] h = new double[depth + 1][d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < inputDim; j++) {
                s += A[i * inputDim + j] * x[j];
            }
            h[0][i] = s;
        }
        double[] r = new double[d];
        for (int k = 0; k < depth; k++) {
            int off = k * d * d;
            for (int j = 0; j < d; j++) {
                double z = h[k][j];
                if (model == BranchModel.RES_3) {
                    z = 0;
                    for (int q = 0; q < d; q++) {
                        z += W[off + j * d + q] * h[k][q];
                    }
                }
                r[j] = Math.max(z, 0.0);
            }
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += V[off + i * d + j] * r[j];
                }
                h[k + 1][i] = h[k][i] + alpha * s;
            }
        }
        return h;
    }

    /**
     * @param hL the last hidden state, d values
     * @return F = B h_L, outputDim values
     */
    public double[] output(double[] hL) {
        double[] F = new double[outputDim];
        for (int o = 0; o < outputDim; o++) {
            double s = 0;
            for (int i = 0; i < width; i++) {
                s += B[o * width + i] * hL[i];
            }
            F[o] = s;
        }
        return F;
    }
}
