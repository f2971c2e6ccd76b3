package org.rscale.cli;

import java.util.concurrent.Callable;

import org.rscale.sweeps.config.Presets;
import org.rscale.sweeps.initscan.ScanPresets;
import org.rscale.sweeps.inittrain.TrainPresets;

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
            spec.commandLine().getOut().print(ScanPresets.names().contains(name) ? ScanPresets.yaml(name)
                    : TrainPresets.names().contains(name) ? TrainPresets.yaml(name) : Presets.yaml(name));
            return ExitCodes.OK;
        }
        for (String n : Presets.names()) {
            spec.commandLine().getOut().printf("%-22s %s%n", n, firstComment(Presets.yaml(n)));
        }
        spec.commandLine().getOut().println("init-scan presets (rscale init-scan --preset NAME):");
        for (String n : ScanPresets.names()) {
            spec.commandLine().getOut().printf("%-22s %s%n", n, firstComment(ScanPresets.yaml(n)));
        }
        spec.commandLine().getOut().println("init-train presets (rscale init-train --preset NAME):");
        for (String n : TrainPresets.names()) {
            spec.commandLine().getOut().printf("%-26s %s%n", n, firstComment(TrainPresets.yaml(n)));
        }
        return ExitCodes.OK;
    }

    private static String firstComment(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("#")).findFirst().orElse("#").substring(1).trim();
    }
}
