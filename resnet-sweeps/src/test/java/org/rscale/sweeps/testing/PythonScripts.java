package org.rscale.sweeps.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs Python scripts from tests: the first of {@code python3}, {@code /usr/bin/python3} that imports
 * the needed modules. A test that needs Python is skipped when none is found, unless
 * {@code RSCALE_REQUIRE_NUMPY=1} (as in CI), where that fails.
 */
public final class PythonScripts {
    private PythonScripts() {
    }

    /**
     * @param modules the modules the script imports, e.g. {@code numpy}
     * @return an interpreter that imports them, if any
     */
    public static Optional<String> interpreterWith(String... modules) {
        String imports = modules.length == 0 ? "pass" : "import " + String.join(", ", modules);
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return whether a missing interpreter must fail the test ({@code RSCALE_REQUIRE_NUMPY=1}) */
    public static boolean required() {
        return "1".equals(System.getenv("RSCALE_REQUIRE_NUMPY"));
    }

    /**
     * Runs a script and returns its output (stdout and stderr).
     *
     * @param python the interpreter
     * @param script the script's text
     * @param args   its arguments ({@code sys.argv[1:]})
     * @return the exit code and output
     * @throws IOException when the interpreter cannot be started
     */
    public static Result run(String python, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            return new Result(p.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * @param exitCode the script's exit code
     * @param output   its stdout and stderr
     */
    public record Result(int exitCode, String output) {
    }
}
