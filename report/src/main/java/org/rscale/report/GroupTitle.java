package org.rscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.data.DataKind;

/**
 * A group of cells in words, from the settings its cells share: {@code tanh, shared δ}, and the data set when it
 * is not the synthetic one ({@code tanh, shared δ, fashion-mnist}); a convolutional ResNet as
 * {@code conv ResNet, base width 64, cifar10}.
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
        List<String> parts = new ArrayList<>();
        if ("conv".equals(settings.get(Setting.MODEL.key()))) {
            parts.add("conv ResNet");
            Object width = settings.get(Setting.CONV_BASE_WIDTH.key());
            if (width != null) {
                parts.add("base width " + width);
            }
        } else if (act == null) {
            return id.replace('_', ' ');
        } else {
            parts.add(act.toString());
            if (delta != null) {
                parts.add("none".equals(delta) ? "no δ" : delta + " δ");
            }
        }
        String data = CellSettings.datasetShortName(settings);
        if (!data.isEmpty() && !DataKind.SYNTHETIC.key().equals(data)) {
            parts.add(data);
        }
        return String.join(", ", parts);
    }
}
