package org.rscale.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.rscale.fits.sweep.FinalVerdicts;
import org.rscale.fits.sweep.VerdictFiles;
import org.rscale.plots.FigureCatalog;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.CellFailure;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.run.Provenance;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;

/**
 * Everything the report of one sweep shows, read from the sweep's files (nothing is computed here): the decisions
 * ({@code analysis/verdict.json}), the figures ({@code figures/<group>/*.svg, *.png}), the settings
 * ({@code sweep.yaml}), the cells ({@code runs/*}/run.json, failure records, the plan), the provenance and the
 * commands that reproduce it.
 *
 * @param dir         the sweep directory
 * @param name        its name (the sweep's {@code name} setting, else the directory's name)
 * @param stage       the verdict's stage: {@code analyze} or {@code fit}
 * @param decisions   one per group
 * @param figures     every figure found, ordered by the catalog and then by name
 * @param settings    the resolved settings, dotted keys, in schema order
 * @param cells       every cell, by depth and seed
 * @param provenance  where and how the verdict and the cells were computed, as key and value
 * @param commands    the commands that reproduce the report
 * @param next        what to run next, in words with a command each
 */
public record SweepReport(Path dir, String name, String stage, List<Decision> decisions, List<FigureEntry> figures,
                          Map<String, String> settings, List<CellRow> cells, Map<String, String> provenance,
                          List<String> commands, List<String> next) {

    // Copies.
    public SweepReport {
        decisions = List.copyOf(decisions);
        figures = List.copyOf(figures);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        cells = List.copyOf(cells);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        commands = List.copyOf(commands);
        next = List.copyOf(next);
    }

    /**
     * Reads the report of a sweep.
     *
     * @param dir         the sweep directory (or any directory with {@code runs/*}/A.npy)
     * @param analysisDir the analysis directory holding {@code verdict.json}
     * @param figuresDir  the figures directory
     * @return the report's content
     * @throws InvalidInputException when the verdict is missing or unreadable
     */
    public static SweepReport read(Path dir, Path analysisDir, Path figuresDir) {
        FinalVerdicts verdict = VerdictFiles.read(analysisDir);
        Optional<SweepDirectory> sweep = Files.isRegularFile(dir.resolve(RunFiles.SWEEP_YAML))
                ? Optional.of(SweepDirectory.open(dir)) : Optional.empty();
        String name = sweep.map(s -> s.plan().config().name()).filter(n -> !n.isBlank())
                .orElse(dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                        : dir.toAbsolutePath().normalize().getFileName().toString());
        List<CellRow> cells = cells(dir, sweep);
        List<Decision> decisions = VerdictView.of(verdict);
        return new SweepReport(dir, name, verdict.stage(), decisions, figures(figuresDir), settings(sweep, verdict),
                cells, provenance(verdict, dir, cells), commands(dir, sweep.isPresent(), verdict),
                next(dir, verdict, cells));
    }

    /** @return the number of cells by status, in the order converged, stalled, max-epochs, diverged, others */
    public Map<String, Integer> statusCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("converged", "stalled", "max-epochs", "diverged")) {
            counts.put(s, 0);
        }
        for (CellRow c : cells) {
            counts.merge(c.status(), 1, Integer::sum);
        }
        return counts;
    }

    // ------------------------------------------------------------------------------------------- reading

    static List<FigureEntry> figures(Path figuresDir) {
        List<FigureEntry> out = new ArrayList<>();
        if (!Files.isDirectory(figuresDir)) {
            return out;
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(figuresDir);
        try (Stream<Path> s = Files.list(figuresDir)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + figuresDir + ": " + e.getMessage(), e);
        }
        for (Path d : dirs) {
            String group = d.equals(figuresDir) ? "" : d.getFileName().toString();
            TreeMap<String, Path[]> byName = new TreeMap<>();
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") || !Files.isRegularFile(p)) {
                        continue;
                    }
                    if (n.endsWith(".svg")) {
                        byName.computeIfAbsent(n.substring(0, n.length() - 4), k -> new Path[2])[0] = p;
                    } else if (n.endsWith(".png")) {
                        byName.computeIfAbsent(n.substring(0, n.length() - 4), k -> new Path[2])[1] = p;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d + ": " + e.getMessage(), e);
            }
            List<FigureEntry> entries = new ArrayList<>();
            for (Map.Entry<String, Path[]> e : byName.entrySet()) {
                entries.add(FigureEntry.of(group, e.getKey(), e.getValue()[0], e.getValue()[1]));
            }
            entries.sort(Comparator.comparingInt((FigureEntry f) -> FigureCatalog.of(f.baseName())
                    .map(Enum::ordinal).orElse(Integer.MAX_VALUE)).thenComparing(FigureEntry::baseName));
            out.addAll(entries);
        }
        return out;
    }

    static List<CellRow> cells(Path dir, Optional<SweepDirectory> sweep) {
        Path runs = dir.resolve(RunFiles.RUNS_DIR);
        List<CellRow> rows = new ArrayList<>();
        if (sweep.isPresent()) {
            for (Cell c : sweep.get().plan().cells()) {
                Path run = runs.resolve(c.id());
                rows.add(cell(run, c.id(), c.settings().depth(), c.settings().seed(), runs));
            }
        } else if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    String id = p.getFileName().toString();
                    if (!id.startsWith(".") && Files.isRegularFile(p.resolve(RunFiles.A_NPY))) {
                        rows.add(cell(p, id, 0, null, runs));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
            }
        }
        rows.sort(Comparator.comparingInt(CellRow::depth)
                .thenComparing(r -> r.seed() == null ? Integer.MIN_VALUE : r.seed()).thenComparing(CellRow::id));
        return rows;
    }

    private static CellRow cell(Path run, String id, int depth, Integer seed, Path runs) {
        Path json = run.resolve(RunFiles.RUN_JSON);
        if (Files.isRegularFile(json)) {
            RunRecord r;
            try {
                r = RunDirectory.readRecord(json);
            } catch (InvalidInputException e) {
                return new CellRow(id, depth, seed, "unknown", null, null, null, null, e.getMessage());
            }
            Map<String, Object> s = r.settings() == null ? Map.of() : r.settings();
            int L = depth > 0 ? depth : s.get("depth") instanceof Number n ? n.intValue() : 0;
            Integer sd = seed != null ? seed : s.get("seed") instanceof Number n ? n.intValue() : null;
            return new CellRow(id, L, sd, r.status() == null ? "unknown" : r.status(), r.epochs(), r.finalTrainLoss(),
                    r.finalTestLoss(), r.wallSeconds(), "");
        }
        if (Files.isRegularFile(run.resolve(RunFiles.A_NPY))) {
            return new CellRow(id, depth, seed, "unknown", null, null, null, null, "weights without run.json");
        }
        Optional<CellFailure> f = CellFailure.read(runs, id);
        if (f.isPresent()) {
            return new CellRow(id, depth, seed, "failed", null, null, null, null, f.get().error());
        }
        return new CellRow(id, depth, seed, "missing", null, null, null, null, "not trained yet");
    }

    private static Map<String, String> settings(Optional<SweepDirectory> sweep, FinalVerdicts verdict) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sweep.isPresent()) {
            flatten("", sweep.get().plan().config().toTree(), out);
        } else if (!verdict.groups().isEmpty()) {
            verdict.groups().get(0).settings().forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> out) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(key, (Map<String, Object>) m, out);
            } else if (e.getValue() instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                l.forEach(x -> parts.add(String.valueOf(x)));
                out.put(key, String.join(", ", parts));
            } else {
                out.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    private static Map<String, String> provenance(FinalVerdicts verdict, Path dir, List<CellRow> cells) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sweep directory", dir.toAbsolutePath().normalize().toString());
        out.put("verdict stage", verdict.stage());
        Provenance p = verdict.provenance();
        if (p != null) {
            out.put("rscale version", p.rscaleVersion());
            out.put("git commit", p.gitCommit());
            out.put("java", p.javaVersion() + " (" + p.javaVendor() + ")");
            out.put("os", p.osName() + " " + p.osArch());
            out.put("host", p.host());
            out.put("hardware threads", Integer.toString(p.hardwareThreads()));
            out.put("verdict computed", p.started() + " to " + p.finished());
        }
        for (CellRow c : cells) {
            Path json = dir.resolve(RunFiles.RUNS_DIR).resolve(c.id()).resolve(RunFiles.RUN_JSON);
            if (Files.isRegularFile(json)) {
                try {
                    Provenance r = RunDirectory.readRecord(json).provenance();
                    if (r != null) {
                        out.put("training kernel", r.kernel() + ", " + r.precision() + ", " + r.device());
                        out.put("trained with", "rscale " + r.rscaleVersion() + ", commit " + r.gitCommit() + ", ND4J "
                                + r.nd4jVersion());
                    }
                } catch (InvalidInputException e) {
                    continue;
                }
                break;
            }
        }
        return out;
    }

    private static List<String> commands(Path dir, boolean planned, FinalVerdicts verdict) {
        String d = Shell.quote(dir.toString());
        List<String> out = new ArrayList<>();
        if (planned) {
            out.add("rscale sweep --config " + Shell.quote(dir.resolve(RunFiles.SWEEP_YAML).toString())
                    + " --out NEW_DIR   # retrain every cell: same settings and seeds, identical weights");
        }
        String level = Double.isNaN(verdict.ciLevel()) || Math.abs(verdict.ciLevel() - 0.95) < 1e-12 ? ""
                : " --level " + verdict.ciLevel();
        out.add("rscale analyze " + d + level);
        if (!VerdictFiles.ANALYZE.equals(verdict.stage())) {
            out.add("rscale fit " + d + level);
        }
        out.add("rscale plot " + d);
        out.add("rscale report " + d);
        return out;
    }

    private static List<String> next(Path dir, FinalVerdicts verdict, List<CellRow> cells) {
        String d = Shell.quote(dir.toString());
        List<String> out = new ArrayList<>();
        long unconverged = cells.stream().filter(c -> c.status().equals("stalled") || c.status().equals("max-epochs"))
                .count();
        long missing = cells.stream().filter(c -> c.status().equals("missing") || c.status().equals("failed")).count();
        if (missing > 0) {
            out.add(missing + " cells are missing or failed: train them with 'rscale sweep " + d + "' ('rscale status "
                    + d + "' says why a cell failed).");
        }
        if (unconverged > 0) {
            out.add(unconverged + " cells stopped before the loss reached ε: their weights are not the trained limit. "
                    + "Plan a sweep with more epochs or a smaller learning rate, e.g. 'rscale sweep --config "
                    + Shell.quote(dir.resolve(RunFiles.SWEEP_YAML).toString()) + " --set epochs=400 --out NEW_DIR'.");
        }
        if (VerdictFiles.ANALYZE.equals(verdict.stage())) {
            out.add("The verdict rests on the scaling fits only: 'rscale fit " + d + "' decides on the networks' hidden "
                    + "states (smooth or rough increments, a vanishing or persistent diffusion, the limit equation, "
                    + "whether the coefficients are identified).");
        }
        boolean undecided = verdict.groups().stream().anyMatch(g -> g.regime() == org.rscale.fits.Regime.INCONCLUSIVE);
        if (undecided) {
            int deepest = verdict.groups().stream().flatMap(g -> g.depths().stream()).mapToInt(Integer::intValue)
                    .max().orElse(0);
            int seeds = verdict.groups().stream().mapToInt(g -> g.seeds().size()).max().orElse(0);
            out.add("No regime was decided: deeper networks separate the regimes better (e.g. --set depths.max="
                    + Math.max(1000, 4 * deepest) + "), and more seeds narrow the intervals (e.g. --set seeds=0.."
                    + Math.max(4, 2 * seeds - 1) + ").");
        }
        return out;
    }
}
