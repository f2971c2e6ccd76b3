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
 * The first regime verdict of SCIENCE.md section 5: a pure function of one group's scaling fits and cell
 * counts.
 *
 * <p><b>Estimates</b> (slopes of log-log fits against depth, {@link Estimate} intervals at the fits' level):
 * <pre>
 *   beta   = -slope(max_norm)
 *   s_inc  =  slope(increment) - f                 (raw increment; f = the fits' increment exponent)
 *   gap    =  slope(max_norm) - s_inc              (Minkowski bounds: conservative whatever the correlation)
 *   alpha  = -slope(|delta| max_norm)              (shared delta, when given)
 * </pre>
 * The gap is the core discriminator: a smooth path {@code L^-beta f(k/L)} has increments
 * {@code L^-beta f'/L}, so the gap is 1; a rough path (noise) has increments as large as its values, so
 * the gap is 0.
 *
 * <p><b>Predictions</b> (each slope must meet the predicted range widened by the tolerance;
 * {@code tol_s} = {@link RegimeCriteria#slopeTolerance()}, {@code tol_g} = {@link RegimeCriteria#gapTolerance()};
 * ranges in terms of beta use beta's interval):
 * <pre>
 *   quantity                     ode                 sde              neither            needed by
 *   max_norm_slope               [-1, 0]     tol_s   -1/2     tol_s   0          tol_s   all
 *   increment_slope              -beta - 1   tol_g   -1/2     tol_s   0          tol_s   all
 *   smoothness_gap               1           tol_g   0        tol_g   0          tol_g   all
 *   quadratic_variation_slope    -2 beta - 1 tol_s   0        tol_s   1 - 2 beta tol_s   sde
 *   root_ssq_slope               1/2 - beta  tol_s   0        tol_s   1/2 - beta tol_s   none (corroborates)
 * </pre>
 * A quantity counts only when its fit does ({@link RegimeCriteria#counts}); the gap counts when both of
 * its fits do. A regime is <i>excluded</i> when one of its predictions is excluded, <i>compatible</i>
 * when none is and every quantity it needs counts, and <i>not available</i> otherwise.
 *
 * <p><b>Decision.</b> The verdict is {@link Regime#INCONCLUSIVE} when any of these holds, else the one
 * compatible regime:
 * <ol>
 *   <li>no cell is left once diverged cells are excluded, or the unconverged fraction of the fitted cells
 *       exceeds {@link RegimeCriteria#maxUnconvergedFraction()};</li>
 *   <li>the group has fewer than {@link RegimeCriteria#minDepths()} distinct depths;</li>
 *   <li>the max_norm or increment fit is missing or does not count (poor R^2 and imprecise slope, or too
 *       few depths);</li>
 *   <li>no regime, or more than one, is compatible, or a regime that is not excluded cannot be assessed
 *       (e.g. sde without a quadratic-variation fit).</li>
 * </ol>
 *
 * <p><b>Limit equation</b> (SCIENCE.md section 6): for ode, {@code neural-ode} when beta is compatible with
 * 0 (within {@code tol_s}), else {@code linear-ode}; but {@code none} when alpha is given and
 * {@code alpha + beta} is excluded from {@code 1 +/- tol_s} (then {@code delta A} is not of order
 * {@code 1/L} and neither ODE of section 6 applies). For sde, {@code sde}. Otherwise {@code none}.
 *
 * <p><b>Confidence.</b> {@code high} when every rival is excluded by at least two quantities and every
 * fitted cell is known to have converged; {@code moderate} otherwise.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245 (hypotheses 1 and 2, the scaling of the max norm and of the increments);
 * SCIENCE.md sections 5 and 6.
 */
public final class VerdictRule {
    private static final List<Regime> CANDIDATES = RegimeTally.CANDIDATES;

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
        String tensor = evidence.tensor();

        // 1. training outcome
        if (cells.fitted() == 0) {
            blockers.add("no cell is left once the " + cells.diverged() + " diverged cells are excluded");
        } else if (cells.unconvergedFraction() > criteria.maxUnconvergedFraction()) {
            blockers.add(String.format(Locale.ROOT,
                    "%d of %d fitted cells did not converge (%s%%, more than the %s%% allowed): their weights are "
                            + "not the trained minimisers the hypotheses describe",
                    cells.unconverged(), cells.fitted(), num(100 * cells.unconvergedFraction()),
                    num(100 * criteria.maxUnconvergedFraction())));
        }
        // 2. depth grid
        if (evidence.nDepths() < criteria.minDepths()) {
            blockers.add("only " + evidence.nDepths() + " distinct depths; at least " + criteria.minDepths()
                    + " are needed to read a slope off a log-log fit");
        }
        // 3. fits
        Optional<ScalingFit> max = evidence.fit(WeightStatistic.MAX_NORM);
        Optional<ScalingFit> inc = evidence.fit(WeightStatistic.INCREMENT);
        Optional<ScalingFit> qv = evidence.fit(WeightStatistic.QUADRATIC_VARIATION);
        Optional<ScalingFit> rss = evidence.fit(WeightStatistic.ROOT_SSQ);
        checkRequired(max, WeightStatistic.MAX_NORM, tensor, criteria, blockers);
        checkRequired(inc, WeightStatistic.INCREMENT, tensor, criteria, blockers);
        checkOptional(qv, WeightStatistic.QUADRATIC_VARIATION, criteria, notes);
        checkOptional(rss, WeightStatistic.ROOT_SSQ, criteria, notes);

        // estimates
        Optional<Estimate> maxSlope = max.map(Estimate::slopeOf);
        Optional<Estimate> beta = maxSlope.map(Estimate::negate);
        Optional<Estimate> incSlope = inc.map(f -> Estimate.slopeOf(f).shift(-evidence.incrementExponent()));
        Optional<Estimate> alpha = evidence.deltaMaxNorm().map(f -> Estimate.slopeOf(f).negate());
        Optional<Estimate> alphaPlusBeta = alpha.isPresent() && beta.isPresent()
                ? Optional.of(alpha.get().plus(beta.get())) : Optional.empty();
        double tolS = criteria.slopeTolerance();
        double tolG = criteria.gapTolerance();
        Compatibility alphaPlusBetaIsOne = alphaPlusBeta.map(e -> e.against(1, 1, tolS))
                .orElse(Compatibility.NOT_AVAILABLE);

        // evidence and predictions
        List<Evidence> items = new ArrayList<>();
        double bLo = beta.map(Estimate::ciLow).orElse(0.0);
        double bHi = beta.map(Estimate::ciHigh).orElse(0.0);
        boolean hasBeta = beta.isPresent();
        if (max.isPresent()) {
            boolean counts = criteria.counts(max.get());
            items.add(item(EvidenceQuantity.MAX_NORM_SLOPE, maxSlope.get(), max.get(), counts, List.of(
                    predict(Regime.ODE, "-beta, beta in [0, 1]", -1, 0, tolS, maxSlope.get(), counts),
                    predict(Regime.SDE, "-1/2", -0.5, -0.5, tolS, maxSlope.get(), counts),
                    predict(Regime.NEITHER, "0", 0, 0, tolS, maxSlope.get(), counts))));
        }
        if (inc.isPresent()) {
            boolean counts = criteria.counts(inc.get());
            List<Prediction> p = new ArrayList<>();
            if (hasBeta) {
                p.add(predict(Regime.ODE, "-beta - 1", -bHi - 1, -bLo - 1, tolG, incSlope.get(), counts));
            }
            p.add(predict(Regime.SDE, "-1/2", -0.5, -0.5, tolS, incSlope.get(), counts));
            p.add(predict(Regime.NEITHER, "0 (increments do not vanish)", 0, 0, tolS, incSlope.get(), counts));
            items.add(item(EvidenceQuantity.INCREMENT_SLOPE, incSlope.get(), inc.get(), counts, p));
        }
        if (max.isPresent() && inc.isPresent()) {
            Estimate gap = maxSlope.get().minus(incSlope.get());
            boolean counts = criteria.counts(max.get()) && criteria.counts(inc.get());
            items.add(new Evidence(EvidenceQuantity.SMOOTHNESS_GAP, gap, Math.min(max.get().r2(), inc.get().r2()),
                    Math.min(max.get().nPoints(), inc.get().nPoints()),
                    Math.min(max.get().nDepths(), inc.get().nDepths()), counts, List.of(
                    predict(Regime.ODE, "1 (smooth)", 1, 1, tolG, gap, counts),
                    predict(Regime.SDE, "0 (rough)", 0, 0, tolG, gap, counts),
                    predict(Regime.NEITHER, "0 (rough)", 0, 0, tolG, gap, counts))));
        }
        if (qv.isPresent()) {
            Estimate s = Estimate.slopeOf(qv.get());
            boolean counts = criteria.counts(qv.get());
            List<Prediction> p = new ArrayList<>();
            if (hasBeta) {
                p.add(predict(Regime.ODE, "-2 beta - 1", -2 * bHi - 1, -2 * bLo - 1, tolS, s, counts));
            }
            p.add(predict(Regime.SDE, "0 (flat, non-zero)", 0, 0, tolS, s, counts));
            if (hasBeta) {
                p.add(predict(Regime.NEITHER, "1 - 2 beta", 1 - 2 * bHi, 1 - 2 * bLo, tolS, s, counts));
            }
            items.add(item(EvidenceQuantity.QUADRATIC_VARIATION_SLOPE, s, qv.get(), counts, p));
        }
        if (rss.isPresent()) {
            Estimate s = Estimate.slopeOf(rss.get());
            boolean counts = criteria.counts(rss.get());
            List<Prediction> p = new ArrayList<>();
            if (hasBeta) {
                p.add(predict(Regime.ODE, "1/2 - beta", 0.5 - bHi, 0.5 - bLo, tolS, s, counts));
            }
            p.add(predict(Regime.SDE, "0 (flat, non-zero)", 0, 0, tolS, s, counts));
            if (hasBeta) {
                p.add(predict(Regime.NEITHER, "1/2 - beta", 0.5 - bHi, 0.5 - bLo, tolS, s, counts));
            }
            items.add(item(EvidenceQuantity.ROOT_SSQ_SLOPE, s, rss.get(), counts, p));
        }

        // status of each candidate regime
        Map<Regime, Compatibility> status = new EnumMap<>(Regime.class);
        Map<Regime, List<String>> exclusions = new EnumMap<>(Regime.class);
        Map<Regime, List<String>> missing = new EnumMap<>(Regime.class);
        for (Regime r : CANDIDATES) {
            List<String> excludedBy = new ArrayList<>();
            List<String> lacking = new ArrayList<>();
            for (Evidence e : items) {
                for (Prediction p : e.predictions()) {
                    if (p.regime() == r && p.outcome() == Compatibility.EXCLUDED) {
                        excludedBy.add(e.quantity().key() + " = " + e.estimate().format() + " is outside "
                                + window(p));
                    }
                }
            }
            for (EvidenceQuantity q : needed(r)) {
                if (!assessed(items, q, r)) {
                    lacking.add(q.key());
                }
            }
            exclusions.put(r, excludedBy);
            missing.put(r, lacking);
            status.put(r, !excludedBy.isEmpty() ? Compatibility.EXCLUDED
                    : lacking.isEmpty() ? Compatibility.COMPATIBLE : Compatibility.NOT_AVAILABLE);
        }
        RegimeTally tally = RegimeTally.of(status);
        List<Regime> compatible = tally.compatible();
        List<Regime> undetermined = tally.undetermined();

        // decision
        List<String> reasons = new ArrayList<>(blockers);
        Regime regime = Regime.INCONCLUSIVE;
        if (blockers.isEmpty()) {
            if (tally.decided().isPresent()) {
                regime = tally.decided().get();
            } else if (compatible.size() > 1) {
                reasons.add("the evidence is compatible with several regimes (" + RegimeTally.keys(compatible)
                        + "): the intervals are too wide or the slopes lie between the predictions");
            } else if (compatible.isEmpty() && undetermined.isEmpty()) {
                reasons.add("the evidence is compatible with no regime: every candidate is excluded"
                        + betweenSmoothAndRough(items, tolG));
            }
            for (Regime r : undetermined) {
                reasons.add(r.key() + " cannot be assessed: no usable fit for " + String.join(", ", missing.get(r)));
            }
        }
        if (regime != Regime.INCONCLUSIVE) {
            reasons.add(regime.key() + " is compatible with every prediction: " + supportOf(regime, items));
        }
        for (Regime r : CANDIDATES) {
            if (status.get(r) == Compatibility.EXCLUDED) {
                reasons.add(r.key() + " is excluded: " + String.join("; ", exclusions.get(r)));
            }
        }
        if (beta.isPresent()) {
            ScalingFit f = max.get();
            reasons.add("beta = " + beta.get().format() + " from the max_norm fit (R^2 " + num(f.r2()) + ", "
                    + f.nDepths() + " depths, " + f.nPoints() + " cells, " + f.nDropped() + " dropped)");
        }

        // limit equation
        LimitEquation limit = LimitEquation.NONE;
        if (regime == Regime.ODE) {
            Estimate b = beta.get();
            if (b.against(0, 0, tolS) == Compatibility.COMPATIBLE) {
                limit = LimitEquation.NEURAL_ODE;
                if (b.ciHigh() > tolS) {
                    reasons.add("beta is compatible with 0 (neural ODE) but its interval reaches " + num(b.ciHigh())
                            + ": a linear ODE is not excluded");
                }
            } else {
                limit = LimitEquation.LINEAR_ODE;
            }
            if (alphaPlusBetaIsOne == Compatibility.EXCLUDED) {
                limit = LimitEquation.NONE;
                reasons.add("alpha + beta = " + alphaPlusBeta.get().format() + " is not compatible with 1 +/- "
                        + num(tolS) + ": delta A is not of order 1/L, so neither ODE limit of SCIENCE.md 6 applies");
            }
        } else if (regime == Regime.SDE) {
            limit = LimitEquation.SDE;
        }
        if (alpha.isPresent()) {
            reasons.add("alpha = " + alpha.get().format() + " from the |delta| max_norm fit; alpha + beta = "
                    + alphaPlusBeta.map(Estimate::format).orElse("not available") + " ("
                    + alphaPlusBetaIsOne.key() + " with 1)");
        }
        if (cells.unknownStatus() > 0) {
            notes.add(cells.unknownStatus() + " of " + cells.fitted()
                    + " fitted cells have no run.json: their convergence is unknown");
        }
        reasons.addAll(notes);

        String confidence = confidence(regime, reasons, exclusions, cells, evidence.nDepths(), maxSlope);
        return new RegimeVerdict(regime, limit, tensor, beta, alpha, alphaPlusBeta, alphaPlusBetaIsOne, status,
                items, reasons, confidence, cells, evidence.nDepths(), criteria);
    }

    private static void checkRequired(Optional<ScalingFit> fit, WeightStatistic s, String tensor,
                                      RegimeCriteria c, List<String> blockers) {
        if (fit.isEmpty()) {
            blockers.add("no " + s.key() + " fit for " + tensor + " (fewer than " + ScalingFit.MIN_POINTS
                    + " usable cells at " + ScalingFit.MIN_DEPTHS + " depths)");
        } else if (!c.counts(fit.get())) {
            blockers.add(poor(fit.get(), s, c));
        }
    }

    private static void checkOptional(Optional<ScalingFit> fit, WeightStatistic s, RegimeCriteria c,
                                      List<String> notes) {
        if (fit.isPresent() && !c.counts(fit.get())) {
            notes.add(poor(fit.get(), s, c) + "; not used");
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

    private static Evidence item(EvidenceQuantity q, Estimate e, ScalingFit f, boolean counts, List<Prediction> p) {
        return new Evidence(q, e, f.r2(), f.nPoints(), f.nDepths(), counts, p);
    }

    private static Prediction predict(Regime r, String rule, double low, double high, double tol, Estimate e,
                                      boolean counts) {
        return new Prediction(r, rule, low, high, tol, counts ? e.against(low, high, tol) : Compatibility.NOT_AVAILABLE);
    }

    /**
     * When the smoothness gap lies strictly between the rough (0) and smooth (1) windows, says so:
     * the usual cause is a smooth trend plus noise, or a limit not reached at these depths.
     */
    private static String betweenSmoothAndRough(List<Evidence> items, double tolG) {
        for (Evidence e : items) {
            if (e.quantity() == EvidenceQuantity.SMOOTHNESS_GAP && e.counts()
                    && e.estimate().ciLow() > tolG && e.estimate().ciHigh() < 1 - tolG) {
                return " (the smoothness gap " + e.estimate().format() + " lies between rough paths, 0, and smooth "
                        + "ones, 1: the weights may be a smooth trend plus noise, or not yet near their limit at "
                        + "these depths)";
            }
        }
        return "";
    }

    private static EvidenceQuantity[] needed(Regime r) {
        return r == Regime.SDE
                ? new EvidenceQuantity[] {EvidenceQuantity.MAX_NORM_SLOPE, EvidenceQuantity.INCREMENT_SLOPE,
                    EvidenceQuantity.SMOOTHNESS_GAP, EvidenceQuantity.QUADRATIC_VARIATION_SLOPE}
                : new EvidenceQuantity[] {EvidenceQuantity.MAX_NORM_SLOPE, EvidenceQuantity.INCREMENT_SLOPE,
                    EvidenceQuantity.SMOOTHNESS_GAP};
    }

    private static boolean assessed(List<Evidence> items, EvidenceQuantity q, Regime r) {
        for (Evidence e : items) {
            if (e.quantity() == q) {
                for (Prediction p : e.predictions()) {
                    if (p.regime() == r && p.outcome() != Compatibility.NOT_AVAILABLE) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String supportOf(Regime r, List<Evidence> items) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : items) {
            for (Prediction p : e.predictions()) {
                if (p.regime() == r && p.outcome() == Compatibility.COMPATIBLE) {
                    parts.add(e.quantity().key() + " = " + e.estimate().format() + " within " + window(p));
                }
            }
        }
        return String.join("; ", parts);
    }

    private static String confidence(Regime regime, List<String> reasons, Map<Regime, List<String>> exclusions,
                                     CellCounts cells, int nDepths, Optional<Estimate> maxSlope) {
        if (regime == Regime.INCONCLUSIVE) {
            return "No verdict: " + (reasons.isEmpty() ? "the evidence does not separate the regimes" : reasons.get(0))
                    + ".";
        }
        boolean strong = true;
        List<String> rivals = new ArrayList<>();
        for (Regime r : CANDIDATES) {
            if (r != regime) {
                int n = exclusions.get(r).size();
                strong &= n >= 2;
                rivals.add(r.key() + " by " + n + (n == 1 ? " quantity" : " quantities"));
            }
        }
        boolean known = cells.unconverged() == 0 && cells.unknownStatus() == 0;
        String grade = strong && known ? "High" : "Moderate";
        double level = maxSlope.map(Estimate::level).orElse(0.95);
        return String.format(Locale.ROOT,
                "%s confidence: %s is the only regime compatible with the evidence at the %s%% level (%s excluded); "
                        + "%d depths, %d fitted cells (%d unconverged, %d of unknown status; %d diverged, excluded).",
                grade, regime.key(), num(100 * level), String.join(", ", rivals), nDepths, cells.fitted(),
                cells.unconverged(), cells.unknownStatus(), cells.diverged());
    }

    private static String window(Prediction p) {
        String range = p.low() == p.high() ? num(p.low()) : "[" + num(p.low()) + ", " + num(p.high()) + "]";
        return range + " +/- " + num(p.tolerance()) + " (" + p.regime().key() + ": " + p.rule() + ")";
    }

    /**
     * How the verdict rules print a number in their reasons.
     *
     * @param x a number
     * @return x with up to 3 decimals, trailing zeros removed, never {@code -0}
     */
    public static String num(double x) {
        String s = String.format(Locale.ROOT, "%.3f", x);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }
}
