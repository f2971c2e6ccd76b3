package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rscale init-scan} end to end: plan, compute, resume, one unit at a time, tables that numpy
 * and pandas load, figures; one clear line and exit code 2 for bad input.
 */
class InitScanCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run rscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Rscale.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void scansResumesAndDrawsFigures(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("scan");
        Run first = rscale("init-scan", "--preset", "jmlr-iid", "--set", "depths=8,16,32", "--set", "draws=3",
                "--set", "widths=6", "--out", dir.toString(), "--jobs", "2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("9 units, 9 computed now"), first.out());
        assertTrue(first.out().contains("ratios.csv: 27 rows"), first.out());
        assertTrue(first.err().contains("init-scan: 9 units, 0 already done"), first.err());
        assertTrue(first.err().contains("units 9/9"), "plain progress lines off a terminal: " + first.err());
        for (String f : new String[] {"change_output_res-3_iid_d6", "change_gradient_res-3_iid_d6"}) {
            assertTrue(Files.size(dir.resolve("init/figures/" + f + ".png")) > 1000, f);
            assertTrue(Files.readString(dir.resolve("init/figures/" + f + ".svg")).contains("<svg"), f);
        }
        Run again = rscale("init-scan", dir.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 computed now") && again.out().contains("9 already done"), again.out());
        Run one = rscale("init-scan", dir.toString(), "--index", "4");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("unit 4") && one.out().contains("already done"), one.out());
        tablesLoad(dir.resolve("init/ratios.csv"), 27);
    }

    @Test
    void theHeatmapAndThePathsPresetsDrawTheirFigures(@TempDir Path tmp) {
        Path heat = tmp.resolve("heat");
        Run h = rscale("init-scan", "--preset", "jmlr-heatmap", "--set", "hursts=0.3,0.7", "--set", "betas=0,0.5,1",
                "--set", "draws=1", "--set", "inputs=2", "--set", "widths=4", "--set", "depths=20",
                "--out", heat.toString(), "--quiet");
        assertEquals(0, h.code(), h.err());
        assertTrue(Files.isRegularFile(heat.resolve("init/figures/phase_output_res-3_d4_L20.png")), h.out());
        assertTrue(Files.isRegularFile(heat.resolve("init/figures/phase_gradient_res-3_d4_L20.svg")), h.out());
        assertTrue(h.err().isEmpty(), "--quiet: " + h.err());
        Path paths = tmp.resolve("paths");
        Run p = rscale("init-scan", "--preset", "jmlr-fbm-paths", "--set", "depths=64", "--out", paths.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("paths.csv: 192 rows"), p.out());
        assertTrue(Files.isRegularFile(paths.resolve("init/figures/weight_paths.png")), p.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws IOException {
        assertBad(rscale("init-scan", "--set", "betas=1,x", "--out", tmp.resolve("a").toString()), "'betas'", "'x'");
        assertBad(rscale("init-scan", "--preset", "jmlr-nope", "--out", tmp.resolve("b").toString()), "jmlr-nope");
        assertBad(rscale("init-scan", tmp.resolve("nothing").toString()), "no init/scan.yaml");
        assertBad(rscale("init-scan", "--set", "hursts=1.5", "--out", tmp.resolve("c").toString()), "'hursts'");
        assertBad(rscale("init-scan", "--set", "colour=red", "--out", tmp.resolve("d").toString()), "'colour'");
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "depths: [10, 20\n");
        assertBad(rscale("init-scan", "--config", cfg.toString(), "--out", tmp.resolve("e").toString()),
                cfg.toString());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("c")), "nothing written");
        Path dir = tmp.resolve("f");
        assertEquals(0, rscale("init-scan", "--set", "depths=4", "--set", "widths=2", "--out", dir.toString(),
                "--no-figures").code());
        assertBad(rscale("init-scan", "--set", "depths=5", "--set", "widths=2", "--out", dir.toString()),
                "different scan", "'depths'");
        assertBad(rscale("init-scan", dir.toString(), "--index", "7"), "--index 7");
        Run list = rscale("presets");
        assertTrue(list.out().contains("jmlr-heatmap") && list.out().contains("paper-tanh-shared"), list.out());
        Run settings = rscale("settings", "--init-scan");
        assertTrue(settings.out().contains("smooth_variant") && settings.out().contains("hursts"), settings.out());
    }

    @Test
    void initTrainTrainsResumesAndDrawsItsFigures(@TempDir Path tmp) throws IOException {
        Path data = org.rscale.sweeps.testing.TinyImages.write(tmp.resolve("data"), 36, 12);
        Path dir = tmp.resolve("train");
        Run first = rscale("init-train", "--preset", "jmlr-trained-heatmap-small", "--set", "data.path=" + data,
                "--set", "data.train_size=all", "--set", "data.test_size=all", "--set", "hursts=0.3,0.7", "--set",
                "betas=0.5,1", "--set", "lrs=0.01", "--set", "width=3", "--set", "depth=6", "--set", "batch_size=12",
                "--set", "save_weights=true", "--out", dir.toString(), "--jobs", "2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("4 trainings, 4 run now"), first.out());
        assertTrue(first.out().contains("36 training and 12 test images"), first.out());
        for (String f : new String[] {"accuracy_heatmap", "weights_after_training"}) {
            assertTrue(Files.size(dir.resolve("init-train/figures/" + f + ".png")) > 1000, f);
            assertTrue(Files.readString(dir.resolve("init-train/figures/" + f + ".svg")).contains("<svg"), f);
        }
        Run again = rscale("init-train", dir.toString(), "--index", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already done"), again.out());
        assertBad(rscale("init-train", "--set", "lrs=-1", "--out", tmp.resolve("x").toString()), "'lrs'");
        assertBad(rscale("init-train", "--set", "data.path=" + tmp.resolve("none"), "--out",
                tmp.resolve("y").toString()), "none");
        assertTrue(rscale("settings", "--init-train").out().contains("lr_gamma"));
    }

    private static void assertBad(Run r, String... fragments) {
        assertEquals(2, r.code(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + first + "' should contain '" + f + "'");
        }
        assertTrue(r.err().lines().count() <= 2, "one line and a hint: " + r.err());
    }

    /** numpy and pandas load ratios.csv (skipped without python3 and numpy, unless RSCALE_REQUIRE_NUMPY=1). */
    private static void tablesLoad(Path csv, int rows) throws IOException {
        String python = null;
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    python = candidate;
                    break;
                }
            } catch (IOException e) {
                // try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (python == null) {
            if ("1".equals(System.getenv("RSCALE_REQUIRE_NUMPY"))) {
                throw new AssertionError("RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy was found");
            }
            return;
        }
        String script = String.join("\n",
                "import sys, numpy as np",
                "t = np.genfromtxt(sys.argv[1], delimiter=',', names=True)",
                "assert len(t) == int(sys.argv[2]), len(t)",
                "assert t.dtype.names[:8] == ('model', 'init', 'hurst', 'width', 'depth', 'beta', 'draw', 'input')",
                "assert np.isnan(t['hurst']).all() and (t['output_change'] > 0).all()",
                "try:",
                "    import pandas as pd",
                "    d = pd.read_csv(sys.argv[1])",
                "    assert len(d) == int(sys.argv[2]) and d['gradient_change'].dtype == np.float64",
                "except ImportError:",
                "    pass",
                "print('tables ok')");
        Process p = new ProcessBuilder(python, "-c", script, csv.toString(), Integer.toString(rows))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            assertEquals(0, p.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertTrue(output.contains("tables ok"), output);
    }

    /** sweep, demo, init-scan and init-train take one --jobs default, the hardware threads, and say so. */
    @Test
    void everyCommandWithJobsHasTheSameDefault() {
        int threads = org.rscale.sweeps.plan.LocalSweep.defaultJobs();
        for (String command : new String[] {"sweep", "demo", "init-scan", "init-train"}) {
            Run help = rscale(command, "--help");
            assertEquals(0, help.code(), help.err());
            String text = help.out().replaceAll("\\s+", " ");
            assertTrue(text.contains("(default: " + threads + ", the hardware threads"), command + ": " + help.out());
        }
    }

    /** One set of --preset/--config/--set options; the help of each command names its own file and settings. */
    @Test
    void eachCommandsConfigurationHelpNamesItsOwnFileAndSettings() {
        String[][] expected = {
            {"init-scan", "a written init/scan.yaml works too", "(see 'rscale settings --init-scan')", "train.yaml"},
            {"init-train", "a written init-train/train.yaml works too", "(see 'rscale settings --init-train')",
                "scan.yaml"},
            {"sweep", "a sweep.yaml works too", "e.g. --set seeds=0,1,2 --set depths.",
                "--init-"},
            {"plan", "a sweep.yaml works too", "(see 'rscale settings')", "--init-"},
            {"submit", "a sweep.yaml works too", "(see 'rscale settings')", "--init-"}};
        for (String[] e : expected) {
            Run help = rscale(e[0], "--help");
            assertEquals(0, help.code(), help.err());
            String text = help.out().replaceAll("\\s+", " ");
            assertTrue(text.contains("--preset=NAME start from a named preset (see 'rscale presets')"), text);
            assertTrue(text.contains("--config=FILE a YAML configuration (applied after the preset); " + e[1]), text);
            assertTrue(text.contains("--set=KEY=VALUE override a setting, repeatable; a list is comma-separated"), text);
            assertTrue(text.contains(e[2]), e[0] + ": " + text);
            assertTrue(!text.contains(e[3]), e[0] + " names another command's file or settings: " + text);
        }
    }

    /**
     * A unit whose workspaces do not fit in the heap (-Xmx2g in the tests) is refused before any work, with the
     * heap it needs; --jobs given beyond the heap is refused, and the default lowered to what fits, with a note.
     */
    @Test
    void theWorkersMustFitInTheHeap(@TempDir Path tmp) {
        Run huge = rscale("init-scan", "--preset", "jmlr-histogram", "--set", "widths=40", "--set", "depths=200000",
                "--set", "draws=1", "--out", tmp.resolve("huge").toString());
        assertEquals(2, huge.code(), huge.out());
        // V and W: 2 x 200000 x 40^2 float64 = 4.8 GiB, plus the masks of one chunk (at most 64 MiB)
        assertTrue(huge.err().matches("(?s)rscale: res-3, iid, d=40, L=200000, draw 0 needs about 4\\.[89] GiB of "
                + "heap, more than 80% of this JVM's heap of .*; it needs -Xmx[67]g .*"), huge.err());
        assertTrue(huge.out().isEmpty(), huge.out());

        // 960 MB a unit (V and W of 6000 x 100 x 100): one fits in 80% of 2 GiB, two do not
        String[] large = {"init-scan", "--preset", "jmlr-histogram", "--set", "widths=100", "--set", "depths=6000",
            "--set", "draws=2", "--no-figures"};
        Run given = rscale(concat(large, "--out", tmp.resolve("given").toString(), "--jobs", "2"));
        assertEquals(2, given.code(), given.out());
        assertTrue(given.err().matches("(?s)rscale: --jobs 2: 2 units at once need about 1\\.8 GiB of heap \\(9[12]\\d "
                + "MiB each\\), more than 80% of this JVM's heap of .*; use at most --jobs 1, or RSCALE_JAVA_OPTS=-Xmx3g.*"),
                given.err());
        if (org.rscale.sweeps.plan.LocalSweep.defaultJobs() >= 2) {
            Run lowered = rscale(concat(large, "--out", tmp.resolve("lowered").toString()));
            assertEquals(0, lowered.code(), lowered.err());
            assertTrue(lowered.err().startsWith("note: units 1 at a time, not "
                    + org.rscale.sweeps.plan.LocalSweep.defaultJobs() + " (the default, the hardware threads): "),
                    lowered.err());
            assertTrue(lowered.out().contains("2 units, 2 computed now"), lowered.out());
        }
    }

    /** @return {@code a} followed by {@code b} (command lines built from a shared prefix) */
    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
