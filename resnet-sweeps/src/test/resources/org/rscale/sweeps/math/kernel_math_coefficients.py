"""Prints the polynomial coefficients of KernelMath (org.rscale.sweeps.kernel) for tanh, log1p, sin
and cos, as Java constant declarations for KernelMathConstants, which KernelMath and its SIMD twin
VectorMath (org.rscale.sweeps.kernel.vector) read. Run with:
    python3 kernel_math_coefficients.py
Produced with Python 3.11.7 and mpmath 1.3.0 (about three minutes); the output does not depend on the
platform. The exponential's polynomial E is erf_coefficients.py's (the same fit serves erf and exp).
The tests check the resulting functions against kernel_math_reference.py's values and java.lang.Math.

Per precision, four weighted minimax polynomials, by erf_coefficients.py's discrete Remez exchange
(50 decimal digits, Chebyshev-clustered grid), each coefficient rounded to the format in turn with the
higher ones refitted (fit_rounded there):

  T   tanh(x) = x + x^3 T(x^2)          |x| < 0.625      weight x^3 / tanh(x): the relative error of tanh
  L   log(1+f) = 2 atanh(s)             s = f/(2+f),     R(s^2) = (2 atanh(s) - 2s) / s = s^2 L(s^2),
        = f - h + s (h + R(s^2))        |s| <= 3 - 2 sqrt(2) (f in [sqrt(2)/2 - 1, sqrt(2) - 1]),
        h = f^2 / 2                     weight 1: the absolute error of L (~2/3), as fdlibm's Lg1..Lg7
  S   sin(r) = r + r^3 S(r^2)           |r| <= pi/4 (1 + margin), weight r^3 / sin(r) (floored)
  C   cos(r) = 1 - r^2/2 + r^4 C(r^2)   |r| <= pi/4 (1 + margin), weight r^4 / cos(r) (floored)

The splitting of log1p and the fdlibm form of the sum follow fdlibm's s_log1p.c; sin and cos follow
fdlibm's k_sin.c and k_cos.c (with the argument reduced by Cody and Waite's method in three parts of
pi/2, see KernelMath). The margin covers the rounding of n = round(x 2/pi) in the reduction. The
script also prints the constants of that reduction: 2/pi rounded, and pi/2 = p1 + p2 + p3 + rest,
each part the format's rounding of what the previous ones leave.
"""
import struct

from mpmath import mp, mpf, atanh, cos, pi, sin, sqrt, tanh

from erf_coefficients import fit_rounded, java_hex

mp.dps = 50


def to_float(v):
    return mpf(struct.unpack('f', struct.pack('f', float(v)))[0])


def to_double(v):
    return mpf(float(v))


# precision: (Java type, suffix, rounding, degrees of T, L, S, C, interval margin of S and C)
SETTINGS = {
    'binary64': ('double', '', to_double, 10, 6, 5, 5, mpf(2) ** -20),
    'binary32': ('float', 'F', to_float, 4, 3, 2, 2, mpf(2) ** -8),
}
TANH_JOIN = mpf('0.625')
FLOOR = mpf('1e-12')


def odd_ratio(f, taylor3):
    """(f(x) - x) / x^3 as a function of s = x^2, with its limit at 0."""
    def g(s):
        if s == 0:
            return taylor3
        x = sqrt(s)
        return (f(x) - x) / (x * s)
    return g


def tanh_weight(s):
    if s == 0:
        return FLOOR
    x = sqrt(s)
    return max(x * s / tanh(x), FLOOR)


def log_ratio(z):
    """L(z) = (2 atanh(s) - 2s) / s^3, z = s^2 (2/3 at 0)."""
    if z == 0:
        return mpf(2) / 3
    s = sqrt(z)
    return (2 * atanh(s) - 2 * s) / (s * z)


def sin_weight(z):
    if z == 0:
        return FLOOR
    r = sqrt(z)
    return max(r * z / sin(r), FLOOR)


def cos_ratio(z):
    """C(z) = (cos(r) - 1 + z/2) / z^2, z = r^2 (1/24 at 0)."""
    if z == 0:
        return mpf(1) / 24
    return (cos(sqrt(z)) - 1 + z / 2) / (z * z)


def cos_weight(z):
    return max(z * z / cos(sqrt(z)), FLOOR)


def reduction_constants(jtype, suffix, rnd):
    """2/pi and pi/2 in three parts, as Java declarations (at 80 digits: the parts span 160 bits)."""
    mp.dps = 80
    print('    // %s: 2/pi; pi/2 = PIO2_1 + PIO2_2 + PIO2_3 + rest' % jtype)
    print('    public static final %s TWO_OVER_PI%s = %s;' % (jtype, '_F' if suffix else '', java_hex(rnd(2 / pi), suffix)))
    rest = pi / 2
    for k in range(1, 4):
        part = rnd(rest)
        rest -= part
        print('    public static final %s PIO2_%d%s = %s;' % (jtype, k, '_F' if suffix else '', java_hex(part, suffix)))
    print('    // rest %.3e' % rest)
    mp.dps = 50


def main():
    for name, (jtype, suffix, rnd, *_) in SETTINGS.items():
        reduction_constants(jtype, suffix, rnd)
    s_max = 3 - 2 * sqrt(2)
    for name, (jtype, suffix, rnd, n_t, n_l, n_s, n_c, margin) in SETTINGS.items():
        r_max = pi / 4 * (1 + margin)
        fits = [
            ('T', odd_ratio(tanh, mpf(-1) / 3), tanh_weight, TANH_JOIN ** 2, n_t,
             'tanh(x) = x + x^3 T(x^2), |x| < %s' % TANH_JOIN),
            ('L', log_ratio, lambda z: mpf(1), s_max ** 2, n_l,
             'log(1+f) = f - h + s (h + s^2 L(s^2)), s = f/(2+f), |s| <= 3 - 2 sqrt(2)'),
            ('S', odd_ratio(sin, mpf(-1) / 6), sin_weight, r_max ** 2, n_s,
             'sin(r) = r + r^3 S(r^2), |r| <= pi/4 (1 + %.3g)' % margin),
            ('C', cos_ratio, cos_weight, r_max ** 2, n_c,
             'cos(r) = 1 - r^2/2 + r^4 C(r^2), |r| <= pi/4 (1 + %.3g)' % margin),
        ]
        print('    // %s' % name)
        for letter, f, w, b, degree, what in fits:
            c, err = fit_rounded(f, w, 0, b, degree, rnd)
            print('    // %s: degree %d, weighted error %.2e' % (what, degree, err))
            for k, v in enumerate(c):
                print('    public static final %s %s%s%d = %s;' % (jtype, letter, suffix, k, java_hex(v, suffix)))


if __name__ == '__main__':
    main()
