package org.rscale.sweeps.inittrain;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.run.Provenance;

/**
 * {@code init-train/train.json}: what an assembled trained study holds and where it was computed.
 *
 * @param formatVersion  1
 * @param settings       the resolved settings
 * @param source         where they came from
 * @param units          trainings in the plan
 * @param unitsComputed  trainings this process ran
 * @param diverged       trainings that diverged
 * @param trainSize      training samples
 * @param testSize       test samples
 * @param dataSources    the IDX files read (path, bytes, SHA-256)
 * @param computeSeconds thread seconds of the trainings this process ran
 * @param provenance     this process
 */
public record TrainRecord(int formatVersion, Map<String, Object> settings, String source, int units,
                          int unitsComputed, int diverged, int trainSize, int testSize, List<FileIdentity> dataSources,
                          double computeSeconds, Provenance provenance) {

    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies.
     *
     * @param formatVersion  the version
     * @param settings       the settings
     * @param source         their source
     * @param units          units
     * @param unitsComputed  units computed now
     * @param diverged       diverged trainings
     * @param trainSize      training samples
     * @param testSize       test samples
     * @param dataSources    files read
     * @param computeSeconds thread seconds
     * @param provenance     provenance
     */
    public TrainRecord {
        settings = Map.copyOf(settings);
        dataSources = List.copyOf(dataSources);
    }

    /**
     * @param file a train.json
     * @return the record
     * @throws InvalidInputException if it is missing or malformed
     */
    public static TrainRecord read(Path file) {
        try {
            return DataFormats.json().readValue(file.toFile(), TrainRecord.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidInputException(file + ": not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a trained study's record ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
