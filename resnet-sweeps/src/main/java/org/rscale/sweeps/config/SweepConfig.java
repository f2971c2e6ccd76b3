package org.rscale.sweeps.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;

/**
 * A resolved sweep: its name, seeds, depth grid and the list of values of every cell-level
 * setting. The cells are the cartesian product of depths, seeds and every listed value
 * ({@link #cells()}).
 *
 * @param name   the sweep's name
 * @param seeds  the training seeds, distinct, in the given order
 * @param depths the depth grid
 * @param grid   for every cell-level setting, its values (one or more, distinct, in the given order)
 * @param source where the settings came from (preset, file, overrides), for provenance
 */
public record SweepConfig(String name, List<Integer> seeds, DepthGrid depths, Map<Setting, List<Object>> grid,
                          String source) {
    /**
     * The most cells a sweep may have (depths x seeds x every listed value). A larger grid is refused
     * before any cell is built: its plan alone would take minutes and gigabytes, and no cluster runs an
     * array job of that many tasks (SLURM's default MaxArraySize is 1001).
     */
    public static final int MAX_CELLS = 100_000;

    // Copies and checks the lists.
    public SweepConfig {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new InvalidInputException("setting 'seeds' is empty: give at least one seed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new InvalidInputException("setting 'seeds' lists a seed twice: " + seeds);
        }
        Map<Setting, List<Object>> g = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.CELL) {
                List<Object> vals = grid.getOrDefault(s, List.of(s.defaultValue()));
                if (vals.isEmpty()) {
                    throw new InvalidInputException("setting '" + s.key() + "' has an empty list of values");
                }
                if (vals.stream().distinct().count() != vals.size()) {
                    throw new InvalidInputException("setting '" + s.key() + "' lists a value twice: " + vals);
                }
                g.put(s, List.copyOf(vals));
            }
        }
        grid = Collections.unmodifiableMap(g);
        long count = (long) depths.depths().size() * seeds.size();
        StringBuilder factors = new StringBuilder(depths.depths().size() + " depths x " + seeds.size() + " seeds");
        for (Map.Entry<Setting, List<Object>> e : g.entrySet()) {
            int n = e.getValue().size();
            if (n > 1) {
                count = Math.min(count * n, Long.MAX_VALUE / Integer.MAX_VALUE);
                factors.append(" x ").append(n).append(' ').append(e.getKey().key()).append(" values");
            }
        }
        if (count > MAX_CELLS) {
            throw new InvalidInputException("the sweep would have " + (count >= Long.MAX_VALUE / Integer.MAX_VALUE
                    ? "billions of" : String.valueOf(count)) + " cells (" + factors + "); a sweep holds at most "
                    + MAX_CELLS + " cells: split it into several sweeps");
        }
    }

    /** @return the cell-level settings given more than one value: what tells the groups of a sweep apart */
    public List<Setting> varying() {
        List<Setting> out = new ArrayList<>();
        for (Map.Entry<Setting, List<Object>> e : grid.entrySet()) {
            if (e.getValue().size() > 1) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Every cell: for each combination of listed values (in schema order, first setting slowest),
     * each depth (ascending), each seed (as given).
     *
     * @return the cells' settings; checked for consistency (e.g. batching=reference)
     */
    public List<CellSettings> cells() {
        List<Map<Setting, Object>> combos = new ArrayList<>();
        combos.add(new EnumMap<>(Setting.class));
        for (Map.Entry<Setting, List<Object>> e : grid.entrySet()) {
            List<Map<Setting, Object>> next = new ArrayList<>();
            for (Map<Setting, Object> c : combos) {
                for (Object v : e.getValue()) {
                    Map<Setting, Object> m = new EnumMap<>(c);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<CellSettings> cells = new ArrayList<>();
        List<Integer> depthList = depths.depths();
        for (Map<Setting, Object> combo : combos) {
            for (int depth : depthList) {
                for (int seed : seeds) {
                    cells.add(CellSettings.of(depth, seed, combo));
                }
            }
        }
        return cells;
    }

    /**
     * The configuration as a YAML tree (nested maps, single values as scalars, several as lists),
     * readable back by {@link SweepConfigLoader}.
     *
     * @return the tree, in schema order
     */
    public Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(Setting.NAME.key(), name);
        root.put(Setting.SEEDS.key(), seeds);
        Map<String, Object> d = new LinkedHashMap<>();
        if (depths.values().isEmpty()) {
            d.put("min", depths.min());
            d.put("max", depths.max());
            d.put("base", depths.base());
        } else {
            d.put("values", depths.values());
        }
        root.put("depths", d);
        for (Map.Entry<Setting, List<Object>> e : grid.entrySet()) {
            Object value = e.getValue().size() == 1 ? e.getValue().get(0) : e.getValue();
            put(root, e.getKey().key(), value);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
