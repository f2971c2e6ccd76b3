package org.rscale.sweeps.initscan;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import org.rscale.sweeps.run.Provenance;

/**
 * An initialisation scan on disk, under {@code DIR/init/}:
 *
 * <pre>
 * scan.yaml                 the resolved configuration (loadable as --config) and a provenance block
 * units.csv                 index, unit, model, init, hurst, width, depth, draw: the work units
 * units/unit-NNNNN.csv      one unit's rows of ratios.csv, published atomically (its presence = done)
 * units/unit-NNNNN.paths.csv    its rows of paths.csv (written before the ratios part)
 * ratios.csv                the assembled table ({@link RatiosTable}), rows in unit order
 * paths.csv                 the assembled weight paths ({@link PathsTable}), when paths &gt; 0
 * scan.json                 {@link ScanRecord}: counts, kernel, provenance
 * figures/                  the figures
 * </pre>
 *
 * A unit is done when its ratios part exists: each part is written to a hidden temporary file and
 * renamed into place, so a killed scan never leaves a part that looks complete, and the next run
 * computes exactly the missing units. The assembled files appear atomically too, once every unit is
 * done. Planning into a directory that holds the same scan is a no-op; a different scan is refused.
 */
public final class ScanDirectory {
    /** The scan's directory under the output directory. */
    public static final String INIT_DIR = "init";
    /** The resolved configuration. */
    public static final String SCAN_YAML = "scan.yaml";
    /** The unit list. */
    public static final String UNITS_CSV = "units.csv";
    /** The directory of unit parts. */
    public static final String UNITS_DIR = "units";
    /** The assembled ratios. */
    public static final String RATIOS_CSV = "ratios.csv";
    /** The assembled weight paths. */
    public static final String PATHS_CSV = "paths.csv";
    /** The record of the assembled scan. */
    public static final String SCAN_JSON = "scan.json";
    /** The figures. */
    public static final String FIGURES_DIR = "figures";
    private static final String PATHS_SUFFIX = ".paths.csv";

    private final Path root;
    private final ScanPlan plan;

    private ScanDirectory(Path root, ScanPlan plan) {
        this.root = root;
        this.plan = plan;
    }

    /**
     * Writes a scan's plan into {@code root/init/}, or checks that it holds the same scan
     * ({@link #plan(Path, ScanConfig, Consumer)} with no further check).
     *
     * @param root   the output directory
     * @param config the resolved configuration
     * @return the scan directory, with the given configuration
     * @throws InvalidInputException if it holds a different scan
     */
    public static ScanDirectory plan(Path root, ScanConfig config) {
        return plan(root, config, scan -> { });
    }

    /**
     * Writes a scan's plan into {@code root/init/}, or checks that it holds the same scan (the
     * {@code kernel} setting may differ: it does not change the results). Either way {@code check} sees the scan
     * first, before anything is written: a new scan with every unit missing, or the one there with its missing
     * units; a refusal by {@code check} leaves a new directory unwritten.
     *
     * @param root   the output directory
     * @param config the resolved configuration
     * @param check  what must hold of the planned scan (e.g. that its units fit in the heap); it reads the scan
     *               (its plan, its missing units) and throws to refuse it
     * @return the scan directory, with the given configuration
     * @throws InvalidInputException if it holds a different scan, or as {@code check} refuses
     */
    public static ScanDirectory plan(Path root, ScanConfig config, Consumer<? super ScanDirectory> check) {
        ScanDirectory scan = new ScanDirectory(root, ScanPlan.of(config));
        ScanPlan plan = scan.plan();
        Path dir = root.resolve(INIT_DIR);
        Path yaml = dir.resolve(SCAN_YAML);
        if (Files.isRegularFile(yaml)) {
            ScanConfig existing = new ScanConfigLoader().file(yaml).resolve();
            String diff = difference(existing.toTree(), config.toTree());
            if (diff != null) {
                throw new InvalidInputException(dir + " already holds a different scan (" + diff
                        + "); choose another --out, or delete " + dir);
            }
            check.accept(scan);
            return scan;
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": exists and is not a directory");
        }
        check.accept(scan);
        try {
            Files.createDirectories(dir.resolve(UNITS_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        writeUnits(dir.resolve(UNITS_CSV), plan);
        Map<String, Object> tree = new LinkedHashMap<>(config.toTree());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("rscale_version", RscaleBuild.VERSION);
        prov.put("git_commit", RscaleBuild.GIT_COMMIT);
        prov.put("created", Instant.now().toString());
        prov.put("source", config.source());
        prov.put("units", plan.units().size());
        tree.put(SweepConfigLoader.PROVENANCE_KEY, prov);
        String header = "# rscale init-scan: the resolved configuration of this directory's units.\n"
                + "# Use it as a base with 'rscale init-scan --config " + SCAN_YAML + " --set ... --out NEW'.\n";
        AtomicFiles.write(yaml, out -> {
            out.write(header.getBytes(StandardCharsets.UTF_8));
            DataFormats.yaml().writeValue(out, tree);
        });
        return scan;
    }

    /**
     * Opens a planned scan.
     *
     * @param root the output directory
     * @return the scan, its plan re-derived from scan.yaml
     * @throws InvalidInputException if there is no scan.yaml
     */
    public static ScanDirectory open(Path root) {
        Path yaml = root.resolve(INIT_DIR).resolve(SCAN_YAML);
        if (!Files.isRegularFile(yaml)) {
            throw new InvalidInputException(root + ": holds no initialisation scan (no " + INIT_DIR + "/" + SCAN_YAML
                    + "); start one with 'rscale init-scan --preset NAME --out " + root + "'");
        }
        return new ScanDirectory(root, ScanPlan.of(new ScanConfigLoader().file(yaml).resolve()));
    }

    /** @return the output directory */
    public Path root() {
        return root;
    }

    /** @return {@code root/init} */
    public Path dir() {
        return root.resolve(INIT_DIR);
    }

    /** @return the plan */
    public ScanPlan plan() {
        return plan;
    }

    /** @return the assembled ratios table */
    public Path ratiosFile() {
        return dir().resolve(RATIOS_CSV);
    }

    /** @return the assembled paths table */
    public Path pathsFile() {
        return dir().resolve(PATHS_CSV);
    }

    /** @return scan.json */
    public Path recordFile() {
        return dir().resolve(SCAN_JSON);
    }

    /** @return the figures directory */
    public Path figuresDir() {
        return dir().resolve(FIGURES_DIR);
    }

    /**
     * @param unit a unit
     * @return its ratios part (its presence marks the unit done)
     */
    public Path unitFile(ScanUnit unit) {
        return dir().resolve(UNITS_DIR).resolve(unit.name(plan.units().size()) + ".csv");
    }

    /**
     * @param unit a unit
     * @return its paths part
     */
    public Path unitPathsFile(ScanUnit unit) {
        return dir().resolve(UNITS_DIR).resolve(unit.name(plan.units().size()) + PATHS_SUFFIX);
    }

    /**
     * @param unit a unit
     * @return whether its result is on disk
     */
    public boolean isDone(ScanUnit unit) {
        return Files.isRegularFile(unitFile(unit));
    }

    /** @return the units without a result, in plan order */
    public List<ScanUnit> missing() {
        List<ScanUnit> out = new ArrayList<>();
        for (ScanUnit u : plan.units()) {
            if (!isDone(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** @return whether ratios.csv and scan.json are there (the scan is assembled) */
    public boolean isAssembled() {
        return Files.isRegularFile(ratiosFile()) && Files.isRegularFile(recordFile());
    }

    /**
     * Publishes one unit's result: the paths part first, then the ratios part, each atomically.
     *
     * @param unit   the unit
     * @param result its rows
     */
    public void publish(ScanUnit unit, ScanWorker.Result result) {
        if (plan.config().paths() > 0) {
            writeLines(unitPathsFile(unit), PathsTable.header(), result.paths(), PathsTable.Row::line);
        }
        writeLines(unitFile(unit), RatiosTable.header(), result.ratios(), RatiosTable.Row::line);
    }

    /**
     * Joins the unit parts, in plan order, into ratios.csv (and paths.csv), then writes scan.json.
     *
     * @param unitsComputed  units computed by this process
     * @param computeSeconds their thread seconds
     * @param kernel         this process's kernel
     * @param device         where it computed
     * @param started        when this process started
     * @return the record written
     * @throws IllegalStateException if a unit is missing
     */
    public ScanRecord assemble(int unitsComputed, double computeSeconds, String kernel, String device,
                               Instant started) {
        List<ScanUnit> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of " + plan.units().size()
                    + " units are not done yet, e.g. " + missing.get(0).describe());
        }
        Map<String, Long> infinite = new LinkedHashMap<>();
        Map<String, Long> undefined = new LinkedHashMap<>();
        for (String c : RatiosTable.COLUMNS.subList(8, 12)) {
            infinite.put(c, 0L);
            undefined.put(c, 0L);
        }
        long[] rows = new long[2];
        AtomicFiles.write(ratiosFile(), out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(RatiosTable.header());
            w.write('\n');
            for (ScanUnit u : plan.units()) {
                for (RatiosTable.Row r : RatiosTable.read(unitFile(u))) {
                    count(r.outputRatio(), "output_ratio", infinite, undefined);
                    count(r.outputChange(), "output_change", infinite, undefined);
                    count(r.gradientRatio(), "gradient_ratio", infinite, undefined);
                    count(r.gradientChange(), "gradient_change", infinite, undefined);
                    w.write(r.line());
                    w.write('\n');
                    rows[0]++;
                }
            }
            w.flush();
        });
        if (plan.config().paths() > 0) {
            AtomicFiles.write(pathsFile(), out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                w.write(PathsTable.header());
                w.write('\n');
                for (ScanUnit u : plan.units()) {
                    for (PathsTable.Row r : PathsTable.read(unitPathsFile(u))) {
                        w.write(r.line());
                        w.write('\n');
                        rows[1]++;
                    }
                }
                w.flush();
            });
        }
        ScanRecord record = new ScanRecord(ScanRecord.FORMAT_VERSION, plan.config().toTree(), plan.config().source(),
                plan.units().size(), unitsComputed, rows[0], rows[1], infinite, undefined, computeSeconds, kernel,
                device, Provenance.here(kernel, "float64", false, device, started, Instant.now()));
        AtomicFiles.write(recordFile(), out -> DataFormats.json().writeValue(out, record));
        return record;
    }

    private static void count(double v, String column, Map<String, Long> infinite, Map<String, Long> undefined) {
        if (Double.isNaN(v)) {
            undefined.merge(column, 1L, Long::sum);
        } else if (Double.isInfinite(v)) {
            infinite.merge(column, 1L, Long::sum);
        }
    }

    private static <R> void writeLines(Path file, String header, List<R> rows, java.util.function.Function<R, String> line) {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(header);
            w.write('\n');
            for (R r : rows) {
                w.write(line.apply(r));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static void writeUnits(Path file, ScanPlan plan) {
        StringBuilder sb = new StringBuilder("index,unit,model,init,hurst,width,depth,draw\n");
        int n = plan.units().size();
        for (ScanUnit u : plan.units()) {
            sb.append(u.index()).append(',').append(u.name(n)).append(',').append(u.model().key()).append(',')
                    .append(u.init().key()).append(',').append(CsvTable.number(u.hurst())).append(',')
                    .append(u.width()).append(',').append(u.depth()).append(',').append(u.draw()).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** The first difference between two configuration trees other than the kernel, or null. */
    private static String difference(Map<String, Object> there, Map<String, Object> here) {
        for (ScanSetting s : ScanSetting.values()) {
            if (s == ScanSetting.KERNEL) {
                continue;
            }
            Object a = there.get(s.key());
            Object b = here.get(s.key());
            if (!Objects.equals(a, b)) {
                return "setting '" + s.key() + "' is " + a + " there, " + b + " here";
            }
        }
        return null;
    }
}
