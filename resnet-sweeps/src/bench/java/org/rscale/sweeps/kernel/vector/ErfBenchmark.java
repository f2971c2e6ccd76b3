package org.rscale.sweeps.kernel.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.math3.special.Erf;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.math.ErrorFunction;

/**
 * Nanoseconds per value of erf, GELU and the SVML operators, on one layer's worth of
 * pre-activations (width 10, batch 32: 320 values, N(0, 1)); printed as one JSON object with the
 * commit and the machine. Not a test: build with the {@code bench} profile and run by hand,
 * from the repository root:
 * <pre>
 *   mvn -o -q -pl resnet-sweeps -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java --add-modules jdk.incubator.vector \
 *     -cp resnet-sweeps/target/classes:resnet-sweeps/target/test-classes:$(cat resnet-sweeps/target/cp.txt) \
 *     org.rscale.sweeps.kernel.vector.ErfBenchmark
 * </pre>
 * Each case runs 20,000 warm-up passes (so C2 has compiled it), then the best of 15 timings of
 * 2,000 passes.
 */
public final class ErfBenchmark {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = 320;

    private final double[] x = new double[N];
    private final double[] y = new double[N];
    private final float[] xf = new float[N];
    private final float[] yf = new float[N];

    private ErfBenchmark(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < N; i++) {
            x[i] = rng.nextGaussian();
            xf[i] = (float) x[i];
        }
    }

    /**
     * @param args ignored
     * @throws IOException never (stdout)
     */
    public static void main(String[] args) throws IOException {
        ErfBenchmark b = new ErfBenchmark(20240601L);
        Map<String, Double> ns = new LinkedHashMap<>();
        ns.put("commons_math_erf_f64", time(b::commonsMathErf));
        ns.put("scalar_erf_f64", time(b::scalarErf));
        ns.put("scalar_erf_f32", time(b::scalarErfF));
        ns.put("vector_erf_f64", time(b::vectorErf));
        ns.put("vector_erf_f32", time(b::vectorErfF));
        ns.put("scalar_gelu_f64", time(b::scalarGelu));
        ns.put("scalar_gelu_slope_f64", time(b::scalarGeluSlope));
        ns.put("vector_gelu_f64", time(b::vectorGelu));
        ns.put("vector_gelu_slope_f64", time(b::vectorGeluSlope));
        ns.put("vector_gelu_f32", time(b::vectorGeluF));
        ns.put("vector_gelu_slope_f32", time(b::vectorGeluSlopeF));
        ns.put("math_exp_f64", time(b::mathExp));
        ns.put("vector_own_exp_f64", time(b::ownExp));
        ns.put("vector_svml_exp_f64", time(b::svmlExp));
        ns.put("math_tanh_f64", time(b::mathTanh));
        ns.put("vector_svml_tanh_f64", time(b::svmlTanh));
        ns.put("vector_svml_tanh_f32", time(b::svmlTanhF));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "erf");
        out.put("unit", "ns_per_value");
        out.put("values_per_pass", N);
        out.put("rscale_commit", RscaleBuild.GIT_COMMIT);
        out.put("java_version", System.getProperty("java.version"));
        out.put("os_arch", System.getProperty("os.arch"));
        out.put("cpu", cpuModel());
        out.put("hardware_threads", Runtime.getRuntime().availableProcessors());
        out.put("double_lanes", D.length());
        out.put("float_lanes", F.length());
        out.put("time", Instant.now().toString());
        out.put("results", ns);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    private static double time(Runnable pass) {
        for (int i = 0; i < 20_000; i++) {
            pass.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 15; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                pass.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / (2_000.0 * N));
        }
        return Math.round(best * 1000) / 1000.0;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return RscaleBuild.UNKNOWN;
        }
        return RscaleBuild.UNKNOWN;
    }

    private void commonsMathErf() {
        for (int i = 0; i < N; i++) {
            y[i] = Erf.erf(x[i]);
        }
    }

    private void scalarErf() {
        for (int i = 0; i < N; i++) {
            y[i] = ErrorFunction.erf(x[i]);
        }
    }

    private void scalarErfF() {
        for (int i = 0; i < N; i++) {
            yf[i] = ErrorFunction.erf(xf[i]);
        }
    }

    private void vectorErf() {
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.erf(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorErfF() {
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.erf(FloatVector.fromArray(F, xf, i)).intoArray(yf, i);
        }
    }

    private void scalarGelu() {
        for (int i = 0; i < N; i++) {
            y[i] = ErrorFunction.gelu(x[i]);
        }
    }

    private void scalarGeluSlope() {
        for (int i = 0; i < N; i++) {
            y[i] = ErrorFunction.geluSlope(x[i]);
        }
    }

    private void vectorGelu() {
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.gelu(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorGeluSlope() {
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.geluSlope(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorGeluF() {
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.gelu(FloatVector.fromArray(F, xf, i)).intoArray(yf, i);
        }
    }

    private void vectorGeluSlopeF() {
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.geluSlope(FloatVector.fromArray(F, xf, i)).intoArray(yf, i);
        }
    }

    private void mathExp() {
        for (int i = 0; i < N; i++) {
            y[i] = Math.exp(-x[i] * x[i]);
        }
    }

    private void ownExp() {
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            VectorMath.expOfNonPositive(v.mul(v).neg()).intoArray(y, i);
        }
    }

    private void svmlExp() {
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            v.mul(v).neg().lanewise(VectorOperators.EXP).intoArray(y, i);
        }
    }

    private void mathTanh() {
        for (int i = 0; i < N; i++) {
            y[i] = Math.tanh(x[i]);
        }
    }

    private void svmlTanh() {
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
    }

    private void svmlTanhF() {
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, xf, i).lanewise(VectorOperators.TANH).intoArray(yf, i);
        }
    }
}
