package org.rscale.fits;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.DepthRange;
import org.rscale.analysis.ConvNetSpectra;
import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.analysis.TensorSequences;
import org.rscale.analysis.WeightStatistic;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * The content of {@code verdict.json}: one {@link GroupVerdict} per group of a directory, with
 * the analysis settings and the provenance of the analysis.
 *
 * @param formatVersion     {@value #FORMAT_VERSION}
 * @param directory         the analysed directory
 * @param incrementExponent f of the increment statistic the fits used
 * @param ciLevel           the confidence level of every interval
 * @param depthRange        the depths judged (cells outside are measured, not fitted)
 * @param groups            the verdicts
 * @param provenance        where and how the analysis ran
 */
public record VerdictReport(int formatVersion, String directory, double incrementExponent, double ciLevel,
                            DepthRange depthRange, List<GroupVerdict> groups, Provenance provenance) {
    /**
     * The verdict.json format version: 2 since the second verdict design (prediction rows with a test and
     * unbounded ends, the depth-average and varying-part exponents, the depth range).
     */
    public static final int FORMAT_VERSION = 2;
    /** The status of a training that ran its whole schedule (the epoch cap). */
    private static final String COMPLETED_SCHEDULE = "max-epochs";

    // Copies.
    public VerdictReport {
        groups = List.copyOf(groups);
    }

    /**
     * Decides every group of an analysis.
     *
     * @param analysis the statistics and fits
     * @param criteria the thresholds
     * @param started  when the analysis started
     * @return the report
     */
    public static VerdictReport of(SweepAnalysis analysis, RegimeCriteria criteria, Instant started) {
        List<GroupVerdict> out = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            out.add(decide(g, criteria));
        }
        return new VerdictReport(FORMAT_VERSION, analysis.dir().toString(), analysis.incrementExponent(),
                analysis.level(), analysis.range(), out, Provenance.here("none", "float64", false, "cpu", started, Instant.now()));
    }

    /**
     * The verdict of one group: its judged tensor's fits, alpha for a shared delta (for a convolutional
     * network: conv1 is judged, alpha is conv2's exponent), and its cell counts.
     *
     * <p>Convolutional networks are trained for a fixed schedule (SCIENCE 1.3: 200 epochs of cosine-annealed
     * SGD, no stopping rule), so a cell that completed it ({@code max-epochs}) counts as converged; only the
     * fully-connected protocol stops on a loss threshold.
     *
     * @param g        the group's analysis
     * @param criteria the thresholds
     * @return the group's verdict
     */
    public static GroupVerdict decide(SweepAnalysis.GroupAnalysis g, RegimeCriteria criteria) {
        return decide(g, g.judged(), criteria);
    }

    /**
     * The verdict of one group judged on a given tensor, e.g. conv2 as a second opinion beside conv1.
     *
     * @param g        the group's analysis
     * @param tensor   the tensor judged
     * @param criteria the thresholds
     * @return the group's verdict on that tensor
     */
    public static GroupVerdict decide(SweepAnalysis.GroupAnalysis g, String tensor, RegimeCriteria criteria) {
        boolean conv = ConvNetSpectra.CONV1.equals(g.judged());
        int converged = 0;
        int unconverged = 0;
        int diverged = 0;
        int unknown = 0;
        TreeSet<Integer> depths = new TreeSet<>();
        TreeSet<Integer> seeds = new TreeSet<>();
        for (CellResult c : g.cellsInRange()) {
            depths.add(c.depth());
            if (c.seed() != null) {
                seeds.add(c.seed());
            }
            if (conv && COMPLETED_SCHEDULE.equals(c.status())) {
                converged++;
                continue;
            }
            switch (c.status()) {
                case CellResult.CONVERGED: converged++; break;
                case CellResult.DIVERGED: diverged++; break;
                case CellResult.UNKNOWN: unknown++; break;
                default: unconverged++; break;
            }
        }
        CellCounts counts = new CellCounts(g.cellsInRange().size(), converged, unconverged, diverged, unknown);
        Optional<ScalingFit> alpha = Optional.empty();
        if (TensorSequences.A.equals(tensor) && "shared".equals(g.group().deltaMode())) {
            alpha = g.fit(TensorSequences.DELTA, WeightStatistic.MAX_NORM);
        } else if (ConvNetSpectra.CONV1.equals(tensor)) {
            alpha = g.fit(ConvNetSpectra.CONV2, WeightStatistic.MAX_NORM); // conv2 plays delta_k
        }
        GroupEvidence evidence = new GroupEvidence(tensor,
                g.fits().getOrDefault(tensor, java.util.Map.of()), incrementExponentOf(g, tensor), alpha, counts,
                g.distinctDepths());
        RegimeVerdict v = VerdictRule.decide(evidence, criteria);
        return new GroupVerdict(g.group().id(), g.group().settings(), new ArrayList<>(depths), new ArrayList<>(seeds), v);
    }

    private static double incrementExponentOf(SweepAnalysis.GroupAnalysis g, String tensor) {
        for (CellResult c : g.group().cells()) {
            var s = c.statistics().get(tensor);
            if (s != null) {
                return s.incrementExponent();
            }
        }
        return 0;
    }

    /**
     * Writes the report as JSON (sorted keys, snake_case).
     *
     * @param file the destination, replaced atomically
     */
    public void write(Path file) {
        AtomicFiles.write(file, out -> DataFormats.json().writeValue(out, this));
    }
}
