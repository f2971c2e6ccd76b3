package org.rscale.report;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rscale.analysis.AnalysisSettings;
import org.rscale.fits.sweep.VerdictFiles;
import org.rscale.plots.FigureOptions;
import org.rscale.plots.InitFigures;
import org.rscale.plots.TrainFigures;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.initscan.PathsTable;
import org.rscale.sweeps.initscan.RatiosTable;
import org.rscale.sweeps.initscan.ScanDirectory;
import org.rscale.sweeps.inittrain.TrainDirectory;
import org.rscale.sweeps.run.RunFiles;

/**
 * The report of one directory ({@code rscale report DIR}): whatever it holds, on one page. A sweep (runs, a plan or
 * an analysis) gets its section ({@link SweepPipeline#reportContent}), an initialisation scan ({@code DIR/init/}) and
 * a trained study ({@code DIR/init-train/}) theirs ({@link StudyReport}); a directory with none of them is refused.
 * Missing figures of an assembled study are drawn first, in the given options (and the log says so); with an
 * output directory, they go there, never into the study.
 */
public final class DirectoryReport {

    private DirectoryReport() {
    }

    /**
     * What was reported and where.
     *
     * @param sweep   the sweep's report, when the directory holds a sweep
     * @param studies the initialisation studies' reports
     * @param page    the HTML file written
     */
    public record Written(Optional<SweepReport> sweep, List<StudyReport> studies, Path page) {
        // Copies.
        public Written {
            studies = List.copyOf(studies);
        }
    }

    /**
     * @param dir a directory
     * @return whether it holds a sweep: a plan ({@code sweep.yaml}), runs ({@code runs/}) or an analysis
     */
    public static boolean hasSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.SWEEP_YAML)) || Files.isDirectory(dir.resolve(RunFiles.RUNS_DIR))
                || VerdictFiles.exists(dir.resolve(RunFiles.ANALYSIS_DIR));
    }

    /**
     * Writes the report of a directory: {@code DIR/report/index.html}, or {@code out/index.html}.
     *
     * @param dir      the directory
     * @param out      the report's directory, or null for {@code DIR/report}
     * @param settings the analysis settings for a sweep's missing analysis
     * @param options  figure options for missing figures
     * @param log      where to say what is computed
     * @return what was written
     * @throws InvalidInputException when the directory holds neither a sweep nor a study
     */
    public static Written write(Path dir, Path out, AnalysisSettings settings, FigureOptions options, PrintWriter log) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such directory");
        }
        boolean sweep = hasSweep(dir);
        boolean scan = StudyReport.hasScan(dir);
        boolean training = StudyReport.hasTraining(dir);
        if (!sweep && !scan && !training) {
            throw new InvalidInputException(dir + ": nothing to report: no sweep (" + RunFiles.SWEEP_YAML + ", "
                    + RunFiles.RUNS_DIR + "/) and no initialisation study (" + ScanDirectory.INIT_DIR + "/"
                    + ScanDirectory.SCAN_YAML + ", " + TrainDirectory.TRAIN_DIR + "/" + TrainDirectory.TRAIN_YAML + ")");
        }
        Optional<SweepReport> sweepReport = Optional.empty();
        Path reportDir;
        if (sweep) {
            SweepPipeline.Locations loc = SweepPipeline.Locations.outside(dir, out, false);
            sweepReport = Optional.of(SweepPipeline.reportContent(loc, settings, options, log));
            reportDir = loc.reportDir();
        } else {
            reportDir = out != null ? out : dir.resolve(ReportFiles.REPORT_DIR);
        }
        List<StudyReport> studies = new ArrayList<>();
        if (scan) {
            studies.add(scan(dir, out, options, log));
        }
        if (training) {
            studies.add(training(dir, out, options, log));
        }
        Path page = reportDir.resolve(ReportFiles.INDEX_HTML);
        String name = sweepReport.map(SweepReport::name).orElse(dir.toAbsolutePath().normalize().getFileName() == null
                ? dir.toString() : dir.toAbsolutePath().normalize().getFileName().toString());
        String what = sweep ? "" : studies.size() == 1 ? studies.get(0).kind() + " " : "initialisation studies ";
        HtmlReport.write(page, "rscale report: " + what + name, sweepReport.map(List::of).orElse(List.of()), List.of(),
                studies);
        return new Written(sweepReport, studies, page);
    }

    private static StudyReport scan(Path dir, Path out, FigureOptions options, PrintWriter log) {
        ScanDirectory s = ScanDirectory.open(dir);
        Path figures = figuresDir(s.figuresDir(), out, ScanDirectory.INIT_DIR);
        if (s.isAssembled() && SweepReport.figures(figures).isEmpty()) {
            log.println("no figures in " + figures + ": drawing them now (as 'rscale init-scan')");
            log.flush();
            InitFigures.Drawn d = InitFigures.draw(
                    RatiosTable.read(s.ratiosFile()),
                    Files.isRegularFile(s.pathsFile()) ? PathsTable.read(s.pathsFile())
                            : List.of(), figures, options);
            d.notes().forEach(n -> log.println("note: " + n));
        }
        return StudyReport.scan(dir, figures);
    }

    private static StudyReport training(Path dir, Path out, FigureOptions options, PrintWriter log) {
        TrainDirectory t = TrainDirectory.open(dir);
        Path figures = figuresDir(t.figuresDir(), out, TrainDirectory.TRAIN_DIR);
        if (Files.isRegularFile(t.recordFile()) && SweepReport.figures(figures).isEmpty()) {
            log.println("no figures in " + figures + ": drawing them now (as 'rscale init-train')");
            log.flush();
            InitFigures.Drawn d = TrainFigures.draw(t, figures, options);
            d.notes().forEach(n -> log.println("note: " + n));
        }
        return StudyReport.training(dir, figures);
    }

    /** The study's own figures when it has some or nothing goes elsewhere; else {@code out/<study>/figures}. */
    private static Path figuresDir(Path own, Path out, String study) {
        if (out == null || !SweepReport.figures(own).isEmpty()) {
            return own;
        }
        return out.resolve(study).resolve(ScanDirectory.FIGURES_DIR);
    }
}
