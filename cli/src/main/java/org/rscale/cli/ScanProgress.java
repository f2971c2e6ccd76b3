package org.rscale.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.rscale.sweeps.initscan.ScanListener;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * Shows a study's progress (rscale init-scan, rscale init-train): units done / total and an ETA. On a terminal a
 * progress bar; otherwise (a log file, a cluster job) plain timestamped lines: the start, one line
 * at most every {@code interval} while units finish, and every failure. A scan may have thousands
 * of small units, so there is no line per unit.
 *
 * <p>ETA: elapsed time x remaining cost / cost done, the cost of a unit being its estimate
 * (weights drawn plus multiply-adds).
 */
final class ScanProgress implements ScanListener, AutoCloseable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String what;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final long intervalNanos;
    private ProgressBar bar;
    private int total;
    private int done;
    private double todoCost;
    private double doneCost;
    private long start;
    private long lastLine;

    /**
     * @param what     the command, e.g. {@code init-scan}
     * @param err      where to write
     * @param terminal whether to draw a bar
     * @param quiet    only failures
     * @param interval how often plain mode reports
     */
    ScanProgress(String what, PrintWriter err, boolean terminal, boolean quiet, Duration interval) {
        this.what = what;
        this.err = err;
        this.terminal = terminal && !quiet;
        this.quiet = quiet;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public synchronized void scanStarted(int total, int alreadyDone, double cost) {
        this.total = total;
        this.done = alreadyDone;
        this.todoCost = cost;
        this.start = System.nanoTime();
        this.lastLine = start;
        if (quiet) {
            return;
        }
        line(String.format(Locale.ROOT, "%s: %d units, %d already done, %d to compute", what, total, alreadyDone,
                total - alreadyDone));
        if (terminal && total > alreadyDone) {
            bar = new ProgressBarBuilder()
                    .setTaskName("units")
                    .setInitialMax(total)
                    .startsFrom(alreadyDone, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(new java.io.PrintStream(
                            new ProgressReporter.WriterOutputStream(err), true,
                            java.nio.charset.StandardCharsets.UTF_8)))
                    .setEtaFunction(state -> eta())
                    .build();
        }
    }

    @Override
    public synchronized void kernelChosen(String kernel, String device) {
        if (!quiet) {
            line("kernel " + kernel + ", float64, on " + device);
        }
    }

    @Override
    public synchronized void unitFinished(WorkUnit unit, double cost, double seconds) {
        done++;
        doneCost += cost;
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = System.nanoTime();
        if (!quiet && (now - lastLine >= intervalNanos || done == total)) {
            line(String.format(Locale.ROOT, "units %d/%d (%.0f%%), last: %s (%.2f s)%s", done, total,
                    100.0 * done / Math.max(1, total), unit.describe(), seconds, done == total ? "" : etaText()));
        }
    }

    @Override
    public synchronized void unitFailed(WorkUnit unit, Exception error) {
        line("unit " + unit.index() + " (" + unit.describe() + ") failed: " + error.getMessage());
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.flush();
    }

    private Optional<Duration> eta() {
        double elapsed = (System.nanoTime() - start) * 1e-9;
        if (doneCost <= 0 || elapsed < 1) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) (elapsed * Math.max(0, todoCost - doneCost) / doneCost)));
    }

    private String etaText() {
        return eta().map(d -> String.format(Locale.ROOT, "; ETA %d:%02d:%02d", d.toHours(), d.toMinutesPart(),
                d.toSecondsPart())).orElse("");
    }

    private void line(String text) {
        lastLine = System.nanoTime();
        err.println("[" + LocalTime.now().format(CLOCK) + "] " + text);
        err.flush();
    }
}
