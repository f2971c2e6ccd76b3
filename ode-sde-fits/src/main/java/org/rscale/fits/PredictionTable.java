package org.rscale.fits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.fits.EvidenceQuantity.Stage;
import org.rscale.fits.Prediction.Test;

/**
 * The quantity x outcome prediction table of both verdict designs, as data ({@link #ROWS}), and the small
 * engine that evaluates it against measurements ({@link #evaluate}).
 *
 * <p><b>Rows.</b> A row says what one outcome ({@link Outcome}: a regime, a named inconclusive case, a limit
 * equation, the identification qualifier) predicts for one quantity: a window {@code [low, high]} (either end
 * may be unbounded; the ends may depend on the measured exponents, e.g. {@code -beta_var - 1}), a tolerance, and
 * a test ({@link Test}). Rows of one outcome with the same clause are alternatives (OR); within an alternative,
 * rows are ANDed; the clauses of an outcome are ANDed. A clause is required or optional; a corroborating row is
 * shown with its result but never enters a status.
 *
 * <p><b>Evaluation.</b> A row's result is compatible when its test holds, excluded when not, not available when
 * the quantity is missing, does not count, or a window end depends on a missing exponent. An alternative is
 * compatible when all its rows are, excluded when one is; a clause compatible when one alternative is, excluded
 * when all are; an outcome <i>excluded</i> when one of its clauses is, <i>compatible</i> when every required
 * clause is and none is excluded, <i>not available</i> otherwise.
 *
 * <p><b>The weight-level table</b> (stage {@code weights}; the first verdict, {@link VerdictRule}; tol_s, tol_g
 * the {@link RegimeCriteria} slope and gap tolerances; beta = -max_norm_slope, beta_var = -varying_slope, each
 * with its interval; "&gt;=" windows are one-sided: the rate-type "does not shrink / does not vanish" predictions
 * of sde and neither):
 * <pre>
 *   quantity                   ode                           sde                neither                   needed
 *   max_norm_slope             [-1, 0] +/- tol_s             -1/2 +/- tol_s     &gt;= -tol_s                 all
 *   varying_slope              [-1, 0] +/- tol_s             -1/2 +/- tol_s     &gt;= -tol_s                 optional
 *   increment_slope            -beta_var - 1 +/- tol_g       -1/2 +/- tol_s     &gt;= -tol_s                 all
 *   smoothness_gap             1 +/- tol_g                   0 +/- tol_g        0 +/- tol_g               all
 *   quadratic_variation_slope  -2 beta_var - 1 +/- tol_s     0 +/- tol_s        &gt;= 1 - 2 beta_var - tol_s  sde
 *   root_ssq_slope             1/2 - beta +/- tol_s          0 +/- tol_s        1/2 - beta +/- tol_s      corroborates
 * </pre>
 * (every test "overlaps": the interval meets the window.)
 *
 * <p><b>The hidden-state table</b> (stage {@code hidden_states}; the decision of {@code rscale fit}; thresholds of
 * {@link DynamicsCriteria}, written with their defaults; q_level = 1 when f is a fit error, 0.1 when f is a
 * scale):
 * <pre>
 *   outcome             clause       test       quantity             window
 *   ode                 coherence    value_in   kappa                &gt;= 1.75                      (smooth)
 *                       noise        value_in   q_over_f_max         &lt;= 0.1                       (vanishing)
 *                                or  inside     q_slope              &lt; -0.25
 *                       drift        overlaps   v2_slope             0 +/- 0.15                   (finite)
 *                                or  value_in   v2_over_noise        &lt;= 1                         (unresolved: bounded
 *                                                                                                by the noise)
 *   sde                 coherence    value_in   kappa                &lt;= 1.25                      (rough)
 *                       noise level  value_in   q_over_f             &gt;= q_level                   (persistent)
 *                       noise slope  overlaps   q_slope              0 +/- 0.15
 *                       drift        overlaps   v2_slope             0 +/- 0.15
 *                                or  value_in   v2_over_noise        &lt;= 1
 *   neither             shrinkage    value_in   qv1_slope            &gt;= 0.85                      (no shrinkage)
 *                                or  overlaps   depth_average_slope  alpha +/- 0.15  and  varying_slope
 *                                               alpha +/- 0.15  and value_in increment_slope &gt;= alpha - 0.15
 *   crossover           rough        value_in   kappa &lt;= 1.25, q_over_f &gt;= q_level; inside q_slope &lt; -0.15
 *   drift_growing       drift        inside     v2_slope             &gt; 0.15, and value_in v2_over_noise &gt;= 1
 *   drift_vanishing     drift        inside     v2_slope             &lt; -0.15, and value_in v2_over_noise &gt;= 1
 *   kappa_undetermined  coherence    value_in   kappa                [1.25, 1.75]
 *   linear_ode          error        value_in   e_lin_ratio          &lt;= 0.1
 *                                or  inside     e_lin_slope          &lt; -0.25
 *                                or  value_in   e_nonlin_ratio       &lt;= 0.1
 *                                or  inside     e_nonlin_slope       &lt; -0.25
 *   neural_ode          error        value_in   e_nn_ratio           &lt;= 0.1
 *                                or  inside     e_nn_slope           &lt; -0.25
 *   identified          spread       inside     d_cons_slope         &lt; -0.25
 *                                or  value_in   d_cons_over_d_seed   &lt;= 2  and  inside d_seed_slope &lt; -0.25
 *   sde_credit          credit       value_in   sde_ratio            &lt;= 0.25
 *                       smooth part  value_in   e_nn_ratio           &gt;= 0.1
 *                       coherence    value_in   kappa                &lt;= 1.25
 *   diffusion_gated     share        inside     active_share_slope   &lt; -0.15
 *                       per unit     overlaps   q_per_active_slope   0 +/- 0.15
 * </pre>
 * {@code diffusion_gated} is a diagnosis of the crossover case, a referee's addition to VERDICT.md for gated
 * activations (ReLU), never part of a regime: with Brownian effective weights the diffusion q is the share of
 * units on times the diffusion one unit on carries. When that share falls with depth while the diffusion per unit
 * on stays flat, q decays because units are switched off (on the paper's ReLU / per-layer sweep the biases turn
 * negative with depth), not because the weights' noise fades; whether the share settles (a diffusion) or vanishes
 * (none) is what deeper networks would decide.
 * In the second alternative of {@code neither}, alpha is the exponent of a shared |delta| when the judged tensor
 * is A (0 when it is delta_A or there is no delta): "the weights do not shrink" is said of the effective weights
 * {@code delta A}; A alone may stay of order 1 under a delta of 1/L, which is the neural ODE's scaling (a referee's
 * reading of VERDICT.md, whose rule does not name the tensor).
 * The last two alternatives of {@code linear_ode} are a referee's addition to VERDICT.md: {@code e_lin} (against
 * the linear network with the network's own <i>low-pass</i> coefficients) is the sum of two errors, what the
 * nonlinearity does and what the low-pass drops; the second is {@code e_nn} and says nothing about linear against
 * neural. Measured on the paper's tanh sweep: the network's distance to its own linearisation {@code e_nonlin}
 * falls below a tenth of the fit error from L of about 50 on, while the 16-mode low-pass misses more and more of
 * the deepest networks' coefficients ({@code e_nn} grows like L^0.5), so {@code e_lin} alone would name the neural
 * ODE for a network whose nonlinearity has become immaterial. With {@code beta = 0} the pre-activations do not
 * shrink and {@code e_nonlin} stays of the order of the fit error: the neural ODE. The SDE's credit needs rough
 * hidden states: for smooth ones the rough-part SDE (the network's own linearisation with its full weights) only
 * says that the linearisation beats the low-pass, not that a diffusion drives the states.
 * The second alternative of the drift clauses is a referee's addition to VERDICT.md: the drift energy's estimate
 * has a sampling noise of about {@code q sqrt(2B)} (B blocks, {@code fits.dynamics.NetworkDynamics}); a drift
 * below it cannot be resolved, its log-log slope is that of noise (and its negative estimates drop out of the
 * fit), but it is bounded by a quantity that does not grow where the diffusion is persistent; a growing or
 * vanishing drift must be resolved.
 * <b>Limit-analysis corroboration</b> (stage {@code limits}; never decisive):
 * <pre>
 *   convergence_rate   ode [0.5, 1] +/- 0.2    sde &lt;= 0.2 (one-sided: no convergence)   neither &lt;= 0.2
 *   hurst              ode [1, 2] +/- 0.15     sde 1/2 +/- 0.15                         neither 1/2 +/- 0.15
 * </pre>
 *
 * <p>Reference: VERDICT.md (second design); SCIENCE.md sections 4-6; A.-S. Cohen, R. Cont, A. Rossier, R. Xu,
 * "Scaling Properties of Deep Residual Networks", ICML 2021, arXiv:2105.12245.
 */
public final class PredictionTable {

    /** Whether a row enters the decision. */
    public enum Role {
        /** The row enters its outcome's status. */
        DECIDES("decides"),
        /** The row is reported beside the decision only. */
        CORROBORATES("corroborates");

        private final String key;

        Role(String key) {
            this.key = key;
        }

        /** @return the on-disk name */
        @JsonValue
        public String key() {
            return key;
        }
    }

    /** An end of a predicted window, from the context; NaN when it cannot be computed (a missing exponent). */
    @FunctionalInterface
    public interface Bound {
        /**
         * @param c the context
         * @return the bound, +-Infinity when unbounded, NaN when not available
         */
        double of(Context c);
    }

    /**
     * What the windows depend on.
     *
     * @param weights     the weight-level tolerances
     * @param dynamics    the hidden-state thresholds
     * @param beta        beta = -max_norm_slope with its interval, when measured
     * @param betaVarying beta_var = -varying_slope with its interval, when measured
     * @param fitError    whether f is a fit error (targets known) rather than a scale (mean |h_L|^2)
     * @param alpha       alpha = -slope of a shared |delta|'s max norm with its interval, when the judged tensor is
     *                    A and a shared delta scales it; empty when the judged tensor carries its own scaling
     *                    (delta_A, or no delta): then 0
     */
    public record Context(RegimeCriteria weights, DynamicsCriteria dynamics, Optional<Estimate> beta,
                          Optional<Estimate> betaVarying, boolean fitError, Optional<Estimate> alpha) {

        /**
         * @param weights the weight-level tolerances
         * @param beta beta, when measured
         * @param betaVarying beta_var, when measured
         * @return a context for the weight-level rows
         */
        public static Context ofWeights(RegimeCriteria weights, Optional<Estimate> beta, Optional<Estimate> betaVarying) {
            return new Context(weights, DynamicsCriteria.defaults(), beta, betaVarying, true, Optional.empty());
        }

        /** @return beta_var's lower bound, NaN without it */
        double bvLow() {
            return betaVarying.map(Estimate::ciLow).orElse(Double.NaN);
        }

        /** @return beta_var's upper bound, NaN without it */
        double bvHigh() {
            return betaVarying.map(Estimate::ciHigh).orElse(Double.NaN);
        }

        /** @return alpha's lower bound, 0 without a shared delta */
        double alphaLow() {
            return alpha.map(Estimate::ciLow).orElse(0.0);
        }

        /** @return alpha's upper bound, 0 without a shared delta */
        double alphaHigh() {
            return alpha.map(Estimate::ciHigh).orElse(0.0);
        }

        /** @return the q/f level of material noise */
        double noiseLevel() {
            return fitError ? dynamics.persistentNoise() : dynamics.persistentNoiseOfScale();
        }
    }

    /**
     * One prediction of the table.
     *
     * @param stage       the stage whose verdict uses it
     * @param outcome     what it predicts for
     * @param clause      its clause (rows of one clause are alternatives)
     * @param alternative its alternative within the clause (rows of one alternative are ANDed)
     * @param required    whether the outcome needs the clause to be assessed
     * @param role        decides or corroborates
     * @param quantity    the quantity
     * @param test        how the estimate meets the window
     * @param low         the window's lower end
     * @param high        the window's upper end
     * @param tolerance   the allowed deviation beyond the window
     * @param rule        the prediction in words
     */
    public record Row(Stage stage, Outcome outcome, String clause, int alternative, boolean required, Role role,
                      EvidenceQuantity quantity, Test test, Bound low, Bound high, Bound tolerance, String rule) {

        /**
         * Evaluates the row.
         *
         * @param m the quantity's measurement, when there is one
         * @param c the context
         * @return the prediction with its result
         */
        public Prediction predict(Optional<Measurement> m, Context c) {
            double lo = low.of(c);
            double hi = high.of(c);
            double tol = tolerance.of(c);
            OptionalDouble l = Double.isFinite(lo) ? OptionalDouble.of(lo) : OptionalDouble.empty();
            OptionalDouble h = Double.isFinite(hi) ? OptionalDouble.of(hi) : OptionalDouble.empty();
            Compatibility result;
            if (m.isEmpty() || !m.get().counts() || Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(tol)) {
                result = Compatibility.NOT_AVAILABLE;
            } else {
                result = test.holds(m.get().estimate(), lo - tol, hi + tol) ? Compatibility.COMPATIBLE
                        : Compatibility.EXCLUDED;
            }
            return new Prediction(outcome, rule, test, l, h, tol, result);
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Bound UNBOUNDED_LOW = c -> -INF;
    private static final Bound UNBOUNDED_HIGH = c -> INF;
    private static final Bound NO_TOLERANCE = c -> 0;
    private static final Bound TOL_S = c -> c.weights().slopeTolerance();
    private static final Bound TOL_G = c -> c.weights().gapTolerance();
    private static final Bound DYN_TOL = c -> c.dynamics().slopeTolerance();

    private static Bound at(double v) {
        return c -> v;
    }

    private static Row w(Outcome o, boolean required, Role role, EvidenceQuantity q, Bound lo, Bound hi, Bound tol,
                         String rule) {
        return new Row(Stage.WEIGHTS, o, q.key(), 0, required, role, q, Test.OVERLAPS, lo, hi, tol, rule);
    }

    private static Row h(Outcome o, String clause, int alt, EvidenceQuantity q, Test t, Bound lo, Bound hi, Bound tol,
                         String rule) {
        return new Row(Stage.HIDDEN_STATES, o, clause, alt, true, Role.DECIDES, q, t, lo, hi, tol, rule);
    }

    private static Row limits(Outcome o, EvidenceQuantity q, Bound lo, Bound hi, Bound tol, String rule) {
        return new Row(Stage.LIMITS, o, q.key(), 0, false, Role.CORROBORATES, q, Test.OVERLAPS, lo, hi, tol, rule);
    }

    /** The table (see the class comment). */
    public static final List<Row> ROWS = List.of(
            // ---- weight level: the first verdict
            w(Outcome.ODE, true, Role.DECIDES, EvidenceQuantity.MAX_NORM_SLOPE, at(-1), at(0), TOL_S,
                    "-beta, beta in [0, 1]"),
            w(Outcome.SDE, true, Role.DECIDES, EvidenceQuantity.MAX_NORM_SLOPE, at(-0.5), at(-0.5), TOL_S, "-1/2"),
            w(Outcome.NEITHER, true, Role.DECIDES, EvidenceQuantity.MAX_NORM_SLOPE, at(0), UNBOUNDED_HIGH, TOL_S,
                    "the weights do not shrink"),
            w(Outcome.ODE, false, Role.DECIDES, EvidenceQuantity.VARYING_SLOPE, at(-1), at(0), TOL_S,
                    "-beta_var, beta_var in [0, 1]"),
            w(Outcome.SDE, false, Role.DECIDES, EvidenceQuantity.VARYING_SLOPE, at(-0.5), at(-0.5), TOL_S, "-1/2"),
            w(Outcome.NEITHER, false, Role.DECIDES, EvidenceQuantity.VARYING_SLOPE, at(0), UNBOUNDED_HIGH, TOL_S,
                    "the varying part does not shrink"),
            w(Outcome.ODE, true, Role.DECIDES, EvidenceQuantity.INCREMENT_SLOPE, c -> -c.bvHigh() - 1,
                    c -> -c.bvLow() - 1, TOL_G, "-beta_var - 1"),
            w(Outcome.SDE, true, Role.DECIDES, EvidenceQuantity.INCREMENT_SLOPE, at(-0.5), at(-0.5), TOL_S, "-1/2"),
            w(Outcome.NEITHER, true, Role.DECIDES, EvidenceQuantity.INCREMENT_SLOPE, at(0), UNBOUNDED_HIGH, TOL_S,
                    "the increments do not vanish"),
            w(Outcome.ODE, true, Role.DECIDES, EvidenceQuantity.SMOOTHNESS_GAP, at(1), at(1), TOL_G, "1 (smooth)"),
            w(Outcome.SDE, true, Role.DECIDES, EvidenceQuantity.SMOOTHNESS_GAP, at(0), at(0), TOL_G, "0 (rough)"),
            w(Outcome.NEITHER, true, Role.DECIDES, EvidenceQuantity.SMOOTHNESS_GAP, at(0), at(0), TOL_G, "0 (rough)"),
            w(Outcome.ODE, false, Role.DECIDES, EvidenceQuantity.QUADRATIC_VARIATION_SLOPE, c -> -2 * c.bvHigh() - 1,
                    c -> -2 * c.bvLow() - 1, TOL_S, "-2 beta_var - 1"),
            w(Outcome.SDE, true, Role.DECIDES, EvidenceQuantity.QUADRATIC_VARIATION_SLOPE, at(0), at(0), TOL_S,
                    "0 (flat, non-zero)"),
            w(Outcome.NEITHER, false, Role.DECIDES, EvidenceQuantity.QUADRATIC_VARIATION_SLOPE,
                    c -> 1 - 2 * c.bvHigh(), UNBOUNDED_HIGH, TOL_S, "at least 1 - 2 beta_var"),
            w(Outcome.ODE, false, Role.CORROBORATES, EvidenceQuantity.ROOT_SSQ_SLOPE,
                    c -> 0.5 - c.beta().map(Estimate::ciHigh).orElse(Double.NaN),
                    c -> 0.5 - c.beta().map(Estimate::ciLow).orElse(Double.NaN), TOL_S, "1/2 - beta"),
            w(Outcome.SDE, false, Role.CORROBORATES, EvidenceQuantity.ROOT_SSQ_SLOPE, at(0), at(0), TOL_S,
                    "0 (flat, non-zero)"),
            w(Outcome.NEITHER, false, Role.CORROBORATES, EvidenceQuantity.ROOT_SSQ_SLOPE,
                    c -> 0.5 - c.beta().map(Estimate::ciHigh).orElse(Double.NaN),
                    c -> 0.5 - c.beta().map(Estimate::ciLow).orElse(Double.NaN), TOL_S, "1/2 - beta"),

            // ---- hidden states: the decision
            h(Outcome.ODE, "coherence", 0, EvidenceQuantity.KAPPA, Test.VALUE_IN, c -> c.dynamics().smoothKappa(),
                    UNBOUNDED_HIGH, NO_TOLERANCE, "smooth increments"),
            h(Outcome.ODE, "noise", 0, EvidenceQuantity.Q_OVER_F_MAX, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().vanishingNoise(), NO_TOLERANCE, "negligible diffusion at every deep depth"),
            h(Outcome.ODE, "noise", 1, EvidenceQuantity.Q_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "a decaying diffusion"),
            h(Outcome.ODE, "drift", 0, EvidenceQuantity.V2_SLOPE, Test.OVERLAPS, at(0), at(0), DYN_TOL,
                    "a finite drift"),
            h(Outcome.ODE, "drift", 1, EvidenceQuantity.V2_OVER_NOISE, Test.VALUE_IN, UNBOUNDED_LOW, at(1),
                    NO_TOLERANCE, "a drift within the diffusion's sampling noise"),
            h(Outcome.SDE, "coherence", 0, EvidenceQuantity.KAPPA, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().roughKappa(), NO_TOLERANCE, "rough increments"),
            h(Outcome.SDE, "noise level", 0, EvidenceQuantity.Q_OVER_F, Test.VALUE_IN, Context::noiseLevel,
                    UNBOUNDED_HIGH, NO_TOLERANCE, "a material diffusion"),
            h(Outcome.SDE, "noise slope", 0, EvidenceQuantity.Q_SLOPE, Test.OVERLAPS, at(0), at(0), DYN_TOL,
                    "a persistent diffusion"),
            h(Outcome.SDE, "drift", 0, EvidenceQuantity.V2_SLOPE, Test.OVERLAPS, at(0), at(0), DYN_TOL,
                    "a finite drift"),
            h(Outcome.SDE, "drift", 1, EvidenceQuantity.V2_OVER_NOISE, Test.VALUE_IN, UNBOUNDED_LOW, at(1),
                    NO_TOLERANCE, "a drift within the diffusion's sampling noise"),
            h(Outcome.NEITHER, "shrinkage", 0, EvidenceQuantity.QV1_SLOPE, Test.VALUE_IN,
                    c -> c.dynamics().noShrinkage(), UNBOUNDED_HIGH, NO_TOLERANCE, "increments of order 1"),
            h(Outcome.NEITHER, "shrinkage", 1, EvidenceQuantity.DEPTH_AVERAGE_SLOPE, Test.OVERLAPS, Context::alphaLow,
                    Context::alphaHigh, DYN_TOL, "a flat depth average of delta A (slope of A = alpha)"),
            h(Outcome.NEITHER, "shrinkage", 1, EvidenceQuantity.VARYING_SLOPE, Test.OVERLAPS, Context::alphaLow,
                    Context::alphaHigh, DYN_TOL, "a flat varying part of delta A (slope of A = alpha)"),
            h(Outcome.NEITHER, "shrinkage", 1, EvidenceQuantity.INCREMENT_SLOPE, Test.VALUE_IN,
                    c -> c.alphaLow() - c.dynamics().slopeTolerance(), UNBOUNDED_HIGH, NO_TOLERANCE,
                    "increments of delta A that do not vanish (slope of A >= alpha)"),
            h(Outcome.CROSSOVER, "coherence", 0, EvidenceQuantity.KAPPA, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().roughKappa(), NO_TOLERANCE, "rough increments"),
            h(Outcome.CROSSOVER, "noise level", 0, EvidenceQuantity.Q_OVER_F, Test.VALUE_IN, Context::noiseLevel,
                    UNBOUNDED_HIGH, NO_TOLERANCE, "a material diffusion"),
            h(Outcome.CROSSOVER, "noise slope", 0, EvidenceQuantity.Q_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().slopeTolerance(), NO_TOLERANCE, "a diffusion that decays"),
            h(Outcome.DRIFT_GROWING, "drift", 0, EvidenceQuantity.V2_SLOPE, Test.INSIDE,
                    c -> c.dynamics().slopeTolerance(), UNBOUNDED_HIGH, NO_TOLERANCE, "a growing drift"),
            h(Outcome.DRIFT_GROWING, "resolved", 0, EvidenceQuantity.V2_OVER_NOISE, Test.VALUE_IN, at(1),
                    UNBOUNDED_HIGH, NO_TOLERANCE, "a drift above the diffusion's sampling noise"),
            h(Outcome.DRIFT_VANISHING, "drift", 0, EvidenceQuantity.V2_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().slopeTolerance(), NO_TOLERANCE, "a vanishing drift"),
            h(Outcome.DRIFT_VANISHING, "resolved", 0, EvidenceQuantity.V2_OVER_NOISE, Test.VALUE_IN, at(1),
                    UNBOUNDED_HIGH, NO_TOLERANCE, "a drift above the diffusion's sampling noise"),
            h(Outcome.KAPPA_UNDETERMINED, "coherence", 0, EvidenceQuantity.KAPPA, Test.VALUE_IN,
                    c -> c.dynamics().roughKappa(), c -> c.dynamics().smoothKappa(), NO_TOLERANCE,
                    "between rough and smooth"),
            h(Outcome.LINEAR_ODE, "error", 0, EvidenceQuantity.E_LIN_RATIO, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().linearError(), NO_TOLERANCE, "within a tenth of the fit error"),
            h(Outcome.LINEAR_ODE, "error", 1, EvidenceQuantity.E_LIN_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "a decaying distance"),
            h(Outcome.LINEAR_ODE, "error", 2, EvidenceQuantity.E_NONLIN_RATIO, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().linearError(), NO_TOLERANCE, "an immaterial nonlinearity"),
            h(Outcome.LINEAR_ODE, "error", 3, EvidenceQuantity.E_NONLIN_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "a vanishing nonlinearity"),
            h(Outcome.NEURAL_ODE, "error", 0, EvidenceQuantity.E_NN_RATIO, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().linearError(), NO_TOLERANCE, "within a tenth of the fit error"),
            h(Outcome.NEURAL_ODE, "error", 1, EvidenceQuantity.E_NN_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "a decaying distance"),
            h(Outcome.IDENTIFIED, "spread", 0, EvidenceQuantity.D_CONS_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "consecutive depths approach each other"),
            h(Outcome.IDENTIFIED, "spread", 1, EvidenceQuantity.D_CONS_OVER_D_SEED, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().spreadRatio(), NO_TOLERANCE, "depths no further apart than seeds"),
            h(Outcome.IDENTIFIED, "spread", 1, EvidenceQuantity.D_SEED_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().rateFloor(), NO_TOLERANCE, "seeds approach each other"),
            h(Outcome.SDE_CREDIT, "credit", 0, EvidenceQuantity.SDE_RATIO, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().sdeCredit(), NO_TOLERANCE,
                    "the rough part explains the network (e_sde well below e_nn)"),
            h(Outcome.SDE_CREDIT, "smooth part", 0, EvidenceQuantity.E_NN_RATIO, Test.VALUE_IN,
                    c -> c.dynamics().linearError(), UNBOUNDED_HIGH, NO_TOLERANCE,
                    "the smooth part alone does not (e_nn above a tenth of the fit error)"),
            h(Outcome.SDE_CREDIT, "coherence", 0, EvidenceQuantity.KAPPA, Test.VALUE_IN, UNBOUNDED_LOW,
                    c -> c.dynamics().roughKappa(), NO_TOLERANCE, "rough hidden states"),
            h(Outcome.DIFFUSION_GATED, "share", 0, EvidenceQuantity.ACTIVE_SHARE_SLOPE, Test.INSIDE, UNBOUNDED_LOW,
                    c -> -c.dynamics().slopeTolerance(), NO_TOLERANCE, "a falling share of units on"),
            h(Outcome.DIFFUSION_GATED, "per unit", 0, EvidenceQuantity.Q_PER_ACTIVE_SLOPE, Test.OVERLAPS, at(0),
                    at(0), DYN_TOL, "a persistent diffusion per unit on"),

            // ---- limit analysis: corroboration
            limits(Outcome.ODE, EvidenceQuantity.CONVERGENCE_RATE, at(0.5), at(1),
                    c -> c.dynamics().convergenceRateTolerance(), "[0.5, 1] (sampling a smooth curve)"),
            limits(Outcome.SDE, EvidenceQuantity.CONVERGENCE_RATE, UNBOUNDED_LOW, at(0),
                    c -> c.dynamics().convergenceRateTolerance(), "no convergence (rescaled noise keeps its size)"),
            limits(Outcome.NEITHER, EvidenceQuantity.CONVERGENCE_RATE, UNBOUNDED_LOW, at(0),
                    c -> c.dynamics().convergenceRateTolerance(), "no convergence"),
            limits(Outcome.ODE, EvidenceQuantity.HURST, at(1), at(2), c -> c.dynamics().hurstTolerance(),
                    "[1, 2] (a differentiable path)"),
            limits(Outcome.SDE, EvidenceQuantity.HURST, at(0.5), at(0.5), c -> c.dynamics().hurstTolerance(),
                    "1/2 (Brownian)"),
            limits(Outcome.NEITHER, EvidenceQuantity.HURST, at(0.5), at(0.5), c -> c.dynamics().hurstTolerance(),
                    "1/2 (a random walk)"));

    private PredictionTable() {
    }

    /**
     * The result of evaluating some rows.
     *
     * @param results every evaluated row with its prediction, in table order
     * @param status  the status of every outcome that has a deciding row among them
     */
    public record Evaluation(List<RowResult> results, Map<Outcome, Compatibility> status) {

        /** Copies. */
        public Evaluation {
            results = List.copyOf(results);
            EnumMap<Outcome, Compatibility> copy = new EnumMap<>(Outcome.class);
            copy.putAll(status);
            status = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * @param o an outcome
         * @return its status, not available when no row of it was evaluated
         */
        public Compatibility statusOf(Outcome o) {
            return status.getOrDefault(o, Compatibility.NOT_AVAILABLE);
        }

        /**
         * @param o an outcome
         * @return whether it is compatible
         */
        public boolean holds(Outcome o) {
            return statusOf(o) == Compatibility.COMPATIBLE;
        }

        /**
         * @param o      an outcome
         * @param result compatible, excluded or not available
         * @return its deciding rows with that result, in words: {@code quantity = estimate [interval] (prediction)}
         */
        public List<String> explain(Outcome o, Compatibility result) {
            List<String> out = new ArrayList<>();
            for (RowResult r : results) {
                if (r.row().outcome() == o && r.row().role() == Role.DECIDES && r.prediction().result() == result) {
                    out.add(r.describe());
                }
            }
            return out;
        }

        /**
         * @param o an outcome
         * @return its required clauses that could not be assessed
         */
        public List<String> missing(Outcome o) {
            Map<String, Compatibility> clauses = clauses(results, o);
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Compatibility> e : clauses.entrySet()) {
                if (e.getValue() == Compatibility.NOT_AVAILABLE && requiredClause(results, o, e.getKey())) {
                    out.add(e.getKey());
                }
            }
            return out;
        }
    }

    /**
     * One evaluated row.
     *
     * @param row         the row
     * @param measurement its quantity's measurement, when there is one
     * @param prediction  the prediction with its result
     */
    public record RowResult(Row row, Optional<Measurement> measurement, Prediction prediction) {
        /** @return e.g. {@code kappa = 1.998 [1.990, 2.000] (ode: smooth increments, >= 1.75)} */
        public String describe() {
            String value = measurement.map(m -> m.estimate().format()).orElse("not available");
            return row.quantity().key() + " = " + value + " (" + prediction.describe() + ")";
        }
    }

    /**
     * Evaluates the rows that {@code which} selects.
     *
     * @param which        the rows to evaluate, e.g. one stage's
     * @param measurements the measurements by quantity
     * @param context      what the windows depend on
     * @return the results and the status of every outcome with a deciding row
     */
    public static Evaluation evaluate(Predicate<Row> which, Map<EvidenceQuantity, Measurement> measurements,
                                      Context context) {
        List<RowResult> results = new ArrayList<>();
        for (Row r : ROWS) {
            if (which.test(r)) {
                Optional<Measurement> m = Optional.ofNullable(measurements.get(r.quantity()));
                results.add(new RowResult(r, m, r.predict(m, context)));
            }
        }
        Map<Outcome, Compatibility> status = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            Map<String, Compatibility> clauses = clauses(results, o);
            if (clauses.isEmpty()) {
                continue;
            }
            boolean excluded = false;
            boolean complete = true;
            for (Map.Entry<String, Compatibility> e : clauses.entrySet()) {
                excluded |= e.getValue() == Compatibility.EXCLUDED;
                complete &= e.getValue() == Compatibility.COMPATIBLE || !requiredClause(results, o, e.getKey());
            }
            status.put(o, excluded ? Compatibility.EXCLUDED : complete ? Compatibility.COMPATIBLE
                    : Compatibility.NOT_AVAILABLE);
        }
        return new Evaluation(results, status);
    }

    /** Each clause's result: compatible when an alternative is, excluded when all are, else not available. */
    private static Map<String, Compatibility> clauses(List<RowResult> results, Outcome o) {
        Map<String, Map<Integer, Compatibility>> alternatives = new LinkedHashMap<>();
        for (RowResult r : results) {
            if (r.row().outcome() != o || r.row().role() != Role.DECIDES) {
                continue;
            }
            Compatibility c = r.prediction().result();
            alternatives.computeIfAbsent(r.row().clause(), k -> new LinkedHashMap<>())
                    .merge(r.row().alternative(), c, PredictionTable::and);
        }
        Map<String, Compatibility> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Compatibility>> e : alternatives.entrySet()) {
            Compatibility clause = Compatibility.EXCLUDED;
            for (Compatibility c : e.getValue().values()) {
                clause = or(clause, c);
            }
            out.put(e.getKey(), clause);
        }
        return out;
    }

    private static boolean requiredClause(List<RowResult> results, Outcome o, String clause) {
        for (RowResult r : results) {
            if (r.row().outcome() == o && r.row().clause().equals(clause) && r.row().required()) {
                return true;
            }
        }
        return false;
    }

    /** AND of two row results: excluded wins, then not available. */
    private static Compatibility and(Compatibility a, Compatibility b) {
        if (a == Compatibility.EXCLUDED || b == Compatibility.EXCLUDED) {
            return Compatibility.EXCLUDED;
        }
        return a == Compatibility.COMPATIBLE && b == Compatibility.COMPATIBLE ? Compatibility.COMPATIBLE
                : Compatibility.NOT_AVAILABLE;
    }

    /** OR of two alternatives: compatible wins, then not available. */
    private static Compatibility or(Compatibility a, Compatibility b) {
        if (a == Compatibility.COMPATIBLE || b == Compatibility.COMPATIBLE) {
            return Compatibility.COMPATIBLE;
        }
        return a == Compatibility.EXCLUDED && b == Compatibility.EXCLUDED ? Compatibility.EXCLUDED
                : Compatibility.NOT_AVAILABLE;
    }

    /**
     * The evidence table of an evaluation: one row per measured quantity, in the order of
     * {@link EvidenceQuantity}, with every prediction on it and the regimes it points to.
     *
     * @param e            the evaluation
     * @param measurements the measurements by quantity
     * @return the evidence rows
     */
    public static List<Evidence> evidence(Evaluation e, Map<EvidenceQuantity, Measurement> measurements) {
        return evidence(e.results(), measurements, r -> r.role() == Role.DECIDES);
    }

    /**
     * The evidence table of several evaluations' rows, the rows that {@code deciding} selects marking their
     * quantities as deciding (the rest corroborate). One evidence row per quantity and stage of the table's rows:
     * a quantity that two stages use (the weight-level slopes that the first verdict judges and that neither's
     * hidden-state alternative reuses) gets a row for each, so that where a row points is read off the predictions
     * of one role only.
     *
     * @param results      evaluated rows
     * @param measurements the measurements by quantity
     * @param deciding     which rows decide
     * @return the evidence rows, in the order of {@link EvidenceQuantity}, then of {@link Stage}
     */
    public static List<Evidence> evidence(List<RowResult> results, Map<EvidenceQuantity, Measurement> measurements,
                                          Predicate<Row> deciding) {
        List<RowResult> decidingRows = results.stream().filter(r -> deciding.test(r.row())).toList();
        Map<Outcome, Map<String, Compatibility>> clauseStatus = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            clauseStatus.put(o, clauses(decidingRows, o));
        }
        List<Evidence> out = new ArrayList<>();
        for (EvidenceQuantity q : EvidenceQuantity.values()) {
            Measurement m = measurements.get(q);
            if (m == null) {
                continue;
            }
            boolean any = false;
            for (Stage stage : Stage.values()) {
                List<Prediction> predictions = new ArrayList<>();
                List<Regime> points = new ArrayList<>();
                List<Regime> against = new ArrayList<>();
                Role role = Role.CORROBORATES;
                for (RowResult r : results) {
                    if (r.row().quantity() != q || r.row().stage() != stage) {
                        continue;
                    }
                    predictions.add(r.prediction());
                    if (deciding.test(r.row())) {
                        role = Role.DECIDES;
                    }
                    Optional<Regime> regime = r.row().outcome().regime();
                    if (regime.isPresent() && r.prediction().result() == Compatibility.COMPATIBLE
                            && !points.contains(regime.get())) {
                        points.add(regime.get());
                    }
                    // a failing deciding row counts against its regime only when its whole clause fails
                    boolean clauseFails = !deciding.test(r.row()) || clauseStatus.get(r.row().outcome())
                            .getOrDefault(r.row().clause(), Compatibility.EXCLUDED) == Compatibility.EXCLUDED;
                    if (regime.isPresent() && r.prediction().result() == Compatibility.EXCLUDED && clauseFails
                            && !against.contains(regime.get())) {
                        against.add(regime.get());
                    }
                }
                against.removeAll(points);
                if (!predictions.isEmpty()) {
                    any = true;
                    out.add(new Evidence(q, stage, role, m.estimate(), m.counts(), m.source(), m.note(), predictions,
                            points, against));
                }
            }
            if (!any) {
                out.add(new Evidence(q, q.stage(), Role.CORROBORATES, m.estimate(), m.counts(), m.source(), m.note(),
                        List.of(), List.of(), List.of()));
            }
        }
        return out;
    }
}
