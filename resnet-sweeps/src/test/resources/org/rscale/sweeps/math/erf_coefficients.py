"""Prints the polynomial coefficients of ErrorFunction (org.rscale.sweeps.kernel) as Java constant
declarations for KernelMathConstants, the one table that ErrorFunction, KernelMath (whose exp shares
the exponential's E with erf) and their SIMD twin VectorMath read. Run with:
    python3 erf_coefficients.py
Produced with Python 3.11.7 and mpmath 1.3.0 (about a minute); the output does not depend on the
platform. The tests check the resulting functions against erf_reference.py's values.

Per precision, three weighted minimax polynomials, by the discrete Remez exchange on a
Chebyshev-clustered grid at 50 decimal digits:

  P   erf(x) = x + x P(x^2)            |x| < 1,  weight x / erf(x): the relative error of erf
  Q   erfc(x) = exp(-x^2) Q(t)         x >= 1,   t = 1/(1 + p x) in [0, 1/(1 + p)],
                                       weight max(exp(-x^2) / erf(x), floor): the error of
                                       1 - exp(-x^2) Q relative to erf(x), floored so that Q keeps
                                       a few correct digits where erf rounds to 1 (t -> 0)
  E   exp(r) = E(r)                    |r| <= ln(2)/2, weight 1 / exp(r)

Writing erf(x) = x + x P(x^2) (P(0) = 2/sqrt(pi) - 1, as fdlibm's s_erf.c does) rather than
x P(x^2) keeps the rounding error of the leading coefficient out of the result near 0. The variable
t = 1/(1 + p x) is that of Abramowitz and Stegun 7.1.26 and of the Chebyshev fit of erfc in
Numerical Recipes (3rd ed., 6.2.2); it maps [1, inf) onto a finite interval on which
exp(x^2) erfc(x) is smooth, so one polynomial covers every x >= 1.

Coefficients are rounded to the target format one at a time, lowest order first, refitting the
higher ones after each rounding (the idea of Brisebarre and Chevillard's fpminimax,
doi:10.1109/ARITH.2007.17), so the reported errors are those of the printed constants
(checked on a uniform grid of 20,001 points, independent of the fitting grid).
"""
import struct

from mpmath import mp, mpf, matrix, lu_solve, cos, pi, erf, erfc, exp, log, sqrt

mp.dps = 50

# precision: (Java type, suffix, rounding, p, degrees of P, Q and E, floor of Q's weight)
SETTINGS = {
    'binary64': ('double', '', lambda v: mpf(float(v)), mpf('0.4'), 11, 10, 10, mpf('1e-11')),
    'binary32': ('float', 'F', lambda v: mpf(struct.unpack('f', struct.pack('f', float(v)))[0]),
                 mpf('0.5'), 6, 5, 6, mpf('1e-5')),
}
GRID = 1500


def remez(f, w, basis, a, b, n, grid=GRID, iters=60):
    """min over c of max over the grid of |w(x) (f(x) - sum_k c_k basis(k, x))|; returns (c, max error)."""
    a = mpf(a)
    b = mpf(b)
    xs = [(a + b) / 2 - (b - a) / 2 * cos(pi * i / (grid - 1)) for i in range(grid)]
    fx = [f(x) for x in xs]
    wx = [w(x) for x in xs]
    B = [[basis(k, x) for k in range(n)] for x in xs]
    m = n + 1
    ref = [int(round((grid - 1) * (1 - float(cos(pi * i / (m - 1)))) / 2)) for i in range(m)]
    best = None
    for _ in range(iters):
        A = matrix(m, m)
        rhs = matrix(m, 1)
        for r, i in enumerate(ref):
            for k in range(n):
                A[r, k] = B[i][k]
            A[r, n] = (-1) ** r / wx[i]
            rhs[r] = fx[i]
        sol = lu_solve(A, rhs)
        c = [sol[k] for k in range(n)]
        level = abs(sol[n])
        err = [wx[i] * (fx[i] - sum(c[k] * B[i][k] for k in range(n))) for i in range(grid)]
        worst = max(abs(e) for e in err)
        if best is None or worst < best[1]:
            best = (c, worst)
        if worst <= level * (1 + mpf('1e-4')):
            break
        # the new reference: the largest error of each run of one sign, trimmed to m alternating points
        ext = []
        i = 0
        while i < grid:
            sign = err[i] >= 0
            j = i
            top = i
            while j < grid and (err[j] >= 0) == sign:
                if abs(err[j]) > abs(err[top]):
                    top = j
                j += 1
            ext.append(top)
            i = j
        while len(ext) > m:
            if abs(err[ext[0]]) < abs(err[ext[-1]]):
                ext.pop(0)
            else:
                ext.pop()
        if len(ext) < m:
            break
        ref = ext
    return best


def fit_rounded(f, w, a, b, degree, rnd):
    """Coefficients c_0..c_degree of a polynomial in the variable of f, each rounded by rnd."""
    fixed = []
    for k in range(degree + 1):
        done = list(fixed)

        def rest(x, done=done):
            return f(x) - sum(c * x ** j for j, c in enumerate(done))

        c, _ = remez(rest, w, lambda j, x, k=k: x ** (j + k), a, b, degree + 1 - k)
        fixed.append(rnd(c[0]))
    xs = [mpf(a) + (mpf(b) - mpf(a)) * i / 20000 for i in range(20001)]
    err = max(abs(w(x) * (f(x) - sum(c * x ** j for j, c in enumerate(fixed)))) for x in xs)
    return fixed, err


def java_hex(v, suffix):
    h = float(v).hex()
    mant, exp2 = h.split('p')
    if '.' in mant:
        mant = mant.rstrip('0').rstrip('.')
    return mant + 'p' + exp2 + suffix.lower()


def main():
    ln2 = log(2)
    for name, (jtype, suffix, rnd, p, n_p, n_q, n_e, floor) in SETTINGS.items():

        def ratio(s):
            return erf(sqrt(s)) / sqrt(s) if s > 0 else 2 / sqrt(pi)

        def x_of(t):
            return (1 / t - 1) / p

        def scaled_erfc(t):
            if t == 0:
                return mpf(0)
            x = x_of(t)
            return erfc(x) * exp(x * x)

        def q_weight(t):
            if t == 0:
                return floor
            x = x_of(t)
            return max(exp(-x * x) / erf(x), floor)

        fits = [
            ('P', lambda s: ratio(s) - 1, lambda s: 1 / ratio(s), 0, 1, n_p, 'erf(x) = x + x P(x^2), |x| < 1'),
            ('Q', scaled_erfc, q_weight, 0, 1 / (1 + p), n_q,
             'erfc(x) = exp(-x^2) Q(t), t = 1/(1 + %s x), x >= 1' % p),
            ('E', exp, lambda r: 1 / exp(r), -ln2 / 2, ln2 / 2, n_e, 'exp(r) = E(r), |r| <= ln(2)/2'),
        ]
        print('    // %s' % name)
        for letter, f, w, a, b, degree, what in fits:
            c, err = fit_rounded(f, w, a, b, degree, rnd)
            print('    // %s: degree %d, weighted error %.2e' % (what, degree, err))
            for k, v in enumerate(c):
                print('    public static final %s %s%s%d = %s;' % (jtype, letter, suffix, k, java_hex(v, suffix)))


if __name__ == '__main__':
    main()
