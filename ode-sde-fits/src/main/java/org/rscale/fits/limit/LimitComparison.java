package org.rscale.fits.limit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.rscale.analysis.ScalingFit;
import org.rscale.sweeps.model.ResidualNet;

/**
 * The comparison of networks (one, or several depths of a sweep) with candidate limit equations: for each
 * candidate, the distance between each network's hidden states and the candidate's solution at the layer
 * times {@code k/L} ({@link TrajectoryError}), and the rate at which it decays with depth
 * ({@link CandidateComparison}). The best-matching equation and its rate are the strongest evidence of a
 * regime.
 *
 * <p><b>Use.</b>
 * <pre>
 *   LimitCoefficients c = ...;                       // A-bar, b-bar, delta-bar (e.g. from the trend of a sweep)
 *   LimitComparison cmp = LimitComparison.of(nets, x, n, List.of(
 *           OdeLimit.neural(c, sigma), OdeLimit.linear(c, sigma), SdeLimit.drivenByNetwork(c, sigma)));
 *   cmp.best();                                      // e.g. Optional[neural-ode]
 *   cmp.candidate("neural-ode").get().rate();        // slope ~ -1 with its interval
 * </pre>
 *
 * <p><b>Algorithm.</b> For each candidate and input, an ODE is integrated once and read at {@code k/L}
 * for every network; an SDE driven by the network's noise is integrated once per network and input.
 * Hidden states come from {@link ResidualNet#hiddenStates}. Memory is one solution and one network's
 * states at a time.
 *
 * <p><b>Judgement.</b> {@link Convergence}: {@code exact} when every error is at most
 * {@code exactTolerance} times the limit's scale; {@code converging} when the rate's interval lies below
 * {@code -minimumRate}; {@code undetermined} without a rate; else {@code not-converging}.
 * {@code best} is the candidate with the smallest {@code deepestError} among the exact or converging ones
 * (empty when none converges); {@code closest} the smallest {@code deepestError} of all, converging or not.
 *
 * <p><b>Failures</b> (named, never NaN): a network whose states are not finite, a limit solution that is not
 * finite, an ODE integration that fails; the network is listed in {@link CandidateComparison#failures()} and
 * left out of the fit.
 *
 * @param candidates  one result per candidate, in the input order; unmodifiable
 * @param best        the best converging candidate's label
 * @param closest     the label of the candidate closest at the largest depth
 * @param deepest     the largest depth compared
 * @param samples     the number of inputs
 * @param criteria    the thresholds used
 */
public record LimitComparison(List<CandidateComparison> candidates, Optional<String> best, Optional<String> closest,
                              int deepest, int samples, ComparisonCriteria criteria) {

    /**
     * Copies the list.
     *
     * @param candidates one result per candidate
     * @param best the best converging candidate's label
     * @param closest the label of the candidate closest at the largest depth
     * @param deepest the largest depth compared
     * @param samples the number of inputs
     * @param criteria the thresholds used
     */
    public LimitComparison {
        candidates = List.copyOf(candidates);
    }

    /**
     * Compares with the {@link ComparisonCriteria#DEFAULTS default criteria}.
     *
     * @param nets       the networks, all of one width d; not modified
     * @param x          n*d inputs, row-major; not modified
     * @param n          the number of inputs, at least 1
     * @param candidates the candidate limits, labels unique, width d
     * @return the comparison
     */
    public static LimitComparison of(List<ResidualNet> nets, double[] x, int n,
                                     List<? extends LimitCandidate> candidates) {
        return of(nets, x, n, candidates, ComparisonCriteria.DEFAULTS);
    }

    /**
     * Compares networks with candidate limits.
     *
     * @param nets       the networks, all of one width d; not modified
     * @param x          n*d inputs, row-major; not modified
     * @param n          the number of inputs, at least 1
     * @param candidates the candidate limits, labels unique, width d
     * @param criteria   the thresholds
     * @return the comparison
     * @throws IllegalArgumentException when there is no network or candidate, widths differ, labels repeat
     */
    public static LimitComparison of(List<ResidualNet> nets, double[] x, int n,
                                     List<? extends LimitCandidate> candidates, ComparisonCriteria criteria) {
        if (nets.isEmpty() || candidates.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one network and one candidate, got "
                    + nets.size() + " and " + candidates.size());
        }
        int d = nets.get(0).dim();
        int deepest = 0;
        for (int j = 0; j < nets.size(); j++) {
            if (nets.get(j).dim() != d) {
                throw new IllegalArgumentException("network " + j + " has width " + nets.get(j).dim()
                        + ", network 0 has " + d);
            }
            deepest = Math.max(deepest, nets.get(j).depth());
        }
        if (n < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException(n + " inputs of width " + d + " need " + (long) n * d
                    + " values, got " + x.length);
        }
        Set<String> labels = new HashSet<>();
        for (LimitCandidate c : candidates) {
            if (!labels.add(c.label())) {
                throw new IllegalArgumentException("candidate label '" + c.label() + "' appears twice");
            }
            if (c.coefficients().dim() != d) {
                throw new IllegalArgumentException("candidate '" + c.label() + "' has width "
                        + c.coefficients().dim() + ", the networks " + d);
            }
        }
        List<CandidateComparison> results = new ArrayList<>();
        for (LimitCandidate c : candidates) {
            results.add(compare(c, nets, x, n, deepest, criteria));
        }
        String best = null;
        String closest = null;
        double bestError = Double.POSITIVE_INFINITY;
        double closestError = Double.POSITIVE_INFINITY;
        for (CandidateComparison r : results) {
            if (r.deepestError().isEmpty()) {
                continue;
            }
            double e = r.deepestError().getAsDouble();
            if (e < closestError) {
                closestError = e;
                closest = r.label();
            }
            boolean converges = r.convergence() == Convergence.EXACT || r.convergence() == Convergence.CONVERGING;
            if (converges && e < bestError) {
                bestError = e;
                best = r.label();
            }
        }
        return new LimitComparison(results, Optional.ofNullable(best), Optional.ofNullable(closest), deepest, n,
                criteria);
    }

    /**
     * @param label a candidate's label
     * @return its result, if it was compared
     */
    public Optional<CandidateComparison> candidate(String label) {
        for (CandidateComparison c : candidates) {
            if (c.label().equals(label)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static CandidateComparison compare(LimitCandidate c, List<ResidualNet> nets, double[] x, int n,
                                               int deepest, ComparisonCriteria criteria) {
        int d = nets.get(0).dim();
        int count = nets.size();
        double[] maxError = new double[count];
        double[] scale = new double[count];
        double[] terminal = new double[count];
        int[] worstSample = new int[count];
        int[] worstLayer = new int[count];
        TrajectoryFailure[] failure = new TrajectoryFailure[count];
        double[] input = new double[d];
        double[][] hs = new double[count][];
        double[][] limits = new double[count][];
        for (int j = 0; j < count; j++) {
            hs[j] = new double[(nets.get(j).depth() + 1) * d];
            limits[j] = new double[(nets.get(j).depth() + 1) * d];
        }
        for (int s = 0; s < n; s++) {
            System.arraycopy(x, s * d, input, 0, d);
            LimitTrajectory shared = null;
            if (!c.drivenByNetwork()) {
                try {
                    shared = c.trajectory(input, null);
                } catch (IllegalStateException e) {
                    for (int j = 0; j < count; j++) {
                        if (failure[j] == null) {
                            failure[j] = new TrajectoryFailure(j, nets.get(j).depth(),
                                    TrajectoryFailure.Kind.INTEGRATION_FAILED, "input " + s + ": " + e.getMessage());
                        }
                    }
                    break;
                }
            }
            for (int j = 0; j < count; j++) {
                if (failure[j] != null) {
                    continue;
                }
                ResidualNet net = nets.get(j);
                int L = net.depth();
                double[] h = hs[j];
                double[] H = limits[j];
                net.hiddenStates(input, h);
                if (!allFinite(h)) {
                    failure[j] = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.NETWORK_NOT_FINITE,
                            "input " + s + ": the hidden states are not finite");
                    continue;
                }
                LimitTrajectory traj;
                try {
                    traj = shared != null ? shared : c.trajectory(input, net);
                } catch (IllegalStateException e) {
                    failure[j] = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.INTEGRATION_FAILED,
                            "input " + s + ": " + e.getMessage());
                    continue;
                }
                traj.statesAt(L, H);
                if (!allFinite(H)) {
                    failure[j] = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.LIMIT_NOT_FINITE,
                            "input " + s + ": the limit's solution is not finite");
                    continue;
                }
                for (int k = 0; k <= L; k++) {
                    double e2 = 0;
                    double n2 = 0;
                    for (int i = 0; i < d; i++) {
                        double diff = h[k * d + i] - H[k * d + i];
                        e2 += diff * diff;
                        n2 += H[k * d + i] * H[k * d + i];
                    }
                    double e = Math.sqrt(e2);
                    if (e > maxError[j]) {
                        maxError[j] = e;
                        worstSample[j] = s;
                        worstLayer[j] = k;
                    }
                    scale[j] = Math.max(scale[j], Math.sqrt(n2));
                    if (k == L) {
                        terminal[j] = Math.max(terminal[j], e);
                    }
                }
            }
        }
        List<TrajectoryError> errors = new ArrayList<>();
        List<TrajectoryFailure> failures = new ArrayList<>();
        boolean exact = true;
        double deepSum = 0;
        int deepCount = 0;
        for (int j = 0; j < count; j++) {
            if (failure[j] != null) {
                failures.add(failure[j]);
                continue;
            }
            double relative = scale[j] > 0 ? maxError[j] / scale[j]
                    : (maxError[j] == 0 ? 0 : Double.POSITIVE_INFINITY);
            errors.add(new TrajectoryError(j, nets.get(j).depth(), maxError[j], relative, terminal[j], scale[j],
                    worstSample[j], worstLayer[j]));
            exact &= relative <= criteria.exactTolerance();
            if (nets.get(j).depth() == deepest) {
                deepSum += maxError[j];
                deepCount++;
            }
        }
        int[] depths = new int[errors.size()];
        double[] values = new double[errors.size()];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = errors.get(i).depth();
            values[i] = errors.get(i).maxError();
        }
        Optional<ScalingFit> rate = ScalingFit.of(depths, values, criteria.level());
        Convergence convergence;
        if (!errors.isEmpty() && exact) {
            convergence = Convergence.EXACT;
        } else if (rate.isEmpty()) {
            convergence = Convergence.UNDETERMINED;
        } else if (rate.get().ciHigh() < -criteria.minimumRate()) {
            convergence = Convergence.CONVERGING;
        } else {
            convergence = Convergence.NOT_CONVERGING;
        }
        OptionalDouble deepestError = deepCount > 0 ? OptionalDouble.of(deepSum / deepCount) : OptionalDouble.empty();
        return new CandidateComparison(c.label(), c.equation(), errors, failures, rate, convergence, deepestError);
    }

    private static boolean allFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }
}
