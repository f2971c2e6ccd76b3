package org.rscale.cli;

import java.util.concurrent.Callable;

import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.config.SweepConfig;
import org.rscale.sweeps.initscan.ScanSetting;
import org.rscale.sweeps.initscan.StudySetting;
import org.rscale.sweeps.inittrain.TrainSetting;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rscale settings}: every setting with its default, allowed values and meaning.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        header = "List every setting: key, default, allowed values, meaning (--init-scan, --init-train: the studies').")
final class SettingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--init-scan", description = "list the settings of 'rscale init-scan' instead")
    boolean initScan;

    @Option(names = "--init-train", description = "list the settings of 'rscale init-train' instead")
    boolean initTrain;

    @Override
    public Integer call() {
        if (initScan || initTrain) {
            StudySetting[] schema = initScan ? ScanSetting.values() : TrainSetting.values();
            for (StudySetting s : schema) {
                String allowed = s.choices().isEmpty() ? "" : String.join("|", s.choices());
                spec.commandLine().getOut().printf("%-18s default %-14s %-24s %s%n", s.key(), s.defaultValue(),
                        allowed, s.description());
            }
            return ExitCodes.OK;
        }
        for (Setting s : Setting.values()) {
            String allowed = s.choices().isEmpty() ? s.type().name().toLowerCase(java.util.Locale.ROOT)
                    : String.join("|", s.choices());
            spec.commandLine().getOut().printf("%-18s default %-14s %-42s %s%s%n", s.key(), s.defaultValue(), allowed,
                    s.description(), s.scope() == Setting.Scope.CELL ? " [may be a list]" : "");
        }
        spec.commandLine().getOut().printf("A sweep holds at most %d cells (depths x seeds x every listed value); "
                + "each cell must fit in the heap that trains it (see 'rscale plan --help').%n", SweepConfig.MAX_CELLS);
        return ExitCodes.OK;
    }
}
