package org.rscale.fits.paths;

import java.util.OptionalDouble;

import org.rscale.analysis.ScalingFit;

/**
 * A log-log fit against depth of one quantity of the limit fit: a row of {@code rates.csv}.
 *
 * @param tensor   the tensor, or {@code hidden_states} for the networks' hidden states
 * @param quantity e.g. {@value LimitAnalysis#CONVERGENCE_SUP}, {@code q}, {@code max_error_linear_ode}
 * @param fit      the fit (slope, OLS and seed-bootstrap intervals)
 * @param exponent the rescaling exponent the quantity was computed with, when it has one
 */
public record RateFit(String tensor, String quantity, ScalingFit fit, OptionalDouble exponent) {
    /**
     * @param tensor the tensor
     * @param quantity the quantity
     * @param fit the fit
     * @return a rate without a rescaling exponent
     */
    public static RateFit of(String tensor, String quantity, ScalingFit fit) {
        return new RateFit(tensor, quantity, fit, OptionalDouble.empty());
    }
}
