package org.rscale.fits.sweep;

import static org.rscale.fits.VerdictRule.num;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.EvidenceQuantity;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Prediction;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.RegimeTally;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.limit.CandidateComparison;
import org.rscale.fits.limit.Convergence;
import org.rscale.fits.limit.LimitComparison;

/**
 * The upgraded regime verdict: a pure function of the first verdict ({@link org.rscale.fits.VerdictRule}: the
 * scaling exponents, the increment slope, the smoothness gap, the quadratic-variation slope) and the limit
 * evidence ({@link LimitFacts}: convergence of the rescaled weights, roughness of the cumulative paths, the
 * noise of the trend/noise decomposition, and the comparison of the networks with the candidate limits).
 *
 * <p><b>Limit evidence and predictions</b> ({@code tol_r}, {@code tol_h} of {@link LimitCriteria};
 * {@code tol_s} the first verdict's slope tolerance; beta the first verdict's interval):
 * <pre>
 *   item                              ode                       sde                     neither
 *   convergence_rate                  [0.5, 1] +/- tol_r        0 +/- tol_r             0 +/- tol_r
 *   hurst                             [1, 2] +/- tol_h          1/2 +/- tol_h           1/2 +/- tol_h
 *   noise_quadratic_variation_slope   (no prediction: -1-2beta  0 +/- tol_s             1 - 2 beta +/- tol_s
 *                                     once the trend is resolved, up to 1-2beta from its error)
 *   limit_comparison                  an ODE candidate          the SDE converges, no   no candidate
 *                                     (neural or linear)        ODE candidate does      converges
 *                                     converges
 *   denoised_loss_ratio               about 1 (reported only: what the other regimes predict is not established)
 * </pre>
 * The comparison's predictions are categorical; their numeric range is that of the candidates' error slopes
 * ({@code [-2, -minimumRate]} converging, {@code [-minimumRate, 2]} not), for display.
 * A rate item counts when its fit does ({@link RegimeCriteria#counts}); the Hurst exponent when its interval
 * has a level above 0.5 and comes from at least {@code PathRoughness.MIN_LAYERS} layers; the comparison when
 * at least one candidate's convergence is determined (its rate fitted from at least 3 depths). A candidate
 * "converges" when its error rate's interval lies below {@code -minimumRate} (or the network is the scheme
 * itself), as {@link LimitComparison} judges.
 *
 * <p><b>Decision.</b>
 * <ol>
 *   <li><i>Blockers</i> of the first verdict stay blockers (then {@code inconclusive}): no fitted cell or
 *       too many unconverged ones, fewer than {@code minDepths} depths, a missing or unusable max-norm or
 *       increment fit.</li>
 *   <li><i>Limit evidence first.</i> When the limit comparison counts and the counting limit items leave
 *       exactly one regime compatible and exclude the other two, that regime is the verdict; scaling evidence
 *       that disagrees is reported as superseded (the limit comparison tests the regime directly: it is the
 *       strongest evidence), and the confidence is then at most moderate.</li>
 *   <li><i>Otherwise all evidence together</i>: a regime is excluded when any counting item of either verdict
 *       excludes it, compatible when none does and the first verdict found it compatible (or, if the first
 *       verdict could not assess it, a limit item supports it); the verdict is the only compatible regime
 *       when the other two are excluded, else {@code inconclusive} with the reason.</li>
 * </ol>
 *
 * <p><b>Limit equation.</b> For ode: the best converging ODE candidate of the comparison (smallest error at the
 * deepest depth); without one, the first verdict's choice from beta (neural when beta is compatible with 0,
 * linear otherwise; none when alpha + beta is excluded from 1). For sde: sde. Otherwise none.
 *
 * <p><b>Confidence.</b> {@code high}: the regime is decided, every rival is excluded by at least two items
 * (of both verdicts together), the limit comparison counts and supports the regime, no scaling evidence was
 * superseded, and every fitted cell is known to have converged. {@code low}: no verdict, or a verdict without
 * a counting limit comparison whose rivals are excluded by one item only. {@code moderate}: otherwise. The
 * sentence names the level, the rivals' exclusions and the best candidate with its rate.
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual Networks",
 * ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, arXiv:2212.08199; SCIENCE.md sections 5 and 6.
 */
public final class LimitVerdictRule {
    private static final List<Regime> CANDIDATES = RegimeTally.CANDIDATES;

    private LimitVerdictRule() {
    }

    /**
     * Upgrades a first verdict with the limit evidence.
     *
     * @param first    the first verdict
     * @param facts    the limit measurements
     * @param criteria the limit thresholds
     * @return the upgraded verdict, never a guess
     */
    public static UpgradedVerdict decide(RegimeVerdict first, LimitFacts facts, LimitCriteria criteria) {
        RegimeCriteria rc = first.criteria();
        double tolS = rc.slopeTolerance();
        List<LimitEvidence.Item> items = new ArrayList<>();
        List<String> notes = new ArrayList<>(facts.notes());
        Optional<Estimate> beta = first.beta();
        double bLo = beta.map(Estimate::ciLow).orElse(0.0);
        double bHi = beta.map(Estimate::ciHigh).orElse(0.0);

        // convergence rate of the rescaled curves
        if (facts.convergence().isPresent()) {
            ScalingFit f = facts.convergence().get();
            Estimate rate = Estimate.slopeOf(f).negate();
            boolean counts = rc.counts(f);
            double tol = criteria.rateTolerance();
            items.add(new LimitEvidence.Item(LimitEvidence.CONVERGENCE_RATE, Optional.of(rate),
                    "-slope of the sup distance between consecutive depths' rescaled curves L^beta T_floor(tL) ("
                            + f.nDepths() + " depths, R^2 " + num(f.r2()) + ")",
                    counts, counts ? "" : poor(f, rc), List.of(
                    predict(Regime.ODE, "[0.5, 1] (sampling a smooth curve errs by |f'|/L)", 0.5, 1, tol, rate, counts),
                    predict(Regime.SDE, "0 (rescaled noise keeps its size)", 0, 0, tol, rate, counts),
                    predict(Regime.NEITHER, "0 (the weights do not settle on a curve)", 0, 0, tol, rate, counts))));
        } else {
            notes.add("convergence_rate not available: fewer than 3 depth pairs with a distance");
        }
        // Hurst exponent of the cumulative paths
        if (facts.hurst().isPresent()) {
            MedianEstimate h = facts.hurst().get();
            boolean counts = h.level() > 0.5 && h.n() >= 3;
            double z = counts ? halfWidthZ(h.level()) : 1;
            Estimate e = new Estimate(h.median(), counts ? (h.ciHigh() - h.ciLow()) / (2 * z) : 0, h.ciLow(), h.ciHigh(),
                    Math.max(1e-9, Math.min(h.level(), 1 - 1e-9)));
            double tol = criteria.hurstTolerance();
            items.add(new LimitEvidence.Item(LimitEvidence.HURST, Optional.of(e),
                    "median over " + h.n() + " entries of the Hurst exponent (second-order variations) of the cumulative "
                            + "paths sum_{k<tL} T_k at L = " + facts.hurstDepth() + "; order-statistic interval at level "
                            + num(h.level()),
                    counts, counts ? "" : "the interval's level " + num(h.level()) + " is too low (too few entries)",
                    List.of(predict(Regime.ODE, "[1, 2] (a differentiable path)", 1, 2, tol, e, counts),
                            predict(Regime.SDE, "1/2 (Brownian)", 0.5, 0.5, tol, e, counts),
                            predict(Regime.NEITHER, "1/2 (a random walk of non-shrinking noise)", 0.5, 0.5, tol, e, counts))));
        } else {
            notes.add("hurst not available: the deepest depth has fewer than 16 layers or linear paths only");
        }
        // noise quadratic variation slope
        if (facts.noiseQv().isPresent()) {
            ScalingFit f = facts.noiseQv().get();
            Estimate s = Estimate.slopeOf(f);
            boolean counts = rc.counts(f);
            List<Prediction> p = new ArrayList<>();
            p.add(new Prediction(Regime.ODE, "no prediction: -1 - 2 beta once the trend is resolved, up to 1 - 2 beta "
                    + "from the trend's own error", -1 - 2 * bHi, 1 - 2 * bLo, tolS,
                    counts ? Compatibility.COMPATIBLE : Compatibility.NOT_AVAILABLE));
            p.add(predict(Regime.SDE, "0 (flat, non-zero: Brownian noise)", 0, 0, tolS, s, counts));
            if (beta.isPresent()) {
                p.add(predict(Regime.NEITHER, "1 - 2 beta (noise that does not shrink)", 1 - 2 * bHi, 1 - 2 * bLo, tolS,
                        s, counts));
            }
            items.add(new LimitEvidence.Item(LimitEvidence.NOISE_QV_SLOPE, Optional.of(s),
                    "slope of sum_k ||T_k - Tbar_k||^2 (the raw noise of the trend/noise decomposition) against depth ("
                            + f.nDepths() + " depths, R^2 " + num(f.r2()) + ")",
                    counts, counts ? "" : poor(f, rc), p));
        } else {
            notes.add("noise_quadratic_variation_slope not available: no trend/noise decomposition at 3 depths");
        }
        // denoised loss ratio (reported)
        double[] ratios = facts.lossRatios();
        if (ratios.length > 0) {
            MedianEstimate m = MedianEstimate.of(ratios, first.beta().map(Estimate::level).orElse(0.95));
            double lvl = Math.max(1e-9, Math.min(m.level(), 1 - 1e-9));
            Estimate e = new Estimate(m.median(), 0, m.ciLow(), m.ciHigh(), lvl);
            double lo = criteria.minLossRatio();
            items.add(new LimitEvidence.Item(LimitEvidence.DENOISED_LOSS_RATIO, Optional.of(e),
                    "denoised_loss / train_loss at the deepest depth, median over " + m.n() + " cells (bounds: "
                            + "order statistics)",
                    false, "reported, not decisive", List.of(new Prediction(Regime.ODE, "about 1: the trend is the network",
                    lo, 1 / lo, 0, m.ciLow() <= 1 / lo && m.ciHigh() >= lo ? Compatibility.COMPATIBLE
                    : Compatibility.EXCLUDED))));
        }
        // limit comparison
        List<LimitEvidence.CandidateEvidence> candidates = new ArrayList<>();
        Optional<LimitEvidence.Item> comparisonItem = Optional.empty();
        Optional<CandidateComparison> bestOde = Optional.empty();
        if (facts.comparison().isPresent()) {
            LimitComparison c = facts.comparison().get();
            Optional<CandidateComparison> neural = c.candidate(LimitEquation.NEURAL_ODE.key());
            Optional<CandidateComparison> linear = c.candidate(LimitEquation.LINEAR_ODE.key());
            Optional<CandidateComparison> sde = c.candidate(LimitEquation.SDE.key());
            boolean odeConv = converges(neural) || converges(linear);
            boolean sdeConv = converges(sde);
            boolean anyConv = odeConv || sdeConv;
            boolean odeDetermined = determined(neural) || determined(linear);
            boolean allNot = true;
            boolean anyDetermined = false;
            for (CandidateComparison cc : c.candidates()) {
                // no decay: the whole rate interval at or above -minimumRate (an interval that straddles it is
                // no evidence either way)
                allNot &= cc.convergence() == Convergence.NOT_CONVERGING
                        && cc.rate().isPresent() && cc.rate().get().ciLow() >= -c.criteria().minimumRate();
                anyDetermined |= cc.convergence() != Convergence.UNDETERMINED;
            }
            boolean counts = anyDetermined;
            double floor = -c.criteria().minimumRate();
            Compatibility odeOut = !counts ? Compatibility.NOT_AVAILABLE : odeConv ? Compatibility.COMPATIBLE
                    : odeDetermined && noDecay(neural, floor) && noDecay(linear, floor) ? Compatibility.EXCLUDED
                    : Compatibility.NOT_AVAILABLE;
            Compatibility sdeOut = !counts ? Compatibility.NOT_AVAILABLE : odeConv ? Compatibility.EXCLUDED
                    : sde.isEmpty() || !determined(sde) ? Compatibility.NOT_AVAILABLE
                    : sdeConv ? Compatibility.COMPATIBLE
                    : sde.get().rate().isPresent() && sde.get().rate().get().ciLow() >= floor ? Compatibility.EXCLUDED
                    : Compatibility.NOT_AVAILABLE;
            Compatibility neitherOut = !counts ? Compatibility.NOT_AVAILABLE : anyConv ? Compatibility.EXCLUDED
                    : allNot ? Compatibility.COMPATIBLE : Compatibility.NOT_AVAILABLE;
            for (CandidateComparison cc : c.candidates()) {
                if ((cc.equation() == LimitEquation.NEURAL_ODE || cc.equation() == LimitEquation.LINEAR_ODE)
                        && converges(Optional.of(cc))
                        && (bestOde.isEmpty() || cc.deepestError().orElse(Double.POSITIVE_INFINITY)
                        < bestOde.get().deepestError().orElse(Double.POSITIVE_INFINITY))) {
                    bestOde = Optional.of(cc);
                }
            }
            Optional<CandidateComparison> shown = bestOde.isPresent() ? bestOde : c.best().flatMap(c::candidate);
            Optional<Estimate> est = shown.flatMap(CandidateComparison::rate).map(Estimate::slopeOf);
            StringBuilder src = new StringBuilder("max over " + c.samples() + " inputs and all layers of |h_k - H(k/L)| "
                    + "against depth, per candidate: ");
            List<String> parts = new ArrayList<>();
            for (CandidateComparison cc : c.candidates()) {
                parts.add(cc.label() + " " + cc.convergence().key()
                        + cc.rate().map(f -> " (slope " + Estimate.slopeOf(f).format() + ")").orElse(""));
            }
            src.append(String.join(", ", parts)).append("; estimate: the slope of the best match")
                    .append(shown.map(x -> " (" + x.label() + ")").orElse(" (none converges)"));
            comparisonItem = Optional.of(new LimitEvidence.Item(LimitEvidence.LIMIT_COMPARISON, est, src.toString(),
                    counts, counts ? "" : "no candidate's convergence is determined (fewer than 3 depths compared)",
                    List.of(new Prediction(Regime.ODE, "an ODE candidate (neural or linear) converges", -2,
                                    -c.criteria().minimumRate(), 0, odeOut),
                            new Prediction(Regime.SDE, "the SDE converges and no ODE candidate does",
                                    -2, -c.criteria().minimumRate(), 0, sdeOut),
                            new Prediction(Regime.NEITHER, "no candidate converges", -c.criteria().minimumRate(),
                                    2, 0, neitherOut))));
            items.add(comparisonItem.get());
            for (SweepLimits.CandidateInfo info : facts.candidates()) {
                Optional<CandidateComparison> cc = c.candidate(info.label());
                candidates.add(candidateEvidence(info, cc, predicted(info.equation())));
            }
        } else {
            notes.add("limit_comparison not available: no candidate or no network could be compared");
            for (SweepLimits.CandidateInfo info : facts.candidates()) {
                candidates.add(candidateEvidence(info, Optional.empty(), predicted(info.equation())));
            }
        }

        // the best match: the simplest converging candidate, an ODE before the SDE (which nests the linear ODE
        // when the noise vanishes and then converges as well)
        Optional<String> bestMatch = bestOde.map(CandidateComparison::label);
        if (bestMatch.isEmpty()) {
            bestMatch = facts.comparison().flatMap(LimitComparison::best);
        }

        // blockers of the first verdict
        List<String> blockers = blockers(first);

        // exclusions per regime: first verdict's and limit items'
        Map<Regime, List<String>> firstExcl = new EnumMap<>(Regime.class);
        Map<Regime, List<String>> limitExcl = new EnumMap<>(Regime.class);
        Map<Regime, Boolean> limitSupport = new EnumMap<>(Regime.class);
        for (Regime r : CANDIDATES) {
            List<String> fe = new ArrayList<>();
            for (Evidence e : first.evidence()) {
                for (Prediction p : e.predictions()) {
                    if (p.regime() == r && p.outcome() == Compatibility.EXCLUDED) {
                        fe.add(e.quantity().key() + " = " + e.estimate().format());
                    }
                }
            }
            List<String> le = new ArrayList<>();
            boolean support = false;
            for (LimitEvidence.Item i : items) {
                if (!i.counts()) {
                    continue;
                }
                for (Prediction p : i.predictions()) {
                    if (p.regime() == r && p.outcome() == Compatibility.EXCLUDED) {
                        le.add(i.quantity() + " = " + i.estimate().map(Estimate::format).orElse("(categorical)")
                                + " (" + r.key() + ": " + p.rule() + ")");
                    }
                    if (p.regime() == r && p.outcome() == Compatibility.COMPATIBLE
                            && !i.quantity().equals(LimitEvidence.NOISE_QV_SLOPE)) {
                        support = true;
                    }
                }
            }
            firstExcl.put(r, fe);
            limitExcl.put(r, le);
            limitSupport.put(r, support);
        }

        List<String> reasons = new ArrayList<>(blockers);
        Regime regime = Regime.INCONCLUSIVE;
        boolean superseded = false;
        Map<Regime, Compatibility> status = new EnumMap<>(Regime.class);
        boolean comparisonCounts = comparisonItem.map(LimitEvidence.Item::counts).orElse(false);
        // step 2: limit evidence alone
        List<Regime> limitCompatible = new ArrayList<>();
        int limitExcluded = 0;
        for (Regime r : CANDIDATES) {
            if (!limitExcl.get(r).isEmpty()) {
                limitExcluded++;
            } else if (limitSupport.get(r)) {
                limitCompatible.add(r);
            }
        }
        if (blockers.isEmpty() && comparisonCounts && limitCompatible.size() == 1 && limitExcluded == 2) {
            regime = limitCompatible.get(0);
            for (Regime r : CANDIDATES) {
                status.put(r, r == regime ? Compatibility.COMPATIBLE : Compatibility.EXCLUDED);
            }
            if (!firstExcl.get(regime).isEmpty()) {
                superseded = true;
                reasons.add("the limit evidence decides " + regime.key() + " although the scaling fits exclude it ("
                        + String.join("; ", firstExcl.get(regime)) + "): the comparison with the limit equations tests "
                        + "the regime directly and supersedes them");
            }
        } else {
            // step 3: all evidence together
            for (Regime r : CANDIDATES) {
                Compatibility fs = first.regimes().getOrDefault(r, Compatibility.NOT_AVAILABLE);
                if (!firstExcl.get(r).isEmpty() && fs == Compatibility.EXCLUDED || !limitExcl.get(r).isEmpty()) {
                    status.put(r, Compatibility.EXCLUDED);
                } else if (fs == Compatibility.COMPATIBLE || (fs == Compatibility.NOT_AVAILABLE && limitSupport.get(r))) {
                    status.put(r, Compatibility.COMPATIBLE);
                } else {
                    status.put(r, Compatibility.NOT_AVAILABLE);
                }
            }
            RegimeTally tally = RegimeTally.of(status);
            List<Regime> compatible = tally.compatible();
            List<Regime> undetermined = tally.undetermined();
            if (blockers.isEmpty()) {
                if (tally.decided().isPresent()) {
                    regime = tally.decided().get();
                } else if (compatible.size() > 1) {
                    reasons.add("the evidence is compatible with several regimes ("
                            + RegimeTally.keys(compatible) + ")");
                } else if (compatible.isEmpty() && undetermined.isEmpty()) {
                    reasons.add("the evidence is compatible with no regime: every candidate is excluded");
                } else {
                    reasons.add("the evidence cannot assess " + RegimeTally.keys(undetermined));
                }
            }
        }
        if (regime != Regime.INCONCLUSIVE) {
            reasons.add(regime.key() + " is the only regime left: " + support(regime, items, first));
        }
        for (Regime r : CANDIDATES) {
            if (status.get(r) == Compatibility.EXCLUDED && r != regime) {
                List<String> all = new ArrayList<>(limitExcl.get(r));
                all.addAll(firstExcl.get(r));
                reasons.add(r.key() + " is excluded by " + String.join("; ", all));
            }
        }
        if (facts.comparison().isPresent()) {
            LimitComparison c = facts.comparison().get();
            reasons.add("best-matching limit: " + bestMatch.map(b -> b + rateText(c.candidate(b)))
                    .orElse("none converges (closest at L = " + c.deepest() + ": " + c.closest().orElse("none") + ")"));
        }

        // limit equation
        LimitEquation limit = LimitEquation.NONE;
        if (regime == Regime.ODE) {
            if (bestOde.isPresent()) {
                limit = bestOde.get().equation();
                if (first.regime() == Regime.ODE && first.limitEquation() != LimitEquation.NONE
                        && first.limitEquation() != limit) {
                    reasons.add("the scaling fits suggested " + first.limitEquation().key() + " from beta, but "
                            + limit.key() + " matches the networks best");
                }
            } else if (beta.isPresent()) {
                limit = beta.get().against(0, 0, tolS) == Compatibility.COMPATIBLE ? LimitEquation.NEURAL_ODE
                        : LimitEquation.LINEAR_ODE;
                if (first.alphaPlusBetaIsOne() == Compatibility.EXCLUDED) {
                    limit = LimitEquation.NONE;
                    reasons.add("alpha + beta is not compatible with 1 and no ODE candidate converges: no limit equation");
                }
            }
        } else if (regime == Regime.SDE) {
            limit = LimitEquation.SDE;
        }
        reasons.add("scaling fits (rscale analyze): " + first.regime().key()
                + (first.reasons().isEmpty() ? "" : "; " + first.reasons().get(0)));
        reasons.addAll(notes);

        // confidence
        final Regime decided = regime;
        boolean comparisonSupports = comparisonItem.isPresent() && comparisonItem.get().counts()
                && comparisonItem.get().predictions().stream().anyMatch(
                        p -> p.regime() == decided && p.outcome() == Compatibility.COMPATIBLE);
        int minExcl = Integer.MAX_VALUE;
        List<String> rivals = new ArrayList<>();
        for (Regime r : CANDIDATES) {
            if (r != regime) {
                int n = firstExcl.get(r).size() + limitExcl.get(r).size();
                minExcl = Math.min(minExcl, n);
                rivals.add(r.key() + " by " + n);
            }
        }
        boolean known = first.cells().unconverged() == 0 && first.cells().unknownStatus() == 0;
        String level;
        String sentence;
        if (regime == Regime.INCONCLUSIVE) {
            level = UpgradedVerdict.LOW;
            sentence = "Low confidence: no verdict, " + (reasons.isEmpty() ? "the evidence does not separate the regimes"
                    : reasons.get(0)) + ".";
        } else {
            if (minExcl >= 2 && comparisonSupports && !superseded && known) {
                level = UpgradedVerdict.HIGH;
            } else if (!comparisonSupports && minExcl < 2) {
                level = UpgradedVerdict.LOW;
            } else {
                level = UpgradedVerdict.MODERATE;
            }
            String best = bestMatch
                    .map(b -> "; best-matching limit " + b + rateText(facts.comparison().get().candidate(b)))
                    .orElse("; no limit equation converges");
            sentence = String.format(Locale.ROOT, "%s confidence: %s (rivals excluded: %s)%s%s; %d depths, %d fitted "
                            + "cells (%d unconverged, %d of unknown status).",
                    capital(level), regime.key(), String.join(", ", rivals), best,
                    superseded ? "; the scaling fits disagree and were superseded" : "",
                    first.nDepths(), first.cells().fitted(), first.cells().unconverged(), first.cells().unknownStatus());
        }
        RegimeVerdict upgraded = new RegimeVerdict(regime, limit, first.tensor(), first.beta(), first.alpha(),
                first.alphaPlusBeta(), first.alphaPlusBetaIsOne(), status, first.evidence(), reasons, sentence,
                first.cells(), first.nDepths(), first.criteria());
        LimitEvidence evidence = new LimitEvidence(items, candidates, bestMatch, facts.inputSource(), notes);
        return new UpgradedVerdict(upgraded, UpgradedVerdict.FirstVerdict.of(first), evidence, level);
    }

    /** The first verdict's blockers, recomputed from its counts and evidence. */
    static List<String> blockers(RegimeVerdict first) {
        List<String> out = new ArrayList<>();
        RegimeCriteria rc = first.criteria();
        if (first.cells().fitted() == 0) {
            out.add("no cell is left once the diverged cells are excluded");
        } else if (first.cells().unconvergedFraction() > rc.maxUnconvergedFraction()) {
            out.add(first.cells().unconverged() + " of " + first.cells().fitted() + " fitted cells did not converge");
        }
        if (first.nDepths() < rc.minDepths()) {
            out.add("only " + first.nDepths() + " distinct depths; at least " + rc.minDepths() + " are needed");
        }
        for (EvidenceQuantity q : new EvidenceQuantity[] {EvidenceQuantity.MAX_NORM_SLOPE, EvidenceQuantity.INCREMENT_SLOPE}) {
            Optional<Evidence> e = first.evidence(q);
            if (e.isEmpty() || !e.get().counts()) {
                out.add("no usable " + q.key() + " fit");
            }
        }
        return out;
    }

    private static LimitEvidence.CandidateEvidence candidateEvidence(SweepLimits.CandidateInfo info,
                                                                     Optional<CandidateComparison> cc, String predicted) {
        if (cc.isEmpty()) {
            return new LimitEvidence.CandidateEvidence(info.label(), info.equation().key(),
                    info.available() ? "undetermined" : "not-available", Optional.empty(), OptionalDouble.empty(), 0,
                    OptionalDouble.empty(), predicted, info.source());
        }
        CandidateComparison c = cc.get();
        return new LimitEvidence.CandidateEvidence(c.label(), c.equation().key(), c.convergence().key(),
                c.rate().map(Estimate::slopeOf), c.rate().map(f -> OptionalDouble.of(f.r2())).orElse(OptionalDouble.empty()),
                c.rate().map(ScalingFit::nDepths).orElse(0), c.deepestError(), predicted, info.source());
    }

    private static String predicted(LimitEquation e) {
        switch (e) {
            case NEURAL_ODE:
                return "ode with beta = 0: slope -1 (Euler); otherwise not converging (unless sigma is linear)";
            case LINEAR_ODE:
                return "ode with beta > 0: slope -min(1, beta), -min(1, 2 beta) when sigma''(0) = 0; sde and neither: "
                        + "not converging";
            default:
                return "sde (and linear-ode regimes, of which it is the noisy version): converging, slope about -1/2 to "
                        + "-1 with the network's own noise; neural-ode regime and neither: not converging";
        }
    }

    private static boolean converges(Optional<CandidateComparison> c) {
        return c.isPresent() && (c.get().convergence() == Convergence.CONVERGING || c.get().convergence() == Convergence.EXACT);
    }

    /** Absent, or a fitted rate whose whole interval lies at or above {@code floor}: no decay. */
    private static boolean noDecay(Optional<CandidateComparison> c, double floor) {
        return c.isEmpty() || (c.get().convergence() == Convergence.NOT_CONVERGING && c.get().rate().isPresent()
                && c.get().rate().get().ciLow() >= floor);
    }

    private static boolean determined(Optional<CandidateComparison> c) {
        return c.isPresent() && c.get().convergence() != Convergence.UNDETERMINED;
    }

    private static String rateText(Optional<CandidateComparison> c) {
        return c.flatMap(CandidateComparison::rate).map(f -> " (error slope " + Estimate.slopeOf(f).format() + ")")
                .orElse(c.map(x -> " (" + x.convergence().key() + ")").orElse(""));
    }

    private static String support(Regime r, List<LimitEvidence.Item> items, RegimeVerdict first) {
        List<String> parts = new ArrayList<>();
        for (LimitEvidence.Item i : items) {
            for (Prediction p : i.predictions()) {
                if (i.counts() && p.regime() == r && p.outcome() == Compatibility.COMPATIBLE
                        && !i.quantity().equals(LimitEvidence.NOISE_QV_SLOPE)) {
                    parts.add(i.quantity() + (i.estimate().map(e -> " = " + e.format()).orElse("")) + " (" + p.rule() + ")");
                }
            }
        }
        for (Evidence e : first.evidence()) {
            for (Prediction p : e.predictions()) {
                if (e.counts() && p.regime() == r && p.outcome() == Compatibility.COMPATIBLE) {
                    parts.add(e.quantity().key() + " = " + e.estimate().format());
                }
            }
        }
        return parts.isEmpty() ? "no direct support" : String.join("; ", parts);
    }

    private static Prediction predict(Regime r, String rule, double low, double high, double tol, Estimate e,
                                      boolean counts) {
        return new Prediction(r, rule, low, high, tol, counts ? e.against(low, high, tol) : Compatibility.NOT_AVAILABLE);
    }

    private static String poor(ScalingFit f, RegimeCriteria c) {
        if (f.nDepths() < c.minDepths()) {
            return "fit uses only " + f.nDepths() + " depths (at least " + c.minDepths() + " needed)";
        }
        return "poor fit: R^2 " + num(f.r2()) + " and interval +/-" + num(f.ciHalfWidth());
    }

    /** The normal quantile of a two-sided level, for a display standard error of a median's interval. */
    private static double halfWidthZ(double level) {
        return new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
