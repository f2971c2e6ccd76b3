package org.rscale.fits.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.fits.LimitEquation;
import org.rscale.fits.SampledPath;
import org.rscale.fits.limit.LimitCoefficients;
import org.rscale.fits.limit.LimitComparison;
import org.rscale.fits.limit.TerminalDistribution;
import org.rscale.sweeps.model.Activation;

/**
 * The limit fit of one group ({@link SweepLimits}): the cross-run candidates and their comparison with the
 * networks, the rough-part SDE of the deepest network, and what the figures draw.
 *
 * @param group            the group id
 * @param tensor           the judged tensor
 * @param activation       sigma
 * @param activationSource where sigma comes from (run.json, or the foreign default)
 * @param dim              d
 * @param inputs           n*d inputs
 * @param samples          n
 * @param inputSource      where the inputs come from ({@code fits.dynamics.ProbeInputs})
 * @param betaA            the exponent of A used for the neural ODE, when known
 * @param coefficientCells the cells the coefficients were estimated from
 * @param coefficientGrid  n of the coefficient grid {@code i / n}
 * @param candidates       every candidate, available or not
 * @param compared         the networks compared, in order
 * @param comparison       the comparison, empty when no candidate or no network
 * @param hidden           hidden states for the figures (up to four depths, lowest seed)
 * @param trajectories     candidates' solutions for the figures
 * @param manyPath         the many-path SDE summary, when there is a rough-part SDE
 * @param coefficients     the coefficients by candidate label ({@code neural-ode}: A-bar, b-bar, delta-bar of the
 *                         split; {@code linear-ode}: the products)
 * @param neuralExponent   the exponent of A the neural ODE's coefficients are rescaled by (beta_A clamped to [0, 1])
 * @param notes            what was left out and why
 */
public record GroupFit(String group, String tensor, Activation activation, String activationSource, int dim,
                       double[] inputs, int samples, String inputSource, OptionalDouble betaA,
                       List<String> coefficientCells, int coefficientGrid, List<CandidateInfo> candidates,
                       List<ComparedCell> compared, Optional<LimitComparison> comparison,
                       List<HiddenStates> hidden, List<Trajectory> trajectories,
                       Optional<ManyPathSummary> manyPath, Map<String, LimitCoefficients> coefficients,
                       double neuralExponent, List<String> notes) {

    /** Copies. */
    public GroupFit {
        coefficientCells = List.copyOf(coefficientCells);
        candidates = List.copyOf(candidates);
        compared = List.copyOf(compared);
        hidden = List.copyOf(hidden);
        trajectories = List.copyOf(trajectories);
        coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
        notes = List.copyOf(notes);
    }

    /**
     * How one candidate was built, or why it was not.
     *
     * @param label     the candidate's label ({@code neural-ode}, {@code linear-ode}, {@code sde})
     * @param equation  its equation
     * @param available whether it was built
     * @param source    where its coefficients come from, or why it is not available
     */
    public record CandidateInfo(String label, LimitEquation equation, boolean available, String source) {
    }

    /**
     * One network compared.
     *
     * @param cell  the cell's id
     * @param depth L
     * @param seed  the seed, null when unknown
     */
    public record ComparedCell(String cell, int depth, Integer seed) {
    }

    /**
     * Hidden states of one network from the first input, kept for the figures.
     *
     * @param cell   the cell's id
     * @param depth  L
     * @param states {@code h_k} at {@code [k d, (k+1) d)}, {@code k = 0..L}
     */
    public record HiddenStates(String cell, int depth, double[] states) {
    }

    /**
     * A candidate's solution from the first input, kept for the figures.
     *
     * @param label the candidate
     * @param cell  for a network-driven candidate, the cell whose noise drives it; else null
     * @param path  {@code H(t)}, d x 1 values per grid point
     */
    public record Trajectory(String label, String cell, SampledPath path) {
    }

    /**
     * Where the deepest networks' outputs fall in the many-path distribution of {@code H_1} of the rough-part
     * SDE of the deepest compared network.
     *
     * @param cell          the cell whose own low-pass and rough part gave the drift and the diffusion covariance
     * @param depth         its depth
     * @param paths         paths simulated per input
     * @param steps         Euler-Maruyama steps
     * @param windows       covariance windows
     * @param distributions one per input
     * @param outputs       the compared networks of the deepest depth: cell id to {@code h_L} of every input (n*d)
     * @param coverage      the share of (network, input, coordinate) whose {@code h_L} lies between the outer
     *                      quantiles (0.025 and 0.975 by default)
     * @param maxAbsZ       the largest |h_L - mean| / sd over them
     */
    public record ManyPathSummary(String cell, int depth, int paths, int steps, int windows,
                                  List<TerminalDistribution> distributions, Map<String, double[]> outputs,
                                  double coverage, double maxAbsZ) {
        /** Copies. */
        public ManyPathSummary {
            distributions = List.copyOf(distributions);
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }
}
