package org.rscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.plan.SweepDirectory;
import org.rscale.sweeps.run.RunFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rscale plan}: resolve a configuration and write the sweep directory's plan.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        header = "Write a sweep's resolved configuration (sweep.yaml) and task list (tasks.csv).",
        description = {"Every setting may be a list; the cells are the cartesian product of depths, seeds and the "
                + "listed settings, at most " + SweepConfig.MAX_CELLS + " of them. Every cell must fit in this "
                + "JVM's heap (RSCALE_JAVA_OPTS=-Xmx...): its weights, optimiser state, activations and data, "
                + "counted before anything is written. Re-planning the same sweep into the same directory changes "
                + "nothing; a different sweep is refused."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep directory")
    Path out;

    @Override
    public Integer call() {
        SweepConfig resolved = config.resolve(new SweepConfigLoader());
        SweepDirectory sweep = SweepDirectory.plan(out, resolved);
        int cells = sweep.plan().cells().size();
        spec.commandLine().getOut().printf("planned %d cells (%d depths x %d seeds x %d setting combinations) in %s%n",
                cells, resolved.depths().depths().size(), resolved.seeds().size(),
                cells / (resolved.depths().depths().size() * resolved.seeds().size()), out);
        spec.commandLine().getOut().printf("tasks: %s (indices 0..%d for 'rscale run-task %s --index I')%n",
                out.resolve(RunFiles.TASKS_CSV), cells - 1, out);
        return ExitCodes.OK;
    }
}
