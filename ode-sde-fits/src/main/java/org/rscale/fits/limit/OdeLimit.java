package org.rscale.fits.limit;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.ContinuousOutputModel;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.rscale.fits.LimitEquation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The two limit ODEs of SCIENCE.md section 6, on {@code t} in [0, 1] with {@code H(0) = x}:
 * <pre>
 *   neural-ode   dH/dt = delta-bar(t) sigma(A-bar(t) H + b-bar(t))                 (beta = 0, delta ~ delta-bar / L)
 *   linear-ode   dH/dt = delta-bar(t) sigma'(0) (A-bar(t) H + b-bar(t))            (0 &lt; beta &lt;= 1, delta L^(1-beta) -&gt; delta-bar)
 * </pre>
 * with the coefficients of {@link LimitCoefficients} (whose table says how the network's parameters map to
 * them). The network of depth L is the forward Euler scheme of the neural ODE with step {@code 1/L}, so
 * it matches the neural ODE with a maximum error {@code O(1/L)} when its weights are the coefficients
 * sampled at {@code k/L}.
 *
 * <p><b>Why the linear ODE.</b> When {@code A_k = L^-beta A-bar}, {@code delta_k = delta-bar L^(beta-1)}
 * with beta &gt; 0, the pre-activation {@code z = L^-beta (A-bar h + b-bar)} vanishes, and
 * <pre>
 *   delta_k sigma(z) = (delta-bar / L) [ sigma'(0) (A-bar h + b-bar) + sigma''(0)/2 L^-beta (A-bar h + b-bar)^2
 *                                        + sigma'''(0)/6 L^-2beta (A-bar h + b-bar)^3 + ... ],
 * </pre>
 * so the network is the Euler scheme of the linear ODE up to a perturbation of relative size
 * {@code L^-beta} (or {@code L^-2beta} when {@code sigma''(0) = 0}, e.g. tanh {@code x - x^3/3 + ...}):
 * its error is {@code O(L^-min(1, beta))}, resp. {@code O(L^-min(1, 2 beta))}.
 *
 * <p><b>Algorithm.</b> Commons Math's adaptive {@link DormandPrince853Integrator} with the tolerances of
 * {@link OdeSettings}, restarted at every grid point of the coefficient paths (the right-hand side is
 * only piecewise smooth in t there); the accepted steps are kept with their continuous extension
 * ({@link DenseTrajectory}), so {@code H(k/L)} is read for every depth from one integration.
 *
 * <p><b>Edge cases.</b> The linear ODE needs {@code sigma'(0)}: ReLU is rejected (use the neural ODE with
 * the effective weights {@code |delta| A}, {@code |delta| b}, ReLU being positively homogeneous). A
 * non-finite right-hand side, a step below {@code minStep} or too many evaluations end the integration
 * with an {@link IllegalStateException} naming the time.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (the neural ODE and the alternative linear limit); R. Cont, A. Rossier,
 * R. Xu, "Asymptotic Analysis of Deep Residual Networks", arXiv:2212.08199.
 *
 * @param label        the candidate's name
 * @param equation     {@link LimitEquation#NEURAL_ODE} or {@link LimitEquation#LINEAR_ODE}
 * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
 * @param activation   sigma
 * @param settings     the integrator's settings
 */
public record OdeLimit(String label, LimitEquation equation, LimitCoefficients coefficients, Activation activation,
                       OdeSettings settings) implements LimitCandidate {

    /**
     * Checks the equation and the activation.
     *
     * @param label the candidate's name
     * @param equation {@link LimitEquation#NEURAL_ODE} or {@link LimitEquation#LINEAR_ODE}
     * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
     * @param activation sigma
     * @param settings the integrator's settings
     */
    public OdeLimit {
        if (equation != LimitEquation.NEURAL_ODE && equation != LimitEquation.LINEAR_ODE) {
            throw new IllegalArgumentException("an ODE limit is neural-ode or linear-ode, not " + equation.key());
        }
        if (equation == LimitEquation.LINEAR_ODE && !Double.isFinite(activation.slopeAtZero())) {
            throw new IllegalArgumentException("the linear ODE needs sigma'(0), which " + activation.key()
                    + " does not have");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a candidate needs a label");
        }
    }

    /**
     * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
     * @param activation   sigma
     * @return the neural ODE, labelled {@code neural-ode}, default settings
     */
    public static OdeLimit neural(LimitCoefficients coefficients, Activation activation) {
        return new OdeLimit(LimitEquation.NEURAL_ODE.key(), LimitEquation.NEURAL_ODE, coefficients, activation,
                OdeSettings.DEFAULTS);
    }

    /**
     * @param coefficients {@code A-bar}, {@code b-bar}, {@code delta-bar}
     * @param activation   sigma, with a finite sigma'(0)
     * @return the linear ODE, labelled {@code linear-ode}, default settings
     */
    public static OdeLimit linear(LimitCoefficients coefficients, Activation activation) {
        return new OdeLimit(LimitEquation.LINEAR_ODE.key(), LimitEquation.LINEAR_ODE, coefficients, activation,
                OdeSettings.DEFAULTS);
    }

    /**
     * @param newSettings the integrator's settings
     * @return this equation with other settings
     */
    public OdeLimit withSettings(OdeSettings newSettings) {
        return new OdeLimit(label, equation, coefficients, activation, newSettings);
    }

    /**
     * @param newLabel a name
     * @return this equation with another label
     */
    public OdeLimit withLabel(String newLabel) {
        return new OdeLimit(newLabel, equation, coefficients, activation, settings);
    }

    @Override
    public boolean drivenByNetwork() {
        return false;
    }

    @Override
    public LimitTrajectory trajectory(double[] x, ResidualNet net) {
        return solve(x);
    }

    /**
     * Integrates from {@code H(0) = x} over [0, 1].
     *
     * @param x the input, d values; not modified
     * @return the solution with dense output
     * @throws IllegalStateException when the integration fails
     */
    public DenseTrajectory solve(double[] x) {
        int d = coefficients.dim();
        if (x.length != d) {
            throw new IllegalArgumentException("input of length " + x.length + " for coefficients of width " + d);
        }
        Rhs rhs = new Rhs(this);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(settings.minStep(),
                settings.maxStep(), settings.absoluteTolerance(), settings.relativeTolerance());
        integrator.setMaxEvaluations(settings.maxEvaluations());
        double[] bp = coefficients.breakpoints();
        ContinuousOutputModel all = new ContinuousOutputModel();
        double[] y = x.clone();
        for (int j = 0; j + 1 < bp.length; j++) {
            ContinuousOutputModel segment = new ContinuousOutputModel();
            integrator.clearStepHandlers();
            integrator.addStepHandler(segment);
            try {
                integrator.integrate(rhs, bp[j], y, bp[j + 1], y);
            } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                throw new IllegalStateException(label + ": integration failed in [" + bp[j] + ", " + bp[j + 1]
                        + "]: " + e.getMessage(), e);
            }
            all.append(segment);
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalStateException(label + ": H(1) is not finite");
            }
        }
        return new DenseTrajectory(d, all);
    }

    /** The right-hand side, with its own workspace. */
    private static final class Rhs implements FirstOrderDifferentialEquations {
        private final OdeLimit ode;
        private final boolean linear;
        private final double slope;
        private final int d;
        private final double[] A;
        private final double[] b;
        private final double[] delta = new double[1];

        Rhs(OdeLimit ode) {
            this.ode = ode;
            this.linear = ode.equation == LimitEquation.LINEAR_ODE;
            this.slope = ode.activation.slopeAtZero();
            this.d = ode.coefficients.dim();
            this.A = new double[d * d];
            this.b = new double[d];
        }

        @Override
        public int getDimension() {
            return d;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            if (!Double.isFinite(t)) {
                // the step size went non-finite (coefficients so large that the error estimate overflowed)
                throw new IllegalStateException(ode.label + ": the integrator's time is not finite (" + t + ")");
            }
            ode.coefficients.A().valueAt(t, A);
            ode.coefficients.b().valueAt(t, b);
            ode.coefficients.delta().valueAt(t, delta);
            double dbar = delta[0];
            for (int i = 0; i < d; i++) {
                // z_i = (A-bar H + b-bar)_i
                double z = b[i];
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    z += A[row + j] * y[j];
                }
                // neural: delta-bar sigma(z);  linear: delta-bar sigma'(0) z
                double v = linear ? dbar * slope * z : dbar * ode.activation.value(z);
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException(ode.label + ": the right-hand side is not finite at t = " + t);
                }
                yDot[i] = v;
            }
        }
    }
}
