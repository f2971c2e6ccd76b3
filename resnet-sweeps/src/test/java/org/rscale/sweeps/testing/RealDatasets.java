package org.rscale.sweeps.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find real IDX datasets on this machine. Fashion-MNIST comes from Debian's
 * {@code dataset-fashion-mnist} ({@value #FASHION_MNIST}). A test that needs it is skipped, with a
 * message, when the files are absent, unless {@value #REQUIRE} is {@code 1} (as in CI, whose
 * {@code .ci/run} installs the package): then it fails.
 */
public final class RealDatasets {
    /** Debian's Fashion-MNIST directory. */
    public static final String FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** The environment variable that turns a skip into a failure. */
    public static final String REQUIRE = "RSCALE_REQUIRE_DATASETS";

    private RealDatasets() {
    }

    /**
     * @return the Fashion-MNIST directory; skips the calling test when it is absent (fails when
     *         {@value #REQUIRE}=1)
     */
    public static Path fashionMnist() {
        Path dir = Path.of(FASHION_MNIST);
        boolean present = Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"));
        if (!present && "1".equals(System.getenv(REQUIRE))) {
            throw new AssertionError(REQUIRE + "=1 but Fashion-MNIST is not in " + FASHION_MNIST
                    + " (apt-get install dataset-fashion-mnist)");
        }
        Assumptions.assumeTrue(present, "Fashion-MNIST not found in " + FASHION_MNIST
                + " (apt-get install dataset-fashion-mnist); skipped");
        return dir;
    }
}
