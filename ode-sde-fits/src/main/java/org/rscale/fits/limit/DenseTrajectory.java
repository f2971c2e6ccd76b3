package org.rscale.fits.limit;

import org.apache.commons.math3.ode.ContinuousOutputModel;

/**
 * The solution of a limit ODE with the integrator's own dense output: Commons Math's
 * {@link ContinuousOutputModel} keeps every accepted Dormand&ndash;Prince 8(5,3) step with its 7th-order
 * continuous extension, so {@code H(t)} between steps is as accurate as at the steps.
 *
 * <p>Not thread-safe (the model keeps the last interpolation point).
 */
public final class DenseTrajectory implements LimitTrajectory {
    private final int dim;
    private final ContinuousOutputModel model;

    DenseTrajectory(int dim, ContinuousOutputModel model) {
        this.dim = dim;
        this.model = model;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void valueAt(double t, double[] out) {
        model.setInterpolatedTime(Math.min(1.0, Math.max(0.0, t)));
        System.arraycopy(model.getInterpolatedState(), 0, out, 0, dim);
    }
}
