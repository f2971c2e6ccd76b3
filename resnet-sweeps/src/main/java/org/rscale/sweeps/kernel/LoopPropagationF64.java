package org.rscale.sweeps.kernel;

/**
 * The plain-Java propagation of res-1 / res-3 networks at initialisation, float64 (see
 * {@link InitPropagation} for the formulas and the layout). The products run row by row: for
 * each output row r and each q, {@code out[r][:] += M[r][q] X[q][:]} with {@link Math#fma}, which
 * C2 compiles to unrolled scalar fused multiply-adds over the columns.
 *
 * <p><b>When it wins:</b> never, when the JVM has the Vector API ({@code vector} is several times
 * faster, with the same bits); it is the portable fallback and the reference the SIMD kernel is
 * tested against.
 */
public final class LoopPropagationF64 extends InitPropagation {

    /** A kernel with empty workspaces. */
    public LoopPropagationF64() {
        this(MASK_BUDGET);
    }

    /**
     * @param maskBudget the largest mask array of one chunk, in bytes
     */
    public LoopPropagationF64(long maskBudget) {
        super(1, maskBudget);
    }

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public String device() {
        return "cpu, scalar";
    }

    @Override
    protected void forward(double[] V, double[] W) {
        int dd = d * d;
        int size = d * P;
        for (int k = 0; k < L; k++) {
            int maskOff = k * size;
            if (res3) {
                // z = W_k h
                mult(W, k * dd, h, r);
                for (int p = 0; p < size; p++) {
                    // mask = 1[z > 0],  r = relu(z)
                    masks[maskOff + p] = r[p] > 0;
                    r[p] = Math.max(r[p], 0.0);
                }
            } else {
                for (int p = 0; p < size; p++) {
                    // mask = 1[h > 0],  r = relu(h)
                    masks[maskOff + p] = h[p] > 0;
                    r[p] = Math.max(h[p], 0.0);
                }
            }
            // s = V_k r
            mult(V, k * dd, r, s);
            addScaled(s, h);
        }
    }

    @Override
    protected void backward(double[] V, double[] W) {
        int dd = d * d;
        int size = d * P;
        for (int k = L - 1; k >= 0; k--) {
            int maskOff = k * size;
            // u = V_k^T g  (g is in h)
            multTransA(V, k * dd, h, r);
            for (int p = 0; p < size; p++) {
                // u = 1[z_k > 0] u
                r[p] = masks[maskOff + p] ? r[p] : 0.0;
            }
            if (res3) {
                // s = W_k^T u;  g = g + alpha s
                multTransA(W, k * dd, r, s);
                addScaled(s, h);
            } else {
                // g = g + alpha u
                addScaled(r, h);
            }
        }
    }

    /** out[r][c] = sum_q M[r][q] X[q][c], M = the d x d matrix at {@code off}; fused, ascending q. */
    private void mult(double[] M, int off, double[] X, double[] out) {
        for (int row = 0; row < d; row++) {
            int o = row * P;
            for (int c = 0; c < P; c++) {
                out[o + c] = 0.0;
            }
            int m = off + row * d;
            for (int q = 0; q < d; q++) {
                double coef = M[m + q];
                int x = q * P;
                for (int c = 0; c < P; c++) {
                    out[o + c] = Math.fma(coef, X[x + c], out[o + c]);
                }
            }
        }
    }

    /** out[r][c] = sum_q M[q][r] X[q][c] (M transposed); fused, ascending q. */
    private void multTransA(double[] M, int off, double[] X, double[] out) {
        for (int row = 0; row < d; row++) {
            int o = row * P;
            for (int c = 0; c < P; c++) {
                out[o + c] = 0.0;
            }
            for (int q = 0; q < d; q++) {
                double coef = M[off + q * d + row];
                int x = q * P;
                for (int c = 0; c < P; c++) {
                    out[o + c] = Math.fma(coef, X[x + c], out[o + c]);
                }
            }
        }
    }

    /** target[i][c] = fma(source[i][c], alpha[c], target[i][c]). */
    private void addScaled(double[] source, double[] target) {
        for (int i = 0; i < d; i++) {
            int row = i * P;
            for (int c = 0; c < P; c++) {
                target[row + c] = Math.fma(source[row + c], alpha[c], target[row + c]);
            }
        }
    }
}
