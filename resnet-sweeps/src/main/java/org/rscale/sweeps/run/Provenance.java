package org.rscale.sweeps.run;

import java.time.Instant;

import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.io.ProcessTag;

/**
 * Where and how a result was computed: one block in every output file (run.json, sweep.yaml,
 * verdict.json). Results can differ across platforms (JIT, FMA, libm), kernels and precisions;
 * this block says which applied. Unknown facts are written as {@value RscaleBuild#UNKNOWN}.
 *
 * @param rscaleVersion   rscale's version
 * @param gitCommit       the commit rscale was built from
 * @param javaVersion     {@code java.version}
 * @param javaVendor      {@code java.vendor}
 * @param osName          {@code os.name}
 * @param osArch          {@code os.arch}
 * @param hardwareThreads {@code Runtime.availableProcessors()}
 * @param host            the host name
 * @param nd4jVersion     the ND4J version on the class path
 * @param nd4jBackend     the ND4J backend on the class path (cpu, cpu-onednn or cuda), and whether this computation used it
 * @param kernel          the training kernel, or {@code none} for computations without one
 * @param precision       float64 or float32, or {@code none}
 * @param device          {@code cpu} or the GPU used
 * @param started         start time, ISO-8601 UTC
 * @param finished        end time, ISO-8601 UTC
 */
public record Provenance(String rscaleVersion, String gitCommit, String javaVersion, String javaVendor, String osName,
                         String osArch, int hardwareThreads, String host, String nd4jVersion, String nd4jBackend,
                         String kernel, String precision, String device, String started, String finished) {

    /**
     * The provenance of a computation on this machine.
     *
     * @param kernel    the kernel name, or {@code none}
     * @param precision the precision, or {@code none}
     * @param usesNd4j  whether the computation used ND4J
     * @param device    the device the computation ran on
     * @param started   when it started
     * @param finished  when it finished
     * @return the record
     */
    public static Provenance here(String kernel, String precision, boolean usesNd4j, String device, Instant started,
                                  Instant finished) {
        return new Provenance(RscaleBuild.VERSION, RscaleBuild.GIT_COMMIT, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), hostName(), RscaleBuild.ND4J_VERSION,
                nd4jBackendOnClassPath() + (usesNd4j ? "" : " (not used)"), kernel, precision, device,
                started.toString(), finished.toString());
    }

    /**
     * @return {@code cpu}, {@code cpu-onednn} (nd4j-native's oneDNN natives, the {@code onednn} build) or
     *         {@code cuda} for the ND4J backend on the class path, else {@value RscaleBuild#UNKNOWN}
     */
    public static String nd4jBackendOnClassPath() {
        ClassLoader cl = Provenance.class.getClassLoader();
        if (present("org.nd4j.linalg.jcublas.JCublasBackend", cl)) {
            return "cuda";
        }
        if (present("org.nd4j.linalg.cpu.nativecpu.CpuBackend", cl)) {
            boolean oneDnn = cl.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libjnind4jcpu.so") != null;
            return oneDnn ? "cpu-onednn" : "cpu";
        }
        return RscaleBuild.UNKNOWN;
    }

    /**
     * This machine's host name ({@link ProcessTag#hostName(String)}: the kernel's first).
     *
     * @return the host name, {@value RscaleBuild#UNKNOWN} if it cannot be found
     */
    public static String hostName() {
        return ProcessTag.hostName(RscaleBuild.UNKNOWN);
    }

    private static boolean present(String name, ClassLoader cl) {
        try {
            Class.forName(name, false, cl);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
