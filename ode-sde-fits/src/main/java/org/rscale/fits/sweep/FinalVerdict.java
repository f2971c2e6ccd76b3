package org.rscale.fits.sweep;

import java.util.List;
import java.util.Optional;

import org.rscale.fits.Evidence;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;

/**
 * The verdict of one group as a report shows it, whichever stage wrote verdict.json ({@link VerdictFiles#readFinal}):
 * the decision in one sentence, the confidence, the reasons, and the evidence table.
 *
 * @param group           the group id
 * @param stage           {@code fit} (the upgraded verdict, decided on the hidden states) or {@code analyze} (the
 *                        weight-level verdict only)
 * @param regime          ode, sde, neither or inconclusive
 * @param limitEquation   the limit equation
 * @param decision        the decision in one sentence a reader can quote
 * @param confidenceLevel high, moderate or low
 * @param confidence      the confidence in one sentence
 * @param reasons         the reasons, decisive first
 * @param evidence        the evidence rows: quantity, estimate and interval, what each regime predicts, which
 *                        regimes it points to
 * @param identification  the identification qualifier in words (fit stage, ode or sde), if any
 */
public record FinalVerdict(String group, String stage, Regime regime, LimitEquation limitEquation, String decision,
                           String confidenceLevel, String confidence, List<String> reasons, List<Evidence> evidence,
                           Optional<String> identification) {
    /** Copies. */
    public FinalVerdict {
        reasons = List.copyOf(reasons);
        evidence = List.copyOf(evidence);
    }
}
