package org.rscale.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every {@link WeightStatistic} of one tensor of one cell (one depth, one seed): a row of
 * {@code statistics.csv}.
 *
 * <p>Undefined statistics (see {@link WeightStatistic#compute}) are absent from {@link #values()}, never
 * NaN: a sequence with a non-finite weight has no statistics at all, one with {@code L = 1} has no
 * statistics of increments.
 *
 * @param name              the tensor's name, e.g. {@code A}
 * @param L                 the depth
 * @param incrementExponent {@code f} used for {@link WeightStatistic#INCREMENT}
 * @param values            the defined statistics; copied into an unmodifiable map
 */
public record WeightStatistics(String name, int L, double incrementExponent, Map<WeightStatistic, Double> values) {

    /**
     * Copies {@code values} and checks every value is finite.
     *
     * @param name the tensor's name, e.g. {@code A}
     * @param L the depth
     * @param incrementExponent {@code f} used for {@link WeightStatistic#INCREMENT}
     * @param values the defined statistics; copied into an unmodifiable map
     */
    public WeightStatistics {
        EnumMap<WeightStatistic, Double> copy = new EnumMap<>(WeightStatistic.class);
        for (Map.Entry<WeightStatistic, Double> e : values.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("statistic " + e.getKey().key() + " of " + name
                        + " is not finite: " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Computes every statistic of a sequence, scanning it for non-finite values once.
     *
     * @param w                 the per-layer values; not modified
     * @param incrementExponent {@code f} in {@code L^f} for {@link WeightStatistic#INCREMENT}
     * @return the defined statistics
     * @throws IllegalArgumentException when {@code incrementExponent} is not finite
     */
    public static WeightStatistics of(WeightSequence w, double incrementExponent) {
        if (!Double.isFinite(incrementExponent)) {
            throw new IllegalArgumentException("increment exponent must be finite, got " + incrementExponent);
        }
        EnumMap<WeightStatistic, Double> map = new EnumMap<>(WeightStatistic.class);
        if (w.isFinite()) {
            for (WeightStatistic s : WeightStatistic.values()) {
                OptionalDouble v = s.computeFinite(w, incrementExponent);
                if (v.isPresent()) {
                    map.put(s, v.getAsDouble());
                }
            }
        }
        return new WeightStatistics(w.name(), w.L(), incrementExponent, map);
    }

    /**
     * @param s a statistic
     * @return its value, empty when undefined
     */
    public OptionalDouble get(WeightStatistic s) {
        Double v = values.get(s);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
