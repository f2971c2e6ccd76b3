package org.rscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A group of cells in words, from the settings its cells share: {@code tanh, shared δ}, and the data set when it
 * is not the synthetic one.
 */
final class GroupTitle {

    private GroupTitle() {
    }

    /**
     * @param settings the group's settings
     * @param id       the group's id, used when the settings name no activation
     * @return the title
     */
    static String of(Map<String, Object> settings, String id) {
        Object act = settings.get("activation");
        Object delta = settings.get("delta");
        if (act == null) {
            return id.replace('_', ' ');
        }
        List<String> parts = new ArrayList<>();
        parts.add(act.toString());
        if (delta != null) {
            parts.add("none".equals(delta) ? "no δ" : delta + " δ");
        }
        Object data = settings.get("data.kind");
        if (data != null && !"synthetic".equals(data)) {
            parts.add(data.toString());
        }
        return String.join(", ", parts);
    }
}
