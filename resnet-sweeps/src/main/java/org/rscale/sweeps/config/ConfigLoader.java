package org.rscale.sweeps.config;

import java.nio.file.Path;

/**
 * How a configuration is chosen, the same for a sweep ({@link SweepConfigLoader}), an initialisation scan and a
 * trained study: its defaults, then a preset, then a YAML file, then {@code key=value} overrides, in that order;
 * {@link #resolve} checks the result.
 *
 * @param <C> the resolved configuration
 */
public interface ConfigLoader<C> {

    /**
     * @param name a preset name
     * @return this
     * @throws org.rscale.sweeps.InvalidInputException for an unknown name
     */
    ConfigLoader<C> preset(String name);

    /**
     * @param file a YAML configuration
     * @return this
     * @throws org.rscale.sweeps.InvalidInputException when it cannot be read or holds an unknown setting
     */
    ConfigLoader<C> file(Path file);

    /**
     * @param assignment {@code key=value}
     * @return this
     * @throws org.rscale.sweeps.InvalidInputException for an unknown key or a malformed value
     */
    ConfigLoader<C> set(String assignment);

    /**
     * @return the resolved, checked configuration
     * @throws org.rscale.sweeps.InvalidInputException when a value is out of range
     */
    C resolve();
}
