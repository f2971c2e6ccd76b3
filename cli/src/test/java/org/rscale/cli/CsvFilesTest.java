package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.io.Npy;

/**
 * Every kind of CSV file rscale writes loads with numpy ({@code np.genfromtxt(..., names=True, delimiter=',')}) and
 * with pandas ({@code pd.read_csv}), and no numeric column holds the word {@code unknown}: a sweep with two seeds
 * planned, trained, fitted, plotted and reported, and a directory of foreign weights (unknown seed, one seed per
 * depth: no bootstrap) fitted. numpy is required in CI ({@code RSCALE_REQUIRE_NUMPY=1}); pandas is checked where
 * installed.
 */
class CsvFilesTest {

    /** Every CSV file name rscale writes. */
    private static final Set<String> KINDS = Set.of("tasks.csv", "history.csv", "statistics.csv", "fits.csv", "dynamics.csv",
            "convergence.csv", "roughness.csv", "denoised.csv", "rates.csv", "comparison.csv",
            "terminal_distribution.csv");

    @Test
    void everyCsvLoadsWithNumpyAndPandas(@TempDir Path tmp) throws IOException, InterruptedException {
        Path sweep = tmp.resolve("sweep");
        RscaleCliTest.Run run = RscaleCliTest.rscale("demo", "--out", sweep.toString(), "--set", "depths.max=40",
                "--set", "depths.base=2", "--set", "seeds=0,1", "--jobs", "2", "--formats", "png");
        assertEquals(0, run.code(), run.err());

        // foreign weights: no run.json, so no seed and no status
        Path foreign = tmp.resolve("foreign");
        java.util.Random rnd = new java.util.Random(7);
        for (int L : new int[] {4, 8, 16, 32, 64}) {
            Path r = Files.createDirectories(foreign.resolve("runs/depth_" + L));
            double[] a = new double[L * 3 * 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextGaussian() / L;
            }
            Npy.write(r.resolve("A.npy"), new int[] {L, 3, 3}, a);
        }
        RscaleCliTest.Run fit = RscaleCliTest.rscale("fit", foreign.toString(), "--formats", "svg");
        assertEquals(0, fit.code(), fit.err());

        List<Path> csvs;
        try (Stream<Path> s = Stream.concat(Files.walk(sweep), Files.walk(foreign))) {
            csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        Set<String> kinds = new TreeSet<>();
        csvs.forEach(p -> kinds.add(p.getFileName().toString()));
        assertEquals(new TreeSet<>(KINDS), kinds, "every kind of CSV is written and checked");

        String python = python("numpy");
        if (python == null) {
            if ("1".equals(System.getenv("RSCALE_REQUIRE_NUMPY"))) {
                throw new AssertionError("RSCALE_REQUIRE_NUMPY=1 but no python3 with numpy was found");
            }
            return;
        }
        boolean pandas = python("pandas") != null;
        String pandasPython = pandas ? python("pandas") : python;
        String script = String.join("\n",
                "import sys, csv, numpy as np",
                "pandas = sys.argv[1] == '1'",
                "if pandas: import pandas as pd",
                "for f in sys.argv[2:]:",
                "    a = np.genfromtxt(f, names=True, delimiter=',', dtype=None, encoding='utf-8')",
                "    rows = list(csv.reader(open(f, encoding='utf-8')))",
                "    header, body = rows[0], rows[1:]",
                "    assert all(len(r) == len(header) for r in body), f + ': ragged rows'",
                "    for j, name in enumerate(header):",
                "        vals = [r[j] for r in body]",
                "        def num(v):",
                "            try: float(v); return True",
                "            except ValueError: return False",
                "        if any(v != '' and num(v) for v in vals):",
                "            bad = [v for v in vals if v != '' and not num(v)]",
                "            assert not bad, f + ': column ' + name + ' mixes numbers and ' + repr(bad[:3])",
                "    if pandas:",
                "        d = pd.read_csv(f)",
                "        assert list(d.columns) == header, f",
                "        assert len(d) == len(body), f",
                "print('csv ok', len(sys.argv) - 2)");
        List<String> cmd = new java.util.ArrayList<>(List.of(pandasPython, "-c", script, pandas ? "1" : "0"));
        csvs.forEach(p -> cmd.add(p.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("csv ok " + csvs.size()), out);
        String fits = Files.readString(foreign.resolve("analysis/fits.csv"));
        assertTrue(!fits.contains("unknown"), "a missing bootstrap bound is an empty field: " + fits);
    }

    /** A python3 that imports the module, or null. */
    private static String python(String module) {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
