package org.rscale.sweeps.model;

import java.util.Arrays;
import java.util.Locale;

import org.rscale.sweeps.math.ErrorFunction;
import org.rscale.sweeps.math.KernelMath;

/**
 * The componentwise activation sigma of a residual branch {@code h + delta * sigma(A h + b)}.
 * All satisfy sigma(0) = 0, so the zero network is the identity; the limits of SCIENCE 6 depend
 * on sigma'(0) and sigma''(0), which each constant carries.
 *
 * <pre>
 * key               sigma(x)                   sigma'(0)   sigma''(0)
 * tanh              tanh x                     1           0
 * relu              max(x, 0)                  undefined   undefined   (positively homogeneous)
 * linear            x                          1           0
 * shifted-softplus  log(1 + e^x) - log 2       1/2         1/4
 * gelu              x Phi(x) (exact, erf)      1/2         sqrt(2/pi) = 0.7978845608...
 * sin               sin x                      1           0
 * </pre>
 *
 * <p>For ReLU the derivative at exactly 0 is taken as 0, as PyTorch does.
 *
 * <p>The functions are the kernels' ({@link KernelMath}, {@link ErrorFunction}): built from exactly
 * rounded IEEE operations, so the reference forward pass gives the same bits on every run and the
 * plain-loop kernel agrees with it bit for bit; within 1e-14 relative of the {@code java.lang.Math}
 * forms.
 *
 * <p>{@link #cachesOutput()} says whether sigma'(z) can be recovered from sigma(z) alone
 * (tanh: 1 - a^2; relu: [a &gt; 0]; linear: 1; shifted softplus: 1 - e^{-a}/2), which lets a kernel
 * keep one array per layer for the backward pass; for GELU and sin it keeps z instead.
 */
public enum Activation {
    /** tanh x. */
    TANH("tanh", 1.0, 0.0, true),
    /** max(x, 0). */
    RELU("relu", Double.NaN, Double.NaN, true),
    /** the identity. */
    LINEAR("linear", 1.0, 0.0, true),
    /** log(1 + e^x) - log 2, the softplus shifted so that sigma(0) = 0. */
    SHIFTED_SOFTPLUS("shifted-softplus", 0.5, 0.25, true),
    /** x Phi(x), Phi the standard normal CDF (the exact GELU, as PyTorch's default). */
    GELU("gelu", 0.5, Math.sqrt(2.0 / Math.PI), false),
    /** sin x. */
    SIN("sin", 1.0, 0.0, false);

    /** log 2, rounded. */
    private static final double LOG2 = 0x1.62e42fefa39efp-1;

    private final String key;
    private final double slopeAtZero;
    private final double curvatureAtZero;
    private final boolean cachesOutput;

    Activation(String key, double slopeAtZero, double curvatureAtZero, boolean cachesOutput) {
        this.key = key;
        this.slopeAtZero = slopeAtZero;
        this.curvatureAtZero = curvatureAtZero;
        this.cachesOutput = cachesOutput;
    }

    /** @return the name used in configurations and on disk */
    public String key() {
        return key;
    }

    /** @return sigma'(0); NaN for ReLU, which is not differentiable at 0 */
    public double slopeAtZero() {
        return slopeAtZero;
    }

    /** @return sigma''(0); NaN for ReLU */
    public double curvatureAtZero() {
        return curvatureAtZero;
    }

    /**
     * @return whether sigma is gated: exactly zero, with a zero derivative, on a half-line (ReLU, {@code z <= 0}),
     *         so that a unit is either off or passes its pre-activation; the share of units that are on is then a
     *         statistic of a network's forward pass
     */
    public boolean gated() {
        return this == RELU;
    }

    /** @return whether sigma'(z) is a function of sigma(z), so a kernel may cache the output only */
    public boolean cachesOutput() {
        return cachesOutput;
    }

    /**
     * @param x the pre-activation
     * @return sigma(x)
     */
    public double value(double x) {
        switch (this) {
            case TANH: return KernelMath.tanh(x);
            case RELU: return x > 0 ? x : 0.0;
            case LINEAR: return x;
            case SHIFTED_SOFTPLUS: return softplus(x) - LOG2;
            case GELU: return ErrorFunction.gelu(x);
            case SIN: return KernelMath.sin(x);
            default: throw new AssertionError(this);
        }
    }

    /**
     * @param x the pre-activation
     * @return sigma'(x) (0 for ReLU at x = 0)
     */
    public double derivative(double x) {
        switch (this) {
            case TANH: {
                double t = KernelMath.tanh(x);
                return 1.0 - t * t;
            }
            case RELU: return x > 0 ? 1.0 : 0.0;
            case LINEAR: return 1.0;
            case SHIFTED_SOFTPLUS: return sigmoid(x);
            case GELU: return ErrorFunction.geluSlope(x);
            case SIN: return KernelMath.cos(x);
            default: throw new AssertionError(this);
        }
    }

    /**
     * sigma'(z) from a = sigma(z), for activations that {@linkplain #cachesOutput() cache their output}.
     *
     * @param a the activation's output sigma(z)
     * @return sigma'(z)
     * @throws UnsupportedOperationException for GELU and sin
     */
    public double derivativeFromOutput(double a) {
        switch (this) {
            case TANH: return 1.0 - a * a;
            case RELU: return a > 0 ? 1.0 : 0.0;
            case LINEAR: return 1.0;
            // a = log(1 + e^z) - log 2  =>  1 + e^z = 2 e^a  =>  sigmoid(z) = 1 - 1/(1 + e^z) = 1 - e^{-a}/2
            case SHIFTED_SOFTPLUS: return 1.0 - 0.5 * KernelMath.exp(-a);
            default: throw new UnsupportedOperationException(key + " does not cache its output");
        }
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return KernelMath.softplus(x);
    }

    /** 1 / (1 + e^-x) without overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + KernelMath.exp(-x));
        }
        double e = KernelMath.exp(x);
        return e / (1.0 + e);
    }

    /**
     * @param key a configuration name
     * @return the activation of that name
     * @throws IllegalArgumentException listing the known names
     */
    public static Activation of(String key) {
        for (Activation a : values()) {
            if (a.key.equals(key.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + key + "' (expected one of " + keys() + ")");
    }

    /** @return the configuration names of all activations */
    public static java.util.List<String> keys() {
        return Arrays.stream(values()).map(Activation::key).toList();
    }
}
