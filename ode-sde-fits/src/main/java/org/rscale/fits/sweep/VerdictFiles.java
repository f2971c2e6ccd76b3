package org.rscale.fits.sweep;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rscale.analysis.DepthRange;
import org.rscale.fits.LimitEquation;
import org.rscale.fits.Regime;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictReport;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * {@code <sweep>/analysis/verdict.json}: its name, its writers for both stages (the first verdict of
 * {@code rscale analyze}, {@link VerdictReport}; the upgraded verdict of {@code rscale fit},
 * {@link FitVerdictReport}), and typed readers, so that no module re-parses the file. Written atomically, sorted
 * keys, snake_case.
 */
public final class VerdictFiles {
    /** The file name, under the analysis directory. */
    public static final String NAME = "verdict.json";
    /** The stage of a verdict written by {@code rscale analyze} (the file has no {@code stage} key then). */
    public static final String ANALYZE = "analyze";

    private VerdictFiles() {
    }

    /**
     * Writes the first verdict.
     *
     * @param report      the first verdicts
     * @param analysisDir the analysis directory
     */
    public static void write(VerdictReport report, Path analysisDir) {
        AtomicFiles.write(analysisDir.resolve(NAME), out -> DataFormats.json().writeValue(out, report));
    }

    /**
     * Writes the upgraded verdict, replacing the first (which it keeps inside, per group).
     *
     * @param report      the upgraded verdicts
     * @param analysisDir the analysis directory
     */
    public static void write(FitVerdictReport report, Path analysisDir) {
        AtomicFiles.write(analysisDir.resolve(NAME), out -> DataFormats.json().writeValue(out, report));
    }

    /**
     * @param analysisDir an analysis directory
     * @return whether it holds a verdict.json
     */
    public static boolean exists(Path analysisDir) {
        return java.nio.file.Files.isRegularFile(analysisDir.resolve(NAME));
    }

    /**
     * @param analysisDir an analysis directory
     * @return whether its verdict.json is the upgraded one ({@code stage = fit})
     */
    public static boolean upgraded(Path analysisDir) {
        return FitVerdictReport.STAGE.equals(tree(analysisDir.resolve(NAME)).path("stage").asText(""));
    }

    /**
     * Reads the upgraded verdict.
     *
     * @param analysisDir the analysis directory
     * @return the report, each group's verdict typed
     * @throws InvalidInputException naming the file when it is missing, not an upgraded verdict, or of another
     *                               format version
     */
    public static FitVerdictReport readFit(Path analysisDir) {
        Path file = analysisDir.resolve(NAME);
        JsonNode root = tree(file);
        if (!FitVerdictReport.STAGE.equals(root.path("stage").asText(""))) {
            throw new InvalidInputException(file + ": the first verdict of 'rscale analyze' (no stage: fit); run "
                    + "'rscale fit' for the upgraded one");
        }
        int version = root.path("format_version").asInt(0);
        if (version != FitVerdictReport.FORMAT_VERSION) {
            throw new InvalidInputException(file + ": format_version " + version + ", this rscale reads "
                    + FitVerdictReport.FORMAT_VERSION + " (run 'rscale fit' again)");
        }
        try {
            JsonNode groups = required(root, "groups", file);
            List<FitVerdictReport.Group> out = new ArrayList<>();
            for (JsonNode g : groups) {
                UpgradedVerdict v = DataFormats.json().treeToValue(g, UpgradedVerdict.class);
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> settings = DataFormats.json().treeToValue(required(g, "settings", file),
                        java.util.Map.class);
                List<Integer> seeds = new ArrayList<>();
                for (JsonNode s : g.path("seeds")) {
                    seeds.add(s.asInt());
                }
                out.add(new FitVerdictReport.Group(required(g, "group", file).asText(), settings, seeds, v));
            }
            return new FitVerdictReport(version, required(root, "directory", file).asText(),
                    required(root, "increment_exponent", file).asDouble(), required(root, "ci_level", file).asDouble(),
                    FitVerdictReport.STAGE, DataFormats.json().treeToValue(required(root, "weight_range", file),
                    DepthRange.class), out, DataFormats.json().treeToValue(required(root, "provenance", file),
                    Provenance.class));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(file + ": not an upgraded verdict.json of this version: " + e.getMessage());
        }
    }

    /**
     * Reads the first verdict ({@code rscale analyze}).
     *
     * @param analysisDir the analysis directory
     * @return the report
     * @throws InvalidInputException naming the file when it is missing or not a first verdict
     */
    public static VerdictReport readFirst(Path analysisDir) {
        Path file = analysisDir.resolve(NAME);
        JsonNode root = tree(file);
        try {
            List<org.rscale.fits.GroupVerdict> out = new ArrayList<>();
            for (JsonNode g : required(root, "groups", file)) {
                RegimeVerdict v = DataFormats.json().treeToValue(g.has("first_verdict") ? g.get("first_verdict") : g,
                        RegimeVerdict.class);
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> settings = DataFormats.json().treeToValue(required(g, "settings", file),
                        java.util.Map.class);
                List<Integer> depths = new ArrayList<>();
                for (JsonNode s : g.path("depths")) {
                    depths.add(s.asInt());
                }
                List<Integer> seeds = new ArrayList<>();
                for (JsonNode s : g.path("seeds")) {
                    seeds.add(s.asInt());
                }
                out.add(new org.rscale.fits.GroupVerdict(required(g, "group", file).asText(), settings, depths, seeds, v));
            }
            return new VerdictReport(required(root, "format_version", file).asInt(),
                    required(root, "directory", file).asText(), required(root, "increment_exponent", file).asDouble(),
                    required(root, "ci_level", file).asDouble(), root.has("depth_range")
                    ? DataFormats.json().treeToValue(root.get("depth_range"), DepthRange.class) : DepthRange.ALL, out,
                    DataFormats.json().treeToValue(required(root, "provenance", file), Provenance.class));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(file + ": not a verdict.json of this version: " + e.getMessage());
        }
    }

    /**
     * Reads the final verdict of every group, whichever stage wrote the file: the upgraded verdict after
     * {@code rscale fit}, the first verdict after {@code rscale analyze} only. The one reader of verdict.json for
     * reports and summaries.
     *
     * @param analysisDir the analysis directory
     * @return the file's verdicts
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static FinalVerdicts read(Path analysisDir) {
        List<FinalVerdict> out = new ArrayList<>();
        if (upgraded(analysisDir)) {
            FitVerdictReport r = readFit(analysisDir);
            for (FitVerdictReport.Group g : r.groups()) {
                UpgradedVerdict v = g.verdict();
                Optional<String> id = v.regime() == Regime.ODE || v.regime() == Regime.SDE
                        ? Optional.of(v.identification().text()) : Optional.empty();
                out.add(new FinalVerdict(g.group(), FitVerdictReport.STAGE, g.settings(), v.depths(), g.seeds(),
                        v.regime(), v.limitEquation(), v.decision(), v.confidenceLevel(), v.confidence(), v.reasons(),
                        v.regimes(), v.evidence(), id, v.tensor(), v.beta(), v.cells()));
            }
            return new FinalVerdicts(FitVerdictReport.STAGE, r.directory(), r.incrementExponent(), r.ciLevel(),
                    r.weightRange(), r.provenance(), out);
        }
        VerdictReport r = readFirst(analysisDir);
        for (org.rscale.fits.GroupVerdict g : r.groups()) {
            RegimeVerdict v = g.verdict();
            out.add(new FinalVerdict(g.group(), ANALYZE, g.settings(), g.depths(), g.seeds(), v.regime(),
                    v.limitEquation(), firstSentence(v), firstLevel(v), v.confidence(), v.reasons(), v.regimes(),
                    v.evidence(), Optional.empty(), v.tensor(), v.beta(), v.cells()));
        }
        return new FinalVerdicts(ANALYZE, r.directory(), r.incrementExponent(), r.ciLevel(), r.depthRange(),
                r.provenance(), out);
    }

    /**
     * The final verdict of every group ({@link #read}).
     *
     * @param analysisDir the analysis directory
     * @return one verdict per group
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<FinalVerdict> readFinal(Path analysisDir) {
        return read(analysisDir).groups();
    }

    /**
     * The first verdict's decision in one sentence.
     *
     * @param v a first verdict
     * @return e.g. {@code ode (linear-ode): the scaling fits of A are compatible with ode alone (beta = ...).}
     */
    public static String firstSentence(RegimeVerdict v) {
        String eq = v.limitEquation() == LimitEquation.NONE ? "" : " (" + v.limitEquation().key() + ")";
        if (v.regime() == Regime.INCONCLUSIVE) {
            return "inconclusive: " + (v.reasons().isEmpty() ? "the scaling fits do not separate the regimes"
                    : v.reasons().get(0)) + ".";
        }
        return v.regime().key() + eq + ": the scaling fits of " + v.tensor() + " are compatible with "
                + v.regime().key() + " alone" + v.beta().map(b -> " (beta = " + b.format() + ")").orElse("") + ".";
    }

    private static String firstLevel(RegimeVerdict v) {
        if (v.regime() == Regime.INCONCLUSIVE) {
            return UpgradedVerdict.LOW;
        }
        return v.confidence().startsWith("High") ? UpgradedVerdict.HIGH : UpgradedVerdict.MODERATE;
    }

    private static JsonNode tree(Path file) {
        try {
            JsonNode root = DataFormats.json().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file + ": not a JSON object");
            }
            return root;
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InvalidInputException(file + ": not found (run 'rscale analyze' or 'rscale fit' first)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not JSON: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(file + ": missing '" + key + "'");
        }
        return v;
    }
}
