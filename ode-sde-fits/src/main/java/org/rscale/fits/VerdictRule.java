package org.rscale.fits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightStatistic;

/**
 * The first regime verdict (SCIENCE.md section 5, corrected by VERDICT.md): a pure function of one group's
 * scaling fits and cell counts, evaluated against the weight-level rows of the {@link PredictionTable}.
 *
 * <p><b>Measurements</b> (log-log slopes against depth, intervals at the fits' level; a fit counts per
 * {@link RegimeCriteria#counts}):
 * <pre>
 *   max_norm_slope       slope of max_k ||T_k||; when that fit does not count, of the first robust per-layer
 *                        summary that does: q90_norm, l2 (the RMS over k), median_norm        beta = -slope
 *   depth_average_slope  slope of ||mean_k T_k||                                              beta_avg = -slope
 *   varying_slope        slope of max_k ||T_k - M||, else of its RMS over k                  beta_var = -slope
 *   increment_slope      slope of the raw increment max_k ||T_k - T_{k-1}|| (slope - f), else of its RMS
 *   smoothness_gap       varying_slope - increment_slope (Minkowski bounds); without a varying-part fit,
 *                        max_norm_slope - increment_slope
 *   quadratic_variation_slope, root_ssq_slope
 * </pre>
 * The varying part carries the increments: a smooth path {@code M + V(k/L)} with {@code V ~ L^-beta_var} has
 * increments {@code L^-beta_var V'/L}, so the increment and quadratic-variation predictions of ode use
 * {@code beta_var} (without a varying-part fit, beta). Trained tanh weights can have a depth average that
 * shrinks and a varying part that does not; predictions from the max norm's beta would then be wrong for the
 * increments.
 *
 * <p><b>Decision.</b> {@link Regime#INCONCLUSIVE} when any of these holds, else the one compatible regime
 * ({@link RegimeTally}):
 * <ol>
 *   <li>no cell is left once diverged cells are excluded, or the unconverged fraction of the fitted cells
 *       exceeds {@link RegimeCriteria#maxUnconvergedFraction()};</li>
 *   <li>fewer than {@link RegimeCriteria#minDepths()} distinct depths;</li>
 *   <li>no per-layer summary (max norm or a robust one) or no increment fit counts;</li>
 *   <li>no regime, or more than one, is compatible, or a regime that is not excluded cannot be assessed.</li>
 * </ol>
 *
 * <p><b>Limit equation</b> (SCIENCE.md section 6): for ode, {@code neural-ode} when beta is compatible with 0
 * (within {@code tol_s}), else {@code linear-ode}; {@code none} when alpha is given and {@code alpha + beta} is
 * excluded from {@code 1 +/- tol_s}. For sde, {@code sde}. Otherwise {@code none}.
 *
 * <p><b>Confidence.</b> {@code High} when every rival is excluded by at least two quantities and every fitted
 * cell is known to have converged; {@code Moderate} otherwise.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks", ICML
 * 2021, arXiv:2105.12245; SCIENCE.md sections 4-6; VERDICT.md ("Weight-level corroboration").
 */
public final class VerdictRule {
    /** Stand-ins for the max norm when its fit is poor, most max-like first. */
    private static final List<WeightStatistic> NORM_SUMMARIES = List.of(WeightStatistic.MAX_NORM,
            WeightStatistic.Q90_NORM, WeightStatistic.L2, WeightStatistic.MEDIAN_NORM);
    private static final List<WeightStatistic> VARYING_SUMMARIES = List.of(WeightStatistic.VARYING_MAX_NORM,
            WeightStatistic.VARYING_RMS_NORM);
    private static final List<WeightStatistic> INCREMENT_SUMMARIES = List.of(WeightStatistic.INCREMENT,
            WeightStatistic.INCREMENT_RMS);

    private VerdictRule() {
    }

    /**
     * @param evidence the group's fits and counts
     * @return the verdict under {@link RegimeCriteria#defaults()}
     */
    public static RegimeVerdict decide(GroupEvidence evidence) {
        return decide(evidence, RegimeCriteria.defaults());
    }

    /**
     * Decides the regime.
     *
     * @param evidence the group's fits and counts
     * @param criteria the thresholds
     * @return the verdict, never a guess: {@link Regime#INCONCLUSIVE} when the evidence does not decide
     */
    public static RegimeVerdict decide(GroupEvidence evidence, RegimeCriteria criteria) {
        List<String> blockers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        CellCounts cells = evidence.cells();
        blockers.addAll(trainingBlockers(cells, evidence.nDepths(), criteria));

        Map<EvidenceQuantity, Measurement> m = measurements(evidence, criteria, blockers, notes);
        Optional<Estimate> beta = estimate(m, EvidenceQuantity.MAX_NORM_SLOPE).map(Estimate::negate);
        Optional<Estimate> betaAverage = estimate(m, EvidenceQuantity.DEPTH_AVERAGE_SLOPE).map(Estimate::negate);
        Optional<Estimate> betaVarying = estimate(m, EvidenceQuantity.VARYING_SLOPE).map(Estimate::negate);
        Optional<Estimate> alpha = evidence.deltaMaxNorm().map(f -> Estimate.slopeOf(f).negate());
        Optional<Estimate> alphaPlusBeta = alpha.isPresent() && beta.isPresent()
                ? Optional.of(alpha.get().plus(beta.get())) : Optional.empty();
        double tolS = criteria.slopeTolerance();
        Compatibility alphaPlusBetaIsOne = alphaPlusBeta.map(e -> e.against(1, 1, tolS))
                .orElse(Compatibility.NOT_AVAILABLE);

        PredictionTable.Context context = PredictionTable.Context.ofWeights(criteria, beta,
                betaVarying.isPresent() ? betaVarying : beta);
        PredictionTable.Evaluation eval = PredictionTable.evaluate(
                r -> r.stage() == EvidenceQuantity.Stage.WEIGHTS, m, context);
        Map<Regime, Compatibility> status = new EnumMap<>(Regime.class);
        for (Regime r : RegimeTally.CANDIDATES) {
            status.put(r, eval.statusOf(Outcome.of(r)));
        }
        RegimeTally tally = RegimeTally.of(status);

        List<String> reasons = new ArrayList<>(blockers);
        Regime regime = Regime.INCONCLUSIVE;
        if (blockers.isEmpty()) {
            if (tally.decided().isPresent()) {
                regime = tally.decided().get();
            } else if (tally.compatible().size() > 1) {
                reasons.add("the evidence is compatible with several regimes (" + RegimeTally.keys(tally.compatible())
                        + "): the intervals are too wide or the slopes lie between the predictions");
            } else if (tally.compatible().isEmpty() && tally.undetermined().isEmpty()) {
                reasons.add("the evidence is compatible with no regime" + betweenSmoothAndRough(m, criteria));
            }
            for (Regime r : tally.undetermined()) {
                reasons.add(r.key() + " cannot be assessed: no usable fit for "
                        + String.join(", ", eval.missing(Outcome.of(r))));
            }
        }
        if (regime != Regime.INCONCLUSIVE) {
            reasons.add(regime.key() + " is compatible with every prediction: "
                    + String.join("; ", eval.explain(Outcome.of(regime), Compatibility.COMPATIBLE)));
        }
        for (Regime r : RegimeTally.CANDIDATES) {
            if (status.get(r) == Compatibility.EXCLUDED) {
                reasons.add(r.key() + " is excluded: "
                        + String.join("; ", eval.explain(Outcome.of(r), Compatibility.EXCLUDED)));
            }
        }
        beta.ifPresent(b -> reasons.add("beta = " + b.format() + " from " + m.get(EvidenceQuantity.MAX_NORM_SLOPE).source()));
        if (betaAverage.isPresent() || betaVarying.isPresent()) {
            reasons.add("two exponents: depth average beta_avg = " + betaAverage.map(Estimate::format).orElse("not available")
                    + ", varying part beta_var = " + betaVarying.map(Estimate::format).orElse("not available"));
        }

        LimitEquation limit = limitEquation(regime, beta, alphaPlusBeta, alphaPlusBetaIsOne, tolS, reasons);
        alpha.ifPresent(a -> reasons.add("alpha = " + a.format() + " from the |delta| max_norm fit; alpha + beta = "
                + alphaPlusBeta.map(Estimate::format).orElse("not available") + " (" + alphaPlusBetaIsOne.key()
                + " with 1)"));
        if (cells.unknownStatus() > 0) {
            notes.add(cells.unknownStatus() + " of " + cells.fitted()
                    + " fitted cells have no run.json: their convergence is unknown");
        }
        reasons.addAll(notes);

        int[] exclusions = new int[Regime.values().length];
        for (Regime r : RegimeTally.CANDIDATES) {
            exclusions[r.ordinal()] = eval.explain(Outcome.of(r), Compatibility.EXCLUDED).size();
        }
        String confidence = confidence(regime, reasons, exclusions, cells, evidence.nDepths(), criteria, m);
        List<Evidence> items = PredictionTable.evidence(eval, m);
        return new RegimeVerdict(regime, limit, evidence.tensor(), beta, betaAverage, betaVarying, alpha,
                alphaPlusBeta, alphaPlusBetaIsOne, status, items, reasons, confidence, cells, evidence.nDepths(),
                criteria);
    }

    /**
     * The training blockers every verdict shares: no fitted cell, too many unconverged cells, too few depths.
     *
     * @param cells    how the cells ended
     * @param nDepths  distinct depths judged
     * @param criteria the thresholds
     * @return the blockers, in words; empty when none
     */
    public static List<String> trainingBlockers(CellCounts cells, int nDepths, RegimeCriteria criteria) {
        List<String> blockers = new ArrayList<>();
        if (cells.fitted() == 0) {
            blockers.add("no cell is left once the " + cells.diverged() + " diverged cells are excluded");
        } else if (cells.unconvergedFraction() > criteria.maxUnconvergedFraction()) {
            blockers.add(String.format(Locale.ROOT,
                    "%d of %d fitted cells did not converge (%s): their weights are not the trained minimisers the "
                            + "hypotheses describe",
                    cells.unconverged(), cells.fitted(),
                    overLimit(cells.unconvergedFraction(), criteria.maxUnconvergedFraction())));
        }
        if (nDepths < criteria.minDepths()) {
            blockers.add("only " + nDepths + " distinct depths; at least " + criteria.minDepths()
                    + " are needed to read a slope off a log-log fit");
        }
        return blockers;
    }

    /** The weight-level measurements, with the robust stand-ins; adds a blocker when a required one has no fit. */
    private static Map<EvidenceQuantity, Measurement> measurements(GroupEvidence ev, RegimeCriteria c,
                                                                    List<String> blockers, List<String> notes) {
        Map<EvidenceQuantity, Measurement> m = new EnumMap<>(EvidenceQuantity.class);
        double f = ev.incrementExponent();
        Optional<Measurement> norm = first(ev, NORM_SUMMARIES, EvidenceQuantity.MAX_NORM_SLOPE, c, 0, notes);
        norm.ifPresent(x -> m.put(x.quantity(), x));
        required(ev, norm, WeightStatistic.MAX_NORM, "per-layer summary (max_norm, q90_norm, l2, median_norm)", c,
                blockers);
        Optional<Measurement> inc = first(ev, INCREMENT_SUMMARIES, EvidenceQuantity.INCREMENT_SLOPE, c, f, notes);
        inc.ifPresent(x -> m.put(x.quantity(), x));
        required(ev, inc, WeightStatistic.INCREMENT, "increment (max or RMS)", c, blockers);
        first(ev, List.of(WeightStatistic.DEPTH_AVERAGE_NORM), EvidenceQuantity.DEPTH_AVERAGE_SLOPE, c, 0, notes)
                .ifPresent(x -> m.put(x.quantity(), x));
        Optional<Measurement> varying = first(ev, VARYING_SUMMARIES, EvidenceQuantity.VARYING_SLOPE, c, 0, notes);
        varying.ifPresent(x -> m.put(x.quantity(), x));
        first(ev, List.of(WeightStatistic.QUADRATIC_VARIATION), EvidenceQuantity.QUADRATIC_VARIATION_SLOPE, c, 0,
                notes).ifPresent(x -> m.put(x.quantity(), x));
        first(ev, List.of(WeightStatistic.ROOT_SSQ), EvidenceQuantity.ROOT_SSQ_SLOPE, c, 0, notes)
                .ifPresent(x -> m.put(x.quantity(), x));
        Optional<Measurement> against = varying.filter(Measurement::counts).or(() -> norm);
        if (against.isPresent() && inc.isPresent()) {
            Measurement a = against.get();
            Measurement b = inc.get();
            boolean usesVarying = a.quantity() == EvidenceQuantity.VARYING_SLOPE;
            m.put(EvidenceQuantity.SMOOTHNESS_GAP, new Measurement(EvidenceQuantity.SMOOTHNESS_GAP,
                    a.estimate().minus(b.estimate()), a.counts() && b.counts(),
                    a.quantity().key() + " - increment_slope (Minkowski bounds)",
                    usesVarying ? "" : "no varying-part fit counts: the gap uses the max norm"));
        }
        return m;
    }

    /** The first summary whose fit counts; else the first that exists, not counting; else empty. */
    private static Optional<Measurement> first(GroupEvidence ev, List<WeightStatistic> summaries, EvidenceQuantity q,
                                               RegimeCriteria c, double shift, List<String> notes) {
        Measurement fallback = null;
        for (WeightStatistic s : summaries) {
            Optional<ScalingFit> fit = ev.fit(s);
            if (fit.isEmpty()) {
                continue;
            }
            ScalingFit x = fit.get();
            double off = s == WeightStatistic.INCREMENT ? shift : 0;
            boolean counts = c.counts(x);
            String source = "the " + s.key() + " fit of " + ev.tensor() + " (R^2 " + num(x.r2()) + ", " + x.nDepths()
                    + " depths, " + x.nPoints() + " cells, " + x.nDropped() + " dropped)";
            Measurement here = new Measurement(q, Estimate.slopeOf(x).shift(-off), counts, source,
                    counts ? "" : poor(x, s, c));
            if (counts) {
                if (s != summaries.get(0) && ev.fit(summaries.get(0)).isPresent()) {
                    notes.add(poor(ev.fit(summaries.get(0)).get(), summaries.get(0), c) + ": " + q.key() + " uses the "
                            + s.key() + " fit instead");
                }
                return Optional.of(here);
            }
            if (fallback == null) {
                fallback = here;
            }
        }
        if (fallback != null && summaries.size() == 1 && !fallback.counts()) {
            notes.add(fallback.note() + "; not used");
        }
        return Optional.ofNullable(fallback);
    }

    private static void required(GroupEvidence ev, Optional<Measurement> m, WeightStatistic s, String what,
                                 RegimeCriteria c, List<String> blockers) {
        if (m.isEmpty()) {
            blockers.add("no " + s.key() + " fit for " + ev.tensor() + " (fewer than " + ScalingFit.MIN_POINTS
                    + " usable cells at " + ScalingFit.MIN_DEPTHS + " depths)");
        } else if (!m.get().counts()) {
            blockers.add(m.get().note() + ", and no robust " + what + " fit counts either");
        }
    }

    private static String poor(ScalingFit f, WeightStatistic s, RegimeCriteria c) {
        if (f.nDepths() < c.minDepths()) {
            return "the " + s.key() + " fit uses only " + f.nDepths() + " depths (at least " + c.minDepths()
                    + " needed)";
        }
        return "the " + s.key() + " fit is poor: R^2 " + num(f.r2()) + " < " + num(c.minR2())
                + " and its slope interval +/-" + num(f.ciHalfWidth()) + " is wider than +/-" + num(c.preciseHalfWidth());
    }

    private static Optional<Estimate> estimate(Map<EvidenceQuantity, Measurement> m, EvidenceQuantity q) {
        return Optional.ofNullable(m.get(q)).map(Measurement::estimate);
    }

    private static LimitEquation limitEquation(Regime regime, Optional<Estimate> beta, Optional<Estimate> alphaPlusBeta,
                                               Compatibility alphaPlusBetaIsOne, double tolS, List<String> reasons) {
        if (regime == Regime.SDE) {
            return LimitEquation.SDE;
        }
        if (regime != Regime.ODE || beta.isEmpty()) {
            return LimitEquation.NONE;
        }
        Estimate b = beta.get();
        LimitEquation limit = LimitEquation.LINEAR_ODE;
        if (b.against(0, 0, tolS) == Compatibility.COMPATIBLE) {
            limit = LimitEquation.NEURAL_ODE;
            if (b.ciHigh() > tolS) {
                reasons.add("beta is compatible with 0 (neural ODE) but its interval reaches " + num(b.ciHigh())
                        + ": a linear ODE is not excluded");
            }
        }
        if (alphaPlusBetaIsOne == Compatibility.EXCLUDED) {
            reasons.add("alpha + beta = " + alphaPlusBeta.get().format() + " is not compatible with 1 +/- "
                    + num(tolS) + ": delta A is not of order 1/L, so neither ODE limit of SCIENCE.md 6 applies");
            return LimitEquation.NONE;
        }
        return limit;
    }

    /** When the smoothness gap lies strictly between the rough (0) and smooth (1) windows, says so. */
    private static String betweenSmoothAndRough(Map<EvidenceQuantity, Measurement> m, RegimeCriteria c) {
        Measurement gap = m.get(EvidenceQuantity.SMOOTHNESS_GAP);
        double tolG = c.gapTolerance();
        if (gap != null && gap.counts() && gap.estimate().ciLow() > tolG && gap.estimate().ciHigh() < 1 - tolG) {
            return " (the smoothness gap " + gap.estimate().format() + " lies between rough paths, 0, and smooth "
                    + "ones, 1: the weights may be a smooth trend plus noise, or not yet near their limit at these "
                    + "depths)";
        }
        return "";
    }

    private static String confidence(Regime regime, List<String> reasons, int[] exclusions, CellCounts cells,
                                     int nDepths, RegimeCriteria criteria, Map<EvidenceQuantity, Measurement> m) {
        if (regime == Regime.INCONCLUSIVE) {
            return "No verdict: " + (reasons.isEmpty() ? "the evidence does not separate the regimes" : reasons.get(0))
                    + ".";
        }
        boolean strong = true;
        List<String> rivals = new ArrayList<>();
        for (Regime r : RegimeTally.CANDIDATES) {
            if (r != regime) {
                int n = exclusions[r.ordinal()];
                strong &= n >= 2;
                rivals.add(r.key() + " by " + n + (n == 1 ? " quantity" : " quantities"));
            }
        }
        boolean known = cells.unconverged() == 0 && cells.unknownStatus() == 0;
        String grade = strong && known ? "High" : "Moderate";
        double level = Optional.ofNullable(m.get(EvidenceQuantity.MAX_NORM_SLOPE)).map(x -> x.estimate().level())
                .orElse(0.95);
        return String.format(Locale.ROOT,
                "%s confidence: %s is the only regime compatible with the evidence at the %s%% level (%s excluded); "
                        + "%d depths, %d fitted cells (%d unconverged, %d of unknown status; %d diverged, excluded).",
                grade, regime.key(), num(100 * level), String.join(", ", rivals), nDepths, cells.fitted(),
                cells.unconverged(), cells.unknownStatus(), cells.diverged());
    }

    /**
     * A share of cells above a limit, as both verdicts' reasons print it: {@code 51.6%, more than the 25% allowed}.
     *
     * @param fraction the share, in [0, 1]
     * @param limit    the limit it exceeds, in [0, 1]
     * @return the share and the limit, in percent
     */
    public static String overLimit(double fraction, double limit) {
        return percent(fraction, limit) + "%, more than the " + num(100 * limit) + "% allowed";
    }

    /**
     * A share of cells above a limit: one decimal ({@code 51.6}), more when one would round it onto the limit
     * ({@code 25.04} against {@code 25}), so the sentence never reads "25% ... more than the 25% allowed".
     *
     * @param fraction the share, in [0, 1]
     * @param limit    the limit it is compared with, in [0, 1]
     * @return the share in percent, without the sign, trailing zeros removed
     */
    public static String percent(double fraction, double limit) {
        String s = "";
        for (int decimals = 1; decimals <= 3; decimals++) {
            s = stripZeros(String.format(Locale.ROOT, "%." + decimals + "f", 100 * fraction));
            if (!s.equals(num(100 * limit))) {
                break;
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        return s.indexOf('.') >= 0 ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /**
     * How the verdict rules print a number in their reasons.
     *
     * @param x a number
     * @return x with up to 3 decimals, trailing zeros removed, never {@code -0}
     */
    public static String num(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = stripZeros(String.format(Locale.ROOT, "%.3f", x));
        return s.equals("-0") ? "0" : s;
    }
}
