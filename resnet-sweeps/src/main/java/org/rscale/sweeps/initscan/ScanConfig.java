package org.rscale.sweeps.initscan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.SmoothVariant;

/**
 * A resolved initialisation scan: one checked value of every {@link ScanSetting}, with typed
 * accessors. The scan's work units are the cartesian product of models, inits, Hurst indices
 * (fbm only), widths, depths and draws ({@link ScanPlan}); every unit serves every beta.
 *
 * @param values every setting's value (as {@link ScanSetting#parse} returns it); unmodifiable
 * @param source where the settings came from (preset, file, overrides), for provenance
 */
public record ScanConfig(Map<ScanSetting, Object> values, String source) {

    /**
     * Fills in defaults, copies, and checks the settings that depend on each other.
     *
     * @param values the settings given (others take their defaults)
     * @param source where they came from
     * @throws InvalidInputException for inconsistent settings
     */
    public ScanConfig {
        Map<ScanSetting, Object> v = new EnumMap<>(ScanSetting.class);
        for (ScanSetting s : ScanSetting.values()) {
            v.put(s, values.getOrDefault(s, s.defaultValue()));
        }
        values = Collections.unmodifiableMap(v);
        int minWidth = Integer.MAX_VALUE;
        for (Object w : (List<?>) v.get(ScanSetting.WIDTHS)) {
            minWidth = Math.min(minWidth, (Integer) w);
        }
        int paths = (Integer) v.get(ScanSetting.PATHS);
        if (paths > minWidth) {
            throw new InvalidInputException("setting 'paths' (" + paths + ") exceeds the smallest width (" + minWidth
                    + "): the saved entries are V_k[0, j], j < paths");
        }
        if (((List<?>) v.get(ScanSetting.BETAS)).isEmpty() && paths == 0) {
            throw new InvalidInputException("setting 'betas' is empty and 'paths' is 0: nothing to compute");
        }
    }

    /** @return the models */
    public List<BranchModel> models() {
        List<BranchModel> out = new ArrayList<>();
        for (Object o : list(ScanSetting.MODEL)) {
            out.add(BranchModel.of((String) o, "setting 'model'"));
        }
        return out;
    }

    /** @return the initialisations of V_k, W_k */
    public List<Initialisation> inits() {
        List<Initialisation> out = new ArrayList<>();
        for (Object o : list(ScanSetting.INIT)) {
            out.add(Initialisation.of((String) o));
        }
        return out;
    }

    /** @return the Hurst indices of the fbm law */
    public List<Double> hursts() {
        return doubles(ScanSetting.HURSTS);
    }

    /** @return the widths */
    public List<Integer> widths() {
        return ints(ScanSetting.WIDTHS);
    }

    /** @return the depths */
    public List<Integer> depths() {
        return ints(ScanSetting.DEPTHS);
    }

    /** @return the betas (possibly none: weight paths only) */
    public List<Double> betas() {
        return doubles(ScanSetting.BETAS);
    }

    /** @return networks per (model, init, H, width, depth) */
    public int draws() {
        return (Integer) values.get(ScanSetting.DRAWS);
    }

    /** @return inputs per network */
    public int inputs() {
        return (Integer) values.get(ScanSetting.INPUTS);
    }

    /** @return m */
    public int inputDim() {
        return (Integer) values.get(ScanSetting.INPUT_DIM);
    }

    /** @return the seed of every stream */
    public int seed() {
        return (Integer) values.get(ScanSetting.SEED);
    }

    /** @return the number of V entries whose paths are saved */
    public int paths() {
        return (Integer) values.get(ScanSetting.PATHS);
    }

    /** @return auto, loop or vector */
    public String kernel() {
        return (String) values.get(ScanSetting.KERNEL);
    }

    /**
     * @param init  iid, smooth or fbm
     * @param hurst H for fbm, NaN otherwise
     * @return the law of the branch matrices with this scan's init settings
     */
    public BranchLaw law(Initialisation init, double hurst) {
        return new BranchLaw(init, (String) values.get(ScanSetting.IID_DISTRIBUTION),
                (Double) values.get(ScanSetting.INIT_LENGTH_SCALE),
                SmoothVariant.of((String) values.get(ScanSetting.SMOOTH_VARIANT), "setting 'smooth_variant'"), hurst);
    }

    /**
     * The configuration as a YAML tree, every list written out (a linspace as its values), readable
     * back by {@link ScanConfigLoader}: two configurations are the same scan when their trees are equal.
     *
     * @return the tree, in schema order
     */
    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (ScanSetting s : ScanSetting.values()) {
            tree.put(s.key(), values.get(s));
        }
        return tree;
    }

    private List<?> list(ScanSetting s) {
        return (List<?>) values.get(s);
    }

    private List<Double> doubles(ScanSetting s) {
        List<Double> out = new ArrayList<>();
        for (Object o : list(s)) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    private List<Integer> ints(ScanSetting s) {
        List<Integer> out = new ArrayList<>();
        for (Object o : list(s)) {
            out.add(((Number) o).intValue());
        }
        return out;
    }
}
