package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rscale.report.DirectoryReport;
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
        header = "Write a sweep's or an initialisation study's report: one self-contained HTML page with the decision, "
                + "the evidence, every figure with its caption, the settings, the cells and how to reproduce it.",
        description = {"One DIR: writes DIR/report/index.html (or --out DIR2/index.html). Figures are inline (SVG), the "
                + "page loads nothing from elsewhere: copy it anywhere and open it in a browser.",
            "It reads the analysis (DIR/analysis/verdict.json) and the figures (DIR/figures) that exist; a missing "
                + "analysis or missing figures are made first, and the output says so. With --out outside DIR nothing "
                + "is written into DIR.",
            "A directory of 'rscale init-scan' (DIR/init/) or 'rscale init-train' (DIR/init-train/) gets its section: "
                + "the theory's boundary beta*(H) = max(H, 1/2) against the study's betas, what was computed, every "
                + "figure with its caption, the settings, the provenance and the commands that reproduce it; a sweep "
                + "directory that also holds a study gets both.",
            "Several DIRs: one comparison page, --out/index.html (default: ./rscale-comparison/index.html), with the "
                + "decisions side by side, the sweeps' figures on shared axes, and each sweep's report."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "a sweep directory, any directory with runs/*/A.npy, or an init-scan / init-train directory")
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
            DirectoryReport.Written w = DirectoryReport.write(dirs.get(0), out, options.settings(), figures.options(), log);
            if (w.sweep().isPresent()) {
                List<String> lines = ReportSummary.lines(w.sweep().get(), w.page());
                lines.subList(0, 2).forEach(o::println);
            }
            w.studies().forEach(s -> o.println(s.summary()));
            o.println("report: " + w.page().toAbsolutePath().normalize());
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
