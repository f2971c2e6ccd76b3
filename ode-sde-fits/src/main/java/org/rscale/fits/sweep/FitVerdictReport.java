package org.rscale.fits.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.paths.LimitAnalysis;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * The content of {@code verdict.json} once {@code rscale fit} has upgraded it. Every key of the first verdict
 * ({@link VerdictReport}, written by {@code rscale analyze}) is kept, so readers of that file keep working;
 * {@code regime}, {@code limit_equation}, {@code regimes}, {@code reasons} and {@code confidence} now hold the
 * upgraded decision ({@link LimitVerdictRule}), and each group gains
 * <pre>
 *   confidence_level   high | moderate | low
 *   first_verdict      the first verdict's regime, limit_equation, regimes, reasons, confidence
 *   limit_evidence     the limit evidence: items (estimate, interval, predictions per regime), the comparison
 *                      with each candidate limit, the best match, the inputs used ({@link LimitEvidence})
 * </pre>
 * and the report gains {@code stage = fit} ({@code analyze} files have no such key).
 *
 * @param formatVersion     {@value VerdictReport#FORMAT_VERSION}, as the first verdict's (the keys are a superset)
 * @param directory         the analysed directory
 * @param incrementExponent f of the increment statistic the fits used
 * @param ciLevel           the confidence level of every interval
 * @param stage             {@value #STAGE}
 * @param groups            the upgraded verdicts
 * @param provenance        where and how the fit ran
 */
public record FitVerdictReport(int formatVersion, String directory, double incrementExponent, double ciLevel,
                               String stage, List<Group> groups, Provenance provenance) {
    /** The stage key of an upgraded verdict.json. */
    public static final String STAGE = "fit";

    // Copies.
    public FitVerdictReport {
        groups = List.copyOf(groups);
    }

    /**
     * One group's upgraded verdict as written.
     *
     * @param group           the group id
     * @param settings        the settings the group's cells share
     * @param depths          the distinct depths
     * @param seeds           the distinct known seeds
     * @param verdict         the upgraded verdict, written inline
     * @param confidenceLevel high, moderate or low
     * @param firstVerdict    the first verdict's decision
     * @param limitEvidence   the limit evidence
     */
    public record Group(String group, Map<String, Object> settings, List<Integer> depths, List<Integer> seeds,
                        @JsonUnwrapped RegimeVerdict verdict, String confidenceLevel,
                        UpgradedVerdict.FirstVerdict firstVerdict, LimitEvidence limitEvidence) {
        // Copies.
        public Group {
            settings = Map.copyOf(settings);
            depths = List.copyOf(depths);
            seeds = List.copyOf(seeds);
        }

        /** @return the dataset the group trained on (written as {@code dataset}) */
        @com.fasterxml.jackson.annotation.JsonProperty("dataset")
        public String dataset() {
            return org.rscale.sweeps.config.CellSettings.datasetName(settings);
        }
    }

    /**
     * Upgrades every group's first verdict with its limit evidence.
     *
     * @param first    the first verdicts
     * @param limits   the limit analysis
     * @param fits     the limit fit (comparison with the candidates)
     * @param criteria the limit thresholds
     * @param started  when the fit started
     * @return the report
     */
    public static FitVerdictReport of(VerdictReport first, LimitAnalysis limits, SweepLimits fits,
                                      LimitCriteria criteria, Instant started) {
        Map<String, LimitAnalysis.GroupLimits> lim = limits.byGroup();
        Map<String, SweepLimits.GroupFit> fit = fits.byGroup();
        List<Group> out = new ArrayList<>();
        for (GroupVerdict g : first.groups()) {
            LimitFacts facts = facts(g.verdict().tensor(), lim.get(g.group()), fit.get(g.group()));
            UpgradedVerdict u = LimitVerdictRule.decide(g.verdict(), facts, criteria);
            out.add(new Group(g.group(), g.settings(), g.depths(), g.seeds(), u.verdict(), u.confidenceLevel(),
                    u.firstVerdict(), u.limitEvidence()));
        }
        return new FitVerdictReport(first.formatVersion(), first.directory(), first.incrementExponent(),
                first.ciLevel(), STAGE, out, Provenance.here("none", "float64", false, "cpu", started, Instant.now()));
    }

    /**
     * The limit measurements of one group.
     *
     * @param tensor the judged tensor
     * @param gl     its limit analysis, or null
     * @param gf     its limit fit, or null
     * @return the facts
     */
    public static LimitFacts facts(String tensor, LimitAnalysis.GroupLimits gl, SweepLimits.GroupFit gf) {
        Optional<ScalingFit> conv = Optional.empty();
        Optional<MedianEstimate> hurst = Optional.empty();
        int hurstDepth = 0;
        Optional<ScalingFit> noise = Optional.empty();
        double[] ratios = new double[0];
        List<String> notes = new ArrayList<>();
        if (gl != null) {
            conv = gl.rate(tensor, LimitAnalysis.CONVERGENCE_SUP);
            for (LimitAnalysis.PooledRoughness p : gl.pooled()) {
                if (p.tensor().equals(tensor)) {
                    hurst = p.hurst();
                    hurstDepth = p.depth();
                }
            }
            noise = gl.rate(tensor, LimitAnalysis.RAW_NOISE_QUADRATIC_VARIATION);
            int deepest = 0;
            for (LimitAnalysis.DenoisedCell c : gl.denoised()) {
                deepest = Math.max(deepest, c.depth());
            }
            List<Double> r = new ArrayList<>();
            for (LimitAnalysis.DenoisedCell c : gl.denoised()) {
                if (c.tensor().equals(tensor) && c.depth() == deepest && c.trainLoss().isPresent()
                        && c.denoisedLoss().isPresent() && c.trainLoss().getAsDouble() > 0) {
                    r.add(c.denoisedLoss().getAsDouble() / c.trainLoss().getAsDouble());
                }
            }
            ratios = r.stream().mapToDouble(Double::doubleValue).toArray();
            if (!LimitAnalysis.OK.equals(gl.trendNote())) {
                notes.add("trend: " + gl.trendNote());
            }
        } else {
            notes.add("no limit analysis for this group");
        }
        if (gf == null) {
            return new LimitFacts(conv, hurst, hurstDepth, noise, ratios, Optional.empty(), List.of(), "none", notes);
        }
        notes.addAll(gf.notes());
        return new LimitFacts(conv, hurst, hurstDepth, noise, ratios, gf.comparison(), gf.candidates(),
                gf.inputSource(), notes);
    }

    /**
     * Writes the report as JSON (sorted keys, snake_case), atomically replacing the first verdict.
     *
     * @param file the destination, conventionally {@code <sweep>/analysis/verdict.json}
     */
    public void write(Path file) {
        AtomicFiles.write(file, out -> DataFormats.json().writeValue(out, this));
    }
}
