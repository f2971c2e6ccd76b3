package org.rscale.fits.sweep;

import java.util.List;

import org.rscale.analysis.DepthRange;
import org.rscale.sweeps.run.Provenance;

/**
 * A verdict.json as a report reads it ({@link VerdictFiles#read}), whichever stage wrote it.
 *
 * @param stage             {@value FitVerdictReport#STAGE} or {@value VerdictFiles#ANALYZE}
 * @param directory         the analysed directory, as the analysis wrote it
 * @param incrementExponent f of the increment statistic the weight fits used
 * @param ciLevel           the confidence level of every interval
 * @param range             the depths the weight-level fits judged
 * @param provenance        where and how the verdict was computed
 * @param groups            one verdict per group, in the file's order
 */
public record FinalVerdicts(String stage, String directory, double incrementExponent, double ciLevel,
                            DepthRange range, Provenance provenance, List<FinalVerdict> groups) {
    /** Copies. */
    public FinalVerdicts {
        groups = List.copyOf(groups);
    }
}
