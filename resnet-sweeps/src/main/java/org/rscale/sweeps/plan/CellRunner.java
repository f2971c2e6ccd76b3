package org.rscale.sweeps.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.init.WeightInitialiser;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;
import org.rscale.sweeps.train.Trainer;
import org.rscale.sweeps.train.TrainingResult;

/**
 * Trains one cell and publishes its run directory: initial weights, training, then
 * {@code A.npy, b.npy, delta.npy, history.csv, run.json} written into
 * {@code runs/.partial-<id>-<host>-<pid>-<random>/} and renamed to {@code runs/<id>/} in one
 * atomic step. A cell that is already complete is never trained again. A process killed
 * mid-cell leaves only a staging directory, which never counts as a result and is removed by
 * {@link #removeStaleStaging} once its process is gone.
 */
public final class CellRunner {
    private final DataSource data;

    /**
     * @param data the shared data source
     */
    public CellRunner(DataSource data) {
        this.data = data;
    }

    /**
     * Trains a cell unless its result exists.
     *
     * @param sweep    the sweep directory
     * @param cell     the cell
     * @param listener told about epochs
     * @return the cell's run record (the existing one if it was complete), and whether it was trained here
     */
    public Outcome run(SweepDirectory sweep, Cell cell, SweepListener listener) {
        Path target = sweep.runDir(cell);
        if (RunDirectory.isComplete(target)) {
            return new Outcome(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
        }
        if (Files.exists(target)) {
            throw new InvalidInputException(target + " exists but holds no " + RunFiles.RUN_JSON
                    + " (not written by rscale?); move it away and run again");
        }
        CellSettings s = cell.settings();
        Instant started = Instant.now();
        TrainTestData d = data.dataFor(s);
        ResidualNet initial = WeightInitialiser.initialise(s);
        TrainingKernel kernel = KernelFactory.create(s, initial, d.train());
        TrainingResult result = Trainer.train(s, kernel, d,
                (epoch, max, train, test) -> listener.cellEpoch(cell, epoch, max, train));
        Instant finished = Instant.now();
        RunRecord record = new RunRecord(RunRecord.FORMAT_VERSION, cell.id(), sweep.plan().config().name(), s.toMap(),
                result.status().key(), result.epochs(), RunRecord.finiteOrNull(result.finalTrainLoss()),
                RunRecord.finiteOrNull(result.finalTestLoss()), RunRecord.finiteOrNull(result.bestTrainLoss()),
                result.steps(), result.wallSeconds(),
                result.divergedEpoch() > 0 ? result.divergedEpoch() : null,
                result.divergedBatch() > 0 ? result.divergedBatch() : null,
                RunRecord.A_H, RunRecord.UPDATE_RULE,
                Provenance.here(kernel.name(), kernel.precision(), KernelFactory.usesNd4j(kernel),
                        KernelFactory.device(kernel), started, finished));
        Path staging = sweep.runsDir().resolve(RunFiles.STAGING_PREFIX + cell.id() + "-" + stagingTag());
        try {
            Files.createDirectories(staging);
            RunDirectory.write(staging, result.trained(), result.history(), record);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw new UncheckedIOException("cannot write " + staging + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteRecursively(staging);
            throw e;
        }
        boolean published = AtomicFiles.publishDirectory(staging, target);
        if (!published) {
            return new Outcome(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
        }
        return new Outcome(record, true);
    }

    /**
     * The result of {@link #run}.
     *
     * @param record  the cell's run record
     * @param trained whether this call trained it (false: it was complete already, or another process finished first)
     */
    public record Outcome(RunRecord record, boolean trained) {
    }

    /**
     * Deletes staging directories left by processes of this host that are no longer running.
     * Staging directories of other hosts are left alone (their process may still run).
     *
     * @param runsDir a sweep's {@code runs/} directory
     * @return how many were removed
     */
    public static int removeStaleStaging(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return 0;
        }
        String host = Provenance.hostName();
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir, RunFiles.STAGING_PREFIX + "*")) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                // .partial-<id>-<host>-<pid>-<random>
                String[] parts = name.split("-");
                if (parts.length < 4) {
                    continue;
                }
                String pidText = parts[parts.length - 2];
                String hostPart = name.substring(0, name.length() - parts[parts.length - 1].length()
                        - pidText.length() - 2);
                if (!hostPart.endsWith("-" + sanitise(host))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(pidText);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                AtomicFiles.deleteRecursively(p);
                removed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private static String stagingTag() {
        String host = Provenance.hostName();
        if (RscaleBuild.UNKNOWN.equals(host)) {
            host = "host";
        }
        return sanitise(host) + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String sanitise(String host) {
        return host.replaceAll("[^A-Za-z0-9.]", "_");
    }
}
