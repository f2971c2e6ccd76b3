package org.rscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.io.AtomicFiles;

/**
 * A SLURM job script written by {@code rscale submit}: a header that sets the job's environment
 * (the {@code --setup} snippet, the sweep, the jar, the JVM options) followed by one of the job
 * bodies of {@code cluster-scripts/slurm/} (packaged into the jar as resources). The bodies only
 * call rscale subcommands.
 */
final class JobScript {
    /** The body of one array task: {@code rscale run-task SWEEP --index $SLURM_ARRAY_TASK_ID}. */
    static final String ARRAY_TASK = "array-task.sh";
    /** The body of the analysis job: {@code rscale analyze}, {@code fit} (when present), {@code plot}. */
    static final String ANALYSIS_JOB = "analysis-job.sh";

    private JobScript() {
    }

    /**
     * @param body    {@link #ARRAY_TASK} or {@link #ANALYSIS_JOB}
     * @param setup   a shell snippet run first (module loads), or null
     * @param sweep   the sweep directory (absolute)
     * @param jar     the jar the job runs (absolute)
     * @param javaOpts the JVM options
     * @return the script's text
     */
    static String text(String body, String setup, Path sweep, Path jar, String javaOpts) {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        // no value goes into a comment: a newline in it would end the comment; values are quoted assignments
        s.append("# Written by 'rscale submit' for the sweep in RSCALE_SWEEP below.\n");
        s.append("# The header sets the job's environment; the body is cluster-scripts/slurm/").append(body)
                .append(".\n");
        if (setup != null && !setup.isBlank()) {
            s.append("# --setup:\n").append(setup.strip()).append('\n');
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RSCALE_VERSION", RscaleBuild.VERSION + " (commit " + RscaleBuild.GIT_COMMIT + ")");
        env.put("RSCALE_SWEEP", sweep.toString());
        env.put("RSCALE_JAR", jar.toString());
        env.put("RSCALE_JAVA_OPTS", javaOpts);
        for (Map.Entry<String, String> e : env.entrySet()) {
            s.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        s.append("# ---- body ----\n");
        String text = resource(body);
        s.append(text.startsWith("#!") ? text.substring(text.indexOf('\n') + 1) : text);
        return s.toString();
    }

    /**
     * Writes a job script, executable.
     *
     * @param file where
     * @param text its text
     */
    static void write(Path file, String text) {
        AtomicFiles.writeString(file, text);
        try {
            java.nio.file.Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // sbatch reads the script; the mode only matters to people running it by hand
        }
    }

    /**
     * Refuses a path that cannot be written safely into a job script or an sbatch option: one with a
     * control character (a newline would end a line of the script, which quoting cannot prevent in a
     * comment or a log line), or a backslash (in an sbatch filename pattern it turns off the
     * replacement of {@code %A}, {@code %a}, {@code %j}, so the logs would land elsewhere).
     *
     * @param path  a path
     * @param where the option it came from
     * @throws InvalidInputException naming the option and the character's position
     */
    static void checkPath(Path path, String where) {
        String s = path.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidInputException(String.format(java.util.Locale.ROOT, "%s: the path holds the control "
                        + "character U+%04X at position %d; rscale submit refuses it in job scripts (rename the "
                        + "directory)", where, (int) c, i));
            }
            if (c == '\\') {
                throw new InvalidInputException(where + ": the path " + quote(s) + " holds a backslash, which turns "
                        + "off sbatch's log file names (%A_%a); rename the directory");
            }
        }
    }

    /**
     * Quotes a value for a POSIX shell: every value written into a job script or shown as a command
     * goes through here.
     *
     * @param s a string
     * @return it quoted for a POSIX shell
     */
    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String resource(String name) {
        try (InputStream in = JobScript.class.getResourceAsStream("slurm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the job body slurm/" + name + " is missing from the rscale jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
