package org.rscale.fits.limit;

import org.rscale.fits.LimitEquation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;

/**
 * A candidate limit equation of SCIENCE.md section 6, ready to be solved from an input and compared
 * with a network's hidden states ({@link LimitComparison}): {@link OdeLimit} (neural or linear ODE) or
 * {@link SdeLimit}.
 */
public sealed interface LimitCandidate permits OdeLimit, SdeLimit {

    /** @return a name unique within one comparison, e.g. {@code neural-ode} */
    String label();

    /** @return which equation of SCIENCE.md section 6 this is */
    LimitEquation equation();

    /** @return {@code A-bar}, {@code b-bar}, {@code delta-bar} */
    LimitCoefficients coefficients();

    /** @return sigma */
    Activation activation();

    /** @return whether the solution depends on the network it is compared with (an SDE driven by the network's own noise) */
    boolean drivenByNetwork();

    /**
     * Solves the equation from {@code H(0) = x}.
     *
     * @param x   the input, d values; not modified
     * @param net the network compared with; used only when {@link #drivenByNetwork()}, may then not be null
     * @return the solution on [0, 1]
     * @throws IllegalStateException when the integration fails (the message says where)
     */
    LimitTrajectory trajectory(double[] x, ResidualNet net);
}
