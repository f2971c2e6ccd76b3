package org.rscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

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
        s.append("# Written by 'rscale submit' (rscale ").append(RscaleBuild.VERSION).append(", commit ")
                .append(RscaleBuild.GIT_COMMIT).append(") for the sweep ").append(sweep).append(".\n");
        s.append("# The header sets the job's environment; the body is cluster-scripts/slurm/").append(body)
                .append(".\n");
        if (setup != null && !setup.isBlank()) {
            s.append("# --setup:\n").append(setup.strip()).append('\n');
        }
        Map<String, String> env = new LinkedHashMap<>();
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
