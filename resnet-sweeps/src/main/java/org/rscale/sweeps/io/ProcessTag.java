package org.rscale.sweeps.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The process that owns a temporary file or directory, written into its name: {@code <host>-<pid>}, or
 * {@code <host>-<pid>-j<SLURM job id>} inside a SLURM job. A temporary name is
 * {@code <prefix>-<tag>-<random>}, so a leftover can be traced to its process, and removed once that
 * process has stopped, never while it may still run: a pid alive on this host, or a SLURM job still
 * listed, keeps its files.
 *
 * @param host       the host name, with every character other than letters, digits and '.' replaced by '_'
 * @param pid        the process id on that host
 * @param slurmJobId {@code $SLURM_JOB_ID}, or empty outside SLURM
 */
public record ProcessTag(String host, long pid, String slurmJobId) {
    private static final String UNKNOWN_HOST = "host";

    /** @return this process */
    public static ProcessTag current() {
        return Current.TAG;
    }

    /** This process's tag, computed once. */
    private static final class Current {
        static final ProcessTag TAG = of();

        private static ProcessTag of() {
            String job = System.getenv("SLURM_JOB_ID");
            return new ProcessTag(sanitise(hostName()), ProcessHandle.current().pid(),
                    job != null && job.matches("[0-9]+") ? job : "");
        }
    }

    /** @return the tag as written into names, e.g. {@code node17-4242-j12} */
    public String text() {
        return host + "-" + pid + (slurmJobId.isEmpty() ? "" : "-j" + slurmJobId);
    }

    /**
     * @param prefix what the name starts with, e.g. {@code .partial-L00004_s0}
     * @return a fresh temporary name of this process: {@code <prefix>-<tag>-<8 random hex digits>}
     */
    public String name(String prefix) {
        return prefix + "-" + text() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Reads the owner back from a temporary name ({@link #name}).
     *
     * @param name   a file name
     * @param prefix the prefix it must start with, followed by '-'
     * @return its owner, or empty when the name is not {@code <prefix>-<tag>-<random>}
     */
    public static Optional<ProcessTag> parse(String name, String prefix) {
        if (!name.startsWith(prefix + "-")) {
            return Optional.empty();
        }
        String[] parts = name.substring(prefix.length() + 1).split("-");
        String job = "";
        int at = parts.length - 2; // parts[last] is the random part
        if (at >= 2 && parts[at].matches("j[0-9]+")) {
            job = parts[at].substring(1);
            at--;
        }
        if (at != 1 || !parts[1].matches("[0-9]{1,18}") || parts[0].isEmpty() || !parts[parts.length - 1].matches(
                "[0-9a-f]{8}")) {
            return Optional.empty();
        }
        return Optional.of(new ProcessTag(parts[0], Long.parseLong(parts[1]), job));
    }

    /** @return whether the process runs (or ran) on this host */
    public boolean onThisHost() {
        return host.equals(sanitise(hostName()));
    }

    /**
     * @return whether the process has certainly stopped, as far as this host can tell: it ran here and
     *         its pid is gone. A process of another host counts as running.
     */
    public boolean goneFromThisHost() {
        return onThisHost() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * This machine's host name: the kernel's ({@code uname -n}, read from
     * {@code /proc/sys/kernel/hostname}), else {@code $HOSTNAME}, else {@code /etc/hostname}, else
     * the resolver's. The kernel's comes first because {@code $HOSTNAME} can be inherited: SLURM jobs
     * get the submitting shell's environment, and some login shells export {@code HOSTNAME}, so a
     * task on a compute node may carry the login node's name there.
     *
     * @param unknown what to return when no name can be found
     * @return the host name
     */
    public static String hostName(String unknown) {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String s = Files.readString(kernel).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or hidden: try the others
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String s = Files.readString(etc).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            return unknown;
        }
    }

    private static String hostName() {
        return hostName(UNKNOWN_HOST);
    }

    /**
     * @param host a host name
     * @return it as written into names: letters, digits and '.', every other character '_'
     */
    public static String sanitise(String host) {
        return host.replaceAll("[^A-Za-z0-9.]", "_");
    }
}
