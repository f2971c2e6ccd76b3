"""Writes erf-reference.csv, the reference values of the erf tests (BaseErfTest). Run with:
    python3 erf_reference.py > erf-reference.csv
Produced with Python 3.11.7 and mpmath 1.3.0. Each row is  x,erf(x)  with x an exact binary64 value
written as a Java/C99 hex literal (float.hex()) and erf(x) computed as
    mpmath.nstr(mpmath.erf(mpmath.mpf(x)), 30)        with mpmath.mp.dps = 50,
so the file does not depend on the platform. The points, from a fixed seed: tiny and subnormal x;
dense near 0; both sides of the join |x| = 1; dense across [0, 6]; around the thresholds beyond
which erf rounds to 1 (5.92158719579450... in binary64, 3.91920584363672... in binary32); beyond
them up to the largest finite value. About half of the points are binary32 values, which the
float tests use (a row's x is one when (double) (float) x == x); about half appear negated too.
"""
import math
import random
import struct

from mpmath import mp, mpf, erf, nstr

mp.dps = 50
rng = random.Random(20240601)


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def both(v):
    """v and its binary32 rounding."""
    return {v, f32(v)} if abs(v) < 3.4e38 else {v}


def log_uniform(lo, hi):
    return math.ldexp(rng.random() + 0.5, rng.randint(lo, hi))


xs = {5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1e-300, 1e-200, 1e-100,
      f32(1.4e-45), f32(1.1754943508222875e-38), f32(1.1754942e-38), 1e-30, 1e-20, 1e-10,
      0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 10.0, 27.0, 1e10, 1e300, 1.7976931348623157e308,
      f32(3.4028234663852886e38)}
# four binary64 neighbours on each side of the joins and thresholds, and binary32 neighbours
for c in [1.0, 3.919205843636721, 5.921587195794507, 9.33, 26.6]:
    lo = hi = c
    for _ in range(4):
        xs.update({lo, hi})
        lo = math.nextafter(lo, 0)
        hi = math.nextafter(hi, math.inf)
    fc = f32(c)
    xs.update({fc, f32(fc * (1 - 2 ** -24)), f32(fc * (1 + 2 ** -23))})
for _ in range(200):
    xs.add(log_uniform(-1074, -30))                  # tiny and subnormal binary64
for _ in range(100):
    xs.add(f32(log_uniform(-149, -30)))              # tiny and subnormal binary32
for _ in range(300):
    xs |= both(log_uniform(-30, 0))                  # near 0, log-uniform
    xs |= both(rng.random() / 16)                    # near 0, uniform
for _ in range(1000):
    xs |= both(rng.random() * 6)                     # across [0, 6]
for _ in range(100):
    xs |= both(3.8 + 0.25 * rng.random())            # binary32 threshold
    xs.add(5.8 + 0.25 * rng.random())                # binary64 threshold
    xs |= both(6 + 34 * rng.random())                # beyond, to 40
    xs |= both(log_uniform(6, 1023))                 # beyond, to the largest finite value

pos = sorted(v for v in xs if v > 0)
rows = sorted(set(pos) | {-v for v in pos if rng.random() < 0.5})
print('# x (binary64, hex), erf(x) to 30 significant digits: written by erf_reference.py')
for v in rows:
    print('%s,%s' % (v.hex(), nstr(erf(mpf(v)), 30)))
