package org.rscale.fits.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.rscale.analysis.DepthRange;
import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.Estimate;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.dynamics.GroupDynamics;
import org.rscale.fits.dynamics.SweepDynamics;
import org.rscale.fits.limit.CandidateComparison;
import org.rscale.fits.limit.LimitComparison;
import org.rscale.fits.paths.GroupLimits;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.fits.paths.PooledRoughness;
import org.rscale.sweeps.run.Provenance;

/**
 * The content of {@code verdict.json} once {@code rscale fit} has upgraded it (written and read by
 * {@link VerdictFiles}): per group, the group's identity and the {@link UpgradedVerdict} inline, with the first
 * (weight-level) verdict whole under {@code first_verdict}; the report has {@code stage = fit}
 * ({@code rscale analyze} writes {@link VerdictReport}, without a stage).
 *
 * <p>Keys of a group: {@code group, settings, seeds}, then {@code regime, limit_equation, cases, decision,
 * identification, confidence_level, confidence, reasons, regimes, evidence, depth_range, depths (the judged
 * depths), deepest_depths, cells, input_source, f_source, tensor, beta, first_verdict, cross_run, criteria}.
 *
 * @param formatVersion     {@value #FORMAT_VERSION}
 * @param directory         the analysed directory
 * @param incrementExponent f of the increment statistic the fits used
 * @param ciLevel           the confidence level of every interval
 * @param stage             {@value #STAGE}
 * @param weightRange       the depths the weight-level fits used
 * @param groups            the upgraded verdicts
 * @param provenance        where and how the fit ran
 */
public record FitVerdictReport(int formatVersion, String directory, double incrementExponent, double ciLevel,
                               String stage, DepthRange weightRange, List<Group> groups, Provenance provenance) {
    /** The stage key of an upgraded verdict.json. */
    public static final String STAGE = "fit";
    /** The format version of an upgraded verdict.json (2: the second design). */
    public static final int FORMAT_VERSION = 2;

    /** Copies. */
    public FitVerdictReport {
        groups = List.copyOf(groups);
    }

    /**
     * One group's upgraded verdict as written.
     *
     * @param group    the group id
     * @param settings the settings the group's cells share
     * @param seeds    the distinct known seeds
     * @param verdict  the upgraded verdict, written inline
     */
    public record Group(String group, Map<String, Object> settings, List<Integer> seeds,
                        @JsonUnwrapped UpgradedVerdict verdict) {
        /** Copies. */
        public Group {
            settings = Map.copyOf(settings);
            seeds = List.copyOf(seeds);
        }

        /** @return the dataset the group trained on (written as {@code dataset}) */
        @com.fasterxml.jackson.annotation.JsonProperty("dataset")
        public String dataset() {
            return org.rscale.sweeps.config.CellSettings.datasetName(settings);
        }
    }

    /**
     * Upgrades every group's first verdict with its hidden-state statistics.
     *
     * @param first    the first verdicts
     * @param limits   the limit analysis (corroboration)
     * @param fits     the cross-run limit fit (identification evidence)
     * @param dynamics the hidden-state statistics
     * @param criteria the hidden-state thresholds
     * @param started  when the fit started
     * @return the report
     */
    public static FitVerdictReport of(VerdictReport first, LimitAnalysis limits, SweepLimits fits,
                                      SweepDynamics dynamics, DynamicsCriteria criteria, Instant started) {
        Map<String, GroupLimits> lim = limits.byGroup();
        Map<String, GroupFit> fit = fits.byGroup();
        Map<String, GroupDynamics> dyn = dynamics.byGroup();
        List<Group> out = new ArrayList<>();
        for (GroupVerdict g : first.groups()) {
            GroupDynamics d = dyn.get(g.group());
            UpgradedVerdict u = HiddenStateVerdict.decide(g.verdict(), d, corroboration(g.verdict().tensor(),
                    lim.get(g.group())), crossRun(fit.get(g.group())), g.verdict().criteria(), criteria);
            out.add(new Group(g.group(), g.settings(), g.seeds(), u));
        }
        return new FitVerdictReport(FORMAT_VERSION, first.directory(), first.incrementExponent(), first.ciLevel(),
                STAGE, first.depthRange(), out, Provenance.here("none", "float64", false, "cpu", started,
                Instant.now()));
    }

    /**
     * The limit analysis' corroboration of one group.
     *
     * @param tensor the judged tensor
     * @param gl     its limit analysis, or null
     * @return the convergence rate fit and the pooled Hurst exponent, when computed
     */
    static HiddenStateVerdict.LimitCorroboration corroboration(String tensor, GroupLimits gl) {
        if (gl == null) {
            return HiddenStateVerdict.LimitCorroboration.none();
        }
        Optional<ScalingFit> conv = gl.rate(tensor, LimitAnalysis.CONVERGENCE_SUP);
        Optional<MedianEstimate> hurst = Optional.empty();
        int depth = 0;
        for (PooledRoughness p : gl.pooled()) {
            if (p.tensor().equals(tensor)) {
                hurst = p.hurst();
                depth = p.depth();
            }
        }
        return new HiddenStateVerdict.LimitCorroboration(conv, hurst, depth);
    }

    /**
     * The cross-run comparison of one group.
     *
     * @param gf its limit fit, or null
     * @return the candidates and the best converging one
     */
    static UpgradedVerdict.CrossRun crossRun(GroupFit gf) {
        if (gf == null) {
            return new UpgradedVerdict.CrossRun(Optional.empty(), List.of());
        }
        List<UpgradedVerdict.CrossRunCandidate> out = new ArrayList<>();
        for (GroupFit.CandidateInfo info : gf.candidates()) {
            if (info.equation() == LimitEquation.SDE) {
                continue;
            }
            Optional<CandidateComparison> cc = gf.comparison().flatMap(c -> c.candidate(info.label()));
            out.add(new UpgradedVerdict.CrossRunCandidate(info.label(), info.equation(),
                    cc.map(c -> c.convergence().key()).orElse("not-available"),
                    cc.flatMap(CandidateComparison::rate).map(Estimate::slopeOf),
                    cc.map(CandidateComparison::deepestError).orElse(OptionalDouble.empty()), info.source()));
        }
        return new UpgradedVerdict.CrossRun(gf.comparison().flatMap(LimitComparison::best), out);
    }
}
