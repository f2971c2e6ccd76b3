package org.rscale.fits.dynamics;

/**
 * The low-pass of a per-layer sequence along the layer index: its orthonormal DCT-II truncated to the modes below
 * a fixed cut-off, the same number of modes at every depth (VERDICT.md, "own-coefficient candidates").
 *
 * <pre>
 *   c_j(e) = w_j sum_{k=0}^{L-1} T_k(e) cos(pi j (k + 1/2) / L),   w_0 = sqrt(1/L), w_j = sqrt(2/L) (j &gt;= 1)
 *   S_k(e) = sum_{j &lt; M} w_j c_j(e) cos(pi j (k + 1/2) / L)
 * </pre>
 * for every entry {@code e} of a layer's value, {@code M} the number of modes kept. With {@code M >= L} every
 * mode is kept and {@code S = T} (the inverse DCT-II is exact). The DCT-II's even extension makes the low-pass of
 * a smooth sequence smooth up to its ends (no Gibbs jump at k = 0 and L - 1), and the cut-off in modes is one in
 * frequency over t = k/L: M modes resolve variations on the scale 1/M of the whole network whatever L.
 *
 * <p>Algorithm: the cosine table {@code L x M} once per call, then two passes over the values, {@code O(L M m)}
 * time for {@code m} entries per layer.
 *
 * <p>Reference: N. Ahmed, T. Natarajan, K. R. Rao, "Discrete Cosine Transform", IEEE Trans. Computers C-23
 * (1974), doi:10.1109/T-C.1974.223784 (DCT-II).
 */
public final class LowPass {
    /** The default number of modes kept. */
    public static final int DEFAULT_MODES = 16;

    private LowPass() {
    }

    /**
     * @param values the L*m values, layer-major; not modified
     * @param L      the layers, at least 1
     * @param m      entries per layer, at least 1
     * @param modes  the modes kept, at least 1
     * @return the low-pass, a new L*m array (a copy when {@code modes >= L})
     * @throws IllegalArgumentException when the length is not L*m or a count is below 1
     */
    public static double[] of(double[] values, int L, int m, int modes) {
        if (L < 1 || m < 1 || modes < 1 || values.length != (long) L * m) {
            throw new IllegalArgumentException("low-pass of " + values.length + " values as " + L + " x " + m
                    + " with " + modes + " modes");
        }
        if (modes >= L) {
            return values.clone();
        }
        int M = modes;
        // B[k*M + j] = w_j cos(pi j (k + 1/2) / L)
        double[] B = new double[L * M];
        double w0 = Math.sqrt(1.0 / L);
        double wj = Math.sqrt(2.0 / L);
        for (int k = 0; k < L; k++) {
            for (int j = 0; j < M; j++) {
                B[k * M + j] = (j == 0 ? w0 : wj) * Math.cos(Math.PI * j * (k + 0.5) / L);
            }
        }
        // c[j*m + e] = sum_k B[k, j] T_k(e)
        double[] c = new double[M * m];
        for (int k = 0; k < L; k++) {
            int row = k * M;
            int off = k * m;
            for (int j = 0; j < M; j++) {
                double b = B[row + j];
                int cj = j * m;
                for (int e = 0; e < m; e++) {
                    c[cj + e] += b * values[off + e];
                }
            }
        }
        // S_k(e) = sum_j B[k, j] c_j(e)
        double[] S = new double[L * m];
        for (int k = 0; k < L; k++) {
            int row = k * M;
            int off = k * m;
            for (int j = 0; j < M; j++) {
                double b = B[row + j];
                int cj = j * m;
                for (int e = 0; e < m; e++) {
                    S[off + e] += b * c[cj + e];
                }
            }
        }
        return S;
    }
}
