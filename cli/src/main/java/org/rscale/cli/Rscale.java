package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.rscale.sweeps.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rscale} command: numerical experiments on how the trained weights of residual
 * networks scale with depth. The root command only dispatches; a bare {@code rscale} is a usage
 * error.
 */
@Command(name = "rscale",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Depth-scaling experiments on residual networks: train sweeps, analyse weights, draw figures.",
        description = {"",
            "Quick start:  rscale demo",
            "A sweep:      rscale sweep --preset paper-tanh-shared --out runs/tanh --jobs 2",
            "On SLURM:     rscale submit --preset paper-tanh-shared --out /shared/runs/tanh --time 4:00:00",
            "              rscale fit runs/tanh && rscale report runs/tanh", ""},
        subcommands = {DemoCommand.class, PlanCommand.class, RunTaskCommand.class, SweepCommand.class,
            SubmitCommand.class, StatusCommand.class, AnalyzeCommand.class, FitCommand.class, PlotCommand.class, ReportCommand.class, InitScanCommand.class, InitTrainCommand.class, BenchCommand.class, PresetsCommand.class, SettingsCommand.class,
            ExponentsCommand.class,
            CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (a diverged cell is a result, not an error)",
            "1:internal error (a bug, an I/O failure, a failed cell)",
            "2:invalid input (an option, a configuration or a data file)"})
public final class Rscale implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "print the stack trace of an error")
    boolean stacktrace;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "more log output")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "only errors and results")
    boolean quiet;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * Runs rscale and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging(args);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs rscale with the given writers (what tests call).
     *
     * @param args the command line
     * @param out  where results go
     * @param err  where progress, logs and errors go
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, new SlurmCommands());
    }

    /**
     * Runs rscale with the given writers and SLURM commands (tests stand in for a cluster).
     *
     * @param args  the command line
     * @param out   where results go
     * @param err   where progress, logs and errors go
     * @param slurm runs sbatch and squeue
     * @return the exit code
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Slurm slurm) {
        Rscale root = new Rscale();
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cmd = new CommandLine(root, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == SubmitCommand.class) {
                    return cls.cast(new SubmitCommand(slurm));
                }
                if (cls == StatusCommand.class) {
                    return cls.cast(new StatusCommand(slurm));
                }
                if (cls == RunTaskCommand.class) {
                    return cls.cast(new RunTaskCommand(slurm));
                }
                return defaults.create(cls);
            }
        });
        cmd.setDefaultValueProvider(new LibraryDefaults());
        // help fits the terminal (picocli asks it for its width; 80 columns elsewhere); formulas are written with
        // non-breaking spaces, so a line never breaks inside one
        cmd.setUsageHelpAutoWidth(true);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // every error is one line on stderr: what is wrong, naming the file, field or value
        cmd.setParameterExceptionHandler((ex, args2) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("rscale: " + firstLine(ex) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return ExitCodes.INVALID_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            boolean invalid = ex instanceof InvalidInputException;
            // an I/O failure (a full disk, a permission) says all in its message; a bug needs the stack trace
            boolean io = false;
            for (Throwable t = ex; t != null && !io; t = t.getCause() == t ? null : t.getCause()) {
                io = t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException;
            }
            e.println("rscale: " + (invalid ? "" : "error: ") + firstLine(ex)
                    + (invalid || io || root.stacktrace ? "" : " (run with --stacktrace for details)"));
            if (root.stacktrace) {
                ex.printStackTrace(e);
            }
            e.flush();
            return invalid ? ExitCodes.INVALID_INPUT : ExitCodes.INTERNAL;
        });
        return cmd.execute(args);
    }

    private static String firstLine(Throwable ex) {
        String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** slf4j-simple reads system properties at first use: quiet by default, ND4J's banners off. */
    private static void configureLogging(String[] args) {
        String level = "info";
        for (String a : args) {
            if (a.equals("-q") || a.equals("--quiet")) {
                level = "warn";
            } else if (a.equals("-v") || a.equals("--verbose")) {
                level = "debug";
            }
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.log.org.nd4j", "verbose".equals(level) ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.bytedeco", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * @param spec a subcommand's spec
     * @return the root command's options
     */
    static Rscale root(CommandSpec spec) {
        return (Rscale) spec.root().userObject();
    }
}
