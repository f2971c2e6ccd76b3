package org.rscale.fits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.Provenance;

/**
 * The typed reader of {@code analysis/verdict.json}, as written by {@link VerdictReport#write} ({@code rscale
 * analyze}) and by the upgraded verdict of {@code rscale fit} ({@code stage: fit}): what a reader of the verdict
 * (the report, the figures) needs, without re-parsing the JSON itself.
 *
 * <p>Both stages give the same view. The evidence is one list: the first verdict's scaling fits
 * ({@code evidence}, stage {@code scaling}) and, after {@code fit}, the limit items ({@code
 * limit_evidence.items}, stage {@code limit}), each with its estimate, whether it counted, and what each regime
 * predicts. {@code confidenceLevel} is empty for a first verdict (which states its confidence in a sentence
 * only).
 *
 * @param stage      {@code analyze} or {@code fit}
 * @param directory  the analysed directory, as the analysis wrote it
 * @param incrementExponent f of the increment statistic the fits used
 * @param ciLevel    the confidence level of every interval
 * @param provenance where and how the verdict was computed
 * @param groups     one verdict per group of cells
 */
public record VerdictFile(String stage, String directory, double incrementExponent, double ciLevel, Provenance provenance, List<Group> groups) {

    /** The stage of a verdict written by {@code rscale analyze}. */
    public static final String ANALYZE = "analyze";
    /** The file name, under the analysis directory. */
    public static final String FILE = "verdict.json";

    // Copies.
    public VerdictFile {
        groups = List.copyOf(groups);
    }

    /**
     * The verdict of one group of cells.
     *
     * @param group           the group id
     * @param settings        the settings its cells share
     * @param depths          its distinct depths
     * @param seeds           its distinct known seeds
     * @param regime          the decision
     * @param limitEquation   the limit equation's key ({@code none} unless ode or sde)
     * @param tensor          the judged tensor
     * @param beta            {@code -slope} of the max norm with its interval, when fitted
     * @param confidence      the confidence sentence
     * @param confidenceLevel high, moderate or low (upgraded verdicts only)
     * @param reasons         the reasons, the decisive ones first
     * @param regimes         each regime's standing
     * @param cells           how the group's cells ended
     * @param evidence        every item weighed
     */
    public record Group(String group, Map<String, Object> settings, List<Integer> depths, List<Integer> seeds,
                        Regime regime, String limitEquation, String tensor, Optional<Estimate> beta, String confidence,
                        Optional<String> confidenceLevel, List<String> reasons, Map<Regime, Compatibility> regimes,
                        CellCounts cells, List<Item> evidence) {
        // Copies.
        public Group {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            depths = List.copyOf(depths);
            seeds = List.copyOf(seeds);
            reasons = List.copyOf(reasons);
            EnumMap<Regime, Compatibility> r = new EnumMap<>(Regime.class);
            r.putAll(regimes);
            regimes = java.util.Collections.unmodifiableMap(r);
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One item of evidence.
     *
     * @param quantity    its key, e.g. {@code max_norm_slope} or {@code hurst}
     * @param stage       {@code scaling} (the first verdict's fits) or {@code limit} (the limit evidence)
     * @param estimate    the estimate with its interval; empty for a categorical item
     * @param counts      whether it entered the decision
     * @param note        why it does not count, or a remark; empty otherwise
     * @param source      what it was computed from, in words; empty when not stated
     * @param predictions what each regime predicts, and whether the estimate agrees
     */
    public record Item(String quantity, String stage, Optional<Estimate> estimate, boolean counts, String note,
                       String source, List<Prediction> predictions) {
        /** The stage of the scaling-fit items. */
        public static final String SCALING = "scaling";
        /** The stage of the limit items. */
        public static final String LIMIT = "limit";

        // Copies.
        public Item {
            predictions = List.copyOf(predictions);
        }
    }

    /**
     * @param analysisDir an analysis directory
     * @return whether it holds a verdict
     */
    public static boolean exists(Path analysisDir) {
        return Files.isRegularFile(analysisDir.resolve(FILE));
    }

    /**
     * Reads a verdict.json.
     *
     * @param file the file
     * @return its content
     * @throws InvalidInputException when the file is missing or is not a verdict (one line naming the file)
     */
    public static VerdictFile read(Path file) {
        JsonNode root;
        try {
            root = DataFormats.json().readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (run 'rscale analyze' first)");
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new InvalidInputException(file + ": no such file (run 'rscale analyze' first)");
            }
            throw new InvalidInputException(file + ": not a verdict file: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("groups").isArray()) {
            throw new InvalidInputException(file + ": not a verdict file (no groups)");
        }
        ObjectMapper m = DataFormats.json();
        try {
            List<Group> groups = new ArrayList<>();
            for (JsonNode g : root.path("groups")) {
                groups.add(group(m, g));
            }
            Provenance p = root.hasNonNull("provenance") ? m.treeToValue(root.get("provenance"), Provenance.class) : null;
            return new VerdictFile(root.path("stage").asText(ANALYZE), root.path("directory").asText(""),
                    root.path("increment_exponent").asDouble(0),
                    root.path("ci_level").asDouble(Double.NaN), p, groups);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not a verdict file: " + firstLine(e.getMessage()));
        }
    }

    private static Group group(ObjectMapper m, JsonNode g) throws JsonProcessingException {
        Map<String, Object> settings = m.convertValue(g.path("settings"), new TypeReference<LinkedHashMap<String, Object>>() { });
        List<Integer> depths = m.convertValue(g.path("depths"), new TypeReference<List<Integer>>() { });
        List<Integer> seeds = m.convertValue(g.path("seeds"), new TypeReference<List<Integer>>() { });
        EnumMap<Regime, Compatibility> regimes = new EnumMap<>(Regime.class);
        g.path("regimes").properties().forEach(e -> regimes.put(regime(e.getKey()), compatibility(e.getValue().asText())));
        List<String> reasons = new ArrayList<>();
        g.path("reasons").forEach(r -> reasons.add(r.asText()));
        List<Item> items = new ArrayList<>();
        for (JsonNode e : g.path("evidence")) {
            items.add(item(m, e, Item.SCALING));
        }
        for (JsonNode e : g.path("limit_evidence").path("items")) {
            items.add(item(m, e, Item.LIMIT));
        }
        CellCounts cells = g.hasNonNull("cells") ? m.treeToValue(g.get("cells"), CellCounts.class)
                : new CellCounts(0, 0, 0, 0, 0);
        return new Group(g.path("group").asText(), settings == null ? Map.of() : settings,
                depths == null ? List.of() : depths, seeds == null ? List.of() : seeds,
                regime(g.path("regime").asText()), g.path("limit_equation").asText("none"), g.path("tensor").asText(""),
                estimate(m, g.path("beta")), g.path("confidence").asText(""),
                g.hasNonNull("confidence_level") ? Optional.of(g.get("confidence_level").asText()) : Optional.empty(),
                reasons, regimes, cells, items);
    }

    private static Item item(ObjectMapper m, JsonNode e, String stage) throws JsonProcessingException {
        List<Prediction> predictions = new ArrayList<>();
        for (JsonNode p : e.path("predictions")) {
            predictions.add(new Prediction(regime(p.path("regime").asText()), p.path("rule").asText(""),
                    p.path("low").asDouble(Double.NaN), p.path("high").asDouble(Double.NaN),
                    p.path("tolerance").asDouble(Double.NaN), compatibility(p.path("outcome").asText())));
        }
        return new Item(e.path("quantity").asText(), stage, estimate(m, e.path("estimate")), e.path("counts").asBoolean(false),
                e.path("note").asText(""), e.path("source").asText(""), predictions);
    }

    private static Optional<Estimate> estimate(ObjectMapper m, JsonNode e) throws JsonProcessingException {
        return e.isObject() ? Optional.of(m.treeToValue(e, Estimate.class)) : Optional.empty();
    }

    private static Regime regime(String key) {
        for (Regime r : Regime.values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown regime '" + key + "'");
    }

    private static Compatibility compatibility(String key) {
        for (Compatibility c : Compatibility.values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + key + "'");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
