package org.rscale.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cells that differ only in depth and seed: the unit of a scaling fit and of a verdict.
 *
 * <p>Group ids name the settings that tell the groups of a directory apart, e.g.
 * {@code activation-relu_delta-per-layer}; a directory with one group calls it {@code all}. Cells
 * without run.json (foreign weights) carry only their width and form one group per width
 * ({@code foreign}, or {@code foreign_dim-5} when widths differ).
 *
 * @param id       a short name, safe in file names
 * @param settings the shared settings (without depth and seed); empty when unknown
 * @param cells    the cells, by depth then seed then id
 */
public record CellGroup(String id, Map<String, Object> settings, List<CellResult> cells) {
    /** The width's key: foreign weights carry it (from their shape) and nothing else. */
    private static final String DIM_KEY = "data.dim";

    // Copies.
    public CellGroup {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        cells = List.copyOf(cells);
    }

    /**
     * @param cells every cell of a directory
     * @return its groups, ordered by id
     */
    public static List<CellGroup> of(List<CellResult> cells) {
        Map<Map<String, Object>, List<CellResult>> byKey = new LinkedHashMap<>();
        for (CellResult c : cells) {
            byKey.computeIfAbsent(new TreeMap<>(c.settings()), k -> new ArrayList<>()).add(c);
        }
        TreeSet<String> varying = new TreeSet<>();
        List<Map<String, Object>> keys = new ArrayList<>(byKey.keySet());
        for (Map<String, Object> k : keys) {
            for (Map.Entry<String, Object> e : k.entrySet()) {
                for (Map<String, Object> other : keys) {
                    if (!Objects.equals(other.get(e.getKey()), e.getValue())) {
                        varying.add(e.getKey());
                    }
                }
            }
        }
        List<CellGroup> out = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        for (Map.Entry<Map<String, Object>, List<CellResult>> e : byKey.entrySet()) {
            String id = idOf(e.getKey(), varying, keys.size());
            String unique = id;
            for (int i = 2; used.contains(unique); i++) {
                unique = id + "-" + i;
            }
            used.add(unique);
            List<CellResult> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> a.depth() != b.depth() ? Integer.compare(a.depth(), b.depth())
                    : a.seed() != null && b.seed() != null && !a.seed().equals(b.seed())
                    ? Integer.compare(a.seed(), b.seed()) : a.id().compareTo(b.id()));
            out.add(new CellGroup(unique, e.getKey(), sorted));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    private static String idOf(Map<String, Object> settings, TreeSet<String> varying, int groups) {
        if (groups == 1) {
            return "all";
        }
        // foreign weights (no run.json) know only their width
        boolean foreign = settings.keySet().stream().allMatch(DIM_KEY::equals);
        StringBuilder s = new StringBuilder(foreign ? "foreign" : "");
        for (String k : varying) {
            if (!settings.containsKey(k)) {
                continue;
            }
            if (s.length() > 0) {
                s.append('_');
            }
            String key = k.startsWith("data.") ? k.substring(5) : k;
            s.append(key).append('-').append(settings.get(k));
        }
        String id = s.length() == 0 ? "all" : s.toString();
        return id.replaceAll("[^A-Za-z0-9.+_-]", "-").toLowerCase(Locale.ROOT);
    }

    /** @return the delta variant the group's settings name, or null when unknown */
    public String deltaMode() {
        Object v = settings.get("delta");
        return v == null ? null : v.toString();
    }
}
