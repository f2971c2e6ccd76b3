package org.rscale.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.rscale.sweeps.initscan.ScanListener;
import org.rscale.sweeps.initscan.WorkUnit;
import org.rscale.sweeps.plan.Cell;
import org.rscale.sweeps.plan.SweepListener;
import org.rscale.sweeps.run.RunRecord;

/**
 * Shows the progress of a command that works through a list of jobs: a sweep's cells ({@code rscale sweep},
 * {@code run-task}) or a study's units ({@code rscale init-scan}, {@code init-train}), named by {@link Counted}.
 * Jobs done / total and an ETA; for cells also the running cells' depth, epoch and loss. On a terminal it draws
 * a progress bar (me.tongfei.progressbar); otherwise (a log file, a cluster job) it writes plain timestamped
 * lines: for a sweep one per finished cell and a summary of the running cells at most every {@code interval};
 * for a study (thousands of small units) one line at most every {@code interval} while units finish.
 * Failures are always written.
 *
 * <p>ETA: elapsed time x remaining work / work done, with work measured by the plan's cost estimate (a cell:
 * depth x epochs x samples x d^2, running cells counted by their epoch fraction; a unit: weights drawn plus
 * multiply-adds). Cells that converge before the epoch cap make it pessimistic.
 */
final class ProgressReporter implements SweepListener, ScanListener, AutoCloseable {
    /** What a sweep counts: {@code sweep: 6 cells, 1 already done, 5 to train}. */
    static final Counted CELLS = new Counted("sweep", "cells", "train");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * What a reporter counts, for its lines and its bar.
     *
     * @param command the command, first on the start line (e.g. {@code init-scan})
     * @param noun    the jobs, plural (e.g. {@code units}); also the bar's name
     * @param verb    what is done to each (e.g. {@code compute})
     */
    record Counted(String command, String noun, String verb) {
        /**
         * @param command the study's command
         * @return what a study counts: {@code init-scan: 9 units, 0 already done, 9 to compute}
         */
        static Counted units(String command) {
            return new Counted(command, "units", "compute");
        }
    }

    private final Counted counted;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final long intervalNanos;
    private final Map<Integer, Running> running = new ConcurrentSkipListMap<>();
    private final java.util.Set<String> kernels = new java.util.HashSet<>();
    private ProgressBar bar;
    private int total;
    private int done;
    private int failed;
    private double todoCost;
    private double doneCost;
    private long start;
    private long lastLine;

    private record Running(Cell cell, int epoch, int maxEpochs, double loss) {
    }

    /**
     * A sweep's reporter.
     *
     * @param err      where to write
     * @param terminal whether to draw a bar
     * @param quiet    only errors
     * @param interval how often plain mode summarises running cells
     */
    ProgressReporter(PrintWriter err, boolean terminal, boolean quiet, Duration interval) {
        this(CELLS, err, terminal, quiet, interval);
    }

    /**
     * @param counted  what it counts
     * @param err      where to write
     * @param terminal whether to draw a bar
     * @param quiet    only errors
     * @param interval how often plain mode reports
     */
    ProgressReporter(Counted counted, PrintWriter err, boolean terminal, boolean quiet, Duration interval) {
        this.counted = counted;
        this.err = err;
        this.terminal = terminal && !quiet;
        this.quiet = quiet;
        this.intervalNanos = interval.toNanos();
    }

    /** @return whether stdout/stderr look like an interactive terminal */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void sweepStarted(int total, int alreadyDone, double cost) {
        start(total, alreadyDone, cost);
    }

    @Override
    public void scanStarted(int total, int alreadyDone, double cost) {
        start(total, alreadyDone, cost);
    }

    private synchronized void start(int total, int alreadyDone, double cost) {
        this.total = total;
        this.done = alreadyDone;
        this.todoCost = cost;
        this.start = System.nanoTime();
        this.lastLine = start;
        if (quiet) {
            return;
        }
        line(String.format(Locale.ROOT, "%s: %d %s, %d already done, %d to %s", counted.command(), total,
                counted.noun(), alreadyDone, total - alreadyDone, counted.verb()));
        if (terminal && total > alreadyDone) {
            bar = new ProgressBarBuilder()
                    .setTaskName(counted.noun())
                    .setInitialMax(total)
                    .startsFrom(alreadyDone, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(new java.io.PrintStream(
                            new WriterOutputStream(err), true, java.nio.charset.StandardCharsets.UTF_8)))
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
            line(String.format(Locale.ROOT, "%s %d/%d (%.0f%%), last: %s (%.2f s)%s", counted.noun(), done, total,
                    100.0 * done / Math.max(1, total), unit.describe(), seconds, done == total ? "" : etaText()));
        }
    }

    @Override
    public synchronized void unitFailed(WorkUnit unit, Exception error) {
        line("unit " + unit.index() + " (" + unit.describe() + ") failed: " + error.getMessage());
    }

    @Override
    public void cellStarted(Cell cell) {
        running.put(cell.index(), new Running(cell, 0, cell.settings().epochs(), Double.NaN));
        update();
    }

    @Override
    public synchronized void cellKernel(Cell cell, String kernel, String precision, String device) {
        String line = "kernel " + kernel + ", " + precision + ", on " + device + "; ND4J backend "
                + org.rscale.sweeps.run.Provenance.nd4jBackendOnClassPath();
        if (!quiet && kernels.add(line)) {
            if (bar != null) {
                bar.setExtraMessage(line);
            }
            line(line);
        }
    }

    @Override
    public void cellEpoch(Cell cell, int epoch, int maxEpochs, double trainLoss) {
        running.put(cell.index(), new Running(cell, epoch, maxEpochs, trainLoss));
        update();
    }

    @Override
    public synchronized void cellFinished(Cell cell, RunRecord record) {
        running.remove(cell.index());
        done++;
        doneCost += cell.cost();
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(runningSummary());
        } else if (!quiet) {
            Double loss = record.finalTrainLoss();
            line(String.format(Locale.ROOT, "cell %d/%d %s: %s after %d epochs, train loss %s (%.1f s)%s", done, total,
                    cell.id(), record.status(), record.epochs(), loss == null ? "n/a" : fmt(loss),
                    record.wallSeconds(), etaText()));
        }
    }

    @Override
    public synchronized void cellCompletedElsewhere(Cell cell, RunRecord record) {
        running.remove(cell.index());
        done++;
        doneCost += cell.cost();
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(runningSummary());
        } else if (!quiet) {
            line(String.format(Locale.ROOT, "cell %d/%d %s: finished by another process%s", done, total, cell.id(),
                    etaText()));
        }
    }

    @Override
    public synchronized void cellResultSetAside(Cell cell, String reason, java.nio.file.Path aside) {
        if (!quiet) {
            line("cell " + cell.id() + ": its result was invalid (" + reason + "); moved to " + aside
                    + ", training it again");
        }
    }

    @Override
    public synchronized void leftoversRemoved(java.util.List<org.rscale.sweeps.plan.Leftovers.Leftover> removed) {
        if (!quiet) {
            line("removed " + removed.size() + " leftover" + (removed.size() == 1 ? "" : "s")
                    + " of stopped processes (e.g. " + removed.get(0).path().getFileName() + ": "
                    + removed.get(0).owner() + ")");
        }
    }

    @Override
    public synchronized void sweepStopped(Cell cell, Exception error) {
        running.remove(cell.index());
        failed++;
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void cellHeldElsewhere(Cell cell, org.rscale.sweeps.plan.CellClaim claim) {
        running.remove(cell.index());
        if (!quiet) {
            line("cell " + cell.id() + " (index " + cell.index() + ") is being trained by " + claim.describe()
                    + "; left to it");
        }
    }

    @Override
    public synchronized void cellReclaimed(Cell cell, String reason) {
        if (!quiet) {
            line("cell " + cell.id() + ": replaced " + reason);
        }
    }

    @Override
    public synchronized void cellFailed(Cell cell, Exception error) {
        running.remove(cell.index());
        failed++;
        doneCost += cell.cost();
        String msg = "cell " + cell.id() + " (index " + cell.index() + ") failed: " + error.getMessage();
        if (bar != null) {
            bar.stepTo(done);
        }
        line(msg);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.flush();
    }

    private synchronized void update() {
        if (bar != null) {
            bar.setExtraMessage(runningSummary());
            return;
        }
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= intervalNanos && !running.isEmpty()) {
            line("running: " + runningSummary() + etaText());
        }
    }

    private String runningSummary() {
        StringBuilder s = new StringBuilder();
        for (Running r : running.values()) {
            if (s.length() > 0) {
                s.append(" | ");
            }
            s.append("L=").append(r.cell().settings().depth()).append(" epoch ").append(r.epoch()).append('/')
                    .append(r.maxEpochs());
            if (!Double.isNaN(r.loss())) {
                s.append(" loss ").append(fmt(r.loss()));
            }
        }
        return s.toString();
    }

    private Optional<Duration> eta() {
        double progress = doneCost;
        for (Running r : running.values()) {
            progress += r.cell().cost() * r.epoch() / Math.max(1, r.maxEpochs());
        }
        double elapsed = (System.nanoTime() - start) * 1e-9;
        if (progress <= 0 || elapsed < 1) {
            return Optional.empty();
        }
        double remaining = Math.max(0, todoCost - progress);
        return Optional.of(Duration.ofSeconds((long) (elapsed * remaining / progress)));
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

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    /** Adapts the picocli err writer to the PrintStream the progress bar wants. */
    static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter w;

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
