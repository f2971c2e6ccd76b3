package org.rscale.fits;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.rscale.sweeps.config.CellSettings;

/**
 * The verdict of one group of cells as written to {@code verdict.json}: the group's identity and
 * settings, then every field of its {@link RegimeVerdict}.
 *
 * @param group    the group id
 * @param settings the settings the group's cells share (without depth and seed)
 * @param depths   the distinct depths of its cells
 * @param seeds    the distinct known seeds
 * @param verdict  the verdict, written inline
 */
public record GroupVerdict(String group, Map<String, Object> settings, List<Integer> depths, List<Integer> seeds,
                           @JsonUnwrapped RegimeVerdict verdict) {

    // Copies.
    public GroupVerdict {
        settings = Map.copyOf(settings);
        depths = List.copyOf(depths);
        seeds = List.copyOf(seeds);
    }

    /** @return the dataset the group trained on, e.g. {@code mnist-features of fashion-mnist} (written as {@code dataset}) */
    @JsonProperty("dataset")
    public String dataset() {
        return CellSettings.datasetName(settings);
    }
}
