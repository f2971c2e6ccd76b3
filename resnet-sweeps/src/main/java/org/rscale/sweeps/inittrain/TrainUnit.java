package org.rscale.sweeps.inittrain;

import java.util.Locale;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.ScanUnit;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * One training of a trained study: res-1 from one initial law, with one beta, learning rate and seed.
 *
 * @param index the unit's position in the plan
 * @param init  iid, smooth or fbm
 * @param hurst H for fbm, NaN otherwise
 * @param beta  the exponent of alpha = L^-beta
 * @param lr    Adam's initial learning rate
 * @param seed  the seed of the initial weights and the batch order
 */
public record TrainUnit(int index, Initialisation init, double hurst, double beta, double lr, int seed)
        implements WorkUnit {

    /**
     * @param units the plan's number of units
     * @return the unit's directory name, e.g. {@code unit-00042}
     */
    public String name(int units) {
        int digits = Math.max(5, Integer.toString(Math.max(0, units - 1)).length());
        return String.format(Locale.ROOT, "unit-%0" + digits + "d", index);
    }

    /**
     * The key of the initial weights' stream: the law and the shapes, not beta or the learning rate,
     * so that every beta and learning rate of one law and seed starts from the same weights.
     *
     * @param config the study
     * @param inputs m, the pixels per image
     * @param classes the number of classes
     * @return the key
     */
    public String initKey(TrainConfig config, int inputs, int classes) {
        return "jmlr-train|" + config.law(init, hurst).streamKey() + "|d=" + config.width() + "|m=" + inputs + "|L="
                + config.depth() + "|classes=" + classes;
    }

    /** @return e.g. {@code fbm(H=0.3), beta 0.5, lr 0.001, seed 0} */
    @Override
    public String describe() {
        return (init == Initialisation.FBM ? "fbm(H=" + ScanUnit.compact(hurst) + ")" : init.key()) + ", beta "
                + ScanUnit.compact(beta) + ", lr " + lr + ", seed " + seed;
    }
}
