package org.rscale.sweeps.math;

/**
 * The elementary functions of {@link KernelMath}, for tests of it and of its SIMD twin: the scalar
 * implementation in either precision, the {@code java.lang.Math} reference and the range on which
 * the kernels need it.
 */
public enum KernelFunction {
    /** e^x; every x. */
    EXP("exp", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** log(1 + x); x &gt; -1 (the softplus uses [0, 1]). */
    LOG1P("log1p", -1.0, Double.POSITIVE_INFINITY),
    /** tanh x; every x. */
    TANH("tanh", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** sin x; accurate everywhere (fast for |x| &lt;= 2^30, binary32 2^16). */
    SIN("sin", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** cos x; as sin. */
    COS("cos", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final String key;
    private final double lo;
    private final double hi;

    KernelFunction(String key, double lo, double hi) {
        this.key = key;
        this.lo = lo;
        this.hi = hi;
    }

    /** @return the name in {@code kernel-math-reference.csv} */
    public String key() {
        return key;
    }

    /**
     * @param x the argument
     * @return whether x is in the function's domain (log1p: x &gt; -1)
     */
    public boolean inDomain(double x) {
        return x > lo && x <= hi || x == lo && lo == Double.NEGATIVE_INFINITY;
    }

    /**
     * @param x the argument
     * @return the {@link KernelMath} function in binary64
     */
    public double of(double x) {
        switch (this) {
            case EXP: return KernelMath.exp(x);
            case LOG1P: return KernelMath.log1p(x);
            case TANH: return KernelMath.tanh(x);
            case SIN: return KernelMath.sin(x);
            case COS: return KernelMath.cos(x);
            default: throw new AssertionError(this);
        }
    }

    /**
     * @param x the argument
     * @return the {@link KernelMath} function in binary32
     */
    public float of(float x) {
        switch (this) {
            case EXP: return KernelMath.exp(x);
            case LOG1P: return KernelMath.log1p(x);
            case TANH: return KernelMath.tanh(x);
            case SIN: return KernelMath.sin(x);
            case COS: return KernelMath.cos(x);
            default: throw new AssertionError(this);
        }
    }

    /**
     * @param x the argument
     * @return the {@code java.lang.Math} function (within 1 ulp of the exact value)
     */
    public double math(double x) {
        switch (this) {
            case EXP: return Math.exp(x);
            case LOG1P: return Math.log1p(x);
            case TANH: return Math.tanh(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            default: throw new AssertionError(this);
        }
    }
}
