package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rscale.report.ReportSummary;
import org.rscale.report.SweepPipeline;
import org.rscale.sweeps.InvalidInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale report}: one self-contained HTML page per sweep, or one comparison page for several.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write a sweep's report: one self-contained HTML page with the decision, the evidence, every figure, "
                + "the settings, the cells and how to reproduce it.",
        description = {"One DIR: writes DIR/report/index.html (or --out DIR2/index.html). Figures are inline (SVG), the "
                + "page loads nothing from elsewhere: copy it anywhere and open it in a browser.",
            "It reads the analysis (DIR/analysis/verdict.json) and the figures (DIR/figures) that exist; a missing "
                + "analysis or missing figures are made first, and the output says so. With --out outside DIR nothing "
                + "is written into DIR.",
            "Several DIRs: one comparison page, --out/index.html (default: ./rscale-comparison/index.html), with the "
                + "decisions side by side, the sweeps' figures on shared axes, and each sweep's report."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "a sweep directory, or any directory with runs/*/A.npy")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "the report's directory (default: DIR/report; several DIRs: ./rscale-comparison)")
    Path out;

    @Mixin
    AnalysisOptions options;

    @Mixin
    FigureOptionsMixin figures;

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        if (dirs.size() == 1) {
            SweepPipeline.Written w = SweepPipeline.report(SweepPipeline.Locations.outside(dirs.get(0), out, false),
                    options.settings(), figures.options(), log);
            ReportSummary.lines(w.reports().get(0), w.page()).forEach(o::println);
            return ExitCodes.OK;
        }
        Path target = out != null ? out : Path.of("rscale-comparison");
        for (Path d : dirs) {
            if (d.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                throw new InvalidInputException("--out " + target + " is one of the sweeps; give another directory");
            }
        }
        SweepPipeline.Written w = SweepPipeline.compare(dirs, target, options.settings(), figures.options(), log);
        for (int i = 0; i < w.reports().size(); i++) {
            List<String> lines = ReportSummary.lines(w.reports().get(i), w.page());
            o.println(w.reports().get(i).name() + ": " + lines.get(0));
            o.println("  " + lines.get(1));
        }
        o.println("report: " + w.page().toAbsolutePath().normalize());
        return ExitCodes.OK;
    }
}
