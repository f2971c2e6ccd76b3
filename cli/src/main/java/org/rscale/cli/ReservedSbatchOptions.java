package org.rscale.cli;

import java.util.List;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;

/**
 * The sbatch options that {@code rscale submit} sets itself, or has an option of its own for, and
 * which an {@code --sbatch-arg} must therefore not give: given twice, sbatch takes the last, and a job
 * array, dependency or log file other than submit's breaks what {@code status} and {@code --resume}
 * rely on. sbatch reads its options with getopt_long, so each is refused in every form sbatch accepts:
 * long ({@code --output=F}, {@code --output F}), abbreviated ({@code --out=F}: any unambiguous prefix),
 * short with the value attached or separate ({@code -oF}, {@code -o F}), and after bundled flags
 * ({@code -Qo F}).
 */
final class ReservedSbatchOptions {
    /** Long name to short letter (0: none) and what to use instead. */
    private static final Map<String, Reserved> RESERVED = Map.ofEntries(
            Map.entry("array", new Reserved('a', "the array of cell tasks; --throttle limits it")),
            Map.entry("dependency", new Reserved('d', "the analysis job waits for the cell tasks")),
            Map.entry("kill-on-invalid-dep", new Reserved('\0', "the analysis job is cancelled when a cell task fails")),
            Map.entry("output", new Reserved('o', "the logs go to SWEEP/logs/, where status reads them")),
            Map.entry("error", new Reserved('e', "stderr goes with stdout to SWEEP/logs/, where status reads it")),
            Map.entry("job-name", new Reserved('J', "the jobs are named after the sweep")),
            Map.entry("parsable", new Reserved('\0', "submit reads the job ids from it")),
            Map.entry("ntasks", new Reserved('n', "each job is one task")),
            Map.entry("cpus-per-task", new Reserved('c', "use submit's --cpus-per-task")),
            Map.entry("partition", new Reserved('p', "use submit's --partition")),
            Map.entry("account", new Reserved('A', "use submit's --account")),
            Map.entry("time", new Reserved('t', "use submit's --time")),
            Map.entry("mem", new Reserved('\0', "use submit's --mem")),
            Map.entry("gres", new Reserved('\0', "use submit's --gpus")),
            Map.entry("test-only", new Reserved('\0', "submit asks it for --gpus")),
            Map.entry("wrap", new Reserved('\0', "the jobs run the job scripts in SWEEP/slurm/")));
    /** sbatch's short options that take no value (getopt's flags); every other letter takes one. */
    private static final String FLAGS = "HhkOQsuVvW";

    private record Reserved(char letter, String why) {
    }

    private ReservedSbatchOptions() {
    }

    /**
     * @param args the {@code --sbatch-arg} values, in order
     * @throws InvalidInputException naming the first argument that gives a reserved option, and why
     */
    static void check(List<String> args) {
        for (String a : args) {
            String refused = reservedIn(a);
            if (refused != null) {
                throw new InvalidInputException("--sbatch-arg " + a + ": rscale submit sets sbatch's --" + refused
                        + " itself (" + RESERVED.get(refused).why() + ")");
            }
        }
    }

    /** The reserved long option an argument gives, or null. */
    private static String reservedIn(String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            if (name.isEmpty()) {
                return null;
            }
            for (String option : RESERVED.keySet()) {
                // getopt_long takes any unambiguous prefix of a long option
                if (option.startsWith(name)) {
                    return option;
                }
            }
            return null;
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            for (int i = 1; i < arg.length(); i++) {
                char c = arg.charAt(i);
                for (Map.Entry<String, Reserved> e : RESERVED.entrySet()) {
                    if (e.getValue().letter() == c) {
                        return e.getKey();
                    }
                }
                if (FLAGS.indexOf(c) < 0) {
                    return null; // an option with a value: the rest of the argument is that value
                }
            }
        }
        return null;
    }
}
