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
import org.rscale.sweeps.data.ImageData;
import org.rscale.sweeps.data.ImageSet;
import org.rscale.sweeps.data.ImageSource;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.init.ConvInitialiser;
import org.rscale.sweeps.kernel.conv.ConvKernels;
import org.rscale.sweeps.kernel.conv.ConvTrainingKernel;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.model.ConvNet;
import org.rscale.sweeps.run.ConvNetWeights;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.train.ConvTrainer;
import org.rscale.sweeps.train.ConvTrainingResult;
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
 *
 * <p>While it trains, a cell is claimed ({@link CellClaim}): a second process that finds a live
 * claim leaves the cell to its holder. A failure (an exception) is recorded in
 * {@code runs/.failed-<cell-id>.json} ({@link CellFailure}) before the claim is released; a later
 * success removes the record.
 */
public final class CellRunner {
    private final DataSource data;
    private final ImageSource images = new ImageSource();
    private final ClaimLiveness liveness;
    private final TaskProcess process;

    /**
     * A runner that judges claims by the processes of this host only.
     *
     * @param data the shared data source
     */
    public CellRunner(DataSource data) {
        this(data, ClaimLiveness.LOCAL_PROCESSES, TaskProcess.current());
    }

    /**
     * @param data     the shared data source
     * @param liveness judges the claims of other processes
     * @param process  this process, as written into claims and failure records
     */
    public CellRunner(DataSource data, ClaimLiveness liveness, TaskProcess process) {
        this.data = data;
        this.liveness = liveness;
        this.process = process;
    }

    /**
     * Trains a cell unless its result exists or another live process holds its claim.
     *
     * @param sweep    the sweep directory
     * @param cell     the cell
     * @param listener told about epochs
     * @return the cell's run record (the existing one if it was complete), whether it was trained
     *         here, or the claim of the process that holds it
     */
    public Outcome run(SweepDirectory sweep, Cell cell, SweepListener listener) {
        Path target = sweep.runDir(cell);
        if (RunDirectory.isComplete(target)) {
            return Outcome.complete(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
        }
        CellClaim.Attempt claim;
        try {
            if (Files.exists(target)) {
                if (RunDirectory.isComplete(target)) {
                    // published by another process since the first look
                    return Outcome.complete(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
                }
                throw new InvalidInputException(target + " exists but holds no " + RunFiles.RUN_JSON
                        + " (not written by rscale?); move it away and run again");
            }
            claim = CellClaim.acquire(sweep.runsDir(), cell.id(), process, liveness);
        } catch (RuntimeException | Error e) {
            recordFailure(sweep, cell, e);
            throw e;
        }
        if (!claim.won()) {
            return Outcome.held(claim.claim());
        }
        claim.replaced().ifPresent(r -> listener.cellReclaimed(cell, r));
        try {
            if (RunDirectory.isComplete(target)) {
                // published by the previous holder just before we claimed
                return Outcome.complete(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
            }
            Outcome o = train(sweep, cell, listener, target);
            CellFailure.remove(sweep.runsDir(), cell.id());
            return o;
        } catch (RuntimeException | Error e) {
            recordFailure(sweep, cell, e);
            throw e;
        } finally {
            claim.claim().release(sweep.runsDir());
        }
    }

    /**
     * Records that this process stops working on a cell before finishing it (a termination signal:
     * {@code scancel}, a time limit, preemption): writes the failure record and releases this
     * process's claim. Does nothing for a cell that is complete.
     *
     * @param sweep  the sweep
     * @param cell   the cell
     * @param reason why, one line
     */
    public void recordInterruption(SweepDirectory sweep, Cell cell, String reason) {
        if (sweep.isComplete(cell)) {
            return;
        }
        new CellFailure(cell.id(), reason, CellFailure.TERMINATED, process, Instant.now().toString())
                .write(sweep.runsDir());
        CellClaim.read(sweep.runsDir(), cell.id())
                .filter(c -> c.process().pid() == process.pid() && c.process().host().equals(process.host()))
                .ifPresent(c -> c.release(sweep.runsDir()));
    }

    private void recordFailure(SweepDirectory sweep, Cell cell, Throwable e) {
        try {
            CellFailure.of(cell.id(), e, process).write(sweep.runsDir());
        } catch (RuntimeException | Error suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    private Outcome train(SweepDirectory sweep, Cell cell, SweepListener listener, Path target) {
        if (cell.settings().isConv()) {
            return trainConv(sweep, cell, listener, target);
        }
        CellSettings s = cell.settings();
        Instant started = Instant.now();
        TrainTestData d = data.dataFor(s.data());
        ResidualNet initial = WeightInitialiser.initialise(s.initSpec());
        TrainingKernel kernel = KernelFactory.create(s, initial, d.train());
        listener.cellKernel(cell, kernel.name(), kernel.precision(), kernel.device());
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
                Provenance.here(kernel.name(), kernel.precision(), "nd4j".equals(kernel.name()), kernel.device(), started,
                        finished));
        return publish(sweep, cell, target, record, staging -> RunDirectory.write(staging, result.trained(),
                result.history(), record));
    }

    /** A conv cell (SCIENCE 1.3): images, PyTorch's initialisation, the conv kernel, SGD; the conv run format. */
    private Outcome trainConv(SweepDirectory sweep, Cell cell, SweepListener listener, Path target) {
        CellSettings s = cell.settings();
        Instant started = Instant.now();
        ImageData d = images.dataFor(s.imageData());
        ImageSet train = d.train();
        ConvArchitecture arch = new ConvArchitecture(s.convBlockCounts(), s.convBaseWidth(), train.channels(),
                train.height(), train.width(), train.classes());
        ConvNet initial = ConvInitialiser.initialise(arch, s.seed(), s.convInitKey());
        int batch = Math.min(s.batchSize(), train.count());
        ConvTrainingResult result;
        String device;
        String kernelName;
        try (ConvTrainingKernel kernel = ConvKernels.create(s.kernel(), initial, batch, s.precision(), s.momentum(),
                s.weightDecay())) {
            device = kernel.device();
            kernelName = kernel.name();
            listener.cellKernel(cell, kernel.name(), kernel.precision(), device);
            result = ConvTrainer.train(s, kernel, d, (epoch, max, loss, test) -> listener.cellEpoch(cell, epoch, max,
                    loss));
        }
        Instant finished = Instant.now();
        RunRecord record = new RunRecord(RunRecord.FORMAT_VERSION, cell.id(), sweep.plan().config().name(), s.toMap(),
                result.status().key(), result.epochs(), RunRecord.finiteOrNull(result.finalTrainLoss()),
                RunRecord.finiteOrNull(result.finalTestLoss()), null, result.steps(), result.wallSeconds(),
                result.divergedEpoch() > 0 ? result.divergedEpoch() : null,
                result.divergedBatch() > 0 ? result.divergedBatch() : null, null, ConvRunDirectory.UPDATE_RULE,
                Provenance.here(kernelName, s.precision(), true, device, started, finished), arch);
        return publish(sweep, cell, target, record, staging -> ConvRunDirectory.write(staging,
                ConvNetWeights.of(result.trained()), result.history(), record));
    }

    /** Writes a cell's files into a staging directory and publishes it under the cell's name by one rename. */
    private Outcome publish(SweepDirectory sweep, Cell cell, Path target, RunRecord record,
                            java.util.function.Consumer<Path> writer) {
        Path staging = sweep.runsDir().resolve(RunFiles.STAGING_PREFIX + cell.id() + "-" + stagingTag());
        try {
            Files.createDirectories(staging);
            writer.accept(staging);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw new UncheckedIOException("cannot write " + staging + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteRecursively(staging);
            throw e;
        }
        boolean published = AtomicFiles.publishDirectory(staging, target);
        if (!published) {
            return Outcome.complete(RunDirectory.readRecord(target.resolve(RunFiles.RUN_JSON)), false);
        }
        return Outcome.complete(record, true);
    }

    /**
     * The result of {@link #run}.
     *
     * @param record  the cell's run record; null when another process holds the cell
     * @param trained whether this call trained it (false: it was complete already, or another process finished first)
     * @param heldBy  the claim of the live process that trains the cell, when that is why nothing was done
     */
    public record Outcome(RunRecord record, boolean trained, CellClaim heldBy) {
        static Outcome complete(RunRecord record, boolean trained) {
            return new Outcome(record, trained, null);
        }

        static Outcome held(CellClaim claim) {
            return new Outcome(null, false, claim);
        }

        /** @return whether another live process holds the cell (and nothing was done here) */
        public boolean held() {
            return heldBy != null;
        }
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
