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
        int width = Math.max(60, spec.usageMessage().width());
        for (String n : Presets.names()) {
            spec.commandLine().getOut().print(entry(n, description(Presets.yaml(n)), width));
        }
        spec.commandLine().getOut().println("init-scan presets (rscale init-scan --preset NAME):");
        for (String n : ScanPresets.names()) {
            spec.commandLine().getOut().print(entry(n, description(ScanPresets.yaml(n)), width));
        }
        spec.commandLine().getOut().println("init-train presets (rscale init-train --preset NAME):");
        for (String n : TrainPresets.names()) {
            spec.commandLine().getOut().print(entry(n, description(TrainPresets.yaml(n)), width));
        }
        return ExitCodes.OK;
    }

    /** The leading comment block of a preset, as one paragraph. */
    static String description(String yaml) {
        StringBuilder sb = new StringBuilder();
        for (String line : yaml.lines().toList()) {
            if (!line.startsWith("#")) {
                break;
            }
            String text = line.substring(1).strip();
            if (!text.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(text);
            }
        }
        return sb.toString();
    }

    /** The name in a column of 28 (the longest preset name is 26), the description wrapped at word boundaries to the width, nothing cut off. */
    static String entry(String name, String description, int width) {
        int indent = 29;
        StringBuilder out = new StringBuilder(String.format("%-28s ", name));
        int col = indent;
        boolean first = true;
        for (String word : description.split(" ")) {
            if (!first && col + 1 + word.length() > width) {
                out.append('\n').append(" ".repeat(indent));
                col = indent;
                first = true;
            }
            if (!first) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
            first = false;
        }
        return out.append('\n').toString();
    }
}
