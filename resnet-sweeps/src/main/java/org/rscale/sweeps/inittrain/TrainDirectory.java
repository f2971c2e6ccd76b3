package org.rscale.sweeps.inittrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.run.Provenance;

/**
 * A trained study on disk, under {@code DIR/init-train/}:
 *
 * <pre>
 * train.yaml                       the resolved configuration (loadable as --config) and a provenance block
 * units.csv                        index, unit, init, hurst, beta, lr, seed: the trainings
 * units/unit-NNNNN/result.json     {@link TrainRun}
 * units/unit-NNNNN/history.csv     epoch, lr, train_loss, test_loss, test_accuracy, seconds
 * units/unit-NNNNN/V.npy           (L, d, d) the trained V_k, with save_weights
 * accuracy.csv                     {@link AccuracyTable}, in unit order
 * train.json                       {@link TrainRecord}
 * figures/                         the figures
 * </pre>
 *
 * A unit's directory is written under a hidden staging name ({@code .partial-unit-NNNNN-<host>-<pid>-<random>},
 * {@link ProcessTag}) and published by one rename, so a killed study never leaves a unit that looks done;
 * {@code result.json} marks it done; the staging leftovers of processes of this host that are gone are
 * removed when the unit is published again. Planning into a
 * directory that holds the same study is a no-op; a different study is refused.
 */
public final class TrainDirectory {
    /** The study's directory under the output directory. */
    public static final String TRAIN_DIR = "init-train";
    /** The resolved configuration. */
    public static final String TRAIN_YAML = "train.yaml";
    /** The unit list. */
    public static final String UNITS_CSV = "units.csv";
    /** The directory of unit results. */
    public static final String UNITS_DIR = "units";
    /** A unit's result. */
    public static final String RESULT_JSON = "result.json";
    /** A unit's history. */
    public static final String HISTORY_CSV = "history.csv";
    /** A unit's trained V. */
    public static final String V_NPY = "V.npy";
    /** The assembled accuracies. */
    public static final String ACCURACY_CSV = "accuracy.csv";
    /** The record of the assembled study. */
    public static final String TRAIN_JSON = "train.json";
    /** The figures. */
    public static final String FIGURES_DIR = "figures";
    /** The columns of history.csv. */
    public static final List<String> HISTORY_COLUMNS = List.of("epoch", "lr", "train_loss", "test_loss",
            "test_accuracy", "seconds");

    private final Path root;
    private final TrainPlan plan;

    private TrainDirectory(Path root, TrainPlan plan) {
        this.root = root;
        this.plan = plan;
    }

    /**
     * Writes a study's plan into {@code root/init-train/}, or checks that it holds the same study
     * ({@link #plan(Path, TrainConfig, Consumer)} with no further check).
     *
     * @param root   the output directory
     * @param config the resolved configuration
     * @return the study
     * @throws InvalidInputException if it holds a different study
     */
    public static TrainDirectory plan(Path root, TrainConfig config) {
        return plan(root, config, study -> { });
    }

    /**
     * Writes a study's plan into {@code root/init-train/}, or checks that it holds the same study. Either way
     * {@code check} sees the study first, before anything is written: a new study with every training missing, or
     * the one there with its missing trainings; a refusal by {@code check} leaves a new directory unwritten.
     *
     * @param root   the output directory
     * @param config the resolved configuration
     * @param check  what must hold of the planned study (e.g. that its trainings fit in the heap); it reads the
     *               study (its plan, its missing units) and throws to refuse it
     * @return the study
     * @throws InvalidInputException if it holds a different study, its IDX files are missing, or as {@code check}
     *                               refuses
     */
    public static TrainDirectory plan(Path root, TrainConfig config, Consumer<? super TrainDirectory> check) {
        TrainDirectory study = new TrainDirectory(root, TrainPlan.of(config));
        TrainPlan plan = study.plan();
        Path dir = root.resolve(TRAIN_DIR);
        Path yaml = dir.resolve(TRAIN_YAML);
        if (Files.isRegularFile(yaml)) {
            TrainConfig existing = new TrainConfigLoader().file(yaml).resolve();
            for (TrainSetting s : TrainSetting.values()) {
                if (!Objects.equals(existing.values().get(s), config.values().get(s))) {
                    throw new InvalidInputException(dir + " already holds a different study (setting '" + s.key()
                            + "' is " + existing.values().get(s) + " there, " + config.values().get(s)
                            + " here); choose another --out, or delete " + dir);
                }
            }
            check.accept(study);
            return study;
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": exists and is not a directory");
        }
        // the four IDX files must be there before anything is written
        org.rscale.sweeps.data.IdxFileSet.locate(config.dataPath());
        check.accept(study);
        try {
            Files.createDirectories(dir.resolve(UNITS_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        StringBuilder units = new StringBuilder("index,unit,init,hurst,beta,lr,seed\n");
        for (TrainUnit u : plan.units()) {
            units.append(u.index()).append(',').append(u.name(plan.units().size())).append(',').append(u.init().key())
                    .append(',').append(CsvTable.number(u.hurst())).append(',').append(CsvTable.numberOrNan(u.beta()))
                    .append(',').append(CsvTable.numberOrNan(u.lr())).append(',').append(u.seed()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(UNITS_CSV), units.toString());
        Map<String, Object> tree = new LinkedHashMap<>(config.toTree());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("rscale_version", RscaleBuild.VERSION);
        prov.put("git_commit", RscaleBuild.GIT_COMMIT);
        prov.put("created", Instant.now().toString());
        prov.put("source", config.source());
        prov.put("units", plan.units().size());
        tree.put(SweepConfigLoader.PROVENANCE_KEY, prov);
        String header = "# rscale init-train: the resolved configuration of this directory's trainings.\n";
        AtomicFiles.write(yaml, out -> {
            out.write(header.getBytes(StandardCharsets.UTF_8));
            DataFormats.yaml().writeValue(out, tree);
        });
        return study;
    }

    /**
     * @param root the output directory
     * @return the study, its plan re-derived from train.yaml
     * @throws InvalidInputException if there is no train.yaml
     */
    public static TrainDirectory open(Path root) {
        Path yaml = root.resolve(TRAIN_DIR).resolve(TRAIN_YAML);
        if (!Files.isRegularFile(yaml)) {
            throw new InvalidInputException(root + ": holds no trained study (no " + TRAIN_DIR + "/" + TRAIN_YAML
                    + "); start one with 'rscale init-train --preset NAME --out " + root + "'");
        }
        return new TrainDirectory(root, TrainPlan.of(new TrainConfigLoader().file(yaml).resolve()));
    }

    /** @return the output directory */
    public Path root() {
        return root;
    }

    /** @return {@code root/init-train} */
    public Path dir() {
        return root.resolve(TRAIN_DIR);
    }

    /** @return the plan */
    public TrainPlan plan() {
        return plan;
    }

    /**
     * @param unit a unit
     * @return its result directory
     */
    public Path unitDir(TrainUnit unit) {
        return dir().resolve(UNITS_DIR).resolve(unit.name(plan.units().size()));
    }

    /**
     * @param unit a unit
     * @return whether its result is on disk
     */
    public boolean isDone(TrainUnit unit) {
        return Files.isRegularFile(unitDir(unit).resolve(RESULT_JSON));
    }

    /** @return the units without a result, in plan order */
    public List<TrainUnit> missing() {
        List<TrainUnit> out = new ArrayList<>();
        for (TrainUnit u : plan.units()) {
            if (!isDone(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** @return accuracy.csv */
    public Path accuracyFile() {
        return dir().resolve(ACCURACY_CSV);
    }

    /** @return train.json */
    public Path recordFile() {
        return dir().resolve(TRAIN_JSON);
    }

    /** @return the figures directory */
    public Path figuresDir() {
        return dir().resolve(FIGURES_DIR);
    }

    /**
     * Publishes one training: result.json, history.csv and (with save_weights) V.npy, staged and
     * renamed into place at once; the first complete result wins.
     *
     * @param unit   the unit
     * @param result its training
     */
    public void publish(TrainUnit unit, TrainWorker.Result result) {
        Path target = unitDir(unit);
        String prefix = ".partial-" + target.getFileName();
        // a staging directory of a process of this host that is gone is a leftover of a killed training
        AtomicFiles.removeLeftovers(target.getParent(), prefix);
        Path staged = target.resolveSibling(ProcessTag.current().name(prefix));
        try {
            Files.createDirectories(staged);
            StringBuilder h = new StringBuilder(String.join(",", HISTORY_COLUMNS)).append('\n');
            for (double[] row : result.history()) {
                h.append((int) row[0]);
                for (int i = 1; i < row.length; i++) {
                    h.append(',').append(CsvTable.numberOrNan(row[i]));
                }
                h.append('\n');
            }
            AtomicFiles.writeString(staged.resolve(HISTORY_CSV), h.toString());
            if (plan.config().saveWeights()) {
                int L = result.trained().depth();
                int d = result.trained().width();
                Npy.write(staged.resolve(V_NPY), new int[] {L, d, d}, result.trained().V());
            }
            AtomicFiles.write(staged.resolve(RESULT_JSON), out -> DataFormats.json().writeValue(out, result.run()));
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staged);
            throw new UncheckedIOException("cannot write " + staged + ": " + e.getMessage(), e);
        }
        AtomicFiles.publishDirectory(staged, target);
    }

    /**
     * @param unit a done unit
     * @return its result
     */
    public TrainRun run(TrainUnit unit) {
        return TrainRun.read(unitDir(unit).resolve(RESULT_JSON));
    }

    /**
     * Joins the results, in plan order, into accuracy.csv, then writes train.json.
     *
     * @param unitsComputed  trainings this process ran
     * @param computeSeconds their thread seconds
     * @param data           the data trained on
     * @param started        when this process started
     * @return the record
     * @throws IllegalStateException if a unit is missing
     */
    public TrainRecord assemble(int unitsComputed, double computeSeconds, ImageData data, Instant started) {
        List<TrainUnit> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of " + plan.units().size()
                    + " trainings are not done yet, e.g. " + missing.get(0).describe());
        }
        StringBuilder sb = new StringBuilder(AccuracyTable.header()).append('\n');
        int diverged = 0;
        for (TrainUnit u : plan.units()) {
            TrainRun r = run(u);
            diverged += TrainRun.DIVERGED.equals(r.status()) ? 1 : 0;
            sb.append(AccuracyTable.Row.of(r).line()).append('\n');
        }
        AtomicFiles.writeString(accuracyFile(), sb.toString());
        List<FileIdentity> sources = data == null ? List.of() : data.sources();
        TrainRecord record = new TrainRecord(TrainRecord.FORMAT_VERSION, plan.config().toTree(),
                plan.config().source(), plan.units().size(), unitsComputed, diverged,
                data == null ? 0 : data.trainCount(), data == null ? 0 : data.testCount(), sources, computeSeconds,
                Provenance.here("res1-loop", "float64", false, "cpu", started, Instant.now()));
        AtomicFiles.write(recordFile(), out -> DataFormats.json().writeValue(out, record));
        return record;
    }
}
