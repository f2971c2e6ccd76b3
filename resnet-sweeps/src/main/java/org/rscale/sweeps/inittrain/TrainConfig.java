package org.rscale.sweeps.inittrain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.SmoothVariant;

/**
 * A resolved trained study: one checked value of every {@link TrainSetting}, with typed accessors.
 * Its units are the trainings of every init, Hurst index (fbm), beta, learning rate and seed
 * ({@link TrainPlan}).
 *
 * @param values every setting's value (as {@link TrainSetting#parse} returns it); unmodifiable
 * @param source where the settings came from, for provenance
 */
public record TrainConfig(Map<TrainSetting, Object> values, String source) {

    /**
     * Fills in defaults and copies.
     *
     * @param values the settings given
     * @param source where they came from
     */
    public TrainConfig {
        Map<TrainSetting, Object> v = new EnumMap<>(TrainSetting.class);
        for (TrainSetting s : TrainSetting.values()) {
            v.put(s, values.getOrDefault(s, s.defaultValue()));
        }
        values = Collections.unmodifiableMap(v);
    }

    /** @return the laws of V_k */
    public List<Initialisation> inits() {
        List<Initialisation> out = new ArrayList<>();
        for (Object o : (List<?>) values.get(TrainSetting.INIT)) {
            out.add(Initialisation.of((String) o));
        }
        return out;
    }

    /** @return the Hurst indices of fbm */
    public List<Double> hursts() {
        return doubles(TrainSetting.HURSTS);
    }

    /** @return the betas */
    public List<Double> betas() {
        return doubles(TrainSetting.BETAS);
    }

    /** @return the learning rates */
    public List<Double> lrs() {
        return doubles(TrainSetting.LRS);
    }

    /** @return the seeds */
    public List<Integer> seeds() {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) values.get(TrainSetting.SEEDS)) {
            out.add(((Number) o).intValue());
        }
        return out;
    }

    /** @return d */
    public int width() {
        return integer(TrainSetting.WIDTH);
    }

    /** @return L */
    public int depth() {
        return integer(TrainSetting.DEPTH);
    }

    /** @return epochs */
    public int epochs() {
        return integer(TrainSetting.EPOCHS);
    }

    /** @return the batch size */
    public int batchSize() {
        return integer(TrainSetting.BATCH_SIZE);
    }

    /** @return StepLR's step size in epochs */
    public int lrStep() {
        return integer(TrainSetting.LR_STEP);
    }

    /** @return StepLR's factor */
    public double lrGamma() {
        return (Double) values.get(TrainSetting.LR_GAMMA);
    }

    /** @return the directory of the IDX files */
    public Path dataPath() {
        return Path.of((String) values.get(TrainSetting.DATA_PATH));
    }

    /** @return training samples, 0 for all */
    public int trainSize() {
        return integer(TrainSetting.DATA_TRAIN_SIZE);
    }

    /** @return test samples, 0 for all */
    public int testSize() {
        return integer(TrainSetting.DATA_TEST_SIZE);
    }

    /** @return the seed of the subsets */
    public int dataSeed() {
        return integer(TrainSetting.DATA_SEED);
    }

    /** @return 1/255 for unit, 1 for raw */
    public double pixelScale() {
        return "unit".equals(values.get(TrainSetting.DATA_PIXEL_SCALE)) ? 1.0 / 255 : 1.0;
    }

    /** @return whether trained V are saved */
    public boolean saveWeights() {
        return (Boolean) values.get(TrainSetting.SAVE_WEIGHTS);
    }

    /**
     * @param init  the law
     * @param hurst H for fbm, NaN otherwise
     * @return the law of V_k with this study's init settings
     */
    public BranchLaw law(Initialisation init, double hurst) {
        return new BranchLaw(init, (String) values.get(TrainSetting.IID_DISTRIBUTION),
                (Double) values.get(TrainSetting.INIT_LENGTH_SCALE),
                SmoothVariant.of((String) values.get(TrainSetting.SMOOTH_VARIANT), "setting 'smooth_variant'"), hurst);
    }

    /** @return the configuration as a YAML tree (dotted keys nested), readable back by {@link TrainConfigLoader} */
    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (TrainSetting s : TrainSetting.values()) {
            String[] parts = s.key().split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], values.get(s));
        }
        return tree;
    }

    private int integer(TrainSetting s) {
        return ((Number) values.get(s)).intValue();
    }

    private List<Double> doubles(TrainSetting s) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) values.get(s)) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }
}
