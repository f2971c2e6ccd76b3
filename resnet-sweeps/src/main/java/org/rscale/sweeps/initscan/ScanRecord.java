package org.rscale.sweeps.initscan;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * {@code init/scan.json}: what an assembled scan holds and where it was computed. Written when the
 * tables are assembled; read back by {@link #read}.
 *
 * @param formatVersion   1
 * @param settings        the resolved settings ({@link ScanConfig#toTree()})
 * @param source          where the settings came from
 * @param units           units in the plan
 * @param unitsComputed   units this process computed (the others were on disk already)
 * @param rows            rows of ratios.csv
 * @param pathRows        rows of paths.csv (0 without paths)
 * @param infinite        per ratio column, the rows where it is infinite
 * @param undefined       per ratio column, the rows where it is NaN
 * @param computeSeconds  thread seconds spent on the units computed by this process
 * @param kernel          the propagation kernel of this process
 * @param device          where it computed
 * @param provenance      this process: rscale version and commit, Java, host, start and end
 */
public record ScanRecord(int formatVersion, Map<String, Object> settings, String source, int units, int unitsComputed,
                         long rows, long pathRows, Map<String, Long> infinite, Map<String, Long> undefined,
                         double computeSeconds, String kernel, String device, Provenance provenance) {

    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the maps.
     *
     * @param formatVersion  the format version
     * @param settings       the settings
     * @param source         their source
     * @param units          units in the plan
     * @param unitsComputed  units computed now
     * @param rows           ratio rows
     * @param pathRows       path rows
     * @param infinite       infinite entries per column
     * @param undefined      NaN entries per column
     * @param computeSeconds thread seconds
     * @param kernel         the kernel
     * @param device         the device
     * @param provenance     the provenance
     */
    public ScanRecord {
        settings = Map.copyOf(settings);
        infinite = Map.copyOf(infinite);
        undefined = Map.copyOf(undefined);
    }

    /**
     * @param file a scan.json
     * @return the record
     * @throws InvalidInputException if it is missing or malformed
     */
    public static ScanRecord read(Path file) {
        try {
            return DataFormats.json().readValue(file.toFile(), ScanRecord.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidInputException(file + ": not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a scan record (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }
}
