package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.KnownRegimeKernels;
import org.rscale.plots.FigureCatalog;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.testing.TinyImages;

/**
 * Every kind of figure rscale draws has a caption in {@link FigureCatalog}: small sweeps (shared and per-layer delta,
 * through {@code fit}, so the limit figures too), their overlays, a conv sweep, an initialisation scan and a trained
 * study are drawn, and every file's name must match a catalog entry (a new figure without an entry fails here).
 * The scan and the study go into the shared-delta sweep's directory, whose report then holds all three.
 */
class EveryFigureHasACaptionTest {

    @Test
    void everyFigureDrawnHasACatalogEntry(@TempDir Path tmp) throws IOException {
        Path shared = tmp.resolve("shared");
        Path perLayer = tmp.resolve("per-layer");
        ok(RscaleCliTest.rscale("sweep", "--preset", "smoke", "--out", shared.toString(), "--jobs", "2"));
        ok(RscaleCliTest.rscale("fit", shared.toString()));
        ok(RscaleCliTest.rscale("sweep", "--preset", "smoke", "--set", "delta=per-layer", "--set", "activation=relu",
                "--out", perLayer.toString(), "--jobs", "2"));
        ok(RscaleCliTest.rscale("fit", perLayer.toString()));
        ok(RscaleCliTest.rscale("plot", shared.toString(), perLayer.toString(), "--out", tmp.resolve("overlays").toString(),
                "--formats", "svg"));
        Path conv = tmp.resolve("conv");
        for (List<Integer> c : List.of(List.of(1, 1, 1, 1), List.of(2, 1, 2, 1), List.of(2, 2, 3, 2))) {
            ConvArchitecture a = new ConvArchitecture(c, 2, 3, 8, 8, 10);
            KnownRegimeKernels.writeRun(conv, String.format("L%03d_s0", a.depth()), a,
                    KnownRegimeKernels.nonShrinking(a, 1), 0, Map.of("model", "conv"));
        }
        ok(RscaleCliTest.rscale("plot", conv.toString(), "--formats", "svg"));
        ok(RscaleCliTest.rscale("init-scan", "--set", "model=res-1", "--set", "init=iid,fbm", "--set", "hursts=0.3,0.7",
                "--set", "widths=4", "--set", "depths=8,16", "--set", "betas=0.5,1", "--set", "draws=2",
                "--set", "paths=1", "--out", shared.toString(), "--formats", "svg,pdf"));
        ok(RscaleCliTest.rscale("init-scan", "--set", "model=res-1", "--set", "widths=4", "--set", "depths=8",
                "--set", "draws=60", "--out", tmp.resolve("histograms").toString(), "--formats", "svg"));
        Path images = TinyImages.write(tmp.resolve("images"), 40, 20);
        ok(RscaleCliTest.rscale("init-train", "--set", "init=smooth,fbm", "--set", "hursts=0.3,0.7", "--set",
                "betas=0.5,1", "--set", "width=4", "--set", "depth=8", "--set", "epochs=1", "--set", "batch_size=20",
                "--set", "data.path=" + images, "--set", "save_weights=true", "--out", shared.toString(),
                "--formats", "svg", "--width", "double"));

        Map<String, FigureCatalog> kinds = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".svg"))::iterator) {
                String name = p.getFileName().toString().replaceAll("\\.svg$", "");
                FigureCatalog.of(name).ifPresentOrElse(k -> kinds.put(name, k), () -> unknown.add(p.toString()));
            }
        }
        assertEquals(Set.of(), unknown, "figures without a catalog entry");
        for (FigureCatalog k : List.of(FigureCatalog.SCALING, FigureCatalog.SCALING_DELTA, FigureCatalog.SCALING_BIAS,
                FigureCatalog.DELTA_PATH, FigureCatalog.WEIGHT_PATH, FigureCatalog.BIAS_PATH, FigureCatalog.LOSS,
                FigureCatalog.OVERLAY, FigureCatalog.BLOCK_NORMS, FigureCatalog.BLOCK_PROFILE, FigureCatalog.SCALING_CONV,
                FigureCatalog.INIT_CHANGE, FigureCatalog.INIT_HISTOGRAM, FigureCatalog.INIT_PHASE,
                FigureCatalog.INIT_WEIGHT_PATHS, FigureCatalog.TRAINED_WEIGHTS, FigureCatalog.ACCURACY_HEATMAP)) {
            assertTrue(kinds.containsValue(k), k + " was drawn: " + kinds);
        }
        assertEquals(FigureCatalog.SCALING_CONV, kinds.get("scaling_conv1"), "the conv caption, not the generic one");
        assertTrue(Files.isRegularFile(shared.resolve("init/figures/weight_paths.pdf")), "--formats svg,pdf");
        assertTrue(!Files.exists(shared.resolve("init/figures/weight_paths.png")), "--formats svg,pdf");

        // the sweep's directory also holds the scan and the study: one page with all three
        RscaleCliTest.Run report = RscaleCliTest.rscale("report", shared.toString());
        ok(report);
        List<String> lines = report.out().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("decision: ") && lines.get(1).startsWith("confidence: "), report.out());
        assertTrue(lines.get(2).startsWith("init-scan: 12 networks, ") && lines.get(3).startsWith("init-train: 6 trainings, "),
                report.out());
        assertEquals("report: " + shared.resolve("report/index.html").toAbsolutePath().normalize(), lines.get(4));
        String html = Files.readString(shared.resolve("report/index.html"));
        long svgs;
        try (Stream<Path> s = Files.walk(shared)) {
            svgs = s.filter(p -> p.toString().endsWith(".svg") && !p.startsWith(shared.resolve("report"))).count();
        }
        assertEquals(svgs, html.split("<figure ", -1).length - 1, "every figure of the sweep and the studies");
        assertTrue(html.contains("Evidence") && html.contains("Initialisation scan (rscale init-scan)")
                && html.contains("Training from structured initialisations (rscale init-train)"), "both sections");
    }

    private static void ok(RscaleCliTest.Run run) {
        assertEquals(0, run.code(), run.err());
    }
}
