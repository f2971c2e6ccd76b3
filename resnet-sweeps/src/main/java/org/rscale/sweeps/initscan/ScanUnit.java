package org.rscale.sweeps.initscan;

import java.util.Locale;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;

/**
 * One work unit of an initialisation scan: one network draw, pushed forward and back for every
 * beta and every input. Units are independent, computed in any order by any process, and each is
 * published as one file.
 *
 * @param index the unit's position in the plan (the order of the assembled tables)
 * @param model res-1 or res-3
 * @param init  iid, smooth or fbm
 * @param hurst H for fbm, NaN otherwise
 * @param width d
 * @param depth L
 * @param draw  the network's index among the draws of its (model, init, H, width, depth)
 */
public record ScanUnit(int index, BranchModel model, Initialisation init, double hurst, int width, int depth,
                       int draw) implements WorkUnit {

    /**
     * The key of the unit's random streams: the settings that enter the network's law and the inputs
     * (not the model: res-1 and res-3 of one key share A, B and V; not the betas, which re-scale the
     * same network; not the number of inputs, so that more inputs extend the same sequence).
     *
     * @param config the scan
     * @return e.g. {@code jmlr-init|fbm(H=0.3)|d=40|m=64|L=1000|draw=2}
     */
    public String streamKey(ScanConfig config) {
        return "jmlr-init|" + config.law(init, hurst).streamKey() + "|d=" + width + "|m=" + config.inputDim() + "|L="
                + depth + "|draw=" + draw;
    }

    /**
     * @param units the plan's number of units (for the zero padding)
     * @return the unit's file name without extension, e.g. {@code unit-00042}
     */
    public String name(int units) {
        int digits = Math.max(5, Integer.toString(Math.max(0, units - 1)).length());
        return String.format(Locale.ROOT, "unit-%0" + digits + "d", index);
    }

    /**
     * A relative cost estimate, for ordering and the ETA: weights drawn plus multiply-adds.
     *
     * @param config the scan
     * @return the estimate
     */
    public double cost(ScanConfig config) {
        double layer = (double) width * width * model.matricesPerLayer();
        double columns = (double) config.betas().size() * config.inputs();
        return depth * layer * (4 + 2 * columns);
    }

    /** @return e.g. {@code res-3, fbm(H=0.3), d=40, L=1000, draw 2} (H to 4 significant digits) */
    @Override
    public String describe() {
        return model.key() + ", " + (init == Initialisation.FBM ? "fbm(H=" + compact(hurst) + ")" : init.key())
                + ", d=" + width + ", L=" + depth + ", draw " + draw;
    }

    /**
     * @param v a number
     * @return it to 4 significant digits, without trailing zeros (0.1420 for 0.14200000000000002 reads 0.142)
     */
    public static String compact(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
