package org.rscale.sweeps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version facts baked into the jar at build time: the rscale version, the git commit it was built
 * from ({@value #UNKNOWN} outside a git checkout, suffixed {@code -dirty} for uncommitted changes)
 * and the ND4J version it was built against.
 */
public final class RscaleBuild {
    /** Written for any fact that could not be determined; never left out. */
    public static final String UNKNOWN = "unknown";

    /** The rscale version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION;
    /** The full git commit id, {@value #UNKNOWN} without git. */
    public static final String GIT_COMMIT;
    /** The ND4J version on the class path. */
    public static final String ND4J_VERSION;

    static {
        Properties build = load("build.properties");
        Properties git = load("git.properties");
        VERSION = build.getProperty("rscale.version", UNKNOWN);
        ND4J_VERSION = build.getProperty("nd4j.version", UNKNOWN);
        String commit = git.getProperty("git.commit.id.full", "");
        if (commit.isBlank() || commit.startsWith("$")) {
            GIT_COMMIT = UNKNOWN;
        } else {
            GIT_COMMIT = "true".equals(git.getProperty("git.dirty")) ? commit + "-dirty" : commit;
        }
    }

    private RscaleBuild() {
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = RscaleBuild.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build resource " + resource, e);
        }
        return p;
    }
}
