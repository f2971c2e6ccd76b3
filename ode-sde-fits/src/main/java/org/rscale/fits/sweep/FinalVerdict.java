package org.rscale.fits.sweep;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rscale.fits.CellCounts;
import org.rscale.fits.Compatibility;
import org.rscale.fits.Estimate;
import org.rscale.fits.Evidence;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.sweeps.config.CellSettings;

/**
 * The verdict of one group as a report shows it, whichever stage wrote verdict.json ({@link VerdictFiles#read}):
 * the decision in one sentence, the confidence, the reasons, the evidence table, and the group's identity.
 *
 * @param group           the group id
 * @param stage           {@code fit} (the upgraded verdict, decided on the hidden states) or {@code analyze} (the
 *                        weight-level verdict only)
 * @param settings        the settings the group's cells share
 * @param depths          the depths judged (fit: the hidden-state range; analyze: every depth of the group)
 * @param seeds           the group's distinct known seeds
 * @param regime          ode, sde, neither or inconclusive
 * @param limitEquation   the limit equation
 * @param decision        the decision in one sentence a reader can quote
 * @param confidenceLevel high, moderate or low
 * @param confidence      the confidence in one sentence
 * @param reasons         the reasons, decisive first
 * @param regimes         each regime's standing under the deciding rows
 * @param evidence        the evidence rows: quantity, estimate and interval, what each outcome predicts, which
 *                        regimes it points to
 * @param identification  the identification qualifier in words (fit stage, ode or sde), if any
 * @param tensor          the judged tensor of the weight-level verdict
 * @param beta            its exponent, when fitted
 * @param cells           how the group's cells (in the judged range) ended
 */
public record FinalVerdict(String group, String stage, Map<String, Object> settings, List<Integer> depths,
                           List<Integer> seeds, Regime regime, LimitEquation limitEquation, String decision,
                           String confidenceLevel, String confidence, List<String> reasons,
                           Map<Regime, Compatibility> regimes, List<Evidence> evidence,
                           Optional<String> identification, String tensor, Optional<Estimate> beta,
                           CellCounts cells) {
    /** Copies. */
    public FinalVerdict {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        depths = List.copyOf(depths);
        seeds = List.copyOf(seeds);
        reasons = List.copyOf(reasons);
        EnumMap<Regime, Compatibility> r = new EnumMap<>(Regime.class);
        r.putAll(regimes);
        regimes = Collections.unmodifiableMap(r);
        evidence = List.copyOf(evidence);
    }

    /** @return the dataset the group trained on, e.g. {@code synthetic (d = 10)} ({@link CellSettings#datasetName}) */
    public String dataset() {
        return CellSettings.datasetName(settings);
    }
}
