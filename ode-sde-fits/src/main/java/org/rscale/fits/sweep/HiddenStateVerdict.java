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
import org.rscale.fits.CellCounts;
import org.rscale.fits.Compatibility;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.EvidenceQuantity;
import org.rscale.fits.EvidenceQuantity.Stage;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Measurement;
import org.rscale.fits.Outcome;
import org.rscale.fits.PredictionTable;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictRule;
import org.rscale.fits.dynamics.GroupDynamics;
import org.rscale.fits.dynamics.NetworkDynamics;
import org.rscale.fits.sweep.UpgradedVerdict.Identification;
import org.rscale.fits.sweep.UpgradedVerdict.IdentificationState;

/**
 * The upgraded regime verdict (VERDICT.md, second design): decided on the networks' hidden states, a pure
 * function of the group's hidden-state statistics ({@link GroupDynamics}), the first (weight-level) verdict and
 * the limit analysis' corroborating measurements, evaluated against the {@link PredictionTable}.
 *
 * <p><b>Measurements</b> (the hidden-state rows of the table decide; weight-level and limit rows are reported
 * beside them): levels are medians (or maxima) over the deepest third of the judged depths; slopes are log-log
 * fits over the judged depths, and a slope counts when fitted over at least
 * {@link RegimeCriteria#minDepths()} depths with an interval at most {@link DynamicsCriteria#maxHalfWidth()}
 * wide (a wider one cannot separate "flat" from "decaying" or "growing").
 *
 * <p><b>Decision</b> (the decision table; first match wins):
 * <ol>
 *   <li>blockers, then {@code inconclusive} naming them: no cell measured in the range, fewer than
 *       {@link RegimeCriteria#minDepths()} judged depths ({@code too_few_depths}), more than
 *       {@link RegimeCriteria#maxUnconvergedFraction()} of the judged cells unconverged
 *       ({@code too_many_unconverged_cells});</li>
 *   <li>the regime among neither, ode, sde whose hidden-state predictions all hold, when exactly one does;</li>
 *   <li>otherwise {@code inconclusive}, naming every case of the table that holds ({@code crossover},
 *       {@code drift_growing}, {@code drift_vanishing}, {@code kappa_undetermined}), else {@code no_regime}
 *       (or {@code several_regimes}) with what each regime lacks.</li>
 * </ol>
 * <b>Limit equation</b> for ode: {@code linear-ode} when the own-coefficient linear network matches (the table's
 * {@code linear_ode}), else {@code neural-ode} when the own-coefficient nonlinear one does, else {@code none};
 * {@code sde} for sde; {@code none} otherwise. <b>Identification</b> (ode and sde): the table's
 * {@code identified}; a qualifier, never an exclusion.
 *
 * <p><b>Confidence.</b> {@code low}: inconclusive. {@code high}: decided, the weight-level verdict names the same
 * regime, and every judged cell is known to have converged. {@code moderate}: decided otherwise.
 *
 * <p><b>Reasons</b> never contradict the decision: the weight-level verdict and the limit analysis are reported
 * as corroboration (which of their quantities agree with the decision, which do not); the cross-run candidates
 * as identification evidence; nothing is called a "best match" but a converging cross-run ODE.
 */
public final class HiddenStateVerdict {
    /** The regimes, in the decision table's order. */
    private static final List<Outcome> REGIMES = List.of(Outcome.NEITHER, Outcome.ODE, Outcome.SDE);
    /** The named inconclusive cases, in report order. */
    private static final List<Outcome> CASES = List.of(Outcome.CROSSOVER, Outcome.DRIFT_GROWING,
            Outcome.DRIFT_VANISHING, Outcome.KAPPA_UNDETERMINED);
    /** Case key: fewer judged depths than the minimum. */
    public static final String TOO_FEW_DEPTHS = "too_few_depths";
    /** Case key: too many unconverged cells. */
    public static final String TOO_MANY_UNCONVERGED = "too_many_unconverged_cells";
    /** Case key: no hidden-state statistics. */
    public static final String NO_STATISTICS = "no_statistics";
    /** Case key: no regime's predictions all hold, and no named case does. */
    public static final String NO_REGIME = "no_regime";
    /** Case key: more than one regime's predictions hold. */
    public static final String SEVERAL_REGIMES = "several_regimes";

    private HiddenStateVerdict() {
    }

    /**
     * The limit analysis' measurements that corroborate the verdict.
     *
     * @param convergence the sup-distance fit between consecutive depths' rescaled curves, when fitted
     * @param hurst       the pooled Hurst exponent at the deepest depth, when measured
     * @param hurstDepth  that depth
     */
    public record LimitCorroboration(Optional<ScalingFit> convergence, Optional<MedianEstimate> hurst, int hurstDepth) {
        /** @return no corroboration */
        public static LimitCorroboration none() {
            return new LimitCorroboration(Optional.empty(), Optional.empty(), 0);
        }
    }

    /**
     * Decides one group.
     *
     * @param first    the first (weight-level) verdict
     * @param dyn      the group's hidden-state statistics
     * @param limits   the limit analysis' corroboration
     * @param crossRun the cross-run comparison
     * @param rc       the weight-level thresholds (depths, unconverged share, tolerances)
     * @param dc       the hidden-state thresholds
     * @return the upgraded verdict
     */
    public static UpgradedVerdict decide(RegimeVerdict first, GroupDynamics dyn, LimitCorroboration limits,
                                         UpgradedVerdict.CrossRun crossRun, RegimeCriteria rc, DynamicsCriteria dc) {
        Map<EvidenceQuantity, Measurement> m = measurements(first, dyn, limits, rc, dc);
        PredictionTable.Context ctx = new PredictionTable.Context(rc, dc, first.beta(),
                first.betaVarying().isPresent() ? first.betaVarying() : first.beta(), dyn.fitError(),
                "A".equals(first.tensor()) ? first.alpha() : Optional.empty());
        PredictionTable.Evaluation hidden = PredictionTable.evaluate(r -> r.stage() == Stage.HIDDEN_STATES, m, ctx);
        PredictionTable.Evaluation weights = PredictionTable.evaluate(r -> r.stage() == Stage.WEIGHTS, m, ctx);
        PredictionTable.Evaluation corroboration = PredictionTable.evaluate(r -> r.stage() == Stage.LIMITS, m, ctx);
        List<PredictionTable.RowResult> all = new ArrayList<>(hidden.results());
        all.addAll(weights.results());
        all.addAll(corroboration.results());
        List<Evidence> evidence = PredictionTable.evidence(all, m,
                r -> r.stage() == Stage.HIDDEN_STATES && r.role() == PredictionTable.Role.DECIDES);
        Map<Regime, Compatibility> regimes = new EnumMap<>(Regime.class);
        for (Outcome o : REGIMES) {
            regimes.put(o.regime().orElseThrow(), hidden.statusOf(o));
        }

        CellCounts cells = counts(dyn);
        List<String> cases = new ArrayList<>();
        List<String> blockers = blockers(dyn, cells, rc, cases);
        Regime regime = Regime.INCONCLUSIVE;
        List<Outcome> holding = REGIMES.stream().filter(hidden::holds).toList();
        if (blockers.isEmpty()) {
            if (holding.size() == 1) {
                regime = holding.get(0).regime().orElseThrow();
            } else if (holding.size() > 1) {
                cases.add(SEVERAL_REGIMES);
            } else {
                for (Outcome c : CASES) {
                    if (hidden.holds(c)) {
                        cases.add(c.key());
                    }
                }
                if (cases.isEmpty()) {
                    cases.add(NO_REGIME);
                }
            }
        }
        LimitEquation equation = equation(regime, hidden);
        Identification id = identification(hidden, dyn, m);
        String range = rangeWords(dyn);

        List<String> reasons = new ArrayList<>(blockers);
        reasons.addAll(decisionReasons(regime, cases, hidden, holding));
        gatingReason(cases, hidden, m).ifPresent(reasons::add);
        reasons.addAll(equationReasons(regime, equation, hidden, m));
        if (regime == Regime.ODE || regime == Regime.SDE) {
            reasons.add(id.text() + identificationDetail(hidden, crossRun));
        }
        reasons.add(sdeCredit(regime, hidden, m));
        reasons.add(weightLevel(first, regime, weights));
        corroborationReason(regime, corroboration).ifPresent(reasons::add);
        reasons.add("judged on " + range + "; probe inputs: " + dyn.inputSource() + "; f: " + dyn.fSource()
                + cellWords(cells));
        for (String n : dyn.notes()) {
            reasons.add("note: " + n);
        }
        String level = regime == Regime.INCONCLUSIVE ? UpgradedVerdict.LOW
                : first.regime() == regime && cells.unconverged() == 0 && cells.unknownStatus() == 0
                ? UpgradedVerdict.HIGH : UpgradedVerdict.MODERATE;
        String decision = decisionSentence(regime, equation, cases, id, hidden, m, range, blockers);
        String confidence = confidenceSentence(level, regime, first, cells);
        return new UpgradedVerdict(regime, equation, cases, decision, id, level, confidence, reasons, regimes, evidence,
                dyn.range(), dyn.depths(), dyn.deepest(), cells, dyn.inputSource(), dyn.fSource(), first.tensor(),
                first.beta(), first, crossRun, new UpgradedVerdict.Criteria(rc, dc));
    }

    // --------------------------------------------------------------------------------------------- measurements

    private static Map<EvidenceQuantity, Measurement> measurements(RegimeVerdict first, GroupDynamics dyn,
                                                                   LimitCorroboration limits, RegimeCriteria rc,
                                                                   DynamicsCriteria dc) {
        Map<EvidenceQuantity, Measurement> m = new EnumMap<>(EvidenceQuantity.class);
        String deep = deepWords(dyn);
        level(m, EvidenceQuantity.KAPPA, dyn.kappa(), "median of QV2/QV1 over " + deep);
        level(m, EvidenceQuantity.Q_OVER_F, dyn.qOverF(), "median of q/f over " + deep);
        if (dyn.qOverFMax().isPresent()) {
            double v = dyn.qOverFMax().getAsDouble();
            m.put(EvidenceQuantity.Q_OVER_F_MAX, Measurement.of(EvidenceQuantity.Q_OVER_F_MAX, point(v),
                    "largest q/f over " + deep));
        }
        level(m, EvidenceQuantity.V2_OVER_NOISE, dyn.v2OverNoise(), "median of v2/(q sqrt(2B)) over " + deep);
        level(m, EvidenceQuantity.E_LIN_RATIO, dyn.eLinRatio(), "median of e_lin/sqrt(f) over " + deep);
        level(m, EvidenceQuantity.E_NN_RATIO, dyn.eNnRatio(), "median of e_nn/sqrt(f) over " + deep);
        level(m, EvidenceQuantity.E_NONLIN_RATIO, dyn.eNonlinRatio(), "median of e_nonlin/sqrt(f) over " + deep);
        level(m, EvidenceQuantity.SDE_RATIO, dyn.sdeRatio(), "median of e_sde/e_nn over " + deep);
        if (dyn.dConsOverDSeed().isPresent()) {
            m.put(EvidenceQuantity.D_CONS_OVER_D_SEED, Measurement.of(EvidenceQuantity.D_CONS_OVER_D_SEED,
                    point(dyn.dConsOverDSeed().getAsDouble()), "largest D_cons/D_seed over " + deep));
        }
        slope(m, EvidenceQuantity.QV1_SLOPE, dyn.fit("qv1"), "QV1", rc, dc);
        slope(m, EvidenceQuantity.Q_SLOPE, dyn.fit("q"), "q = 2 QV1 - QV2", rc, dc);
        slope(m, EvidenceQuantity.V2_SLOPE, dyn.fit("v2"), "the drift energy v2", rc, dc);
        slope(m, EvidenceQuantity.E_LIN_SLOPE, dyn.fit("e_lin"), "e_lin", rc, dc);
        slope(m, EvidenceQuantity.E_NN_SLOPE, dyn.fit("e_nn"), "e_nn", rc, dc);
        slope(m, EvidenceQuantity.E_NONLIN_SLOPE, dyn.fit("e_nonlin"), "e_nonlin", rc, dc);
        slope(m, EvidenceQuantity.D_CONS_SLOPE, dyn.fit("d_cons"), "D_cons (consecutive depths)", rc, dc);
        slope(m, EvidenceQuantity.D_SEED_SLOPE, dyn.fit("d_seed"), "D_seed (seeds at one depth)", rc, dc);
        slope(m, EvidenceQuantity.ACTIVE_SHARE_SLOPE, dyn.fit("active_share"), "the share of units on", rc, dc);
        slope(m, EvidenceQuantity.Q_PER_ACTIVE_SLOPE, dyn.fit("q_per_active"), "q / active share", rc, dc);
        for (Evidence e : first.evidence()) {
            if (e.stage() == Stage.WEIGHTS) {
                m.put(e.quantity(), new Measurement(e.quantity(), e.estimate(), e.counts(), e.source(), e.note()));
            }
        }
        limits.convergence().ifPresent(f -> m.put(EvidenceQuantity.CONVERGENCE_RATE,
                new Measurement(EvidenceQuantity.CONVERGENCE_RATE, Estimate.slopeOf(f).negate(), rc.counts(f),
                        "-slope of the sup distance between consecutive depths' rescaled weight curves ("
                                + f.nDepths() + " depths, R^2 " + num(f.r2()) + ")", "")));
        limits.hurst().ifPresent(h -> m.put(EvidenceQuantity.HURST, new Measurement(EvidenceQuantity.HURST, of(h),
                h.level() > 0.5 && h.n() >= 3, "median Hurst exponent over " + h.n() + " entries of the cumulative "
                + "weight paths at L = " + limits.hurstDepth(), "")));
        return m;
    }

    private static void level(Map<EvidenceQuantity, Measurement> m, EvidenceQuantity q, Optional<MedianEstimate> e,
                              String source) {
        e.ifPresent(x -> m.put(q, Measurement.of(q, of(x), source + " (" + x.n() + " networks)")));
    }

    private static void slope(Map<EvidenceQuantity, Measurement> m, EvidenceQuantity q, Optional<ScalingFit> fit,
                              String what, RegimeCriteria rc, DynamicsCriteria dc) {
        if (fit.isEmpty()) {
            return;
        }
        ScalingFit f = fit.get();
        boolean counts = f.nDepths() >= rc.minDepths() && f.ciHalfWidth() <= dc.maxHalfWidth();
        String note = counts ? "" : f.nDepths() < rc.minDepths()
                ? "fitted over " + f.nDepths() + " depths only (at least " + rc.minDepths() + " needed)"
                : "its interval +/-" + num(f.ciHalfWidth()) + " is wider than +/-" + num(dc.maxHalfWidth());
        m.put(q, new Measurement(q, Estimate.slopeOf(f), counts, "log-log slope of " + what + " (" + f.nDepths()
                + " depths, " + f.nPoints() + " networks, R^2 " + num(f.r2()) + ")", note));
    }

    /** A median with its order-statistic interval as an estimate. */
    static Estimate of(MedianEstimate x) {
        double lvl = Math.max(1e-9, Math.min(x.level(), 1 - 1e-9));
        return new Estimate(x.median(), (x.ciHigh() - x.ciLow()) / 3.92, x.ciLow(), x.ciHigh(), lvl);
    }

    /** A plain value (a maximum) as an estimate without spread. */
    private static Estimate point(double v) {
        return new Estimate(v, 0, v, v, 0.5);
    }

    private static CellCounts counts(GroupDynamics dyn) {
        int converged = 0;
        int unconverged = 0;
        int diverged = 0;
        int unknown = 0;
        int total = 0;
        for (NetworkDynamics n : dyn.networks()) {
            if (!dyn.range().contains(n.depth())) {
                continue;
            }
            total++;
            if (NetworkDynamics.DIVERGED.equals(n.note())) {
                diverged++;
            } else if ("converged".equals(n.status())) {
                converged++;
            } else if ("unknown".equals(n.status())) {
                unknown++;
            } else {
                unconverged++;
            }
        }
        return new CellCounts(total, converged, unconverged, diverged, unknown);
    }

    private static List<String> blockers(GroupDynamics dyn, CellCounts cells, RegimeCriteria rc, List<String> cases) {
        List<String> out = new ArrayList<>();
        if (dyn.judged().isEmpty()) {
            out.add("no network was measured in " + dyn.range().describe());
            cases.add(NO_STATISTICS);
            return out;
        }
        if (cells.unconvergedFraction() > rc.maxUnconvergedFraction()) {
            out.add(String.format(Locale.ROOT, "%d of %d cells in the range did not converge (%s): their hidden "
                            + "states are not those of trained minimisers", cells.unconverged(), cells.fitted(),
                    VerdictRule.overLimit(cells.unconvergedFraction(), rc.maxUnconvergedFraction())));
            cases.add(TOO_MANY_UNCONVERGED);
        }
        if (dyn.depths().size() < rc.minDepths()) {
            out.add("only " + dyn.depths().size() + " distinct depths in " + dyn.range().describe() + "; at least "
                    + rc.minDepths() + " are needed to read a slope off a log-log fit");
            cases.add(TOO_FEW_DEPTHS);
        }
        return out;
    }

    // --------------------------------------------------------------------------------------------- outcomes

    private static LimitEquation equation(Regime regime, PredictionTable.Evaluation hidden) {
        if (regime == Regime.SDE) {
            return LimitEquation.SDE;
        }
        if (regime != Regime.ODE) {
            return LimitEquation.NONE;
        }
        if (hidden.holds(Outcome.LINEAR_ODE)) {
            return LimitEquation.LINEAR_ODE;
        }
        return hidden.holds(Outcome.NEURAL_ODE) ? LimitEquation.NEURAL_ODE : LimitEquation.NONE;
    }

    private static Identification identification(PredictionTable.Evaluation hidden, GroupDynamics dyn,
                                                 Map<EvidenceQuantity, Measurement> m) {
        Optional<ScalingFit> f = dyn.fit("d_cons");
        Optional<Estimate> slope = f.map(Estimate::slopeOf);
        OptionalDouble deepest = deepestMean(dyn);
        Compatibility s = hidden.statusOf(Outcome.IDENTIFIED);
        boolean oneSeed = !m.containsKey(EvidenceQuantity.D_SEED_SLOPE) && !m.containsKey(EvidenceQuantity.D_CONS_OVER_D_SEED);
        if (s == Compatibility.NOT_AVAILABLE && oneSeed && m.containsKey(EvidenceQuantity.D_CONS_SLOPE)
                && m.get(EvidenceQuantity.D_CONS_SLOPE).counts()) {
            // with one seed per depth the seed route cannot be taken: D_cons alone decides
            s = hidden.explain(Outcome.IDENTIFIED, Compatibility.COMPATIBLE).isEmpty() ? Compatibility.EXCLUDED
                    : Compatibility.COMPATIBLE;
        }
        int last = dyn.depths().isEmpty() ? 0 : dyn.depths().get(dyn.depths().size() - 1);
        if (s == Compatibility.COMPATIBLE) {
            return new Identification(IdentificationState.IDENTIFIED, "coefficients identified"
                    + slope.map(e -> " (D_cons decays: slope " + e.format() + ")").orElse(""), deepest, slope);
        }
        if (s == Compatibility.EXCLUDED && deepest.isPresent()) {
            return new Identification(IdentificationState.NOT_IDENTIFIED, String.format(Locale.ROOT,
                    "coefficients not identified (spread D_cons %s at L = %d%s%s)", Estimate.number(deepest.getAsDouble()),
                    last, slope.map(e -> ", slope " + e.format()).orElse(""), oneSeed ? "; one seed per depth" : ""),
                    deepest, slope);
        }
        return new Identification(IdentificationState.UNDETERMINED,
                "identification undetermined (no fit of D_cons over enough depths)", deepest, slope);
    }

    private static OptionalDouble deepestMean(GroupDynamics dyn) {
        if (dyn.depths().isEmpty()) {
            return OptionalDouble.empty();
        }
        int last = dyn.depths().get(dyn.depths().size() - 1);
        return dyn.judged().stream().filter(n -> n.depth() == last && Double.isFinite(n.dCons()))
                .mapToDouble(NetworkDynamics::dCons).average();
    }

    // --------------------------------------------------------------------------------------------- words

    private static String rangeWords(GroupDynamics dyn) {
        List<Integer> d = dyn.depths();
        if (d.isEmpty()) {
            return dyn.range().describe() + " (no depth measured)";
        }
        return String.format(Locale.ROOT, "%d depths L = %d..%d (%s)", d.size(), d.get(0), d.get(d.size() - 1),
                dyn.range().describe());
    }

    private static String deepWords(GroupDynamics dyn) {
        List<Integer> d = dyn.deepest();
        return d.isEmpty() ? "the deepest third" : String.format(Locale.ROOT, "the deepest third (L = %d..%d)",
                d.get(0), d.get(d.size() - 1));
    }

    private static String cellWords(CellCounts c) {
        return String.format(Locale.ROOT, "; cells in the range: %d, of which %d converged, %d of unknown status "
                + "(these are judged), %d unconverged, %d diverged", c.total(), c.converged(), c.unknownStatus(),
                c.unconverged(), c.diverged());
    }

    /** The clauses of an outcome that hold, in words: e.g. "smooth increments". */
    private static List<String> holdingWords(PredictionTable.Evaluation e, Outcome o) {
        List<String> out = new ArrayList<>();
        for (PredictionTable.RowResult r : e.results()) {
            if (r.row().outcome() == o && r.row().role() == PredictionTable.Role.DECIDES
                    && r.prediction().result() == Compatibility.COMPATIBLE && !out.contains(r.row().rule())) {
                out.add(r.row().rule());
            }
        }
        return out;
    }

    private static String decisionSentence(Regime regime, LimitEquation equation, List<String> cases,
                                           Identification id, PredictionTable.Evaluation hidden,
                                           Map<EvidenceQuantity, Measurement> m, String range, List<String> blockers) {
        if (!blockers.isEmpty()) {
            return "inconclusive (" + String.join(", ", words(cases)) + "): " + blockers.get(0) + ".";
        }
        switch (regime) {
            case ODE: {
                String eq = switch (equation) {
                    case LINEAR_ODE -> "the linear ODE dH/dt = sigma'(0) (A-bar(t) H + b-bar(t)) with their own smooth "
                            + "coefficients";
                    case NEURAL_ODE -> "the neural ODE dH/dt = delta-bar sigma(A-bar(t) H + b-bar(t)) with their own "
                            + "smooth coefficients";
                    default -> "an ODE, though neither own-coefficient network is within a tenth of the fit error";
                };
                return "ode: the hidden states are smooth, their diffusion vanishes and their drift stays finite, so "
                        + "the networks follow " + eq + "; " + id.text() + "; judged on " + range + ".";
            }
            case SDE:
                return "sde: the hidden states are rough (kappa " + value(m, EvidenceQuantity.KAPPA) + ") with a "
                        + "persistent diffusion (q/f " + value(m, EvidenceQuantity.Q_OVER_F) + ") and a finite drift; "
                        + id.text() + "; judged on " + range + ".";
            case NEITHER:
                return "neither: the hidden-state increments do not shrink with depth (slope of QV1 "
                        + value(m, EvidenceQuantity.QV1_SLOPE) + "), so there is no limit; judged on " + range + ".";
            default: {
                List<String> holds = new ArrayList<>();
                for (Outcome o : List.of(Outcome.ODE, Outcome.SDE)) {
                    for (String w : holdingWords(hidden, o)) {
                        if (!holds.contains(w)) {
                            holds.add(w);
                        }
                    }
                }
                String what = caseWords(cases, m, hidden);
                return "inconclusive (" + String.join(", ", words(cases)) + "): "
                        + (holds.isEmpty() ? "" : "the hidden states show " + String.join(", ", holds) + ", but ")
                        + what + "; judged on " + range + ".";
            }
        }
    }

    private static String caseWords(List<String> cases, Map<EvidenceQuantity, Measurement> m,
                                    PredictionTable.Evaluation hidden) {
        List<String> out = new ArrayList<>();
        for (String c : cases) {
            switch (c) {
                case "crossover" -> out.add("the diffusion decays with depth (slope of q "
                        + value(m, EvidenceQuantity.Q_SLOPE) + ") while still material"
                        + (hidden.holds(Outcome.DIFFUSION_GATED) ? ", because units are switched off: the share of "
                        + "units on falls (slope " + value(m, EvidenceQuantity.ACTIVE_SHARE_SLOPE) + ") while the "
                        + "diffusion per unit on persists (slope of q / active share "
                        + value(m, EvidenceQuantity.Q_PER_ACTIVE_SLOPE) + ")" : ""));
                case "drift_growing" -> out.add("the drift energy grows with depth (slope of v2 "
                        + value(m, EvidenceQuantity.V2_SLOPE) + ")");
                case "drift_vanishing" -> out.add("the drift energy vanishes with depth (slope of v2 "
                        + value(m, EvidenceQuantity.V2_SLOPE) + ")");
                case "kappa_undetermined" -> out.add("the coherence kappa = " + value(m, EvidenceQuantity.KAPPA)
                        + " lies between rough (1.25) and smooth (1.75)");
                case SEVERAL_REGIMES -> out.add("the predictions of several regimes hold");
                default -> out.add("no regime's predictions all hold");
            }
        }
        return String.join(" and ", out);
    }

    private static List<String> words(List<String> cases) {
        List<String> out = new ArrayList<>();
        for (String c : cases) {
            switch (c) {
                case TOO_FEW_DEPTHS -> out.add("too few depths");
                case TOO_MANY_UNCONVERGED -> out.add("too many unconverged cells");
                case NO_STATISTICS -> out.add("no hidden-state statistics");
                case NO_REGIME -> out.add("no regime fits");
                case SEVERAL_REGIMES -> out.add("several regimes fit");
                default -> out.add(Outcome.fromKey(c).words());
            }
        }
        return out;
    }

    private static String value(Map<EvidenceQuantity, Measurement> m, EvidenceQuantity q) {
        Measurement x = m.get(q);
        if (x == null) {
            return "not available";
        }
        Estimate e = x.estimate();
        return e.ciLow() == e.ciHigh() ? Estimate.number(e.value()) : e.format();
    }

    private static List<String> decisionReasons(Regime regime, List<String> cases, PredictionTable.Evaluation hidden,
                                                List<Outcome> holding) {
        List<String> out = new ArrayList<>();
        if (regime != Regime.INCONCLUSIVE) {
            out.add(regime.key() + ": every hidden-state prediction holds: "
                    + String.join("; ", hidden.explain(Outcome.of(regime), Compatibility.COMPATIBLE)));
        } else {
            for (String c : cases) {
                if (c.equals(NO_REGIME) || c.equals(SEVERAL_REGIMES) || c.equals(TOO_FEW_DEPTHS)
                        || c.equals(TOO_MANY_UNCONVERGED) || c.equals(NO_STATISTICS)) {
                    continue;
                }
                Outcome o = Outcome.fromKey(c);
                out.add(o.words() + ": " + String.join("; ", hidden.explain(o, Compatibility.COMPATIBLE)));
            }
            if (cases.contains(SEVERAL_REGIMES)) {
                for (Outcome o : holding) {
                    out.add(o.key() + " fits: " + String.join("; ", hidden.explain(o, Compatibility.COMPATIBLE)));
                }
            }
        }
        for (Outcome o : REGIMES) {
            if (o.regime().orElseThrow() == regime) {
                continue;
            }
            List<String> failing = hidden.explain(o, Compatibility.EXCLUDED);
            if (!failing.isEmpty()) {
                out.add((regime == Regime.INCONCLUSIVE ? o.key() + " does not fit: " : o.key() + " is excluded: ")
                        + String.join("; ", failing));
            } else if (hidden.statusOf(o) == Compatibility.NOT_AVAILABLE) {
                out.add(o.key() + " cannot be assessed: no usable " + String.join(", ", hidden.missing(o)));
            }
        }
        return out;
    }

    /**
     * The diagnosis of a crossover for gated activations: whether the share of units on accounts for the decay of
     * q ({@link Outcome#DIFFUSION_GATED}), with the numbers either way; empty without a crossover or a share.
     */
    private static Optional<String> gatingReason(List<String> cases, PredictionTable.Evaluation hidden,
                                                 Map<EvidenceQuantity, Measurement> m) {
        if (!cases.contains(Outcome.CROSSOVER.key()) || !m.containsKey(EvidenceQuantity.ACTIVE_SHARE_SLOPE)) {
            return Optional.empty();
        }
        String numbers = String.join("; ", hidden.explain(Outcome.DIFFUSION_GATED, Compatibility.COMPATIBLE));
        if (hidden.holds(Outcome.DIFFUSION_GATED)) {
            return Optional.of("diagnosis, " + Outcome.DIFFUSION_GATED.words() + ": " + numbers + "; the weights' "
                    + "noise does not fade, units are switched off; whether the share of units on settles (a "
                    + "diffusion, sde) or vanishes (no diffusion) is for deeper networks to decide");
        }
        List<String> failing = new ArrayList<>(hidden.explain(Outcome.DIFFUSION_GATED, Compatibility.EXCLUDED));
        for (PredictionTable.RowResult r : hidden.results()) {
            if (r.row().outcome() == Outcome.DIFFUSION_GATED
                    && r.prediction().result() == Compatibility.NOT_AVAILABLE) {
                failing.add(r.row().quantity().key() + " not usable" + r.measurement()
                        .map(x -> x.note().isEmpty() ? "" : " (" + x.note() + ")").orElse(""));
            }
        }
        boolean excluded = hidden.statusOf(Outcome.DIFFUSION_GATED) == Compatibility.EXCLUDED;
        return Optional.of("diagnosis: the share of units on " + (excluded ? "does not account for the decay ("
                : "is not shown to account for the decay (") + String.join("; ", failing)
                + (numbers.isEmpty() ? "" : "; " + numbers) + ")");
    }

    private static List<String> equationReasons(Regime regime, LimitEquation equation, PredictionTable.Evaluation hidden,
                                                Map<EvidenceQuantity, Measurement> m) {
        if (regime != Regime.ODE) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String lin = "e_lin/sqrt(f) = " + value(m, EvidenceQuantity.E_LIN_RATIO) + ", slope of e_lin "
                + value(m, EvidenceQuantity.E_LIN_SLOPE);
        String nn = "e_nn/sqrt(f) = " + value(m, EvidenceQuantity.E_NN_RATIO) + ", slope of e_nn "
                + value(m, EvidenceQuantity.E_NN_SLOPE);
        String nl = "e_nonlin/sqrt(f) = " + value(m, EvidenceQuantity.E_NONLIN_RATIO) + ", slope of e_nonlin "
                + value(m, EvidenceQuantity.E_NONLIN_SLOPE);
        boolean ownLinear = !hidden.explain(Outcome.LINEAR_ODE, Compatibility.COMPATIBLE).stream()
                .filter(e -> e.startsWith("e_lin_")).toList().isEmpty();
        switch (equation) {
            case LINEAR_ODE -> out.add(ownLinear
                    ? "limit equation linear-ode: the own-coefficient linear network matches (" + lin + "; within a "
                    + "tenth of the fit error, or decaying at rate > 0.25); the nonlinearity: " + nl
                    : "limit equation linear-ode: the nonlinearity is immaterial or vanishing (the network against its "
                    + "own linearisation: " + nl + "; within a tenth of the fit error, or decaying at rate > 0.25); "
                    + "the own-coefficient linear network misses by what the " + "low-pass drops (" + lin + "; " + nn
                    + ")");
            case NEURAL_ODE -> out.add("limit equation neural-ode: the own-coefficient nonlinear network matches ("
                    + nn + ") and the nonlinearity does not vanish (" + nl + "; " + lin + ")");
            default -> out.add("limit equation none: neither own-coefficient network matches and the nonlinearity "
                    + "does not vanish (" + lin + "; " + nn + "; " + nl + ")");
        }
        return out;
    }

    private static String identificationDetail(PredictionTable.Evaluation hidden, UpgradedVerdict.CrossRun crossRun) {
        List<String> parts = new ArrayList<>();
        for (String e : hidden.explain(Outcome.IDENTIFIED, Compatibility.EXCLUDED)) {
            parts.add(e);
        }
        for (String e : hidden.explain(Outcome.IDENTIFIED, Compatibility.COMPATIBLE)) {
            parts.add(e);
        }
        List<String> cands = new ArrayList<>();
        for (UpgradedVerdict.CrossRunCandidate c : crossRun.candidates()) {
            if (c.equation() != LimitEquation.SDE) {
                cands.add(c.candidate() + " " + c.convergence() + c.rate().map(r -> " (error slope " + r.format() + ")")
                        .orElse(""));
            }
        }
        String detail = parts.isEmpty() ? "" : ": " + String.join("; ", parts);
        return detail + (cands.isEmpty() ? "" : "; one coefficient function for all networks (cross-run trend): "
                + String.join(", ", cands));
    }

    private static String sdeCredit(Regime regime, PredictionTable.Evaluation hidden,
                                    Map<EvidenceQuantity, Measurement> m) {
        if (!m.containsKey(EvidenceQuantity.SDE_RATIO) || !m.containsKey(EvidenceQuantity.E_NN_RATIO)) {
            return "the rough-part SDE is not available (no sigma'(0), or no network measured): not credited";
        }
        String numbers = "e_sde/e_nn = " + value(m, EvidenceQuantity.SDE_RATIO) + ", e_nn/sqrt(f) = "
                + value(m, EvidenceQuantity.E_NN_RATIO) + ", kappa = " + value(m, EvidenceQuantity.KAPPA);
        if (!hidden.holds(Outcome.SDE_CREDIT)) {
            List<String> failing = new ArrayList<>();
            for (PredictionTable.RowResult r : hidden.results()) {
                if (r.row().outcome() == Outcome.SDE_CREDIT
                        && r.prediction().result() != Compatibility.COMPATIBLE) {
                    failing.add(r.row().rule());
                }
            }
            return "the rough-part SDE is not credited (" + numbers + "); missing: " + String.join("; ", failing);
        }
        if (regime == Regime.ODE || regime == Regime.NEITHER) {
            // cannot happen for ode (smooth hidden states fail the credit's coherence clause); for neither the
            // increments do not shrink, so there is no limit for the SDE to be
            return "the rough-part SDE matches the network better than its smooth coefficients (" + numbers
                    + "), but the increments do not shrink: no limit SDE to credit";
        }
        return "the rough-part SDE is credited (" + numbers + "): the smooth coefficients alone miss the network, "
                + "the SDE driven by the rough part of the weights does not";
    }

    private static String weightLevel(RegimeVerdict first, Regime regime, PredictionTable.Evaluation weights) {
        String head = "weight-level corroboration (the scaling fits, first verdict " + first.regime().key() + ")";
        if (regime == Regime.INCONCLUSIVE) {
            return head + ": reported, not decisive";
        }
        if (first.regime() == regime) {
            return head + ": agrees";
        }
        Outcome o = Outcome.of(regime);
        List<String> against = weights.explain(o, Compatibility.EXCLUDED);
        List<String> with = weights.explain(o, Compatibility.COMPATIBLE);
        return head + ": " + with.size() + " of " + (with.size() + against.size()) + " weight-level quantities agree "
                + "with " + regime.key() + (against.isEmpty() ? "" : "; not at these depths: " + String.join("; ", against));
    }

    private static Optional<String> corroborationReason(Regime regime, PredictionTable.Evaluation c) {
        if (c.results().isEmpty() || regime == Regime.INCONCLUSIVE) {
            return Optional.empty();
        }
        Outcome o = Outcome.of(regime);
        List<String> parts = new ArrayList<>();
        for (PredictionTable.RowResult r : c.results()) {
            if (r.row().outcome() == o && r.prediction().result() != Compatibility.NOT_AVAILABLE) {
                parts.add(r.row().quantity().key() + " = " + r.measurement().map(x -> x.estimate().format()).orElse("")
                        + (r.prediction().result() == Compatibility.COMPATIBLE ? " agrees" : " does not (yet) agree")
                        + " (" + regime.key() + ": " + r.prediction().rule() + ")");
            }
        }
        return parts.isEmpty() ? Optional.empty()
                : Optional.of("limit-analysis corroboration of the weights as paths: " + String.join("; ", parts));
    }

    private static String confidenceSentence(String level, Regime regime, RegimeVerdict first, CellCounts cells) {
        if (regime == Regime.INCONCLUSIVE) {
            return "Low confidence: no verdict.";
        }
        String agree = first.regime() == regime ? "the weight-level verdict agrees"
                : "the weight-level verdict says " + first.regime().key();
        String conv = cells.unconverged() == 0 && cells.unknownStatus() == 0 ? "every judged cell converged"
                : cells.unconverged() + " cells in the range did not converge and " + cells.unknownStatus()
                + " are of unknown status";
        return (UpgradedVerdict.HIGH.equals(level) ? "High" : "Moderate") + " confidence: " + regime.key()
                + " is the only regime whose hidden-state predictions all hold; " + agree + "; " + conv + ".";
    }
}
