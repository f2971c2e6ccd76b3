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
 * Hidden states come from {@link ResidualNet#hiddenStates}. {@link Accumulator} takes the networks one at a
 * time (memory: one network, its states, and the ODE solutions of the n inputs).
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
        for (int j = 0; j < nets.size(); j++) {
            if (nets.get(j).dim() != d) {
                throw new IllegalArgumentException("network " + j + " has width " + nets.get(j).dim()
                        + ", network 0 has " + d);
            }
        }
        Accumulator acc = new Accumulator(candidates, x, n, d, criteria);
        for (ResidualNet net : nets) {
            acc.add(net, net);
        }
        return acc.build();
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

    /**
     * The comparison built one network at a time, so that only one network is held in memory (a sweep's
     * networks are re-read from disk one by one). The solution of a candidate that does not depend on the
     * network (an ODE) is computed once per input, on first use, and kept; a network-driven candidate (an
     * SDE driven by the network's own noise) is solved for each network and input.
     *
     * <pre>
     *   LimitComparison.Accumulator acc = new LimitComparison.Accumulator(candidates, x, n, d, criteria);
     *   for (each cell) acc.add(net, net);          // or add(net, effectiveNet): see below
     *   LimitComparison cmp = acc.build();
     * </pre>
     * Not thread-safe.
     */
    public static final class Accumulator {
        private final List<LimitCandidate> candidates;
        private final double[] x;
        private final int n;
        private final int d;
        private final ComparisonCriteria criteria;
        private final List<List<TrajectoryError>> errors = new ArrayList<>();
        private final List<List<TrajectoryFailure>> failures = new ArrayList<>();
        private final LimitTrajectory[][] shared;
        private final String[] sharedFailure;
        private final List<Integer> depths = new ArrayList<>();

        /**
         * @param candidates the candidate limits, labels unique, width d
         * @param x          n*d inputs, row-major; copied
         * @param n          the number of inputs, at least 1
         * @param d          the width
         * @param criteria   the thresholds
         * @throws IllegalArgumentException when there is no candidate, widths differ or labels repeat
         */
        public Accumulator(List<? extends LimitCandidate> candidates, double[] x, int n, int d,
                           ComparisonCriteria criteria) {
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a comparison needs at least one candidate");
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
            this.candidates = List.copyOf(candidates);
            this.x = x.clone();
            this.n = n;
            this.d = d;
            this.criteria = criteria;
            this.shared = new LimitTrajectory[candidates.size()][n];
            this.sharedFailure = new String[candidates.size()];
            for (int i = 0; i < candidates.size(); i++) {
                errors.add(new ArrayList<>());
                failures.add(new ArrayList<>());
            }
        }

        /** @return the number of networks added */
        public int count() {
            return depths.size();
        }

        /**
         * Compares one network with every candidate.
         *
         * @param net    the network whose hidden states are compared; not modified, not kept
         * @param driver the network whose weights drive the network-driven candidates (usually {@code net};
         *               with a per-layer delta, the network of the effective weights); same depth and width
         * @return the errors of this network, one per candidate in order, null where it failed
         * @throws IllegalArgumentException when the widths or depths differ
         */
        public List<TrajectoryError> add(ResidualNet net, ResidualNet driver) {
            if (net.dim() != d || driver.dim() != d || driver.depth() != net.depth()) {
                throw new IllegalArgumentException("network of width " + net.dim() + " and depth " + net.depth()
                        + " (driver " + driver.dim() + ", " + driver.depth() + ") for a comparison of width " + d);
            }
            int j = depths.size();
            depths.add(net.depth());
            int L = net.depth();
            double[] h = new double[(L + 1) * d];
            double[] H = new double[(L + 1) * d];
            double[] input = new double[d];
            List<TrajectoryError> out = new ArrayList<>();
            for (int ci = 0; ci < candidates.size(); ci++) {
                LimitCandidate c = candidates.get(ci);
                TrajectoryFailure failure = null;
                double maxError = 0;
                double scale = 0;
                double terminal = 0;
                int worstSample = 0;
                int worstLayer = 0;
                for (int s = 0; s < n && failure == null; s++) {
                    System.arraycopy(x, s * d, input, 0, d);
                    net.hiddenStates(input, h);
                    if (!allFinite(h)) {
                        failure = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.NETWORK_NOT_FINITE,
                                "input " + s + ": the hidden states are not finite");
                        break;
                    }
                    LimitTrajectory traj;
                    try {
                        traj = c.drivenByNetwork() ? c.trajectory(input, driver) : sharedSolution(ci, s, input);
                    } catch (IllegalStateException e) {
                        failure = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.INTEGRATION_FAILED,
                                "input " + s + ": " + e.getMessage());
                        break;
                    }
                    traj.statesAt(L, H);
                    if (!allFinite(H)) {
                        failure = new TrajectoryFailure(j, L, TrajectoryFailure.Kind.LIMIT_NOT_FINITE,
                                "input " + s + ": the limit's solution is not finite");
                        break;
                    }
                    for (int k = 0; k <= L; k++) {
                        double e2 = 0;
                        double n2 = 0;
                        for (int i = 0; i < d; i++) {
                            // |h_k - H(k/L)|^2 and |H(k/L)|^2
                            double diff = h[k * d + i] - H[k * d + i];
                            e2 += diff * diff;
                            n2 += H[k * d + i] * H[k * d + i];
                        }
                        double e = Math.sqrt(e2);
                        if (e > maxError) {
                            maxError = e;
                            worstSample = s;
                            worstLayer = k;
                        }
                        scale = Math.max(scale, Math.sqrt(n2));
                        if (k == L) {
                            terminal = Math.max(terminal, e);
                        }
                    }
                }
                if (failure != null) {
                    failures.get(ci).add(failure);
                    out.add(null);
                    continue;
                }
                double relative = scale > 0 ? maxError / scale : (maxError == 0 ? 0 : Double.POSITIVE_INFINITY);
                TrajectoryError err = new TrajectoryError(j, L, maxError, relative, terminal, scale, worstSample,
                        worstLayer);
                errors.get(ci).add(err);
                out.add(err);
            }
            return out;
        }

        private LimitTrajectory sharedSolution(int ci, int s, double[] input) {
            if (sharedFailure[ci] != null) {
                throw new IllegalStateException(sharedFailure[ci]);
            }
            if (shared[ci][s] == null) {
                try {
                    shared[ci][s] = candidates.get(ci).trajectory(input, null);
                } catch (IllegalStateException e) {
                    sharedFailure[ci] = e.getMessage();
                    throw e;
                }
            }
            return shared[ci][s];
        }

        /**
         * @param label a candidate's label
         * @param s     an input's index
         * @return the candidate's solution from that input when it does not depend on the network (solved on
         *         first use), empty for a network-driven candidate or a failed integration
         */
        public Optional<LimitTrajectory> solution(String label, int s) {
            for (int ci = 0; ci < candidates.size(); ci++) {
                if (candidates.get(ci).label().equals(label) && !candidates.get(ci).drivenByNetwork()) {
                    try {
                        return Optional.of(sharedSolution(ci, s, java.util.Arrays.copyOfRange(x, s * d, (s + 1) * d)));
                    } catch (IllegalStateException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }

        /** @return the comparison of the networks added so far: errors, rates, judgements, best match */
        public LimitComparison build() {
            if (depths.isEmpty()) {
                throw new IllegalStateException("no network was added to the comparison");
            }
            int deepest = 0;
            for (int L : depths) {
                deepest = Math.max(deepest, L);
            }
            List<CandidateComparison> results = new ArrayList<>();
            for (int ci = 0; ci < candidates.size(); ci++) {
                results.add(judge(candidates.get(ci), errors.get(ci), failures.get(ci), deepest, criteria));
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
    }

    private static CandidateComparison judge(LimitCandidate c, List<TrajectoryError> errors,
                                             List<TrajectoryFailure> failures, int deepest,
                                             ComparisonCriteria criteria) {
        boolean exact = !errors.isEmpty();
        double deepSum = 0;
        int deepCount = 0;
        int[] depths = new int[errors.size()];
        double[] values = new double[errors.size()];
        for (int i = 0; i < depths.length; i++) {
            TrajectoryError e = errors.get(i);
            exact &= e.relativeError() <= criteria.exactTolerance();
            if (e.depth() == deepest) {
                deepSum += e.maxError();
                deepCount++;
            }
            depths[i] = e.depth();
            values[i] = e.maxError();
        }
        Optional<ScalingFit> rate = ScalingFit.of(depths, values, criteria.level());
        Convergence convergence;
        if (exact) {
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
