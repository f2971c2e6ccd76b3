"""Writes the .npy fixtures read by NpyTest. Run with: python3 make_npy_fixtures.py
Produced with Python 3.11.7 and numpy 2.4.6 (the values do not depend on the version)."""
import numpy as np

a = np.arange(24, dtype='<f8').reshape(2, 3, 4) / 8.0 - 1.0   # exact binary fractions
np.save('c_f8.npy', a)
np.save('fortran_f8.npy', np.asfortranarray(a))
np.save('big_f4.npy', a.astype('>f4'))
np.save('i4.npy', np.arange(-3, 3, dtype='<i4').reshape(2, 3))
np.save('u1.npy', np.array([0, 7, 255], dtype='u1'))
np.save('b1.npy', np.array([True, False, True]))
np.save('f2.npy', np.array([0.5, -2.0, 65504.0], dtype='<f2'))
np.save('scalar.npy', np.float64(3.25))
# format version 2.0 (4-byte header length)
with open('v2_f8.npy', 'wb') as f:
    np.lib.format.write_array(f, a, version=(2, 0))
