package org.rscale.sweeps.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

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
import org.rscale.sweeps.io.DiskFullException;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunCheck;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;
import org.rscale.sweeps.train.EpochRecord;
import org.rscale.sweeps.train.Trainer;
import org.rscale.sweeps.train.TrainingResult;

/**
 * Trains one cell and publishes its run directory: initial weights, training, then
 * {@code A.npy, b.npy, delta.npy, history.csv, run.json} written into
 * {@code runs/.partial-<id>-<host>-<pid>-<random>/} and renamed to {@code runs/<id>/} in one
 * atomic step. A cell that is already complete ({@link RunDirectory#check}) is never trained again;
 * a run directory that is there but invalid (an empty run.json, a deleted A.npy) is set aside as
 * {@code runs/.invalid-<id>-<owner>-<random>/} and the cell trained again. A process killed mid-cell
 * leaves only a staging directory, which never counts as a result and is removed
 * ({@link Leftovers}) once its process is gone.
 *
 * <p>While it trains, a cell is claimed ({@link CellClaim}): a second process that finds a live
 * claim leaves the cell to its holder. A failure (an exception) is recorded in
 * {@code runs/.failed-<cell-id>.json} ({@link CellFailure}) before the claim is released; a later
 * success removes the record.
 */
public final class CellRunner {
    /** The name prefix of invalid run directories set aside ({@code runs/.invalid-<id>-...}). */
    public static final String INVALID_PREFIX = ".invalid-";
    private final DataSource data;
    private final ImageSource images = new ImageSource();
    private final ClaimLiveness liveness;
    private final TaskProcess process;
    private final ResultWriter writer;

    /**
     * Writes a trained cell's files into its staging directory: {@link RunDirectory#write}, the only
     * writer outside tests, which stand in a failing file system here (a full disk, an I/O error).
     */
    @FunctionalInterface
    public interface ResultWriter {
        /**
         * @param staging a new, empty directory
         * @param net     the trained network
         * @param history the per-epoch losses
         * @param record  the run record, written last
         */
        void write(Path staging, ResidualNet net, List<EpochRecord> history, RunRecord record);
    }

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
        this(data, liveness, process, RunDirectory::write);
    }

    /**
     * @param data     the shared data source
     * @param liveness judges the claims of other processes
     * @param process  this process, as written into claims and failure records
     * @param writer   writes a trained cell's files ({@link RunDirectory#write})
     */
    public CellRunner(DataSource data, ClaimLiveness liveness, TaskProcess process, ResultWriter writer) {
        this.data = data;
        this.liveness = liveness;
        this.process = process;
        this.writer = writer;
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
        RunCheck before = RunDirectory.check(target);
        if (before.complete()) {
            return Outcome.complete(before.record(), false);
        }
        CellClaim.Attempt claim;
        try {
            claim = CellClaim.acquire(sweep.runsDir(), cell.id(), process, liveness);
        } catch (RuntimeException | Error e) {
            recordFailure(sweep, cell, e);
            throw e;
        }
        if (!claim.won()) {
            // the holder may have finished the cell since our first look
            RunCheck now = RunDirectory.check(target);
            return now.complete() ? Outcome.complete(now.record(), false) : Outcome.held(claim.claim());
        }
        claim.replaced().ifPresent(r -> listener.cellReclaimed(cell, r));
        try {
            RunCheck now = RunDirectory.check(target);
            if (now.complete()) {
                // published by the previous holder just before we claimed
                return Outcome.complete(now.record(), false);
            }
            if (now.invalid()) {
                listener.cellResultSetAside(cell, now.reason(), setAside(sweep, cell));
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
     * Moves an invalid run directory out of the cell's way (under the cell's claim), keeping it for
     * inspection: {@code runs/.invalid-<id>-<owner>-<random>/}, which no reader takes for a result.
     */
    private static Path setAside(SweepDirectory sweep, Cell cell) {
        Path target = sweep.runDir(cell);
        Path aside = sweep.runsDir().resolve(ProcessTag.current().name(INVALID_PREFIX + cell.id()));
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the invalid result " + target + " aside: "
                    + FileFailure.describe(e), e);
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
        TrainTestData d = data.dataFor(s.data(), sweep.root());
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
                        finished), d.provenance());
        return publish(sweep, cell, target, record, staging -> writer.write(staging, result.trained(), result.history(),
                record));
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
                Provenance.here(kernelName, s.precision(), true, device, started, finished), null, arch);
        return publish(sweep, cell, target, record, staging -> ConvRunDirectory.write(staging,
                ConvNetWeights.of(result.trained()), result.history(), record));
    }

    /** Writes a cell's files into a staging directory and publishes it under the cell's name by one rename. */
    private Outcome publish(SweepDirectory sweep, Cell cell, Path target, RunRecord record,
                            java.util.function.Consumer<Path> files) {
        Path staging = sweep.runsDir().resolve(ProcessTag.current().name(RunFiles.STAGING_PREFIX + cell.id()));
        try {
            Files.createDirectories(staging);
            files.accept(staging);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw DiskFullException.orFailure(staging, e);
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

    /** @return how this runner judges the claims of other processes (and the owners of leftovers) */
    public ClaimLiveness liveness() {
        return liveness;
    }
}
