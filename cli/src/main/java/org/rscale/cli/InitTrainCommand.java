package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rscale.plots.FigureOptions;
import org.rscale.plots.InitFigures;
import org.rscale.plots.TrainFigures;
import org.rscale.sweeps.initscan.UnitPool;
import org.rscale.sweeps.inittrain.ImageData;
import org.rscale.sweeps.inittrain.InitTrain;
import org.rscale.sweeps.inittrain.TrainConfig;
import org.rscale.sweeps.inittrain.TrainConfigLoader;
import org.rscale.sweeps.inittrain.TrainDirectory;
import org.rscale.sweeps.inittrain.TrainRecord;
import org.rscale.sweeps.inittrain.TrainUnit;
import org.rscale.sweeps.inittrain.TrainWorker;
import org.rscale.sweeps.plan.StudyFootprint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale init-train}: res-1 trained on flattened images from structured initialisations (the JMLR
 * paper's Figures 8 and 9), and its figures.
 */
@Command(name = "init-train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train res-1 on flattened images from iid, smooth or fbm weights (JMLR paper), and figures.",
        description = {"For every init, Hurst index (fbm), beta, learning rate and seed, trains res-1 "
                + "(h_{k+1} = h_k + L^-beta V_k relu(h_k), h_0 = A x, logits B h_L) with cross-entropy and Adam, the "
                + "learning rate decayed by lr_gamma every lr_step epochs, on the IDX images of data.path (default: "
                + "Debian's Fashion-MNIST); writes DIR/init-train/accuracy.csv, train.json, each training's "
                + "units/unit-NNNNN/ (result.json, history.csv, V.npy with save_weights) and the figures in "
                + "DIR/init-train/figures/.",
            "", "With --preset/--config/--set, plans into --out first; with only a directory, resumes. --index I runs "
                + "one training (a cluster array task; units.csv lists them); a later run without --index assembles "
                + "and draws."})
final class InitTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "an existing study's directory")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "the directory to plan into (files go to DIR/init-train/)")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "trainings at once, each on one thread (default: ${DEFAULT-VALUE}, the hardware threads; "
                    + "fewer when that many trainings would not fit in the heap beside the images)")
    int jobs;

    @Option(names = "--index", paramLabel = "I",
            description = "run only training I (e.g. $SLURM_ARRAY_TASK_ID), then stop: no tables, no figures")
    Integer index;

    @Mixin
    StudyFigureOptions figures;

    @Option(names = "--no-figures", description = "assemble the table but draw no figures")
    boolean noFigures;

    @Override
    public Integer call() {
        Path target = LocalRun.target(spec, dir, out, jobs, "study directory");
        FigureOptions drawing = figures.options(); // a bad --formats or --width is refused before any work
        // the data are read (and checked), a bad --index refused, and the trainings checked against the heap, before
        // a new plan is written
        TrainConfig given = config.given() ? config.resolve(new TrainConfigLoader()) : null;
        ImageData data = ImageData.load(given != null ? given : TrainDirectory.open(target).plan().config());
        TrainDirectory study = given != null
                ? TrainDirectory.plan(target, given,
                        planned -> LocalRun.checkJobs(spec, requestedJobs(), footprint(planned, data)))
                : TrainDirectory.open(target);
        int workers = LocalRun.jobs(spec, requestedJobs(), footprint(study, data));
        PrintWriter stdout = spec.commandLine().getOut();
        if (index != null) {
            boolean ran = InitTrain.runOne(study, data, index);
            stdout.printf("%s: training %d (%s) %s%n", study.unitDir(study.plan().unit(index)), index,
                    study.plan().unit(index).describe(), ran ? "done now" : "already done");
            return ExitCodes.OK;
        }
        Rscale root = Rscale.root(spec);
        InitTrain.Summary summary;
        try (ProgressReporter progress = new ProgressReporter(ProgressReporter.Counted.units("init-train"), spec.commandLine().getErr(),
                ProgressReporter.isTerminal(), root.quiet, Duration.ofSeconds(30))) {
            summary = InitTrain.run(study, data, workers, progress);
        }
        stdout.printf(Locale.ROOT, "%s: %d trainings, %d run now (%.1f s of compute), %d already done, %d failed%n",
                study.dir(), summary.total(), summary.computed(), summary.computeSeconds(), summary.skipped(),
                summary.failed().size());
        for (UnitPool.Failure f : summary.failed()) {
            spec.commandLine().getErr().printf("failed: training %d (%s): %s%n", f.unit().index(), f.unit().describe(),
                    f.error().getMessage());
        }
        TrainRecord record = summary.record();
        if (record == null) {
            return summary.failed().isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
        stdout.printf("%s: %d rows (%d trainings diverged); data: %d training and %d test images of %s%n",
                study.accuracyFile(), record.units(), record.diverged(), record.trainSize(), record.testSize(),
                study.plan().config().dataPath());
        if (!noFigures) {
            InitFigures.Drawn drawn = TrainFigures.draw(study, drawing);
            for (Path f : drawn.files()) {
                if (f.toString().endsWith(".png")) {
                    stdout.println("  " + f);
                }
            }
            if (!root.quiet) {
                for (String n : drawn.notes()) {
                    spec.commandLine().getErr().println("note: " + n);
                }
            }
            stdout.printf("figures (%s): %s%n", figures.formatsText(), study.figuresDir());
        }
        return ExitCodes.OK;
    }

    /** @return the trainings run at once: {@code --jobs}, or one with {@code --index} */
    private int requestedJobs() {
        return index != null ? 1 : jobs;
    }

    /**
     * @param study the study, planned or opened
     * @param data  its images, held once
     * @return what the workers of this run hold: {@code --index}'s training, or one of those missing, beside the
     *         images
     * @throws org.rscale.sweeps.InvalidInputException when {@code --index} is outside the plan
     */
    private StudyFootprint footprint(TrainDirectory study, ImageData data) {
        TrainConfig studyConfig = study.plan().config();
        List<TrainUnit> todo = index != null ? List.of(study.plan().unit(index)) : study.missing();
        return StudyFootprint.of(todo, u -> TrainWorker.estimatedBytes(studyConfig, data), data.bytes(), "trainings");
    }
}
