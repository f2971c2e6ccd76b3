package org.rscale.sweeps.kernel.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.rscale.sweeps.kernel.InitPropagation;

/**
 * The SIMD propagation of res-1 / res-3 networks at initialisation, float64, on the Vector API
 * ({@code SPECIES_PREFERRED}: 8 lanes with AVX-512): the columns ((beta, input) pairs) are the
 * vector axis. Formulas, layout and the order of every sum are {@link InitPropagation}'s, so the
 * results equal {@code LoopPropagationF64}'s bit for bit.
 *
 * <p><b>Products</b> {@code out[r][c] = sum_q M[r][q] X[q][c]} run as a register-blocked
 * micro-kernel: 4 rows x 2 vectors of columns accumulate in 8 registers while q runs over the
 * width, so each loaded vector of X feeds 4 fused multiply-adds and each broadcast coefficient 2;
 * the row and column remainders take 1 x 2, 4 x 1 and 1 x 1 blocks. The layer's hidden state
 * (d x P) stays in the L2 cache and the layer's matrices in L1.
 *
 * <p><b>When it wins:</b> always, when the JVM has the Vector API (measured with
 * {@code rscale bench --mode init}; see the README).
 */
public final class VectorPropagationF64 extends InitPropagation {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    /** A kernel with empty workspaces. */
    public VectorPropagationF64() {
        this(MASK_BUDGET);
    }

    /**
     * @param maskBudget the largest mask array of one chunk, in bytes
     */
    public VectorPropagationF64(long maskBudget) {
        super(W, maskBudget);
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String device() {
        return "cpu, " + S.vectorBitSize() + "-bit vectors (" + W + " x float64)";
    }

    @Override
    protected void forward(double[] V, double[] Wk) {
        int dd = d * d;
        int size = d * P;
        for (int k = 0; k < L; k++) {
            int maskOff = k * size;
            if (res3) {
                // z = W_k h
                multiply(Wk, k * dd, d, 1, h, r);
                relu(r, r, maskOff);
            } else {
                relu(h, r, maskOff);
            }
            // s = V_k r;  h = h + alpha s
            multiply(V, k * dd, d, 1, r, s);
            addScaled(s, h);
        }
    }

    @Override
    protected void backward(double[] V, double[] Wk) {
        int dd = d * d;
        int size = d * P;
        for (int k = L - 1; k >= 0; k--) {
            int maskOff = k * size;
            // u = 1[z_k > 0] (V_k^T g)   (g is in h)
            multiply(V, k * dd, 1, d, h, r);
            applyMask(r, maskOff);
            if (res3) {
                // s = W_k^T u;  g = g + alpha s
                multiply(Wk, k * dd, 1, d, r, s);
                addScaled(s, h);
            } else {
                // g = g + alpha u
                addScaled(r, h);
            }
        }
    }

    /** mask = 1[z &gt; 0] into the masks at maskOff;  out = relu(z) = max(z, 0) (NaN stays NaN). */
    private void relu(double[] z, double[] out, int maskOff) {
        int size = d * P;
        for (int p = 0; p < size; p += W) {
            DoubleVector v = DoubleVector.fromArray(S, z, p);
            v.compare(VectorOperators.GT, 0.0).intoArray(masks, maskOff + p);
            v.lanewise(VectorOperators.MAX, 0.0).intoArray(out, p);
        }
    }

    /** u = 1[z_k &gt; 0] u. */
    private void applyMask(double[] u, int maskOff) {
        int size = d * P;
        DoubleVector zero = DoubleVector.zero(S);
        for (int p = 0; p < size; p += W) {
            VectorMask<Double> m = VectorMask.fromArray(S, masks, maskOff + p);
            zero.blend(DoubleVector.fromArray(S, u, p), m).intoArray(u, p);
        }
    }

    /** target = fma(source, alpha, target), alpha per column. */
    private void addScaled(double[] source, double[] target) {
        for (int i = 0; i < d; i++) {
            int row = i * P;
            for (int c = 0; c < P; c += W) {
                DoubleVector.fromArray(S, source, row + c).fma(DoubleVector.fromArray(S, alpha, c),
                        DoubleVector.fromArray(S, target, row + c)).intoArray(target, row + c);
            }
        }
    }

    /**
     * out[r][c] = sum_q M[r][q] X[q][c], with M[r][q] at {@code off + r rs + q qs} (rs = d, qs = 1
     * for M; rs = 1, qs = d for its transpose); fused multiply-adds from 0 in ascending q.
     */
    private void multiply(double[] M, int off, int rs, int qs, double[] X, double[] out) {
        int row = 0;
        for (; row + 4 <= d; row += 4) {
            int m0 = off + row * rs;
            int c = 0;
            for (; c + 4 * W <= P; c += 4 * W) {
                block4x4(M, m0, rs, qs, X, out, row, c);
            }
            for (; c + 2 * W <= P; c += 2 * W) {
                block4x2(M, m0, rs, qs, X, out, row, c);
            }
            for (; c < P; c += W) {
                block4x1(M, m0, rs, qs, X, out, row, c);
            }
        }
        for (; row < d; row++) {
            int m0 = off + row * rs;
            int c = 0;
            for (; c + 2 * W <= P; c += 2 * W) {
                block1x2(M, m0, qs, X, out, row, c);
            }
            for (; c < P; c += W) {
                block1x1(M, m0, qs, X, out, row, c);
            }
        }
    }

    private void block4x4(double[] M, int m0, int rs, int qs, double[] X, double[] out, int row, int c) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = a00;
        DoubleVector a02 = a00;
        DoubleVector a03 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a12 = a00;
        DoubleVector a13 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a22 = a00;
        DoubleVector a23 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        DoubleVector a32 = a00;
        DoubleVector a33 = a00;
        int m1 = m0 + rs;
        int m2 = m1 + rs;
        int m3 = m2 + rs;
        for (int q = 0; q < d; q++) {
            // a_rc = fma(M[r][q], X[q][c], a_rc) for 4 rows and 4 vectors of columns
            int x = q * P + c;
            int mq = q * qs;
            DoubleVector x0 = DoubleVector.fromArray(S, X, x);
            DoubleVector x1 = DoubleVector.fromArray(S, X, x + W);
            DoubleVector x2 = DoubleVector.fromArray(S, X, x + 2 * W);
            DoubleVector x3 = DoubleVector.fromArray(S, X, x + 3 * W);
            DoubleVector b = DoubleVector.broadcast(S, M[m0 + mq]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            a02 = x2.fma(b, a02);
            a03 = x3.fma(b, a03);
            b = DoubleVector.broadcast(S, M[m1 + mq]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            a12 = x2.fma(b, a12);
            a13 = x3.fma(b, a13);
            b = DoubleVector.broadcast(S, M[m2 + mq]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            a22 = x2.fma(b, a22);
            a23 = x3.fma(b, a23);
            b = DoubleVector.broadcast(S, M[m3 + mq]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            a32 = x2.fma(b, a32);
            a33 = x3.fma(b, a33);
        }
        int o = row * P + c;
        a00.intoArray(out, o);
        a01.intoArray(out, o + W);
        a02.intoArray(out, o + 2 * W);
        a03.intoArray(out, o + 3 * W);
        o += P;
        a10.intoArray(out, o);
        a11.intoArray(out, o + W);
        a12.intoArray(out, o + 2 * W);
        a13.intoArray(out, o + 3 * W);
        o += P;
        a20.intoArray(out, o);
        a21.intoArray(out, o + W);
        a22.intoArray(out, o + 2 * W);
        a23.intoArray(out, o + 3 * W);
        o += P;
        a30.intoArray(out, o);
        a31.intoArray(out, o + W);
        a32.intoArray(out, o + 2 * W);
        a33.intoArray(out, o + 3 * W);
    }

    private void block4x2(double[] M, int m0, int rs, int qs, double[] X, double[] out, int row, int c) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        int m1 = m0 + rs;
        int m2 = m1 + rs;
        int m3 = m2 + rs;
        for (int q = 0; q < d; q++) {
            // a_rc = fma(M[r][q], X[q][c], a_rc) for 4 rows and 2 vectors of columns
            int x = q * P + c;
            int mq = q * qs;
            DoubleVector x0 = DoubleVector.fromArray(S, X, x);
            DoubleVector x1 = DoubleVector.fromArray(S, X, x + W);
            DoubleVector b = DoubleVector.broadcast(S, M[m0 + mq]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = DoubleVector.broadcast(S, M[m1 + mq]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = DoubleVector.broadcast(S, M[m2 + mq]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = DoubleVector.broadcast(S, M[m3 + mq]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
        }
        int o = row * P + c;
        a00.intoArray(out, o);
        a01.intoArray(out, o + W);
        a10.intoArray(out, o + P);
        a11.intoArray(out, o + P + W);
        a20.intoArray(out, o + 2 * P);
        a21.intoArray(out, o + 2 * P + W);
        a30.intoArray(out, o + 3 * P);
        a31.intoArray(out, o + 3 * P + W);
    }

    private void block4x1(double[] M, int m0, int rs, int qs, double[] X, double[] out, int row, int c) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int m1 = m0 + rs;
        int m2 = m1 + rs;
        int m3 = m2 + rs;
        for (int q = 0; q < d; q++) {
            // a_r = fma(M[r][q], X[q][c], a_r) for 4 rows
            int mq = q * qs;
            DoubleVector x0 = DoubleVector.fromArray(S, X, q * P + c);
            a0 = x0.fma(DoubleVector.broadcast(S, M[m0 + mq]), a0);
            a1 = x0.fma(DoubleVector.broadcast(S, M[m1 + mq]), a1);
            a2 = x0.fma(DoubleVector.broadcast(S, M[m2 + mq]), a2);
            a3 = x0.fma(DoubleVector.broadcast(S, M[m3 + mq]), a3);
        }
        int o = row * P + c;
        a0.intoArray(out, o);
        a1.intoArray(out, o + P);
        a2.intoArray(out, o + 2 * P);
        a3.intoArray(out, o + 3 * P);
    }

    private void block1x2(double[] M, int m0, int qs, double[] X, double[] out, int row, int c) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        for (int q = 0; q < d; q++) {
            // a_c = fma(M[r][q], X[q][c], a_c) for 2 vectors of columns
            int x = q * P + c;
            DoubleVector b = DoubleVector.broadcast(S, M[m0 + q * qs]);
            a0 = DoubleVector.fromArray(S, X, x).fma(b, a0);
            a1 = DoubleVector.fromArray(S, X, x + W).fma(b, a1);
        }
        int o = row * P + c;
        a0.intoArray(out, o);
        a1.intoArray(out, o + W);
    }

    private void block1x1(double[] M, int m0, int qs, double[] X, double[] out, int row, int c) {
        DoubleVector a0 = DoubleVector.zero(S);
        for (int q = 0; q < d; q++) {
            // a = fma(M[r][q], X[q][c], a)
            a0 = DoubleVector.fromArray(S, X, q * P + c).fma(DoubleVector.broadcast(S, M[m0 + q * qs]), a0);
        }
        a0.intoArray(out, row * P + c);
    }
}
