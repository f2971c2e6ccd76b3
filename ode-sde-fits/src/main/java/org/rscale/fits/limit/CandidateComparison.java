package org.rscale.fits.limit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.ScalingFit;
import org.rscale.fits.LimitEquation;

/**
 * One candidate limit against networks of several depths: the error per network and the rate at which
 * the error decays with depth,
 * <pre>
 *   log(maxError_j) = c + rate log(L_j)      (OLS over the networks compared without failure; ScalingFit)
 * </pre>
 * A network converging to the candidate shows a clearly negative rate ({@code -1} for the Euler scheme of
 * an ODE); a wrong candidate shows a rate near 0.
 *
 * @param label         the candidate's label
 * @param equation      its equation
 * @param errors        one entry per network compared, in the input order; unmodifiable
 * @param failures      the networks that could not be compared; unmodifiable
 * @param rate          the log-log fit of {@code maxError} against depth; empty with fewer than 3 depths
 *                      (or when errors are 0, which have no logarithm)
 * @param convergence   the judgement of the rate
 * @param deepestError  the mean {@code maxError} at the comparison's largest depth; empty when no network
 *                      of that depth was compared
 */
public record CandidateComparison(String label, LimitEquation equation, List<TrajectoryError> errors,
                                  List<TrajectoryFailure> failures, Optional<ScalingFit> rate,
                                  Convergence convergence, OptionalDouble deepestError) {

    /**
     * Copies the lists.
     *
     * @param label the candidate's label
     * @param equation its equation
     * @param errors one entry per network compared
     * @param failures the networks that could not be compared
     * @param rate the log-log fit of {@code maxError} against depth
     * @param convergence the judgement of the rate
     * @param deepestError the mean {@code maxError} at the comparison's largest depth
     */
    public CandidateComparison {
        errors = List.copyOf(errors);
        failures = List.copyOf(failures);
    }
}
