package org.rscale.sweeps.initscan;

import java.nio.file.Path;

import org.rscale.sweeps.config.ConfigLoader;

/**
 * Resolves an initialisation scan's configuration: the defaults of {@link ScanSetting}, then a preset
 * ({@link ScanPresets}), a YAML file and {@code --set} overrides ({@link StudyConfigLoader}).
 */
public final class ScanConfigLoader implements ConfigLoader<ScanConfig> {
    private final StudyConfigLoader<ScanSetting> loader = new StudyConfigLoader<>(ScanSetting.class,
            ScanPresets::yaml);

    /** Starts from the defaults. */
    public ScanConfigLoader() {
    }

    /**
     * @param name a preset name
     * @return this
     */
    @Override
    public ScanConfigLoader preset(String name) {
        loader.preset(name);
        return this;
    }

    /**
     * @param file a YAML configuration
     * @return this
     */
    @Override
    public ScanConfigLoader file(Path file) {
        loader.file(file);
        return this;
    }

    /**
     * @param assignment {@code key=value}; a list is comma-separated or {@code linspace(a, b, n)}
     * @return this
     */
    @Override
    public ScanConfigLoader set(String assignment) {
        loader.set(assignment);
        return this;
    }

    /** @return the resolved, checked configuration */
    @Override
    public ScanConfig resolve() {
        return new ScanConfig(loader.values(), loader.source());
    }
}
