package org.rscale.cli;

import java.util.concurrent.Callable;

import org.rscale.sweeps.config.Presets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale presets}: list the presets, or print one.
 */
@Command(name = "presets", mixinStandardHelpOptions = true,
        header = "List the named presets, or print one as YAML.")
final class PresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "a preset to print")
    String name;

    @Override
    public Integer call() {
        if (name != null) {
            spec.commandLine().getOut().print(Presets.yaml(name));
            return ExitCodes.OK;
        }
        for (String n : Presets.names()) {
            String first = Presets.yaml(n).lines().filter(l -> l.startsWith("#")).findFirst().orElse("#")
                    .substring(1).trim();
            spec.commandLine().getOut().printf("%-22s %s%n", n, first);
        }
        return ExitCodes.OK;
    }
}
