package org.rscale.sweeps.initscan;

/**
 * A setting of a study's schema (the initialisation scan's {@link ScanSetting}, the trained study's
 * {@code TrainSetting}): its key, default and parser. {@link StudyConfigLoader} resolves any schema
 * of enum constants implementing it.
 */
public interface StudySetting {
    /** @return the key (YAML and {@code --set}) */
    String key();

    /** @return the default value, as {@link #parse} returns values */
    Object defaultValue();

    /** @return one line for the user */
    String description();

    /** @return the allowed words of a choice setting, else empty */
    java.util.List<String> choices();

    /**
     * @param raw   a YAML scalar or list, or a {@code --set} string
     * @param where where it came from, for messages
     * @return the checked value
     * @throws org.rscale.sweeps.InvalidInputException naming the setting and the value
     */
    Object parse(Object raw, String where);
}
