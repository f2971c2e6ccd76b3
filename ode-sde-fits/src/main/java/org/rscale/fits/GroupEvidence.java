package org.rscale.fits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.rscale.analysis.ScalingFit;
import org.rscale.analysis.WeightStatistic;
import org.rscale.analysis.WeightStatistics;
import org.rscale.sweeps.InvalidInputException;

/**
 * The input of one regime verdict: one tensor of a group of cells that differ only in depth and seed.
 *
 * <p>The increment fit may have been computed with a rescaling exponent {@code f} (the statistic is
 * {@code L^f max ||T_k - T_{k-1}||}); the verdict uses the raw slope {@code slope - f}.
 *
 * @param tensor            the judged tensor, e.g. {@code A} or {@code delta_A}
 * @param fits              log-log fits of the tensor's statistics; may lack entries; copied, unmodifiable
 * @param incrementExponent {@code f} used for the {@code increment} statistic of these fits
 * @param deltaMaxNorm      fit of the max norm of the shared {@code |delta|}, for alpha; empty when the
 *                          variant has no shared delta or the judged tensor already includes it
 * @param cells             how the group's cells ended
 * @param nDepths           distinct depths among the fitted cells
 */
public record GroupEvidence(String tensor, Map<WeightStatistic, ScalingFit> fits, double incrementExponent,
                            Optional<ScalingFit> deltaMaxNorm, CellCounts cells, int nDepths) {

    /**
     * Validates and copies.
     *
     * @param tensor the judged tensor, e.g. {@code A} or {@code delta_A}
     * @param fits log-log fits of the tensor's statistics; may lack entries; copied, unmodifiable
     * @param incrementExponent {@code f} used for the {@code increment} statistic of these fits
     * @param deltaMaxNorm fit of the max norm of the shared {@code |delta|}, for alpha; empty when the variant has no shared delta or the judged tensor already includes it
     * @param cells how the group's cells ended
     * @param nDepths distinct depths among the fitted cells
     * @throws InvalidInputException    when the tensor name is blank, {@code nDepths < 0} or the increment
     *                                  exponent is not finite
     * @throws NullPointerException     when a component is null
     */
    public GroupEvidence {
        if (tensor == null || tensor.isBlank()) {
            throw new InvalidInputException("group evidence: tensor name must not be blank");
        }
        Objects.requireNonNull(deltaMaxNorm, "deltaMaxNorm");
        Objects.requireNonNull(cells, "cells");
        if (!Double.isFinite(incrementExponent)) {
            throw new InvalidInputException("group evidence " + tensor + ": increment exponent " + incrementExponent
                    + " is not finite");
        }
        if (nDepths < 0) {
            throw new InvalidInputException("group evidence " + tensor + ": n_depths = " + nDepths + " is negative");
        }
        EnumMap<WeightStatistic, ScalingFit> copy = new EnumMap<>(WeightStatistic.class);
        copy.putAll(fits);
        fits = Collections.unmodifiableMap(copy);
    }

    /**
     * Builds the evidence from the statistics of every fitted (non-diverged) cell.
     *
     * @param statistics   the statistics of each fitted cell, one tensor, one increment exponent, at least one
     * @param deltaMaxNorm fit of the shared {@code |delta|} max norm, or empty
     * @param cells        how the group's cells ended
     * @param level        the confidence level of the fits, in (0, 1)
     * @return the evidence; the tensor and increment exponent are those of the statistics
     * @throws IllegalArgumentException when {@code statistics} is empty or mixes tensors or exponents
     */
    public static GroupEvidence of(List<WeightStatistics> statistics, Optional<ScalingFit> deltaMaxNorm,
                                   CellCounts cells, double level) {
        if (statistics.isEmpty()) {
            throw new IllegalArgumentException("no cell statistics");
        }
        Set<Integer> depths = new HashSet<>();
        for (WeightStatistics s : statistics) {
            depths.add(s.L());
        }
        WeightStatistics first = statistics.get(0);
        return new GroupEvidence(first.name(), ScalingFit.ofAll(statistics, level), first.incrementExponent(),
                deltaMaxNorm, cells, depths.size());
    }

    /**
     * @param s a statistic
     * @return its fit, if any
     */
    public Optional<ScalingFit> fit(WeightStatistic s) {
        return Optional.ofNullable(fits.get(s));
    }
}
