package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rscale.plots.FigureOptions;
import org.rscale.plots.InitFigures;
import org.rscale.sweeps.initscan.InitScan;
import org.rscale.sweeps.initscan.ScanConfigLoader;
import org.rscale.sweeps.initscan.ScanDirectory;
import org.rscale.sweeps.initscan.ScanConfig;
import org.rscale.sweeps.initscan.ScanRecord;
import org.rscale.sweeps.initscan.ScanUnit;
import org.rscale.sweeps.initscan.ScanWorker;
import org.rscale.sweeps.initscan.UnitPool;
import org.rscale.sweeps.kernel.InitPropagation;
import org.rscale.sweeps.plan.StudyFootprint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale init-scan}: the JMLR paper's initialisation study: ratios of output and gradient
 * norms of res-1 / res-3 networks at initialisation over (model, init, H, width, depth, beta), and
 * their figures.
 */
@Command(name = "init-scan", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Output and gradient ratios of res-1/res-3 networks at initialisation (JMLR paper), and figures.",
        description = {"For every model, init, Hurst index (fbm), width, depth and draw, draws a network, pushes "
                + "'inputs' random inputs x ~ U[0,1]^input_dim through it and back (loss ||F(x) - y||^2, y ~ U[0,1]) "
                + "for every beta at once, and writes DIR/init/ratios.csv (one row per network, beta and input: "
                + "output_ratio, output_change, gradient_ratio, gradient_change), DIR/init/scan.json and the figures "
                + "in DIR/init/figures/.",
            "", "With --preset/--config/--set, plans the scan into --out first (or checks that it holds the same scan); "
                + "with only a directory, resumes it. Each network is a unit published atomically; a killed scan "
                + "resumes with the missing units. --index I computes one unit (a cluster array task; units.csv "
                + "lists them); a later run without --index assembles the tables and draws the figures."})
final class InitScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "an existing scan's directory")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "the directory to plan the scan into (files go to DIR/init/)")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "units computed at once, each on one thread (default: ${DEFAULT-VALUE}, the hardware "
                    + "threads; fewer when that many units' workspaces would not fit in the heap)")
    int jobs;

    @Option(names = "--index", paramLabel = "I",
            description = "compute only unit I (e.g. $SLURM_ARRAY_TASK_ID), then stop: no tables, no figures")
    Integer index;

    @Mixin
    StudyFigureOptions figures;

    @Option(names = "--no-figures", description = "assemble the tables but draw no figures")
    boolean noFigures;

    @Override
    public Integer call() {
        Path target = LocalRun.target(spec, dir, out, jobs, "scan directory");
        FigureOptions drawing = figures.options(); // a bad --formats or --width is refused before any work
        // a bad --index, or units that do not fit in the heap, are refused before a new plan is written
        ScanDirectory scan = config.given()
                ? ScanDirectory.plan(target, config.resolve(new ScanConfigLoader()),
                        planned -> LocalRun.checkJobs(spec, requestedJobs(), footprint(planned)))
                : ScanDirectory.open(target);
        int workers = LocalRun.jobs(spec, requestedJobs(), footprint(scan));
        PrintWriter stdout = spec.commandLine().getOut();
        if (index != null) {
            boolean computed = InitScan.runOne(scan, index);
            stdout.printf("%s: unit %d (%s) %s%n", scan.unitFile(scan.plan().unit(index)), index,
                    scan.plan().unit(index).describe(), computed ? "computed" : "already done");
            return ExitCodes.OK;
        }
        Rscale root = Rscale.root(spec);
        InitScan.Summary summary;
        try (ProgressReporter progress = new ProgressReporter(ProgressReporter.Counted.units("init-scan"),
                spec.commandLine().getErr(), ProgressReporter.isTerminal(), root.quiet, Duration.ofSeconds(30))) {
            summary = InitScan.run(scan, workers, progress);
        }
        stdout.printf(Locale.ROOT, "%s: %d units, %d computed now (%.1f s of compute, kernel %s), %d already done, "
                        + "%d failed%n", scan.dir(), summary.total(), summary.computed(), summary.computeSeconds(),
                summary.kernel(), summary.skipped(), summary.failed().size());
        for (UnitPool.Failure f : summary.failed()) {
            spec.commandLine().getErr().printf("failed: unit %d (%s): %s%n", f.unit().index(), f.unit().describe(),
                    f.error().getMessage());
        }
        if (summary.record() == null) {
            return summary.failed().isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
        report(stdout, scan, summary.record());
        if (!noFigures) {
            InitFigures.Drawn drawn = InitFigures.draw(scan, drawing);
            for (Path f : drawn.files()) {
                if (f.toString().endsWith(".png")) {
                    stdout.println("  " + f);
                }
            }
            if (!root.quiet) {
                for (String n : drawn.notes()) {
                    spec.commandLine().getErr().println("note: " + n);
                }
            }
            stdout.printf("figures (%s): %s%n", figures.formatsText(), scan.figuresDir());
        }
        return ExitCodes.OK;
    }

    /** @return the units computed at once: {@code --jobs}, or one with {@code --index} */
    private int requestedJobs() {
        return index != null ? 1 : jobs;
    }

    /**
     * @param scan the scan, planned or opened
     * @return what the workers of this run hold: {@code --index}'s unit, or the largest unit missing
     * @throws org.rscale.sweeps.InvalidInputException when {@code --index} is outside the plan
     */
    private StudyFootprint footprint(ScanDirectory scan) {
        ScanConfig scanConfig = scan.plan().config();
        int lanes = InitPropagation.create(scanConfig.kernel()).lanes();
        List<ScanUnit> todo = index != null ? List.of(scan.plan().unit(index)) : scan.missing();
        return StudyFootprint.of(todo, u -> ScanWorker.estimatedBytes(scanConfig, u, lanes), 0, "units");
    }

    private static void report(PrintWriter out, ScanDirectory scan, ScanRecord record) {
        out.printf("%s: %d rows%s%n", scan.ratiosFile(), record.rows(), nonFinite(record));
        if (record.pathRows() > 0) {
            out.printf("%s: %d rows%n", scan.pathsFile(), record.pathRows());
        }
    }

    private static String nonFinite(ScanRecord record) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : record.infinite().entrySet()) {
            long inf = e.getValue();
            long nan = record.undefined().getOrDefault(e.getKey(), 0L);
            if (inf + nan > 0) {
                sb.append(sb.length() == 0 ? "; non-finite: " : ", ").append(e.getKey()).append(' ').append(inf)
                        .append(" inf, ").append(nan).append(" nan");
            }
        }
        return sb.toString();
    }
}
