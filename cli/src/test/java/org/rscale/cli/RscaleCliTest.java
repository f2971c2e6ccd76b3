package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.io.Npy;

/**
 * The command line end to end: plan, run-task, sweep, analyze, plot, demo; and one clear line with
 * exit code 2 for each kind of bad input.
 */
class RscaleCliTest {

    /** What one invocation printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run rscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rscale.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void planRunTaskSweepAnalyzeAndPlot(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sweep");
        Run plan = rscale("plan", "--preset", "smoke", "--set", "seeds=0,1", "--out", dir.toString());
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("planned 6 cells"), plan.out());

        Run task = rscale("run-task", dir.toString(), "--index", "0");
        assertEquals(0, task.code(), task.err());
        assertTrue(task.out().contains("L00016"), task.out());
        Run again = rscale("run-task", dir.toString(), "--index", "0");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("already complete"), again.out());

        Run sweep = rscale("sweep", dir.toString(), "--jobs", "2");
        assertEquals(0, sweep.code(), sweep.err());
        assertTrue(sweep.out().contains("6 cells, 5 trained now, 1 already done, 0 failed"), sweep.out());
        assertTrue(sweep.err().contains("cell 6/6"), "plain progress lines off a terminal: " + sweep.err());

        Run analyze = rscale("analyze", dir.toString());
        assertEquals(0, analyze.code(), analyze.err());
        for (String f : new String[] {"statistics.csv", "fits.csv", "verdict.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("analysis").resolve(f)), f);
        }
        assertTrue(analyze.out().contains("all: INCONCLUSIVE"), "3 depths cannot decide: " + analyze.out());

        Run plot = rscale("plot", dir.toString());
        assertEquals(0, plot.code(), plot.err());
        for (String f : new String[] {"scaling_A", "scaling_delta", "weight_path_A", "loss_vs_depth"}) {
            assertTrue(Files.size(dir.resolve("figures/all/" + f + ".png")) > 1000, f);
            assertTrue(Files.readString(dir.resolve("figures/all/" + f + ".svg")).contains("<svg"), f);
        }
        numpyLoads(dir);
    }

    @Test
    void fitUpgradesTheVerdictWritesTheLimitsAndPlotDrawsThem(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sweep");
        Run sweep = rscale("sweep", "--preset", "smoke", "--set", "depths=4,8,16,32,64", "--out", dir.toString(),
                "--jobs", "2");
        assertEquals(0, sweep.code(), sweep.err());
        Run fit = rscale("fit", dir.toString(), "--n-times", "16", "--samples", "4", "--paths", "40", "--steps", "32",
                "--min-depth", "4", "--dynamics-samples", "8", "--include-unconverged");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("\nall (synthetic (d = 10)): inconclusive"), fit.out());
        assertTrue(fit.out().contains(" confidence: "), fit.out());
        assertTrue(fit.out().contains("  reasons:\n    - "), fit.out());
        assertTrue(fit.out().contains("judged on 5 depths L = 4..64 (L >= 4)"), "the declared range: " + fit.out());
        assertFalse(fit.out().contains("best match"), fit.out());
        Path limits = dir.resolve("analysis/limits");
        for (String f : new String[] {"dynamics.csv", "comparison.csv", "rates.csv", "terminal_distribution.csv",
            "fit.json", "limits.json", "convergence.csv", "roughness.csv", "denoised.csv", "all/inputs.npy",
            "all/abar_neural_ode.npy"}) {
            assertTrue(Files.isRegularFile(limits.resolve(f)), f);
        }
        assertEquals(1 + 5, Files.readAllLines(limits.resolve("dynamics.csv")).size(), "one row per network");
        csvLoad(limits);
        com.fasterxml.jackson.databind.JsonNode v = org.rscale.sweeps.io.DataFormats.json()
                .readTree(dir.resolve("analysis/verdict.json").toFile());
        assertEquals("fit", v.get("stage").asText());
        com.fasterxml.jackson.databind.JsonNode g = v.get("groups").get(0);
        for (String key : new String[] {"regime", "limit_equation", "decision", "cases", "identification",
            "confidence", "confidence_level", "reasons", "first_verdict", "cross_run", "evidence", "beta", "regimes",
            "cells", "criteria", "depth_range"}) {
            assertTrue(g.has(key), "verdict.json lacks " + key);
        }
        assertEquals(SweepLimitsNames.TRAINING_INPUTS, g.get("input_source").asText());

        Run plot = rscale("plot", dir.toString());
        assertEquals(0, plot.code(), plot.err());
        for (String f : new String[] {"limit_curve_A", "hidden_states", "limit_error", "trend_noise_A",
            "denoised_loss", "scaling_A", "dynamics_variation", "dynamics_kappa", "dynamics_errors"}) {
            assertTrue(Files.size(dir.resolve("figures/all/" + f + ".png")) > 1000, f);
        }
        assertEquals("fit", org.rscale.sweeps.io.DataFormats.json().readTree(dir.resolve("analysis/verdict.json")
                .toFile()).get("stage").asText(), "plot keeps the upgraded verdict");
        Run help = rscale("help", "fit");
        assertEquals(0, help.code(), "the SLURM analysis job asks 'rscale help fit'");
    }

    @Test
    void fitWorksOnForeignWeightsWithOnlyANpy(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("foreign");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int d = 3;
        double[] f = new double[d * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextGaussian();
        }
        for (int L : new int[] {20, 28, 40, 57, 80, 113}) {
            Path run = Files.createDirectories(dir.resolve("runs/depth_" + L));
            double[] A = new double[L * d * d];
            for (int k = 0; k < L; k++) {
                for (int i = 0; i < d * d; i++) {
                    // A_k = f cos(2 pi k/L) / L: smooth, beta = 1
                    A[k * d * d + i] = f[i] * Math.cos(2 * Math.PI * k / L) / L;
                }
            }
            Npy.write(run.resolve("A.npy"), new int[] {L, d, d}, A);
        }
        Run fit = rscale("fit", dir.toString(), "--n-times", "12", "--samples", "3", "--paths", "20", "--steps", "16");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("\nall: "), fit.out());
        com.fasterxml.jackson.databind.JsonNode g = org.rscale.sweeps.io.DataFormats.json()
                .readTree(dir.resolve("analysis/verdict.json").toFile()).get("groups").get(0);
        assertEquals(SweepLimitsNames.UNIT_VECTORS, g.get("input_source").asText());
        assertTrue(g.get("f_source").asText().startsWith("scale"), "no targets: f is a scale");
        assertTrue(Files.readString(dir.resolve("analysis/limits/fit.json")).contains("foreign weights: --activation"));
        assertBad(rscale("fit", dir.toString(), "--activation", "nope"), "--activation nope");
        assertFalse(fit.out().contains("trend/noise decomposition:"), fit.out());
        // with the reference grid of 500 times, depths up to 113 have no trend: fit says so and why
        Run coarse = rscale("fit", dir.toString(), "--samples", "3", "--paths", "20", "--steps", "16");
        assertEquals(0, coarse.code(), coarse.err());
        assertTrue(coarse.out().contains("trend/noise decomposition: not available: no depth above n_times = 500"),
                coarse.out());
    }

    /** The input-source names of the limit fit. */
    private static final class SweepLimitsNames {
        static final String TRAINING_INPUTS = org.rscale.fits.sweep.SweepLimits.TRAINING_INPUTS;
        static final String UNIT_VECTORS = org.rscale.fits.sweep.SweepLimits.UNIT_VECTORS;
    }

    @Test
    void demoRunsEveryStageAndEndsWithTheDecisionAndTheReport(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("demo");
        Run demo = rscale("demo", "--out", dir.toString(), "--set", "depths.max=40", "--set", "depths.base=2",
                "--set", "seeds=0", "--jobs", "2");
        assertEquals(0, demo.code(), demo.err());
        List<String> last = demo.out().strip().lines().toList();
        last = last.subList(last.size() - 3, last.size());
        assertTrue(last.get(0).startsWith("decision: "), demo.out());
        assertTrue(last.get(1).startsWith("confidence: "), demo.out());
        assertEquals("report: " + dir.resolve("report/index.html").toAbsolutePath().normalize(), last.get(2));
        for (String f : new String[] {"scaling_A", "scaling_b", "weight_path_A", "weight_path_b", "loss_vs_depth",
            "limit_curve_A", "hidden_states", "limit_error"}) {
            for (String ext : new String[] {".png", ".svg", ".pdf"}) {
                assertTrue(Files.size(dir.resolve("figures/all/" + f + ext)) > 1000, f + ext);
            }
        }
        String svg = Files.readString(dir.resolve("figures/all/scaling_A.svg"));
        assertTrue(svg.contains(">depth L</text>"), "SVG text is kept as text");
        assertTrue(Files.readString(dir.resolve("figures/all/scaling_A.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("%PDF-"));
        String html = Files.readString(dir.resolve("report/index.html"));
        assertFalse(html.contains("http://") && html.contains("src=\"http"), "nothing loaded from a network");
        // the three lines agree: an undecided regime is never summarised with a regime's name
        if (last.get(0).contains("No regime is decided")) {
            assertTrue(last.get(1).contains("low") || last.get(1).contains("moderate"), last.toString());
        }
        assertTrue(demo.out().contains("weight-level corroboration"), "the upgraded verdict: " + demo.out());
        assertTrue(Files.size(dir.resolve("figures/all/dynamics_kappa.png")) > 1000, "the hidden-state figures");
        assertTrue(html.contains("dynamics_kappa"), "the hidden-state figures are in the report");
    }

    /**
     * Issue 10, defect 12: {@code plot DIR --out Y} (and {@code report DIR --out Z}) write nothing into DIR, so a
     * read-only sweep can be plotted; a missing analysis goes to the output directory. The sweep is made read-only
     * and, because root ignores permissions, its whole tree (names, sizes, times) is compared before and after.
     */
    @Test
    void plotAndReportWithOutWriteNothingIntoTheSweep(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sweep");
        assertEquals(0, rscale("sweep", "--preset", "smoke", "--out", dir.toString(), "--jobs", "2").code());
        String before = tree(dir);
        setWritable(dir, false);
        try {
            Path figures = tmp.resolve("figures");
            Run plot = rscale("plot", dir.toString(), "--out", figures.toString(), "--formats", "svg");
            assertEquals(0, plot.code(), plot.err());
            assertTrue(plot.err().contains("no analysis in " + figures.resolve("analysis")), plot.err());
            assertTrue(Files.isRegularFile(figures.resolve("all/scaling_A.svg")));
            assertTrue(Files.isRegularFile(figures.resolve("analysis/verdict.json")));
            Path report = tmp.resolve("report");
            Run page = rscale("report", dir.toString(), "--out", report.toString(), "--formats", "svg");
            assertEquals(0, page.code(), page.err());
            assertTrue(Files.isRegularFile(report.resolve("index.html")));
            assertTrue(page.out().strip().endsWith("report: " + report.resolve("index.html").toAbsolutePath().normalize()),
                    page.out());
            assertEquals(before, tree(dir), "nothing written into the sweep");
        } finally {
            setWritable(dir, true);
        }
        // with its own analysis, plot uses it as it is and says nothing about analysing
        assertEquals(0, rscale("analyze", dir.toString()).code());
        String analysed = tree(dir.resolve("analysis"));
        Run again = rscale("plot", dir.toString(), "--out", tmp.resolve("f2").toString(), "--formats", "png");
        assertEquals(0, again.code(), again.err());
        assertFalse(again.err().contains("no analysis"), again.err());
        assertEquals(analysed, tree(dir.resolve("analysis")), "the existing analysis is read, not rewritten");
    }

    @Test
    void severalSweepsMakeOneComparisonPageWithOverlays(@TempDir Path tmp) throws IOException {
        Path tanh = tmp.resolve("tanh");
        Path relu = tmp.resolve("relu");
        assertEquals(0, rscale("sweep", "--preset", "smoke", "--out", tanh.toString(), "--jobs", "2").code());
        assertEquals(0, rscale("sweep", "--preset", "smoke", "--set", "activation=relu", "--out", relu.toString(),
                "--jobs", "2").code());
        String before = tree(tanh) + tree(relu);
        Path out = tmp.resolve("cmp");
        Run r = rscale("report", tanh.toString(), relu.toString(), "--out", out.toString(), "--formats", "svg");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().strip().endsWith("report: " + out.resolve("index.html").toAbsolutePath().normalize()), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Decisions side by side") && html.contains("relu") && html.contains("tanh"), "both");
        for (String f : new String[] {"overlay_max_norm", "overlay_increment", "overlay_loss"}) {
            assertTrue(Files.isRegularFile(out.resolve("figures/" + f + ".svg")), f);
            assertTrue(html.contains("figures/" + f) || html.contains(f), f + " on the page");
        }
        assertEquals(before, tree(tanh) + tree(relu), "the sweeps are only read");
        Run plot = rscale("plot", tanh.toString(), relu.toString(), "--out", tmp.resolve("ov").toString(),
                "--formats", "png");
        assertEquals(0, plot.code(), plot.err());
        assertTrue(Files.size(tmp.resolve("ov/overlay_max_norm.png")) > 1000);
    }

    private static String tree(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                sb.append(dir.relativize(p)).append(' ').append(Files.isRegularFile(p) ? Files.size(p) : -1).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void setWritable(Path dir, boolean writable) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> p.toFile().setWritable(writable, false));
        }
    }

    @Test
    void exponentsComparesTheDepthAverageAndVaryingPartOfTwoSweeps(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        int d = 3;
        for (int L : new int[] {8, 16, 32, 64, 128}) {
            // a: A_k = M / L^0.5 + V(k/L) (the varying part does not shrink); b: both parts shrink like L^-0.5
            for (Path dir : List.of(a, b)) {
                Path run = Files.createDirectories(dir.resolve("runs/depth_" + L));
                double[] A = new double[L * d * d];
                for (int k = 0; k < L; k++) {
                    for (int i = 0; i < d * d; i++) {
                        double v = Math.sin(2 * Math.PI * k / L + i);
                        A[k * d * d + i] = (1 + i) * Math.pow(L, -0.5) + (dir == a ? v : v * Math.pow(L, -0.5));
                    }
                }
                Npy.write(run.resolve("A.npy"), new int[] {L, d, d}, A);
            }
        }
        Run r = rscale("exponents", a.toString(), b.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("beta_avg 0.500 [0.500, 0.500]"), r.out());
        assertTrue(r.out().contains("varying part flat (interval meets 0)"), r.out());
        assertTrue(r.out().contains("varying part shrinks"), r.out());
        assertTrue(r.out().contains(b + " minus " + a + ":"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("all: beta ") && l.contains("beta_var 0.500")), r.out());
    }

    @Test
    void badInputIsOneLineExitCodeTwoAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("never");
        assertBad(rscale("plan", "--preset", "smoke", "--set", "activaton=tanh", "--out", out.toString()),
                "unknown setting 'activaton'", "did you mean 'activation'");
        assertBad(rscale("plan", "--set", "batch_size=abc", "--out", out.toString()), "'batch_size'", "abc");
        assertBad(rscale("plan", "--set", "batching=reference", "--set", "batch_size=50", "--out", out.toString()),
                "does not divide");
        assertFalse(Files.exists(out), "nothing written for bad input");
        assertBad(rscale("sweep", tmp.resolve("missing").toString()), "not a sweep directory");
        assertBad(rscale("analyze", tmp.resolve("missing").toString()), "directory not found");
        assertBad(rscale("plan", "--preset", "nope", "--out", out.toString()), "unknown preset 'nope'");
        assertBad(rscale("plan", "--config", tmp.resolve("none.yaml").toString(), "--out", out.toString()),
                "none.yaml", "not found");

        Path bad = Files.createDirectories(tmp.resolve("foreign/runs/x"));
        Npy.write(bad.resolve("A.npy"), new int[] {3, 4}, new double[12]);
        assertBad(rscale("analyze", tmp.resolve("foreign").toString()), "A.npy", "(L, d, d)", "(3, 4)");

        Path sweep = tmp.resolve("s");
        assertEquals(0, rscale("plan", "--preset", "smoke", "--out", sweep.toString()).code());
        assertBad(rscale("run-task", sweep.toString(), "--index", "99"), "--index 99");
        assertBad(rscale("plan", "--preset", "smoke", "--set", "lr=0.5", "--out", sweep.toString()),
                "already holds a different sweep", "'lr'");

        Run bare = rscale();
        assertEquals(2, bare.code());
        assertEquals(1, bare.err().lines().count(), bare.err());
        Run unknownOption = rscale("sweep", "--frobnicate");
        assertBad(unknownOption, "--frobnicate", "(see 'rscale sweep --help')");
    }

    @Test
    void whatCouldNeverRunIsRefusedWhenPlannedAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("never");
        // 3: every source of a setting is validated alike; 7: a key given twice is an error, not "last wins"
        Path inf = Files.writeString(tmp.resolve("inf.yaml"), "lr: 1e999\n");
        assertBad(rscale("plan", "--preset", "smoke", "--config", inf.toString(), "--out", out.toString()),
                "inf.yaml", "'lr'", "finite number");
        Path dup = Files.writeString(tmp.resolve("dup.yaml"), "depths: {max: 16, max: 8}\n");
        assertBad(rscale("plan", "--config", dup.toString(), "--out", out.toString()), "dup.yaml",
                "'depths.max' is given twice");
        // 4: a grid above the cell limit, refused before anything is built
        assertBad(rscale("plan", "--preset", "smoke", "--set", "seeds=0..50000000", "--out", out.toString()),
                "'seeds'", "at most 100000 cells");
        // 6: sizes in long arithmetic: 4 x 30000^2 weights overflow an int, 1000 x 2000^2 do not fit the heap
        assertBad(rscale("plan", "--preset", "smoke", "--set", "data.dim=30000", "--set", "depths.values=4", "--out",
                out.toString()), "cell L00004_s0", "3,600,000,000 values");
        assertBad(rscale("plan", "--preset", "smoke", "--set", "data.dim=2000", "--set", "depths.values=100", "--out",
                out.toString()), "cell L00100_s0", "of heap", "-Xmx");
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(rscale("settings").out().contains("at most 100000 cells"));
    }

    @Test
    void anInvalidSweepYamlSaysSoInOneLine(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        assertEquals(0, rscale("plan", "--preset", "smoke", "--out", dir.toString()).code());
        Path yaml = dir.resolve("sweep.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("\nlr: [^\n]*", "\nlr: 1e999"));
        for (String[] command : new String[][] {{"sweep"}, {"status"}, {"submit", "--dry-run"}, {"run-task", "--index",
            "0"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.add(1, dir.toString());
            Run r = rscale(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals(1, r.err().lines().count(), args + ": " + r.err());
            assertTrue(r.err().contains(yaml.toString()) && r.err().contains("'lr'"), r.err());
        }
    }

    @Test
    void statusReportsCellsThatAreNotDoneAndCleanRemovesLeftovers(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        assertEquals(0, rscale("sweep", "--preset", "smoke", "--set", "seeds=0,1", "--out", dir.toString()).code());
        Path runs = dir.resolve("runs");
        Files.writeString(runs.resolve("L00004_s0/run.json"), "");
        Files.delete(runs.resolve("L00008_s1/A.npy"));
        // what killed processes left: a staging directory and a temporary of a process that is gone
        org.rscale.sweeps.io.ProcessTag dead = new org.rscale.sweeps.io.ProcessTag(
                org.rscale.sweeps.io.ProcessTag.current().host(), Integer.MAX_VALUE - 7, "");
        Path staging = Files.createDirectories(runs.resolve(dead.name(".partial-L00016_s0")));
        Path temporary = Files.writeString(dir.resolve(dead.name(".sweep.yaml.tmp")), "half");

        Run status = rscale("status", dir.toString());
        assertEquals(0, status.code(), status.err());
        String s = status.out();
        assertTrue(s.contains("6 cells: 4 done, 0 running, 0 queued, 2 failed, 0 missing"), s);
        assertTrue(s.contains("L00004_s0: invalid result: " + runs.resolve("L00004_s0/run.json")), s);
        assertTrue(s.contains("L00008_s1: invalid result: " + runs.resolve("L00008_s1/A.npy") + ": file not found"), s);
        assertTrue(s.contains("leftovers of stopped processes: 2 (remove them with 'rscale status "), s);

        Run clean = rscale("status", dir.toString(), "--clean");
        assertEquals(0, clean.code(), clean.err());
        assertTrue(clean.out().contains("removed 2 leftovers of stopped processes"), clean.out());
        assertFalse(Files.exists(staging) || Files.exists(temporary));

        Run again = rscale("sweep", dir.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("6 cells, 2 trained now, 4 already done, 0 failed"), again.out());
        assertTrue(again.err().contains("its result was invalid"), again.err());
        assertTrue(rscale("status", dir.toString()).out().contains("6 cells: 6 done"));
    }

    /**
     * A full disk for real: a 4 MiB tmpfs (mounted only where the tests run as root and may mount, as
     * in CI; skipped elsewhere, where the injected full disk of SweepStatusTest stands in).
     */
    @Test
    void aFullDiskStopsTheSweepWithOneLineAndStatusSaysSo(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path mount = Files.createDirectories(tmp.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        m.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(m.waitFor() == 0, "mount is not allowed here");
        try {
            Path dir = mount.resolve("s");
            // each cell writes about 1.2 MB (depth 1500, width 10): the disk is full after two or three of them
            Run sweep = rscale("sweep", "--preset", "smoke", "--set", "depths.values=1500", "--set", "seeds=0..7",
                    "--set", "epochs=1", "--out", dir.toString());
            assertEquals(1, sweep.code(), sweep.err());
            List<String> errors = sweep.err().lines().filter(l -> l.startsWith("rscale:")).toList();
            assertEquals(1, errors.size(), sweep.err());
            assertTrue(errors.get(0).contains("disk full: cannot write ") && errors.get(0).contains("No space left"),
                    errors.get(0));
            assertFalse(sweep.err().contains("failed:"), "one line, not one per cell: " + sweep.err());
            Run status = rscale("status", dir.toString());
            assertTrue(status.out().contains("stopped: disk full: cannot write"), status.out());
            assertTrue(status.out().contains("missing"), status.out());
            try (var s = Files.list(dir.resolve("runs"))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".partial-")), "no staging left");
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void versionAndHelpListTheFactsAndExitCodes() {
        Run version = rscale("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().contains("rscale ") && version.out().contains("ND4J"), version.out());
        Run help = rscale("--help");
        assertTrue(help.out().contains("Exit codes") && help.out().contains("invalid input"), help.out());
        Run settings = rscale("settings");
        assertTrue(settings.out().contains("batching") && settings.out().contains("reference"), settings.out());
        Run presets = rscale("presets");
        assertTrue(presets.out().contains("paper-tanh-shared") && presets.out().contains("paper-relu-per-layer"));
    }

    @Test
    void benchTimesTheCasesItIsGivenAndSkipsThoseTheHeapCannotHold() throws IOException {
        Run r = rscale("bench", "--kernels", "loop,nd4j", "--precisions", "float64", "--widths", "4", "--batches", "8",
                "--depths", "5,20000000", "--warmup", "0.05", "--min-steps", "2", "--max-steps", "3", "--json");
        assertEquals(0, r.code(), r.err());
        com.fasterxml.jackson.databind.JsonNode doc = org.rscale.sweeps.io.DataFormats.json().readTree(r.out());
        com.fasterxml.jackson.databind.JsonNode results = doc.get("results");
        assertEquals(2, results.size(), "loop and nd4j at depth 5: " + r.out());
        for (com.fasterxml.jackson.databind.JsonNode res : results) {
            assertEquals(5, res.get("bench_case").get("depth").asInt());
            double us = res.get("us_per_layer_step").asDouble();
            assertTrue(us > 0 && res.get("us_per_layer_step_min").asDouble() <= us
                    && us <= res.get("us_per_layer_step_max").asDouble(), res.toString());
            int steps = res.get("steps").asInt();
            assertTrue(steps >= 2 && steps <= 3, res.toString());
            assertTrue(res.get("memory_bytes").asLong() > 0, res.toString());
        }
        // 20 million layers of width 4 need ~23 GB: skipped with the heap it would take, not an OutOfMemoryError
        com.fasterxml.jackson.databind.JsonNode skipped = doc.get("skipped");
        assertEquals(2, skipped.size(), r.out());
        assertTrue(skipped.get(0).get("reason").asText().contains("-Xmx"), skipped.toString());
        assertEquals(20000000, skipped.get(0).get("bench_case").get("depth").asInt());
        assertTrue(doc.get("provenance").has("java_version"), doc.get("provenance").toString());

        Run table = rscale("bench", "--kernels", "loop", "--precisions", "float32", "--widths", "3", "--batches", "4",
                "--depths", "6", "--warmup", "0.02", "--min-steps", "1", "--max-steps", "2");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("us/layer-step") && table.out().lines().anyMatch(l -> l.startsWith("loop")
                && l.contains("float32") && l.contains(" 6 ")), table.out());
        Run bad = rscale("bench", "--kernels", "turbo", "--quick");
        assertBad(bad, "turbo");
    }

    private static void assertBad(Run r, String... fragments) {
        assertEquals(2, r.code(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + first + "' should contain '" + f + "'");
        }
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    }

    /**
     * numpy itself loads every .npy written, with the documented shapes (skipped when no python3
     * with numpy is installed, unless RSCALE_REQUIRE_NUMPY=1, as in CI).
     */
    private static void numpyLoads(Path dir) throws IOException {
        String python = findPython();
        if (python == null) {
            if ("1".equals(System.getenv("RSCALE_REQUIRE_NUMPY"))) {
                throw new AssertionError("RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy was found");
            }
            return;
        }
        String script = String.join("\n",
                "import glob, json, sys, numpy as np",
                "runs = sorted(glob.glob(sys.argv[1] + '/runs/*/'))",
                "assert len(runs) == 6, runs",
                "for r in runs:",
                "    A = np.load(r + 'A.npy'); b = np.load(r + 'b.npy'); d = np.load(r + 'delta.npy')",
                "    L = json.load(open(r + 'run.json'))['settings']['depth']",
                "    assert A.shape == (L, 10, 10) and b.shape == (L, 10) and d.shape == (1,), (A.shape, b.shape, d.shape)",
                "    assert A.dtype == np.float64",
                "    h = np.genfromtxt(r + 'history.csv', delimiter=',', names=True)",
                "    assert 'train_loss' in h.dtype.names",
                "print('numpy ok')");
        Process p = new ProcessBuilder(python, "-c", script, dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            assertEquals(0, p.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertTrue(output.contains("numpy ok"), output);
    }

    private static String findPython() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * Every CSV of a limits directory loads with numpy (np.genfromtxt with names, comma-delimited, as the CSV
     * convention asks) with one value per column on every line (skipped without a python3 with numpy, unless
     * RSCALE_REQUIRE_NUMPY=1).
     */
    private static void csvLoad(Path limits) throws IOException {
        String python = findPython();
        if (python == null) {
            if ("1".equals(System.getenv("RSCALE_REQUIRE_NUMPY"))) {
                throw new AssertionError("RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy was found");
            }
            return;
        }
        String script = String.join("\n",
                "import glob, sys, numpy as np",
                "files = sorted(glob.glob(sys.argv[1] + '/*.csv'))",
                "assert len(files) >= 6, files",
                "for f in files:",
                "    header = open(f).readline().strip().split(',')",
                "    a = np.genfromtxt(f, names=True, delimiter=',', dtype=None, encoding=None)",
                "    assert a.dtype.names is not None and len(a.dtype.names) == len(header), (f, a.dtype.names, header)",
                "print('csv ok')");
        Process p = new ProcessBuilder(python, "-c", script, limits.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            assertEquals(0, p.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertTrue(output.contains("csv ok"), output);
    }

    static Stream<Path> files(Path dir) throws IOException {
        return Files.walk(dir).filter(Files::isRegularFile);
    }
}
