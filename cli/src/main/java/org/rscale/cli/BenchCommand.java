package org.rscale.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rscale.sweeps.bench.BenchCase;
import org.rscale.sweeps.bench.BenchResult;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.kernel.conv.ConvKernels;
import org.rscale.sweeps.run.Provenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rscale bench}: time the training kernels on the standard cases.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Time the training kernels: microseconds per layer and training step, steps/s, memory.",
        description = {"Each case: JIT warm-up on a shallow net of the same shape, then single training steps "
                + "(forward, backward, optimiser update) of the real depth, timed one by one; the figure is the median "
                + "step time divided by the depth. Runs on one thread. The default grid is the standard cases (every "
                + "kernel and precision, widths 10/25/100, batches 32/128, depths 100/1000/10000) and takes several "
                + "minutes; --quick times the reference case (width 10, batch 32, depth 1000) only.",
            "", "--mode init-scan times the units of 'rscale init-scan' instead (draw a network, propagate its columns "
                + "forward and back; loop and vector kernels, res-3 and res-1, --widths default 40, --depths default 1000, "
                + "--columns 70x10) and projects the jmlr-heatmap preset's compute time.",
            "", "Vector kernels need the JVM option --add-modules jdk.incubator.vector (the rscale launcher adds it)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernels", split = ",", paramLabel = "K", description = "kernels (default: every available one)")
    List<String> kernels;

    @Option(names = "--precisions", split = ",", paramLabel = "P", description = "precisions (default: ${DEFAULT-VALUE})")
    List<String> precisions;

    @Option(names = "--widths", split = ",", paramLabel = "D", description = "widths (default: ${DEFAULT-VALUE})")
    List<Integer> widths;

    @Option(names = "--batches", split = ",", paramLabel = "B", description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--depths", split = ",", paramLabel = "L", description = "depths (default: ${DEFAULT-VALUE})")
    List<Integer> depths;

    @Option(names = "--quick", description = "only width 10, batch 32, depth 1000")
    boolean quick;

    @Option(names = "--activation", description = "activation (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--delta", description = "delta variant (default: ${DEFAULT-VALUE})")
    String delta;

    @Option(names = "--optimizer", description = "optimiser (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--warmup", paramLabel = "S", description = "seconds of JIT warm-up per case (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--min-steps", paramLabel = "N", description = "timed steps at least (default: ${DEFAULT-VALUE})")
    int minSteps;

    @Option(names = "--max-steps", paramLabel = "N", description = "timed steps at most (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--max-seconds", paramLabel = "S", description = "stop timing a case after this long, once --min-steps are done (default: ${DEFAULT-VALUE})")
    double maxSeconds;

    @Option(names = "--json", description = "print the results as JSON (with provenance) instead of a table")
    boolean json;

    @Option(names = "--conv", description = "time a conv BasicBlock's training step (64 channels, 32x32, batch 32, "
            + "one thread) with rscale's conv kernels and with PyTorch, side by side")
    boolean conv;

    @Option(names = "--conv-kernels", split = ",", paramLabel = "K",
            description = "--conv: the rscale kernels to time, conv-gemm and/or conv-nd4j (default: the one that "
                    + "kernel: auto trains with on this build)")
    List<String> convKernels;

    @Option(names = "--conv-precision", paramLabel = "P",
            description = "--conv: float32 (PyTorch's default) or float64 (default: ${DEFAULT-VALUE})")
    String convPrecision;

    @Option(names = "--conv-rounds", paramLabel = "N",
            description = "--conv: alternating rounds of both sides (default: ${DEFAULT-VALUE})")
    int convRounds;

    @Option(names = "--conv-steps", paramLabel = "N",
            description = "--conv: timed steps per network and round (default: ${DEFAULT-VALUE})")
    int convSteps;

    @Option(names = "--python", paramLabel = "EXE",
            description = "--conv: the Python with torch (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "training",
            description = "training: the training kernels (default); init-scan: the units of 'rscale init-scan' "
                    + "(draw a res-1/res-3 network, push betas x inputs columns through it and back), by default the "
                    + "jmlr-heatmap unit (fbm H = 0.5, width 40, depth 1000, 70 betas x 10 inputs)")
    String mode;

    @Option(names = "--columns", paramLabel = "BxN",
            description = "--mode init-scan: betas x inputs per network (default: ${DEFAULT-VALUE})")
    String columns;

    @Override
    public Integer call() throws Exception {
        if (conv) {
            return convBench();
        }
        if ("init-scan".equals(mode)) {
            return InitScanBench.run(this);
        }
        if (!"training".equals(mode)) {
            throw new org.rscale.sweeps.InvalidInputException("--mode must be training or init-scan, got '" + mode + "'");
        }
        if (quick) {
            KernelBenchmark.Grid q = KernelBenchmark.Grid.quick();
            widths = q.widths();
            batches = q.batches();
            depths = q.depths();
        }
        List<String> ks = kernels != null ? kernels : available();
        for (String k : ks) {
            KernelFactory.resolve(k, 10, Integer.MAX_VALUE); // fails early, with a clear line, for an unavailable kernel
        }
        KernelBenchmark.Budget budget = new KernelBenchmark.Budget(warmup, minSteps, maxSteps, maxSeconds);
        Instant started = Instant.now();
        List<BenchResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Map<String, Object>> skippedCases = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = Rscale.root(spec).quiet;
        for (int depth : depths) {
            for (int width : widths) {
                for (int batch : batches) {
                    for (String k : ks) {
                        for (String p : precisions) {
                            BenchCase c = new BenchCase(k, p, width, batch, depth, activation, delta, optimizer);
                            BenchResult r;
                            try {
                                r = KernelBenchmark.run(c, budget);
                            } catch (IllegalStateException | OutOfMemoryError e) {
                                String line = String.format(Locale.ROOT, "%-7s %-8s %6d %6d %7d  skipped: %s", k, p,
                                        width, batch, depth, e.getMessage());
                                skipped.add(line);
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("bench_case", c);
                                entry.put("reason", String.valueOf(e.getMessage()));
                                skippedCases.add(entry);
                                if (!quiet && !json) {
                                    err.printf(Locale.ROOT, "  %s%n", line);
                                }
                                continue;
                            }
                            results.add(r);
                            if (!quiet && !json) {
                                err.printf(Locale.ROOT, "  %s%n", row(r));
                                err.flush();
                            }
                        }
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provenance", Provenance.here("bench", "mixed", ks.contains("nd4j"), "cpu", started, Instant.now()));
            doc.put("budget", budget);
            doc.put("results", results);
            doc.put("skipped", skippedCases);
            out.println(DataFormats.json().writeValueAsString(doc));
        } else {
            Provenance here = Provenance.here("bench", "mixed", false, "cpu", started, Instant.now());
            out.printf("rscale %s (%s), Java %s, %s %s, %d hardware threads, one thread used%n", here.rscaleVersion(),
                    here.gitCommit(), here.javaVersion(), here.osName(), here.osArch(), here.hardwareThreads());
            out.printf("%s, %s, %s; %s optimiser%n", activation, delta + " delta", "random unit-scale data", optimizer);
            out.println(header());
            for (BenchResult r : results) {
                out.println(row(r));
            }
            for (String line : skipped) {
                out.println(line);
            }
        }
        return ExitCodes.OK;
    }

    private int convBench() throws java.io.IOException {
        if (!"float32".equals(convPrecision) && !"float64".equals(convPrecision)) {
            throw new org.rscale.sweeps.InvalidInputException("--conv-precision must be float32 or float64, got '"
                    + convPrecision + "'");
        }
        if (convRounds < 1 || convSteps < 1) {
            throw new org.rscale.sweeps.InvalidInputException("--conv-rounds and --conv-steps must be >= 1");
        }
        List<String> ks = convKernels != null ? convKernels : List.of(ConvKernels.choose("auto", convPrecision));
        for (String k : ks) {
            if (!ConvKernels.NAMES.contains(k)) {
                throw new org.rscale.sweeps.InvalidInputException("--conv-kernels takes "
                        + String.join(", ", ConvKernels.NAMES) + ", got '" + k + "'");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = Rscale.root(spec).quiet;
        Instant started = Instant.now();
        org.rscale.sweeps.bench.ConvBenchmark.Settings standard = org.rscale.sweeps.bench.ConvBenchmark.Settings
                .standard(ks);
        org.rscale.sweeps.bench.ConvBenchmark.Settings s = new org.rscale.sweeps.bench.ConvBenchmark.Settings(
                standard.channels(), standard.size(), standard.batch(), convPrecision, convRounds, convSteps, python, ks);
        org.rscale.sweeps.bench.ConvBenchmark.Result r = org.rscale.sweeps.bench.ConvBenchmark.run(s, line -> {
            if (!quiet && !json) {
                err.println("  " + line);
                err.flush();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        Provenance here = Provenance.here(String.join(",", ks), convPrecision, true, "cpu", started, Instant.now());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provenance", here);
            doc.put("result", r);
            Map<String, Object> blocks = new LinkedHashMap<>();
            Map<String, Object> ratios = new LinkedHashMap<>();
            for (org.rscale.sweeps.bench.ConvBenchmark.KernelTimes k : r.rscale()) {
                blocks.put(k.kernel(), k.block());
                ratios.put(k.kernel(), Double.isNaN(r.ratio(k)) ? null : r.ratio(k));
            }
            doc.put("rscale_block_seconds", blocks);
            doc.put("torch_block_seconds", Double.isNaN(r.torchBlock()) ? null : r.torchBlock());
            doc.put("ratio", ratios);
            out.println(DataFormats.json().writeValueAsString(doc));
            return ExitCodes.OK;
        }
        out.printf("rscale %s (%s), Java %s, %s %s, %d hardware threads, one thread used%n", here.rscaleVersion(),
                here.gitCommit(), here.javaVersion(), here.osName(), here.osArch(), here.hardwareThreads());
        out.printf(Locale.ROOT, "BasicBlock training step: %d channels, %dx%d, batch %d, %s, SGD (momentum 0.9, "
                + "weight decay 5e-4); %d rounds x %d steps%n", s.channels(), s.size(), s.size(), s.batch(),
                s.precision(), s.rounds(), s.steps());
        out.printf(Locale.ROOT, "%-48s %12s %12s %12s%n", "", "1 block", "2 blocks", "block step");
        for (org.rscale.sweeps.bench.ConvBenchmark.KernelTimes k : r.rscale()) {
            out.printf(Locale.ROOT, "%-48s %9.1f ms %9.1f ms %9.1f ms%n", "rscale " + k.kernel() + " (" + k.device() + ")",
                    1e3 * org.rscale.sweeps.bench.ConvBenchmark.median(k.one()),
                    1e3 * org.rscale.sweeps.bench.ConvBenchmark.median(k.two()), 1e3 * k.block());
        }
        if (r.torchOne().isEmpty()) {
            out.println("PyTorch: " + r.torchVersion());
        } else {
            out.printf(Locale.ROOT, "%-48s %9.1f ms %9.1f ms %9.1f ms%n", "PyTorch " + r.torchVersion() + " (1 thread)",
                    1e3 * org.rscale.sweeps.bench.ConvBenchmark.median(r.torchOne()),
                    1e3 * org.rscale.sweeps.bench.ConvBenchmark.median(r.torchTwo()), 1e3 * r.torchBlock());
            for (org.rscale.sweeps.bench.ConvBenchmark.KernelTimes k : r.rscale()) {
                out.printf(Locale.ROOT, "rscale %s / PyTorch, block step: %.2f (goal: at most 1.5)%n", k.kernel(),
                        r.ratio(k));
            }
        }
        out.println("(median step times; block step = 2 blocks - 1 block; 1 block = stem + block + pooling + linear)");
        return ExitCodes.OK;
    }

    private static List<String> available() {
        List<String> ks = new ArrayList<>();
        ks.add("loop");
        if (KernelFactory.vectorAvailable()) {
            ks.add("vector");
        }
        ks.add("nd4j");
        return ks;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-7s %-8s %6s %6s %7s %14s %21s %10s %11s  %s", "kernel", "precision",
                "width", "batch", "depth", "us/layer-step", "(min .. max)", "steps/s", "memory", "device");
    }

    static String row(BenchResult r) {
        BenchCase c = r.benchCase();
        return String.format(Locale.ROOT, "%-7s %-8s %6d %6d %7d %14.2f %21s %10.1f %11s  %s", c.kernel(), c.precision(),
                c.width(), c.batch(), c.depth(), r.usPerLayerStep(),
                String.format(Locale.ROOT, "(%.2f .. %.2f)", r.usPerLayerStepMin(), r.usPerLayerStepMax()),
                r.stepsPerSecond(), mib(r.memoryBytes()), r.device());
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
