package org.rscale.sweeps.inittrain;

import java.nio.file.Path;

import org.rscale.sweeps.config.ConfigLoader;
import org.rscale.sweeps.initscan.StudyConfigLoader;

/**
 * Resolves a trained study's configuration: the defaults of {@link TrainSetting}, then a preset
 * ({@link TrainPresets}), a YAML file and {@code --set} overrides ({@link StudyConfigLoader}).
 */
public final class TrainConfigLoader implements ConfigLoader<TrainConfig> {
    private final StudyConfigLoader<TrainSetting> loader = new StudyConfigLoader<>(TrainSetting.class,
            TrainPresets::yaml);

    /** Starts from the defaults. */
    public TrainConfigLoader() {
    }

    /**
     * @param name a preset name
     * @return this
     */
    @Override
    public TrainConfigLoader preset(String name) {
        loader.preset(name);
        return this;
    }

    /**
     * @param file a YAML configuration
     * @return this
     */
    @Override
    public TrainConfigLoader file(Path file) {
        loader.file(file);
        return this;
    }

    /**
     * @param assignment {@code key=value}
     * @return this
     */
    @Override
    public TrainConfigLoader set(String assignment) {
        loader.set(assignment);
        return this;
    }

    /** @return the resolved configuration */
    @Override
    public TrainConfig resolve() {
        return new TrainConfig(loader.values(), loader.source());
    }
}
