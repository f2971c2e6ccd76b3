package org.rscale.sweeps.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.DataSpec;
import org.rscale.sweeps.data.ImageData;
import org.rscale.sweeps.data.ImageDataSpec;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.DiskFullException;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;

/**
 * A sweep on disk: {@code sweep.yaml} (the resolved configuration, rscale version and commit),
 * {@code tasks.csv} (the task list) and {@code runs/<cell-id>/} for every finished cell.
 *
 * <p>Planning into a directory that already holds the same sweep is a no-op; planning a
 * different sweep into it is refused, so results of one configuration never mix with another's.
 */
public final class SweepDirectory {
    private final Path root;
    private final SweepPlan plan;

    private SweepDirectory(Path root, SweepPlan plan) {
        this.root = root;
        this.plan = plan;
    }

    /**
     * Writes a sweep's plan into {@code root}, its cells checked against this JVM's heap
     * ({@link #plan(Path, SweepConfig, HeapLimit)}).
     *
     * @param root   the sweep directory
     * @param config the resolved configuration
     * @return the sweep directory
     * @throws InvalidInputException if {@code root} holds a different sweep, or a cell does not fit
     */
    public static SweepDirectory plan(Path root, SweepConfig config) {
        return plan(root, config, HeapLimit.thisJvm());
    }

    /**
     * Writes a sweep's plan into {@code root}, its cells checked against a heap
     * ({@link #plan(Path, SweepConfig, HeapLimit, Consumer)} with no further check).
     *
     * @param root   the sweep directory
     * @param config the resolved configuration
     * @param heap   the heap of the JVM that will train the cells ({@link CellFootprint#checkHeap})
     * @return the sweep directory
     * @throws InvalidInputException if {@code root} holds a different sweep, or a cell does not fit
     */
    public static SweepDirectory plan(Path root, SweepConfig config, HeapLimit heap) {
        return plan(root, config, heap, sweep -> { });
    }

    /**
     * Writes a sweep's plan into {@code root} (creating it), or checks that it already holds the
     * same sweep; in either case checks first that every cell fits in the heap that will train it, then that
     * {@code check} accepts the sweep, all before anything is written: {@code check} sees a new sweep with every
     * cell missing, or the one there with its missing cells, and a refusal leaves a new directory unwritten.
     *
     * @param root   the sweep directory
     * @param config the resolved configuration
     * @param heap   the heap of the JVM that will train the cells ({@link CellFootprint#checkHeap})
     * @param check  what else must hold of the planned sweep (e.g. that {@code --jobs} of its cells fit in the heap
     *               together); it reads the sweep (its plan, its missing cells) and throws to refuse it
     * @return the sweep directory
     * @throws InvalidInputException if {@code root} holds a different sweep, a cell does not fit, its data are
     *                               missing or malformed, or as {@code check} refuses
     */
    public static SweepDirectory plan(Path root, SweepConfig config, HeapLimit heap,
                                      Consumer<? super SweepDirectory> check) {
        SweepDirectory sweep = new SweepDirectory(root, SweepPlan.of(config));
        SweepPlan plan = sweep.plan();
        CellFootprint.checkHeap(plan.cells(), heap);
        Path yaml = root.resolve(RunFiles.SWEEP_YAML);
        if (Files.isRegularFile(yaml)) {
            SweepConfig existing = new SweepConfigLoader().file(yaml).resolve();
            String diff = difference(existing.toTree(), config.toTree(), "");
            if (diff != null) {
                throw new InvalidInputException(root + " already holds a different sweep (" + diff
                        + "); choose another --out, or delete it");
            }
            check.accept(sweep);
            return sweep;
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": exists and is not a directory");
        }
        checkData(plan);
        check.accept(sweep);
        Map<String, Object> tree = new LinkedHashMap<>(config.toTree());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("rscale_version", RscaleBuild.VERSION);
        prov.put("git_commit", RscaleBuild.GIT_COMMIT);
        prov.put("created", Instant.now().toString());
        prov.put("source", config.source());
        prov.put("cells", plan.cells().size());
        prov.put("depths", config.depths().depths());
        tree.put(SweepConfigLoader.PROVENANCE_KEY, prov);
        try {
            Files.createDirectories(root.resolve(RunFiles.RUNS_DIR));
        } catch (IOException e) {
            throw DiskFullException.orFailure(root.resolve(RunFiles.RUNS_DIR), e);
        }
        writeTasks(root.resolve(RunFiles.TASKS_CSV), plan);
        String header = "# rscale sweep: the resolved configuration of this directory's cells.\n"
                + "# Use it as a base with 'rscale plan --config " + RunFiles.SWEEP_YAML + " --set ... --out NEW'.\n";
        AtomicFiles.write(yaml, out -> {
            out.write(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            DataFormats.yaml().writeValue(out, tree);
        });
        return sweep;
    }

    /**
     * Opens a planned sweep.
     *
     * @param root the sweep directory
     * @return it, with its plan re-derived from sweep.yaml
     * @throws InvalidInputException if it holds no sweep.yaml
     */
    public static SweepDirectory open(Path root) {
        Path yaml = root.resolve(RunFiles.SWEEP_YAML);
        if (!Files.isRegularFile(yaml)) {
            throw new InvalidInputException(root + ": not a sweep directory (no " + RunFiles.SWEEP_YAML
                    + "); plan one with 'rscale plan --out " + root + "'");
        }
        SweepConfig config = new SweepConfigLoader().file(yaml).resolve();
        return new SweepDirectory(root, SweepPlan.of(config));
    }

    /**
     * Checks the cells' data before anything is written: a kind the residual networks can train, IDX
     * files present and well formed ({@link DataSource#check}), and with {@code batching: reference} a
     * batch size that divides the training set (whose size, for a whole IDX split, is known only now). The images
     * of conv cells are read once per data setting ({@link ImageData#load}: the files and the subset sizes).
     */
    private static void checkData(SweepPlan plan) {
        Set<DataSpec> specs = new LinkedHashSet<>();
        Set<ImageDataSpec> images = new LinkedHashSet<>();
        for (Cell c : plan.cells()) {
            if (c.settings().isConv()) {
                images.add(c.settings().imageData());
            } else {
                specs.add(c.settings().data());
            }
        }
        for (ImageDataSpec spec : images) {
            ImageData.load(spec);
        }
        for (DataSpec spec : specs) {
            DataSource.requireRegression(spec);
        }
        Map<DataSpec, DataSource.SplitSizes> sizes = DataSource.check(specs);
        for (Cell c : plan.cells()) {
            CellSettings s = c.settings();
            if (s.isConv()) {
                continue;
            }
            int n = sizes.get(s.data()).train();
            if ("reference".equals(s.batching()) && n % s.batchSize() != 0) {
                throw new InvalidInputException("setting 'batch_size' " + s.batchSize() + " does not divide the " + n
                        + " training samples of " + s.data().datasetName() + ", which batching=reference requires (set "
                        + "data.train_size to a multiple, or batching=shuffle)");
            }
        }
    }

    /** @return the directory */
    public Path root() {
        return root;
    }

    /** @return the plan */
    public SweepPlan plan() {
        return plan;
    }

    /** @return the directory of run directories */
    public Path runsDir() {
        return root.resolve(RunFiles.RUNS_DIR);
    }

    /**
     * @param cell a cell
     * @return its run directory (which may not exist yet)
     */
    public Path runDir(Cell cell) {
        return runsDir().resolve(cell.id());
    }

    /**
     * @param cell a cell
     * @return whether its result is complete on disk
     */
    public boolean isComplete(Cell cell) {
        return RunDirectory.isComplete(runDir(cell));
    }

    /** @return the cells without a complete result, in task order */
    public List<Cell> missing() {
        List<Cell> out = new ArrayList<>();
        for (Cell c : plan.cells()) {
            if (!isComplete(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void writeTasks(Path file, SweepPlan plan) {
        List<Setting> varying = plan.config().varying();
        List<String> columns = new ArrayList<>(List.of("index", "cell_id", "depth", "seed"));
        for (Setting s : varying) {
            columns.add(s.key());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Cell c : plan.cells()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", c.index());
            row.put("cell_id", c.id());
            row.put("depth", c.settings().depth());
            row.put("seed", c.settings().seed());
            for (Setting s : varying) {
                row.put(s.key(), c.settings().label(s));
            }
            rows.add(row);
        }
        CsvTable.write(file, columns, rows);
    }

    /** The first difference between two configuration trees, or null if equal. */
    private static String difference(Map<String, Object> a, Map<String, Object> b, String prefix) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Object va = a.get(k);
            Object vb = b.get(k);
            if (va instanceof Map<?, ?> ma && vb instanceof Map<?, ?> mb) {
                @SuppressWarnings("unchecked")
                String d = difference((Map<String, Object>) ma, (Map<String, Object>) mb, prefix + k + ".");
                if (d != null) {
                    return d;
                }
            } else if (!java.util.Objects.equals(va, vb)) {
                return "'" + prefix + k + "' is " + va + " there, " + vb + " here";
            }
        }
        return null;
    }
}
