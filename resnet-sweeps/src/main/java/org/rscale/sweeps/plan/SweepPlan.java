package org.rscale.sweeps.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.config.SweepConfig;

/**
 * The task list of a sweep: every cell with its index and id, longest first, so that N workers
 * finish close to total work / N. The order is a pure function of the configuration, so every
 * process that plans the same configuration (a cluster array task, a resumed sweep) agrees on
 * which index is which cell.
 *
 * <p>Cell ids: the values of the settings that vary across the sweep, then depth and seed, e.g.
 * {@code activation-relu_L00120_s0}, or {@code L00120_s0} when only depth and seed vary.
 *
 * @param config the resolved configuration
 * @param cells  the cells, index order
 */
public record SweepPlan(SweepConfig config, List<Cell> cells) {

    // Copies the list.
    public SweepPlan {
        cells = List.copyOf(cells);
    }

    /**
     * @param config a resolved configuration
     * @return its plan
     * @throws InvalidInputException when a cell's arrays would be larger than Java arrays can be
     *                               ({@link CellFootprint#checkArrays})
     */
    public static SweepPlan of(SweepConfig config) {
        List<Setting> varying = config.varying();
        List<Cell> unsorted = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CellSettings s : config.cells()) {
            String id = idOf(s, varying);
            if (!ids.add(id)) {
                throw new InvalidInputException("two cells of the sweep would share the id '" + id
                        + "' (values that differ only in characters not allowed in file names?)");
            }
            unsorted.add(new Cell(-1, id, s, cost(s)));
        }
        unsorted.sort(Comparator.comparingDouble(Cell::cost).reversed().thenComparing(Cell::id));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < unsorted.size(); i++) {
            Cell c = unsorted.get(i);
            cells.add(new Cell(i, c.id(), c.settings(), c.cost()));
        }
        SweepPlan plan = new SweepPlan(config, cells);
        CellFootprint.checkArrays(plan);
        return plan;
    }

    /**
     * @param index a task index
     * @return that cell
     * @throws InvalidInputException when the index is out of range
     */
    public Cell cell(int index) {
        if (index < 0 || index >= cells.size()) {
            throw new InvalidInputException("--index " + index + " is outside the task list 0.." + (cells.size() - 1));
        }
        return cells.get(index);
    }

    /**
     * @param settings a cell's settings
     * @param varying  the settings that vary across the sweep
     * @return its id
     */
    static String idOf(CellSettings settings, List<Setting> varying) {
        StringBuilder id = new StringBuilder();
        for (Setting s : varying) {
            String key = s.key().startsWith("data.") ? s.key().substring(5) : s.key();
            id.append(sanitise(key)).append('-').append(sanitise(settings.label(s))).append('_');
        }
        id.append(String.format(Locale.ROOT, "L%05d_s%d", settings.depth(), settings.seed()));
        return id.toString();
    }

    private static String sanitise(String s) {
        return s.replaceAll("[^A-Za-z0-9.+-]", "-");
    }

    /** The work of a cell, to order the tasks; a whole IDX split (size 0) counts as one unit per step. */
    private static double cost(CellSettings s) {
        return (double) s.depth() * s.epochs() * Math.max(1, s.trainSize()) * s.dim() * s.dim();
    }
}
