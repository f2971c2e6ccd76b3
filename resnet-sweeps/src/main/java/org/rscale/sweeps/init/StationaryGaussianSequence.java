package org.rscale.sweeps.init;

import java.util.random.RandomGenerator;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Exact sampling of a zero-mean stationary Gaussian sequence X_0..X_{n-1} with a given
 * autocovariance gamma(j) = Cov(X_i, X_{i+j}), by circulant embedding (Davies and Harte 1987;
 * Wood and Chan 1994, J. Comput. Graph. Stat. 3(4), doi:10.1080/10618600.1994.10474655).
 *
 * <pre>
 * c_j = gamma(min(j, M - j)),  j = 0..M-1,  M = a power of two &gt;= 2(n - 1)
 * lambda_k = sum_j c_j exp(-2 pi i jk / M)            (real: c is symmetric)
 * Y = FFT( sqrt(lambda_k / M) (Z_k + i Z'_k) ),   Z, Z' iid N(0, 1)
 * Re Y_0..Y_{n-1} and Im Y_0..Y_{n-1} are two independent samples with covariance gamma(|i - j|)
 * </pre>
 *
 * <p>The embedding must be non-negative definite. It is for fractional Gaussian noise at every H
 * (Craigmile 2003, J. Time Ser. Anal. 24(5)); for the RBF kernel the spectrum decays like a
 * Gaussian, so tiny negative eigenvalues from rounding appear. Eigenvalues down to
 * {@code -1e-8 max(lambda)} are set to zero; a more negative one doubles M (up to 2^6 times), and
 * if that does not help the constructor throws: the sample would not have the asked covariance.
 *
 * <p>One instance precomputes the spectrum for one (gamma, n) and then draws any number of
 * sequences; each draw costs one FFT of length M and yields two sequences.
 */
public final class StationaryGaussianSequence {
    private static final double NEGATIVE_TOLERANCE = 1e-8;
    private static final int MAX_DOUBLINGS = 6;

    private final int n;
    private final int m;
    private final double[] sqrtScaledEigen;
    private final double[][] work;
    private final double[] spare;
    private boolean hasSpare;

    /** An autocovariance function of the lag. */
    @FunctionalInterface
    public interface Autocovariance {
        /**
         * @param lag j &gt;= 0
         * @return gamma(j)
         */
        double at(int lag);
    }

    /**
     * @param gamma the autocovariance; gamma(0) is the variance
     * @param n     the sequence length, at least 1
     */
    public StationaryGaussianSequence(Autocovariance gamma, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sequence length must be positive, got " + n);
        }
        this.n = n;
        int size = 2;
        while (size < 2 * (n - 1)) {
            size <<= 1;
        }
        double[] eig = null;
        for (int attempt = 0; attempt <= MAX_DOUBLINGS; attempt++, size <<= 1) {
            eig = spectrum(gamma, size);
            if (eig != null) {
                break;
            }
        }
        if (eig == null) {
            throw new IllegalArgumentException("the circulant embedding of this autocovariance is not "
                    + "non-negative definite for n = " + n + " (tried M up to " + (size >> 1) + ")");
        }
        this.m = eig.length;
        this.sqrtScaledEigen = new double[m];
        for (int k = 0; k < m; k++) {
            sqrtScaledEigen[k] = Math.sqrt(eig[k] / m);
        }
        this.work = new double[2][m];
        this.spare = new double[n];
    }

    /** @return the sequence length n */
    public int length() {
        return n;
    }

    /** @return the embedding size M */
    public int embeddingSize() {
        return m;
    }

    /**
     * Draws one sequence. Draws come in pairs from one FFT: every second call returns the stored
     * imaginary part of the previous transform, so the stream of sequences is a pure function of
     * the generator's state.
     *
     * @param rng    the source of randomness; advanced
     * @param out    receives X_0..X_{n-1} at {@code out[offset + i * stride]}; modified
     * @param offset the first index written
     * @param stride the distance between consecutive X_i in {@code out}
     */
    public void sample(RandomGenerator rng, double[] out, int offset, int stride) {
        if (hasSpare) {
            for (int i = 0; i < n; i++) {
                out[offset + i * stride] = spare[i];
            }
            hasSpare = false;
            return;
        }
        double[] re = work[0];
        double[] im = work[1];
        for (int k = 0; k < m; k++) {
            re[k] = sqrtScaledEigen[k] * rng.nextGaussian();
            im[k] = sqrtScaledEigen[k] * rng.nextGaussian();
        }
        FastFourierTransformer.transformInPlace(work, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int i = 0; i < n; i++) {
            out[offset + i * stride] = re[i];
        }
        System.arraycopy(im, 0, spare, 0, n);
        hasSpare = true;
    }

    /** The eigenvalues of the circulant of size {@code size}, or null if it is not non-negative definite. */
    private static double[] spectrum(Autocovariance gamma, int size) {
        double[][] c = new double[2][size];
        for (int j = 0; j < size; j++) {
            c[0][j] = gamma.at(Math.min(j, size - j));
        }
        FastFourierTransformer.transformInPlace(c, DftNormalization.STANDARD, TransformType.FORWARD);
        double max = 0;
        for (int k = 0; k < size; k++) {
            max = Math.max(max, c[0][k]);
        }
        double[] eig = c[0];
        for (int k = 0; k < size; k++) {
            if (eig[k] < 0) {
                if (eig[k] < -NEGATIVE_TOLERANCE * max) {
                    return null;
                }
                eig[k] = 0;
            }
        }
        return eig;
    }

    /**
     * The autocovariance of unit-variance fractional Gaussian noise (increments of fractional
     * Brownian motion with Hurst index H):
     * {@code gamma(k) = (|k-1|^{2H} - 2|k|^{2H} + |k+1|^{2H}) / 2}. H = 1/2 is white noise.
     *
     * @param hurst H in (0, 1)
     * @return gamma
     */
    public static Autocovariance fractionalGaussianNoise(double hurst) {
        if (!(hurst > 0 && hurst < 1)) {
            throw new IllegalArgumentException("Hurst index must lie in (0, 1), got " + hurst);
        }
        double twoH = 2 * hurst;
        return k -> 0.5 * (Math.pow(Math.abs(k - 1), twoH) - 2 * Math.pow(k, twoH) + Math.pow(k + 1, twoH));
    }

    /**
     * The RBF (squared exponential) kernel on the grid t_k = k/L:
     * {@code gamma(j) = exp(-(j/L)^2 / (2 l^2))}.
     *
     * @param depth       L, the grid is k/L
     * @param lengthScale l &gt; 0
     * @return gamma
     */
    public static Autocovariance rbf(int depth, double lengthScale) {
        if (!(lengthScale > 0)) {
            throw new IllegalArgumentException("RBF length scale must be positive, got " + lengthScale);
        }
        double inv = 1.0 / (2 * lengthScale * lengthScale * (double) depth * depth);
        return j -> Math.exp(-(double) j * j * inv);
    }
}
