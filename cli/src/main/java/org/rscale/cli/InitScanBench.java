package org.rscale.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.bench.PropagationBenchmark;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.ScanConfig;
import org.rscale.sweeps.initscan.ScanConfigLoader;
import org.rscale.sweeps.initscan.ScanPlan;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.SmoothVariant;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.run.Provenance;

/**
 * {@code rscale bench --mode init-scan}: times the units of an initialisation scan for each kernel,
 * model, width and depth, and projects the compute time of the {@code jmlr-heatmap} preset from the
 * fastest kernel.
 */
final class InitScanBench {
    private InitScanBench() {
    }

    /** The preset whose unit the bench times by default, and whose compute time it projects. */
    static final String HEATMAP = "jmlr-heatmap";

    /** @return the {@value #HEATMAP} preset's configuration */
    static ScanConfig heatmap() {
        return new ScanConfigLoader().preset(HEATMAP).resolve();
    }

    /**
     * @param b the bench command's options
     * @return the exit code
     */
    static int run(BenchCommand b) throws Exception {
        String[] bn = b.columns.toLowerCase(Locale.ROOT).split("x");
        int betas;
        int inputs;
        try {
            betas = Integer.parseInt(bn[0].trim());
            inputs = Integer.parseInt(bn[1].trim());
        } catch (RuntimeException e) {
            throw new InvalidInputException("--columns expects BETASxINPUTS, e.g. 70x10, got '" + b.columns + "'");
        }
        List<String> kernels = b.kernels != null ? b.kernels
                : KernelFactory.vectorAvailable() ? List.of("loop", "vector") : List.of("loop");
        ScanConfig heatmap = heatmap();
        List<Integer> widths = b.spec.commandLine().getParseResult().hasMatchedOption("--widths") ? b.widths
                : heatmap.widths();
        List<Integer> depths = b.spec.commandLine().getParseResult().hasMatchedOption("--depths") ? b.depths
                : heatmap.depths();
        List<BranchModel> models = List.of(BranchModel.RES_3, BranchModel.RES_1);
        if (b.quick) {
            kernels = List.of(kernels.get(kernels.size() - 1));
            models = List.of(BranchModel.RES_3);
        }
        BranchLaw law = new BranchLaw(Initialisation.FBM, BranchLaw.UNIFORM, 0.1, SmoothVariant.VALUES, 0.5);
        KernelBenchmark.Budget budget = new KernelBenchmark.Budget(b.warmup, b.minSteps, Math.max(b.minSteps, 10),
                b.maxSeconds);
        PrintWriter err = b.spec.commandLine().getErr();
        PrintWriter out = b.spec.commandLine().getOut();
        boolean quiet = Rscale.root(b.spec).quiet;
        Instant started = Instant.now();
        List<PropagationBenchmark.Result> results = new ArrayList<>();
        for (int depth : depths) {
            for (int width : widths) {
                for (BranchModel model : models) {
                    for (String k : kernels) {
                        PropagationBenchmark.Result r = PropagationBenchmark.run(
                                new PropagationBenchmark.Case(k, model, law, width, depth, betas, inputs), budget);
                        results.add(r);
                        if (!quiet && !b.json) {
                            err.printf(Locale.ROOT, "  %s%n", row(r));
                            err.flush();
                        }
                    }
                }
            }
        }
        Provenance here = Provenance.here("bench", "float64", false, "cpu", started, Instant.now());
        String projection = projection(results, heatmap);
        if (b.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provenance", here);
            doc.put("budget", budget);
            doc.put("results", results);
            doc.put("jmlr_heatmap_projection", projection);
            out.println(DataFormats.json().writeValueAsString(doc));
            return ExitCodes.OK;
        }
        out.printf("rscale %s (%s), Java %s, %s %s, %d hardware threads, one thread used%n", here.rscaleVersion(),
                here.gitCommit(), here.javaVersion(), here.osName(), here.osArch(), here.hardwareThreads());
        out.printf("init-scan units: fbm(H = 0.5) weights, %d betas x %d inputs per network, float64%n", betas, inputs);
        out.println(header());
        for (PropagationBenchmark.Result r : results) {
            out.println(row(r));
        }
        if (!projection.isEmpty()) {
            out.println(projection);
        }
        return ExitCodes.OK;
    }

    /** The jmlr-heatmap's compute time from the fastest res-3 result of its unit shape, or empty. */
    private static String projection(List<PropagationBenchmark.Result> results, ScanConfig heatmap) {
        PropagationBenchmark.Result best = null;
        for (PropagationBenchmark.Result r : results) {
            PropagationBenchmark.Case c = r.benchCase();
            if (c.model() == heatmap.models().get(0) && heatmap.widths().contains(c.width())
                    && heatmap.depths().contains(c.depth()) && c.betas() == heatmap.betas().size()
                    && c.inputs() == heatmap.inputs() && (best == null || r.unitSeconds() < best.unitSeconds())) {
                best = r;
            }
        }
        if (best == null) {
            return "";
        }
        int units = ScanPlan.of(heatmap).units().size();
        double total = units * best.unitSeconds();
        return String.format(Locale.ROOT, HEATMAP + ": %d units x %.3f s (%s) = %.0f s of compute; about %.0f s "
                        + "with --jobs 2 on two free cores, plus start-up, tables and figures", units, best.unitSeconds(),
                best.benchCase().kernel(), total, total / 2);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-7s %-6s %6s %7s %8s %9s %13s %16s %8s  %s", "kernel", "model", "width",
                "depth", "columns", "draw ms", "propagate ms", "ns/layer-column", "GMAC/s", "device");
    }

    static String row(PropagationBenchmark.Result r) {
        PropagationBenchmark.Case c = r.benchCase();
        return String.format(Locale.ROOT, "%-7s %-6s %6d %7d %8d %9.1f %13.1f %16.2f %8.2f  %s", c.kernel(),
                c.model().key(), c.width(), c.depth(), c.betas() * c.inputs(), 1e3 * r.drawSeconds(),
                1e3 * r.propagateSeconds(), r.nsPerLayerColumn(), r.gigaMacsPerSecond(), r.device());
    }
}
