package org.rscale.sweeps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ScalingFactor;

class SweepConfigLoaderTest {

    @Test
    void paperPresetsResolveToThePapersSetups() {
        SweepConfig tanh = new SweepConfigLoader().preset("paper-tanh-shared").resolve();
        List<CellSettings> cells = tanh.cells();
        assertEquals(44, cells.size());
        CellSettings c = cells.get(0);
        assertEquals(Activation.TANH, c.activation());
        assertEquals(ScalingFactor.SHARED, c.delta());
        assertEquals(Initialisation.XAVIER_DEPTH, c.init());
        assertEquals(0.01, c.initialSd());
        assertEquals(0.01, c.lr());
        assertEquals(32, c.batchSize());
        assertEquals(1e-3, c.epsilon());
        assertEquals(200, c.epochs());
        assertEquals(1024, c.trainSize());
        assertEquals(256, c.testSize());
        assertEquals(9100, cells.get(cells.size() - 1).depth());

        CellSettings relu = new SweepConfigLoader().preset("paper-relu-per-layer").resolve().cells().get(0);
        assertEquals(Activation.RELU, relu.activation());
        assertEquals(ScalingFactor.PER_LAYER, relu.delta());
    }

    @Test
    void overridesAndListsMakeAGrid() {
        SweepConfig c = new SweepConfigLoader().preset("paper-tanh-shared")
                .set("seeds=0,1,2").set("depths.max=300").set("activation=tanh,relu").set("lr=1e-2").resolve();
        assertEquals(List.of(0, 1, 2), c.seeds());
        int depths = c.depths().depths().size();
        assertEquals(2 * 3 * depths, c.cells().size());
        assertEquals(List.of(Setting.ACTIVATION), c.varying());
        assertEquals(List.of(0, 1, 2, 3), new SweepConfigLoader().set("seeds=0..3").resolve().seeds());
    }

    @Test
    void yamlMayNestOrUseDottedKeysAndGiveDepthsAsAList(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "data:\n  train_size: 64\ndata.test_size: 16\ndepths: [3, 10]\ninit: [iid, fbm(0.3)]\n"
                + "lr: 1e-2\n");
        SweepConfig c = new SweepConfigLoader().file(f).resolve();
        assertEquals(List.of(3, 10), c.depths().depths());
        List<CellSettings> cells = c.cells();
        assertEquals(4, cells.size());
        assertEquals(64, cells.get(0).trainSize());
        assertEquals(16, cells.get(0).testSize());
        assertEquals(0.01, cells.get(0).lr(), "1e-2 is a number even though YAML 1.1 reads it as text");
        CellSettings fbm = cells.get(cells.size() - 1);
        assertEquals(Initialisation.FBM, fbm.init());
        assertEquals(0.3, fbm.initHurst());
    }

    @Test
    void aResolvedTreeReadsBackToTheSameConfiguration(@TempDir Path dir) throws IOException {
        SweepConfig c = new SweepConfigLoader().preset("paper-relu-per-layer").set("seeds=1,2")
                .set("batch_size=16,32").resolve();
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, org.rscale.sweeps.io.DataFormats.yaml().writeValueAsString(c.toTree()));
        SweepConfig back = new SweepConfigLoader().file(f).resolve();
        assertEquals(c.toTree(), back.toTree());
        assertEquals(c.cells(), back.cells());
    }

    @Test
    void badInputNamesTheSettingAndValue(@TempDir Path dir) throws IOException {
        assertMessage(() -> new SweepConfigLoader().set("activaton=tanh"), "unknown setting 'activaton'",
                "did you mean 'activation'");
        assertMessage(() -> new SweepConfigLoader().set("batch_size=abc"), "'batch_size'", "whole number", "abc");
        assertMessage(() -> new SweepConfigLoader().set("activation=tan"), "'activation'", "'tan'", "tanh, relu");
        assertMessage(() -> new SweepConfigLoader().set("lr=-1"), "'lr'", "must be > 0");
        assertMessage(() -> new SweepConfigLoader().set("init=fbm(1.5)"), "'init'", "outside (0, 1)");
        assertMessage(() -> new SweepConfigLoader().set("batching=reference").set("batch_size=50").resolve(),
                "'batch_size' 50 does not divide 'data.train_size' 1024");
        assertMessage(() -> new SweepConfigLoader().preset("nope"), "unknown preset 'nope'", "paper-tanh-shared");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "lr: [0.1\n");
        assertMessage(() -> new SweepConfigLoader().file(bad), bad.toString(), "not valid YAML");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "data:\n  trian_size: 3\n");
        assertMessage(() -> new SweepConfigLoader().file(typo), typo.toString(), "'data.trian_size'",
                "did you mean 'data.train_size'");
        assertMessage(() -> new SweepConfigLoader().file(dir.resolve("none.yaml")), "none.yaml", "not found");
    }

    @Test
    void nonFiniteNumbersAreRefusedFromEverySource(@TempDir Path dir) throws IOException {
        for (String yaml : new String[] {"lr: 1e999", "epsilon: 1e999", "initial_sd: -1e999", "delta_beta: [1.0, 1e999]",
            "depths: {base: 1e999}", "lr: .inf", "stall_factor: .nan"}) {
            Path f = dir.resolve("c.yaml");
            Files.writeString(f, yaml + "\n");
            String key = yaml.substring(0, yaml.indexOf(':')).replace("depths", "depths.base");
            // YAML's .inf and .nan do not even parse as numbers here; 1e999 does, as infinity
            assertMessage(() -> new SweepConfigLoader().file(f), f.toString(), "'" + key + "'",
                    yaml.contains("1e999") ? "finite number" : "not valid YAML");
        }
        for (String set : new String[] {"lr=1e999", "epsilon=Infinity", "momentum=NaN", "init_hurst=-Infinity"}) {
            assertMessage(() -> new SweepConfigLoader().set(set), "--set " + set, "'" + set.substring(0, set.indexOf('='))
                    + "'", "number");
        }
        // one validation path: every real setting refuses NaN and infinities given as numbers
        for (Setting s : Setting.values()) {
            if (s.type() == Setting.Type.DOUBLE) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    assertMessage(() -> s.parse(bad, "test"), "'" + s.key() + "'", "finite number");
                }
            }
        }
    }

    @Test
    void everyDuplicateKeyIsRefused(@TempDir Path dir) throws IOException {
        String[][] cases = {
            {"lr: 0.01\nlr: 0.02\n", "'lr' is given twice", ":2"},
            {"depths: {max: 16, max: 8}\n", "'depths.max' is given twice"},
            {"data:\n  dim: 4\n  dim: 5\n", "'data.dim' is given twice"},
            {"data:\n  dim: 4\ndata.dim: 5\n", "'data.dim' is given twice"},
            {"depths: [3, 4]\ndepths.values: [5]\n", "'depths.values' is given twice", "'depths'"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("dup.yaml");
            Files.writeString(f, c[0]);
            String[] fragments = java.util.Arrays.copyOf(c, c.length);
            fragments[0] = f.toString();
            assertMessage(() -> new SweepConfigLoader().file(f), fragments);
        }
        // later sources still replace earlier ones setting by setting
        Path one = dir.resolve("one.yaml");
        Files.writeString(one, "lr: 0.02\n");
        assertEquals(0.03, new SweepConfigLoader().file(one).set("lr=0.03").resolve().cells().get(0).lr());
    }

    @Test
    void gridsAboveTheCellLimitAreRefusedBeforeAnyCellIsBuilt() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            assertMessage(() -> new SweepConfigLoader().set("seeds=0..50000000"), "'seeds'", "50000001 values",
                    "at most " + SweepConfig.MAX_CELLS + " cells");
            assertMessage(() -> new SweepConfigLoader().set("depths.values=1..2000000000"), "'depths.values'",
                    "at most " + SweepConfig.MAX_CELLS);
            assertMessage(() -> new SweepConfigLoader().set("depths.min=1").set("depths.max=2000000000")
                    .set("depths.base=1.0000000001").resolve(), "depth grid", "more than " + SweepConfig.MAX_CELLS);
            assertMessage(() -> new SweepConfigLoader().set("seeds=0..999").set("depths.values=1..50")
                    .set("activation=tanh,relu,linear").resolve(), "150000 cells", "50 depths x 1000 seeds x 3 activation "
                    + "values", "at most " + SweepConfig.MAX_CELLS);
        });
        // the limit itself is allowed
        SweepConfig atLimit = new SweepConfigLoader().set("seeds=0..49999").set("depths.values=4,8").resolve();
        assertEquals(SweepConfig.MAX_CELLS, atLimit.cells().size());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable run, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should contain '" + f + "'");
        }
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
