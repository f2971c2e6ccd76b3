package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.testing.IdxFixtures;
import org.rscale.sweeps.testing.RealDatasets;

/**
 * Real data through the command line: a short MNIST-25 sweep on Fashion-MNIST through sweep, fit and
 * plot (skipped without the files, required in CI); plan-time errors for bad IDX files and data
 * settings (one line, exit code 2, nothing written); the MNIST presets as SLURM arrays.
 */
class RealDataCliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run rscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rscale.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aFashionMnistSweepTrainsFitsAndPlotsNamingTheDataset() throws IOException {
        Path fashion = RealDatasets.fashionMnist();
        Path dir = tmp.resolve("fashion");
        Run sweep = rscale("sweep", "--preset", "fashion-small", "--set", "data.path=" + fashion,
                "--set", "data.train_size=256", "--set", "data.test_size=64", "--set", "depths=4,8,16,32,64",
                "--set", "epochs=2", "--out", dir.toString(), "--jobs", "2");
        assertEquals(0, sweep.code(), sweep.err());
        assertTrue(sweep.out().contains("5 cells, 5 trained now"), sweep.out());

        // one feature set, shared by the cells, its convolutions in every run.json
        List<Path> sets = list(dir.resolve("data"));
        assertEquals(1, sets.size(), sets.toString());
        JsonNode run = DataFormats.json().readTree(dir.resolve("runs/L00064_s0/run.json").toFile());
        JsonNode data = run.get("data");
        assertEquals("mnist-features", data.get("kind").asText());
        assertEquals("mnist-features of fashion-mnist", data.get("dataset").asText());
        assertEquals(256, data.get("train_size").asInt());
        assertEquals(64, data.get("test_size").asInt());
        assertEquals("data/" + sets.get(0).getFileName(), data.get("features").asText());
        assertEquals(25, data.get("convolutions").get("conv1_weight").size());
        assertEquals(9, data.get("convolutions").get("conv2_weight").size());
        assertEquals(4, data.get("inputs").size());
        assertEquals(64, data.get("inputs").get(0).get("sha256").asText().length());
        assertEquals(25, run.get("settings").get("data.dim").asInt());
        assertEquals(fashion.toString(), run.get("settings").get("data.path").asText());

        Run fit = rscale("fit", dir.toString(), "--n-times", "16", "--samples", "4", "--paths", "40", "--steps", "32");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("\nall (mnist-features of fashion-mnist): "), fit.out());
        JsonNode v = DataFormats.json().readTree(dir.resolve("analysis/verdict.json").toFile());
        JsonNode g = v.get("groups").get(0);
        assertEquals("mnist-features of fashion-mnist", g.get("dataset").asText());
        assertEquals("mnist-features", g.get("settings").get("data.kind").asText());
        assertEquals(org.rscale.fits.sweep.SweepLimits.TRAINING_INPUTS, g.get("input_source").asText(),
                "the fit compares the limits on training inputs regenerated from run.json");

        Run plot = rscale("plot", dir.toString());
        assertEquals(0, plot.code(), plot.err());
        for (String f : new String[] {"scaling_A", "loss_vs_depth", "limit_curve_A", "hidden_states"}) {
            assertTrue(Files.size(dir.resolve("figures/all/" + f + ".png")) > 1000, f);
            String svg = Files.readString(dir.resolve("figures/all/" + f + ".svg"));
            assertTrue(svg.contains("<title>tanh, shared \u03B4, fashion-mnist</title>"),
                    f + " names the dataset in its title");
        }
        assertEquals(1, list(dir.resolve("data")).size(), "analysis reused the sweep's feature set");
    }

    /** One bad IDX directory per fault: the change made to a good one, and what the error line says. */
    @Test
    void badIdxFilesAreOneLineWithExitCodeTwoAndNothingIsWritten() throws IOException {
        byte[] images = IdxFixtures.imageFile(4, 28, 28, IdxFixtures.pixels(4, 28, 28, 1));
        List<Case> cases = List.of(
                new Case("missing file", d -> delete(d.resolve("t10k-labels-idx1-ubyte.gz")),
                        "no test labels (looked for t10k-labels-idx1-ubyte, t10k-labels-idx1-ubyte.gz"),
                new Case("wrong magic number", d -> IdxFixtures.write(d, "train-images-idx3-ubyte.gz",
                        IdxFixtures.gzip(IdxFixtures.labelFile(1, 2, 3, 4))), "train-images-idx3-ubyte.gz: wrong magic"),
                new Case("wrong data type", d -> {
                    byte[] b = images.clone();
                    b[2] = 0x0D;
                    IdxFixtures.write(d, "train-images-idx3-ubyte.gz", IdxFixtures.gzip(b));
                }, "wrong data type 0x0D"),
                new Case("counts disagree", d -> IdxFixtures.write(d, "train-labels-idx1-ubyte.gz",
                        IdxFixtures.gzip(IdxFixtures.labelFile(1, 2, 3))), "image and label counts disagree"),
                new Case("truncated", d -> IdxFixtures.write(d, "train-images-idx3-ubyte.gz",
                        IdxFixtures.gzip(Arrays.copyOf(images, 1000))), "train-images-idx3-ubyte.gz: truncated"),
                new Case("not gzip", d -> IdxFixtures.write(d, "train-images-idx3-ubyte.gz", images),
                        "named .gz but not gzip-compressed"),
                new Case("wrong image size", d -> {
                    IdxFixtures.writeSplit(d, "train", 4, 8, 8, 1, ".gz");
                    IdxFixtures.writeSplit(d, "t10k", 4, 8, 8, 2, ".gz");
                }, "images are 8 x 8 but data.kind mnist-features needs 28 x 28"));
        for (Case c : cases) {
            Path idx = tmp.resolve("idx-" + c.name().replace(' ', '-'));
            IdxFixtures.writeDataset(idx, 4, 4, 28, 28, true);
            c.damage().accept(idx);
            Path out = tmp.resolve("out-" + c.name().replace(' ', '-'));
            for (String cmd : new String[] {"plan", "sweep"}) {
                Run r = rscale(cmd, "--preset", "fashion-small", "--set", "data.path=" + idx, "--set",
                        "data.train_size=all", "--set", "data.test_size=all", "--set", "batch_size=4", "--out",
                        out.toString());
                assertBad(r, c.name(), c.fault());
                assertFalse(Files.exists(out), c.name() + ": nothing written");
            }
        }
    }

    private record Case(String name, Consumer<Path> damage, String fault) {
    }

    @Test
    void badDataSettingsAreOneLineAtPlanTime() {
        Path idx = tmp.resolve("idx");
        IdxFixtures.writeDataset(idx, 40, 8, 28, 28, true);
        Path out = tmp.resolve("out");
        assertBad(rscale("plan", "--preset", "paper-mnist-tanh-shared", "--out", out.toString()), "no data.path",
                "setting 'data.path' is not set: data.kind mnist-features reads the IDX files of a directory");
        assertBad(rscale("plan", "--preset", "paper-mnist-tanh-shared", "--set", "data.path=" + tmp.resolve("nope"),
                "--out", out.toString()), "missing directory", tmp.resolve("nope") + ": no such directory");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.path=" + idx, "--set", "data.train_size=64",
                "--out", out.toString()), "size beyond the split", "setting 'data.train_size' is 64 but",
                "holds only 40 training images");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.path=" + idx, "--set", "data.train_size=all",
                "--set", "data.test_size=all", "--set", "batch_size=32", "--out", out.toString()), "reference batching",
                "setting 'batch_size' 32 does not divide the 40 training samples of mnist-features of idx");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.path=" + idx, "--set", "data.dim=10",
                "--out", out.toString()), "width", "setting 'data.dim' is 10 but data.kind mnist-features has 25 features");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.path=" + idx, "--set", "data.kind=idx-flat",
                "--out", out.toString()), "idx-flat", "data.kind idx-flat gives pixel inputs and class labels");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.train_size=-3", "--out", out.toString()),
                "negative size", "setting 'data.train_size' must be >= 0 (0 or all: the whole split), got -3");
        assertBad(rscale("plan", "--preset", "fashion-small", "--set", "data.pixel_scale=bytes", "--out", out.toString()),
                "pixel scale", "setting 'data.pixel_scale' has no value 'bytes' (expected one of raw, unit)");
        assertFalse(Files.exists(out));
    }

    @Test
    void theMnistPresetsPlanAsSlurmArraysWithTheWholeSplits() throws IOException {
        Path idx = tmp.resolve("idx");
        IdxFixtures.writeDataset(idx, 64, 32, 28, 28, false);
        for (String preset : new String[] {"paper-mnist-tanh-shared", "paper-mnist-relu-per-layer"}) {
            Path out = tmp.resolve(preset);
            Run r = rscale("submit", "--preset", preset, "--set", "data.path=" + idx, "--out", out.toString(),
                    "--dry-run", "--jar", Files.write(tmp.resolve("rscale.jar"), new byte[] {'P', 'K', 3, 4}).toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("--array=0-43 "), "44 depths, one task each: " + r.out());
            String yaml = Files.readString(out.resolve("sweep.yaml"));
            assertTrue(yaml.contains("kind: mnist-features") && yaml.contains("path: " + idx), yaml);
            Run task = rscale("run-task", out.toString(), "--index", "43");
            assertEquals(0, task.code(), task.err());
            JsonNode data = DataFormats.json().readTree(out.resolve("runs/L00003_s0/run.json").toFile()).get("data");
            assertEquals(64, data.get("train_size").asInt(), "all: the whole training split");
            assertEquals(32, data.get("test_size").asInt());
            assertTrue(Files.isDirectory(out.resolve(data.get("features").asText())));
        }
    }

    @Test
    void settingsAndPresetsListTheDataSettings() {
        Run s = rscale("settings");
        assertEquals(0, s.code(), s.err());
        for (String k : new String[] {"data.path", "data.pixel_scale", "mnist-features", "idx-flat"}) {
            assertTrue(s.out().contains(k), k + " in:\n" + s.out());
        }
        Run p = rscale("presets");
        for (String k : new String[] {"paper-mnist-tanh-shared", "paper-mnist-relu-per-layer", "fashion-small"}) {
            assertTrue(p.out().contains(k), k + " in:\n" + p.out());
        }
    }

    private static void assertBad(Run r, String what, String... fragments) {
        assertEquals(2, r.code(), what + ": " + r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertTrue(lines.size() <= 2, what + ": one line and a hint: " + r.err());
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), what + ": '" + lines.get(0) + "' should contain '" + f + "'");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
