package org.rscale.cli;

import java.util.List;

/**
 * The SLURM commands rscale runs ({@code sbatch}, {@code squeue}), behind an interface so that tests
 * can stand in for a cluster. {@link SlurmCommands} runs the real ones.
 */
interface Slurm {

    /**
     * What a command printed and returned.
     *
     * @param exitCode its exit status
     * @param out      its standard output
     * @param err      its standard error
     */
    record Result(int exitCode, String out, String err) {
        /** @return the first non-blank line of stderr, else of stdout, else the exit status */
        String firstLine() {
            for (String s : new String[] {err, out}) {
                String line = s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
                if (line != null) {
                    return line;
                }
            }
            return "exit status " + exitCode;
        }
    }

    /** @return whether {@code sbatch} can be run here (it is on the PATH) */
    boolean available();

    /**
     * @param args the arguments after {@code sbatch}
     * @return what it did
     */
    Result sbatch(List<String> args);

    /**
     * @param args the arguments after {@code squeue}
     * @return what it printed; exit status 127 when squeue is not installed
     */
    Result squeue(List<String> args);
}
