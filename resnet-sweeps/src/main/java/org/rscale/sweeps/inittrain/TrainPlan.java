package org.rscale.sweeps.inittrain;

import java.util.ArrayList;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;

/**
 * The trainings of a study: for every init, Hurst index (fbm only), beta, learning rate and seed, in
 * that order (the last fastest), one {@link TrainUnit}; a pure function of the configuration.
 *
 * @param config the study
 * @param units  the units, in plan order
 */
public record TrainPlan(TrainConfig config, List<TrainUnit> units) {

    /**
     * Copies the list.
     *
     * @param config the study
     * @param units  the units
     */
    public TrainPlan {
        units = List.copyOf(units);
    }

    /**
     * @param config the study
     * @return its plan
     */
    public static TrainPlan of(TrainConfig config) {
        List<TrainUnit> units = new ArrayList<>();
        for (Initialisation init : config.inits()) {
            for (double hurst : init == Initialisation.FBM ? config.hursts() : List.of(Double.NaN)) {
                for (double beta : config.betas()) {
                    for (double lr : config.lrs()) {
                        for (int seed : config.seeds()) {
                            units.add(new TrainUnit(units.size(), init, hurst, beta, lr, seed));
                        }
                    }
                }
            }
        }
        return new TrainPlan(config, units);
    }

    /**
     * @param index a unit index
     * @return the unit
     * @throws InvalidInputException if there is no such unit
     */
    public TrainUnit unit(int index) {
        if (index < 0 || index >= units.size()) {
            throw new InvalidInputException("--index " + index + " is outside the plan's units 0.." + (units.size() - 1));
        }
        return units.get(index);
    }
}
