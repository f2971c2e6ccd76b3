package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;

/**
 * The work units of a scan: for every model, init, Hurst index (fbm only), width, depth and draw, in
 * that order (the last fastest), one {@link ScanUnit}. The plan is a pure function of the
 * configuration, so every process that reads {@code scan.yaml} agrees on the unit indices.
 *
 * @param config the scan
 * @param units  the units, in plan order
 */
public record ScanPlan(ScanConfig config, List<ScanUnit> units) {

    /**
     * Copies the list.
     *
     * @param config the scan
     * @param units  the units
     */
    public ScanPlan {
        units = List.copyOf(units);
    }

    /**
     * @param config the scan
     * @return its plan
     */
    public static ScanPlan of(ScanConfig config) {
        List<ScanUnit> units = new ArrayList<>();
        for (BranchModel model : config.models()) {
            for (Initialisation init : config.inits()) {
                List<Double> hursts = init == Initialisation.FBM ? config.hursts() : List.of(Double.NaN);
                for (double hurst : hursts) {
                    for (int width : config.widths()) {
                        for (int depth : config.depths()) {
                            for (int draw = 0; draw < config.draws(); draw++) {
                                units.add(new ScanUnit(units.size(), model, init, hurst, width, depth, draw));
                            }
                        }
                    }
                }
            }
        }
        return new ScanPlan(config, units);
    }

    /**
     * @param index a unit index
     * @return the unit
     * @throws org.rscale.sweeps.InvalidInputException if there is no such unit
     */
    public ScanUnit unit(int index) {
        if (index < 0 || index >= units.size()) {
            throw new org.rscale.sweeps.InvalidInputException("--index " + index + " is outside the plan's units 0.."
                    + (units.size() - 1));
        }
        return units.get(index);
    }
}
