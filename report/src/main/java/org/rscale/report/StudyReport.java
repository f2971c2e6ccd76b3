package org.rscale.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.rscale.plots.CriticalScale;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.ScanConfig;
import org.rscale.sweeps.initscan.ScanDirectory;
import org.rscale.sweeps.initscan.ScanRecord;
import org.rscale.sweeps.initscan.ScanSetting;
import org.rscale.sweeps.initscan.ScanUnit;
import org.rscale.sweeps.initscan.StudySetting;
import org.rscale.sweeps.inittrain.AccuracyTable;
import org.rscale.sweeps.inittrain.TrainConfig;
import org.rscale.sweeps.inittrain.TrainDirectory;
import org.rscale.sweeps.inittrain.TrainRecord;
import org.rscale.sweeps.inittrain.TrainSetting;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.run.Provenance;

/**
 * Everything the report of an initialisation study shows, read from its files through their typed readers
 * (nothing is computed here): an {@code rscale init-scan} directory ({@code DIR/init/}: scan.yaml, scan.json,
 * figures) or an {@code rscale init-train} one ({@code DIR/init-train/}: train.yaml, train.json, accuracy.csv,
 * figures).
 *
 * @param dir        the study's output directory (the one given to {@code --out})
 * @param kind       {@link #SCAN} or {@link #TRAIN}
 * @param title      the section's heading
 * @param theory     what the JMLR paper's theory predicts, one paragraph each
 * @param critical   per law of the study, the critical beta and where the study's betas fall
 * @param computed   what was computed: counts, sizes, time, as key and value
 * @param settings   the resolved settings with their meaning, in schema order
 * @param figures    every figure found, ordered by the catalog and then by name
 * @param trainings  per training of an init-train study, its row of accuracy.csv (empty for a scan)
 * @param provenance where and how it was computed, as key and value
 * @param commands   the commands that reproduce it
 * @param notes      what is missing (not assembled yet, no figures), in words with a command each
 */
public record StudyReport(Path dir, String kind, String title, List<String> theory, List<CriticalRow> critical,
                          Map<String, String> computed, List<SettingRow> settings, List<FigureEntry> figures,
                          List<AccuracyTable.Row> trainings, Map<String, String> provenance, List<String> commands,
                          List<String> notes) {

    /** The kind of an {@code init-scan} study. */
    public static final String SCAN = "init-scan";
    /** The kind of an {@code init-train} study. */
    public static final String TRAIN = "init-train";

    /**
     * One setting as the page shows it.
     *
     * @param key     the key, as in the YAML file
     * @param value   its value
     * @param meaning what it means (the schema's description)
     */
    public record SettingRow(String key, String value, String meaning) {
    }

    /**
     * The critical branch scale of one law and where the study's betas fall.
     *
     * @param law   {@code iid}, {@code smooth}, {@code fbm(H = 0.3)}
     * @param beta  the critical beta, as text
     * @param below the study's betas below it (explosion expected)
     * @param at    the study's betas at it (a non-trivial limit)
     * @param above the study's betas above it (the identity)
     */
    public record CriticalRow(String law, String beta, String below, String at, String above) {
    }

    // Copies.
    public StudyReport {
        theory = List.copyOf(theory);
        critical = List.copyOf(critical);
        computed = Collections.unmodifiableMap(new LinkedHashMap<>(computed));
        settings = List.copyOf(settings);
        figures = List.copyOf(figures);
        trainings = List.copyOf(trainings);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        commands = List.copyOf(commands);
        notes = List.copyOf(notes);
    }

    /** @return one line for a terminal: the study, its size, whether it is complete, its figures */
    public String summary() {
        String units = computed.getOrDefault(kind.equals(SCAN) ? "networks (units)" : "trainings (units)", "");
        String count = units.contains(" ") ? units.substring(0, units.indexOf(' ')) : units;
        String state = notes.stream().anyMatch(n -> n.contains("not assembled")) ? "not assembled yet, " : "";
        return kind + ": " + state + count + (kind.equals(SCAN) ? " networks, " : " trainings, ") + figures.size()
                + " figures";
    }

    /**
     * @param dir a directory
     * @return whether it holds a planned initialisation scan ({@code DIR/init/scan.yaml})
     */
    public static boolean hasScan(Path dir) {
        return Files.isRegularFile(dir.resolve(ScanDirectory.INIT_DIR).resolve(ScanDirectory.SCAN_YAML));
    }

    /**
     * @param dir a directory
     * @return whether it holds a planned trained study ({@code DIR/init-train/train.yaml})
     */
    public static boolean hasTraining(Path dir) {
        return Files.isRegularFile(dir.resolve(TrainDirectory.TRAIN_DIR).resolve(TrainDirectory.TRAIN_YAML));
    }

    /**
     * Reads the report of an initialisation scan.
     *
     * @param dir        the scan's output directory
     * @param figuresDir where its figures are ({@code DIR/init/figures}, or elsewhere when drawn for the report)
     * @return its content
     */
    public static StudyReport scan(Path dir, Path figuresDir) {
        ScanDirectory scan = ScanDirectory.open(dir);
        ScanConfig config = scan.plan().config();
        Optional<ScanRecord> record = Files.isRegularFile(scan.recordFile())
                ? Optional.of(ScanRecord.read(scan.recordFile())) : Optional.empty();
        List<String> theory = List.of(
                "The JMLR paper (Marion et al., “Scaling ResNets in the large-depth regime”) scales the residual branch "
                        + "by α_L = L^−β and asks how the regularity of the initial weights along depth decides what a "
                        + "deep network does at initialisation. The regime is governed by L·α_L²: when it grows with L "
                        + "the output and the gradients explode, when it vanishes the network stays at the identity, "
                        + "and when it has a finite limit the network has a non-trivial limit (SCIENCE.md 6).",
                "The critical scale is β = 1/2 for iid weights, β = 1 for smooth ones, and β*(H) = max(H, 1/2) for "
                        + "fractional Brownian weights of Hurst index H: the boundary drawn over the phase diagrams. "
                        + "Below it the change ‖h_L − h_0‖/‖h_0‖ explodes (red cells, rising curves), above it the "
                        + "change vanishes (blue cells, falling curves), on it the change stays of order one (white "
                        + "cells, flat curves).");
        Map<String, String> computed = new LinkedHashMap<>();
        computed.put("networks (units)", scan.plan().units().size() + " = models × inits × H × widths × depths × "
                + config.draws() + " draws");
        computed.put("betas per network", Integer.toString(config.betas().size()));
        computed.put("inputs per network", config.inputs() + " (x ~ U[0, 1]^" + config.inputDim() + ")");
        List<String> notes = new ArrayList<>();
        if (record.isPresent()) {
            ScanRecord r = record.get();
            computed.put("rows of ratios.csv", String.format(Locale.ROOT, "%,d (one per network, β and input)", r.rows()));
            if (r.pathRows() > 0) {
                computed.put("rows of paths.csv", String.format(Locale.ROOT, "%,d", r.pathRows()));
            }
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(r.infinite()).entrySet()) {
                long nan = r.undefined().getOrDefault(e.getKey(), 0L);
                if (e.getValue() + nan > 0) {
                    computed.put("non-finite " + e.getKey(), e.getValue() + " inf, " + nan + " nan (kept, never dropped)");
                }
            }
            computed.put("compute time", String.format(Locale.ROOT, "%.1f s of thread time by the last process "
                    + "(%d units; the others were on disk)", r.computeSeconds(), r.unitsComputed()));
            computed.put("kernel", r.kernel() + " on " + r.device());
        } else {
            notes.add("The scan is not assembled yet (" + (scan.plan().units().size() - scan.missing().size()) + " of "
                    + scan.plan().units().size() + " units done): run 'rscale init-scan " + Shell.quote(dir.toString())
                    + "' to compute the rest, assemble the tables and draw the figures.");
        }
        List<SettingRow> settings = new ArrayList<>();
        Map<String, Object> tree = config.toTree();
        for (ScanSetting s : ScanSetting.values()) {
            settings.add(row(s, tree.get(s.key())));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("directory", scan.dir().toAbsolutePath().normalize().toString());
        provenance.put("settings from", config.source());
        record.ifPresent(r -> provenance(provenance, r.provenance()));
        String d = Shell.quote(dir.toString());
        List<String> commands = List.of(
                "rscale init-scan --config " + Shell.quote(scan.dir().resolve(ScanDirectory.SCAN_YAML).toString())
                        + " --out NEW_DIR --jobs 2   # the same scan again: same seeds, the same bytes",
                "rscale init-scan " + d + "   # resume, re-assemble and redraw (--formats, --width, --no-titles)",
                "rscale report " + d);
        List<FigureEntry> figures = SweepReport.figures(figuresDir);
        if (record.isPresent() && figures.isEmpty()) {
            notes.add("No figures: run 'rscale init-scan " + d + "' (it draws them once the scan is assembled).");
        }
        List<CriticalRow> critical = critical(config.inits(), config.hursts(), config.betas());
        return new StudyReport(dir, SCAN, "Initialisation scan (rscale init-scan)", theory, critical, computed,
                settings, figures, List.of(), provenance, commands, notes);
    }

    /**
     * Reads the report of a trained study.
     *
     * @param dir        the study's output directory
     * @param figuresDir where its figures are
     * @return its content
     */
    public static StudyReport training(Path dir, Path figuresDir) {
        TrainDirectory study = TrainDirectory.open(dir);
        TrainConfig config = study.plan().config();
        Optional<TrainRecord> record = Files.isRegularFile(study.recordFile())
                ? Optional.of(TrainRecord.read(study.recordFile())) : Optional.empty();
        List<String> theory = List.of(
                "After training (the JMLR paper's Figures 8 and 9): res-1 h_{k+1} = h_k + L^−β V_k relu(h_k), width "
                        + config.width() + ", depth " + config.depth() + ", trained with cross-entropy and Adam from "
                        + "iid, smooth or fbm weights. The theory predicts that training keeps the regularity of the "
                        + "initialisation (weights started smooth at β = 1 stay smooth in k/L), and that the (β, H) "
                        + "plane splits along the boundary β*(H) = max(H, 1/2) of the initialisation study: below it "
                        + "the initial network explodes.");
        Map<String, String> computed = new LinkedHashMap<>();
        computed.put("trainings (units)", study.plan().units().size() + " = inits × H × betas × learning rates × seeds");
        computed.put("epochs", config.epochs() + " (batch " + config.batchSize() + ", learning rate × " + config.lrGamma()
                + " every " + config.lrStep() + " epochs)");
        List<String> notes = new ArrayList<>();
        List<AccuracyTable.Row> rows = Files.isRegularFile(study.accuracyFile())
                ? AccuracyTable.read(study.accuracyFile()) : List.of();
        if (record.isPresent()) {
            TrainRecord r = record.get();
            computed.put("images", r.trainSize() + " training, " + r.testSize() + " test (" + config.dataPath() + ")");
            computed.put("diverged", r.diverged() + " of " + r.units() + " trainings");
            computed.put("compute time", String.format(Locale.ROOT, "%.1f s of thread time by the last process "
                    + "(%d trainings; the others were on disk)", r.computeSeconds(), r.unitsComputed()));
            double best = rows.stream().mapToDouble(AccuracyTable.Row::testAccuracy).max().orElse(Double.NaN);
            if (!Double.isNaN(best)) {
                computed.put("best test accuracy", String.format(Locale.ROOT, "%.3f", best));
            }
        } else {
            notes.add("The study is not assembled yet (" + (study.plan().units().size() - study.missing().size()) + " of "
                    + study.plan().units().size() + " trainings done): run 'rscale init-train "
                    + Shell.quote(dir.toString()) + "'.");
        }
        List<SettingRow> settings = new ArrayList<>();
        Map<String, Object> tree = flat(config.toTree());
        for (TrainSetting s : TrainSetting.values()) {
            settings.add(row(s, tree.get(s.key())));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("directory", study.dir().toAbsolutePath().normalize().toString());
        provenance.put("settings from", config.source());
        record.ifPresent(r -> {
            for (FileIdentity f : r.dataSources()) {
                provenance.put("data: " + Path.of(f.path()).getFileName(), f.bytes() + " bytes, sha256 " + f.sha256());
            }
            provenance(provenance, r.provenance());
        });
        String d = Shell.quote(dir.toString());
        List<String> commands = List.of(
                "rscale init-train --config " + Shell.quote(study.dir().resolve(TrainDirectory.TRAIN_YAML).toString())
                        + " --out NEW_DIR --jobs 2   # the same trainings again: same seeds, the same bytes",
                "rscale init-train " + d + "   # resume, re-assemble and redraw (--formats, --width, --no-titles)",
                "rscale report " + d);
        List<FigureEntry> figures = SweepReport.figures(figuresDir);
        if (record.isPresent() && figures.isEmpty()) {
            notes.add("No figures: run 'rscale init-train " + d + "' (the weights figure needs save_weights: true, "
                    + "the heatmap fbm with two or more H and betas).");
        }
        List<Initialisation> inits = config.inits();
        List<CriticalRow> critical = critical(inits, config.hursts(), config.betas());
        return new StudyReport(dir, TRAIN, "Training from structured initialisations (rscale init-train)", theory,
                critical, computed, settings, figures, rows, provenance, commands, notes);
    }

    /**
     * The critical beta of each law of a study and where its betas fall (within 1e-9 counts as at).
     *
     * @param inits  the study's laws
     * @param hursts the H of fbm
     * @param betas  the study's betas
     * @return one row per law (and per H of fbm)
     */
    static List<CriticalRow> critical(List<Initialisation> inits, List<Double> hursts, List<Double> betas) {
        List<CriticalRow> out = new ArrayList<>();
        for (Initialisation init : inits) {
            List<Double> hs = init == Initialisation.FBM ? new ArrayList<>(new TreeSet<>(hursts)) : List.of(Double.NaN);
            for (double h : hs) {
                double star = CriticalScale.of(init, h);
                List<String> below = new ArrayList<>();
                List<String> at = new ArrayList<>();
                List<String> above = new ArrayList<>();
                for (double b : new TreeSet<>(betas)) {
                    (Math.abs(b - star) < 1e-9 ? at : b < star ? below : above).add(ScanUnit.compact(b));
                }
                String law = init == Initialisation.FBM ? "fbm(H = " + ScanUnit.compact(h) + ")" : init.key();
                out.add(new CriticalRow(law, ScanUnit.compact(star), shortList(below), shortList(at), shortList(above)));
            }
        }
        return out;
    }

    private static String shortList(List<String> values) {
        if (values.size() <= 8) {
            return String.join(", ", values);
        }
        return values.size() + " values, " + values.get(0) + " to " + values.get(values.size() - 1);
    }

    private static SettingRow row(StudySetting s, Object value) {
        String v;
        if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(String.valueOf(x)));
            v = parts.size() <= 12 ? String.join(", ", parts)
                    : parts.size() + " values: " + String.join(", ", parts.subList(0, 3)) + ", …, " + parts.get(parts.size() - 1);
        } else {
            v = String.valueOf(value);
        }
        return new SettingRow(s.key(), v, s.description());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flat(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                flat((Map<String, Object>) m).forEach((k, v) -> out.put(e.getKey() + "." + k, v));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void provenance(Map<String, String> out, Provenance p) {
        if (p == null) {
            return;
        }
        out.put("rscale version", p.rscaleVersion());
        out.put("git commit", p.gitCommit());
        out.put("java", p.javaVersion() + " (" + p.javaVendor() + ")");
        out.put("os", p.osName() + " " + p.osArch());
        out.put("host", p.host());
        out.put("hardware threads", Integer.toString(p.hardwareThreads()));
        out.put("assembled", p.started() + " to " + p.finished());
    }
}
