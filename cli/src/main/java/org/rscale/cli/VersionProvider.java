package org.rscale.cli;

import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.run.Provenance;

import picocli.CommandLine;

/**
 * {@code rscale --version}: version, commit, Java and ND4J versions.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "rscale " + RscaleBuild.VERSION + " (commit " + RscaleBuild.GIT_COMMIT + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " hardware threads",
            "ND4J " + RscaleBuild.ND4J_VERSION + ", backend " + Provenance.nd4jBackendOnClassPath(),
        };
    }
}
