package org.rscale.fits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regime verdict for one tensor of one group of cells (SCIENCE.md section 5), produced by
 * {@link VerdictRule#decide}.
 *
 * @param regime             the verdict; {@link Regime#INCONCLUSIVE} rather than a guess
 * @param limitEquation      the limit equation it implies ({@link LimitEquation#NONE} unless ode or sde)
 * @param tensor             the judged tensor
 * @param beta               {@code -slope} of the max norm (or of its robust stand-in), with its interval; empty
 *                           without such a fit
 * @param betaAverage        {@code -slope} of the depth average's norm, when fitted
 * @param betaVarying        {@code -slope} of the depth-varying part, when fitted
 * @param alpha              {@code -slope} of the shared {@code |delta|} max norm; empty without that fit
 * @param alphaPlusBeta      {@code alpha + beta} with conservative bounds; empty without both
 * @param alphaPlusBetaIsOne whether {@code alpha + beta} is compatible with 1 (H1 needs {@code delta A ~ 1/L})
 * @param regimes            the status of each candidate regime (ode, sde, neither); unmodifiable
 * @param evidence           every quantity weighed, with its predictions; unmodifiable
 * @param reasons            plain-English reasons, the decisive ones first; unmodifiable
 * @param confidence         a one-sentence confidence statement
 * @param cells              how the group's cells ended
 * @param nDepths            distinct depths in the group
 * @param criteria           the thresholds used
 */
public record RegimeVerdict(Regime regime, LimitEquation limitEquation, String tensor, Optional<Estimate> beta,
                            Optional<Estimate> betaAverage, Optional<Estimate> betaVarying, Optional<Estimate> alpha,
                            Optional<Estimate> alphaPlusBeta,
                            Compatibility alphaPlusBetaIsOne, Map<Regime, Compatibility> regimes,
                            List<Evidence> evidence, List<String> reasons, String confidence, CellCounts cells,
                            int nDepths, RegimeCriteria criteria) {

    /**
     * Copies the collections.
     *
     * @param regime the verdict; {@link Regime#INCONCLUSIVE} rather than a guess
     * @param limitEquation the limit equation it implies ({@link LimitEquation#NONE} unless ode or sde)
     * @param tensor the judged tensor
     * @param beta {@code -slope} of the max norm (or its robust stand-in), with its interval
     * @param betaAverage {@code -slope} of the depth average's norm, when fitted
     * @param betaVarying {@code -slope} of the depth-varying part, when fitted
     * @param alpha {@code -slope} of the shared {@code |delta|} max norm; empty without that fit
     * @param alphaPlusBeta {@code alpha + beta} with conservative bounds; empty without both
     * @param alphaPlusBetaIsOne whether {@code alpha + beta} is compatible with 1 (H1 needs {@code delta A ~ 1/L})
     * @param regimes the status of each candidate regime (ode, sde, neither); unmodifiable
     * @param evidence every quantity weighed, with its predictions; unmodifiable
     * @param reasons plain-English reasons, the decisive ones first; unmodifiable
     * @param confidence a one-sentence confidence statement
     * @param cells how the group's cells ended
     * @param nDepths distinct depths in the group
     * @param criteria the thresholds used
     */
    public RegimeVerdict {
        EnumMap<Regime, Compatibility> copy = new EnumMap<>(Regime.class);
        copy.putAll(regimes);
        regimes = Collections.unmodifiableMap(copy);
        evidence = List.copyOf(evidence);
        reasons = List.copyOf(reasons);
    }

    /**
     * @param quantity a quantity
     * @return its evidence, if it was weighed
     */
    public Optional<Evidence> evidence(EvidenceQuantity quantity) {
        for (Evidence e : evidence) {
            if (e.quantity() == quantity) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
