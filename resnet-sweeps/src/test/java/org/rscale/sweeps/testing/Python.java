package org.rscale.sweeps.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs independent reference computations in Python (numpy, and PyTorch where installed) from the
 * tests. A test that needs numpy is skipped, with a message, when no {@code python3} has it, unless
 * {@value #REQUIRE} is {@code 1} (as in CI): then it fails.
 */
public final class Python {
    /** The environment variable that turns a skip into a failure. */
    public static final String REQUIRE = "RSCALE_REQUIRE_NUMPY";
    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");

    private Python() {
    }

    /**
     * @param modules the modules needed, e.g. {@code numpy}
     * @return a python3 that imports them; skips the calling test when there is none (fails when
     *         {@value #REQUIRE}=1 and numpy is among them)
     */
    public static String with(String... modules) {
        String imports = "import " + String.join(", ", modules);
        for (String p : CANDIDATES) {
            try {
                Process proc = new ProcessBuilder(p, "-c", imports).redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // not installed: next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        boolean numpy = List.of(modules).contains("numpy") && modules.length == 1;
        if (numpy && "1".equals(System.getenv(REQUIRE))) {
            throw new AssertionError(REQUIRE + "=1 but no python3 with numpy was found");
        }
        Assumptions.assumeTrue(false, "no python3 with " + String.join(", ", modules) + "; skipped");
        return null;
    }

    /**
     * Runs a script and returns its standard output; fails the test on a non-zero exit.
     *
     * @param python the interpreter
     * @param script the script's text
     * @param args   its arguments ({@code sys.argv[1:]})
     * @return what it printed
     */
    public static String run(String python, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", script));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python did not finish in 300 s:\n" + out);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("python failed (exit " + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
