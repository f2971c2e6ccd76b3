"""Writes kernel-math-reference.csv, the reference values of the KernelMath tests (BaseKernelMathTest).
Run with:
    python3 kernel_math_reference.py > kernel-math-reference.csv
Produced with Python 3.11.7 and mpmath 1.3.0. Each row is  function,x,f(x)  with x an exact binary64
value written as a Java/C99 hex literal (float.hex()) and f(x) computed as
    mpmath.nstr(f(mpmath.mpf(x)), 30)        with mpmath.mp.dps = 60,
for f one of exp, log1p, tanh, sin, cos, so the file does not depend on the platform. The points, from
a fixed seed: for every function, binary64 points across the range the kernels use and beyond, and
as many binary32 values (a row's x is one when (double) (float) x == x); and the hard cases:
exp around its overflow and underflow thresholds (binary64 and binary32) and the start of subnormal
results; log1p near 0 and on (-1, 0); tanh around the join 0.625 of its two pieces; sin and cos at
the doubles and floats nearest k pi/2 (|k| <= 128, where the result is near 0 or near +-1) and at
large arguments up to 2^40, beyond the fast range (2^30, binary32 2^16).
"""
import math
import random
import struct

from mpmath import mp, mpf, cos, exp, log1p, nstr, pi, sin, tanh

mp.dps = 60
rng = random.Random(20240602)


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def both(v):
    """v and its binary32 rounding (where finite)."""
    return {v, f32(v)} if abs(v) < 3.4e38 else {v}


def neighbours(c, k, to32=False):
    """c and k binary64 (or binary32) neighbours on each side."""
    out = set()
    lo = hi = f32(c) if to32 else c
    for _ in range(k + 1):
        out.update({lo, hi})
        if to32:
            lo = struct.unpack('f', struct.pack('I', struct.unpack('I', struct.pack('f', lo))[0] - 1))[0] \
                if lo > 0 else lo
            hi = struct.unpack('f', struct.pack('I', struct.unpack('I', struct.pack('f', hi))[0] + 1))[0]
        else:
            lo = math.nextafter(lo, -math.inf)
            hi = math.nextafter(hi, math.inf)
    return out


def log_uniform(lo, hi):
    return math.ldexp(rng.random() + 0.5, rng.randint(lo, hi))


def points():
    p = {name: set() for name in ('exp', 'log1p', 'tanh', 'sin', 'cos')}
    # exp: across the range, small arguments, and the thresholds
    for _ in range(150):
        p['exp'] |= both(rng.uniform(-750, 710))
        p['exp'] |= both(rng.uniform(-110, 90))
        p['exp'] |= both(rng.uniform(-2, 2))
    for _ in range(100):
        p['exp'] |= both(log_uniform(-60, 0) * rng.choice([-1, 1]))
    for c in [709.782712893384, -745.1332191019412, -708.3964185322641, 88.72283905206835,
              -103.97207708399179, -87.33654475055310]:
        p['exp'] |= neighbours(c, 3)
        p['exp'] |= neighbours(c, 3, to32=True)
    p['exp'] |= {0.0, 1.0, -1.0, 1e-300, -1e-300, 5e-324}
    # log1p: [0, 1] (the softplus), near 0, large, and (-1, 0)
    for _ in range(400):
        p['log1p'] |= both(rng.random())
    for _ in range(150):
        p['log1p'] |= both(log_uniform(-80, 0))
        p['log1p'] |= both(log_uniform(0, 1023))
        p['log1p'] |= both(-rng.random())
        p['log1p'] |= both(-1 + log_uniform(-52, -1))
    p['log1p'] |= {5e-324, 1e-300, 2.0 ** -54, 2.0 ** -53, math.sqrt(2) - 1, 1.0, 2.0, 1.7976931348623157e308}
    p['log1p'] |= neighbours(math.sqrt(2) - 1, 3) | neighbours(math.sqrt(2) / 2 - 1, 3)
    # tanh: across [0, 20], near 0, both sides of the join, large
    for _ in range(400):
        p['tanh'] |= both(rng.uniform(0, 20))
    for _ in range(150):
        p['tanh'] |= both(log_uniform(-60, 0))
        p['tanh'] |= both(rng.uniform(0.5, 0.75))
        p['tanh'] |= both(log_uniform(4, 1023))
    p['tanh'] |= neighbours(0.625, 4) | neighbours(0.625, 4, to32=True)
    p['tanh'] |= {5e-324, 1e-300, 19.06, 22.0, 9.01, 1.7976931348623157e308}
    # sin, cos: [-100, 100], near 0, around k pi/2, large
    for name in ('sin', 'cos'):
        for _ in range(400):
            p[name] |= both(rng.uniform(0, 100))
        for _ in range(100):
            p[name] |= both(log_uniform(-60, 0))
            p[name] |= both(log_uniform(7, 29))       # to 2^30, the fast binary64 range
            p[name] |= both(log_uniform(30, 40))      # beyond it
        for k in range(1, 129):
            c = float(k * pi / 2)
            p[name] |= neighbours(c, 1) | neighbours(c, 1, to32=True)
        p[name] |= {5e-324, 1e-300, 2.0 ** 16, 2.0 ** 30, math.nextafter(2.0 ** 30, math.inf)}
    return p


def main():
    fns = {'exp': exp, 'log1p': log1p, 'tanh': tanh, 'sin': sin, 'cos': cos}
    print('# function, x (binary64, hex), f(x) to 30 significant digits: written by kernel_math_reference.py')
    for name, xs in points().items():
        # odd functions and sin/cos also at -x; exp and log1p as drawn
        rows = set(xs)
        if name in ('tanh', 'sin', 'cos'):
            rows |= {-v for v in xs if rng.random() < 0.5}
        for v in sorted(rows):
            if name == 'log1p' and v <= -1:
                continue
            print('%s,%s,%s' % (name, v.hex(), nstr(fns[name](mpf(v)), 30)))


if __name__ == '__main__':
    main()
