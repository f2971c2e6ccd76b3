package org.rscale.sweeps.kernel.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import org.apache.commons.math3.special.Erf;

/**
 * Lane-wise special functions missing from the Vector API (placeholder: per-lane Commons Math,
 * replaced by the vectorised implementation).
 */
public final class VectorMath {
    private VectorMath() {
    }

    /**
     * @param x arguments
     * @return erf of each lane
     */
    public static DoubleVector erf(DoubleVector x) {
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Erf.erf(v[i]);
        }
        return DoubleVector.fromArray(x.species(), v, 0);
    }

    /**
     * @param x arguments
     * @return erf of each lane
     */
    public static FloatVector erf(FloatVector x) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Erf.erf(v[i]);
        }
        return FloatVector.fromArray(x.species(), v, 0);
    }
}
