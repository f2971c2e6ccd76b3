package org.rscale.sweeps.kernel.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rscale.sweeps.RscaleBuild;
import org.rscale.sweeps.math.KernelMath;

/**
 * Nanoseconds per value of the kernels' elementary functions: {@code java.lang.Math}, the scalar
 * {@link KernelMath}, its SIMD twin {@link VectorMath} and the Vector API's SVML-backed operators,
 * in binary64 and binary32, on one layer's worth of arguments (320 values, uniform on the range a
 * kernel sees: exp [-3, 3], log1p [0, 1], tanh [-4, 4], sin and cos [-100, 100]); printed as one
 * JSON object with the commit and the machine. Not a test: build with the {@code bench} profile
 * and run by hand, from the repository root (as {@link ErfBenchmark}):
 * <pre>
 *   mvn -o -q -pl resnet-sweeps -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   taskset -c 1 java --add-modules jdk.incubator.vector \
 *     -cp resnet-sweeps/target/classes:resnet-sweeps/target/test-classes:$(cat resnet-sweeps/target/cp.txt) \
 *     org.rscale.sweeps.kernel.vector.KernelMathBenchmark [exp|log1p|tanh|sin|cos ...]
 * </pre>
 * One JVM per function gives steadier figures: in one JVM, the cases of one function change the
 * JIT's profiles for the next (binary64 tanh measured 7.4 ns per lane after exp and log1p, 2.0 alone).
 * Each case runs 20,000 warm-up passes (so C2 has compiled it), then the best of 15 timings of
 * 2,000 passes.
 */
public final class KernelMathBenchmark {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = 320;

    private final Map<String, double[]> args = new HashMap<>();
    private final Map<String, float[]> argsF = new HashMap<>();
    private final double[] y = new double[N];
    private final float[] yf = new float[N];

    private KernelMathBenchmark(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] exp = new double[N];
        float[] expF = new float[N];
        for (int i = 0; i < N; i++) {
            double u = rng.nextDouble();
            exp[i] = -3 + 6 * u;
            expF[i] = (float) exp[i];
        }
        args.put("exp", exp);
        argsF.put("exp", expF);
        double[] log1p = new double[N];
        float[] log1pF = new float[N];
        for (int i = 0; i < N; i++) {
            double u = rng.nextDouble();
            log1p[i] = u;
            log1pF[i] = (float) log1p[i];
        }
        args.put("log1p", log1p);
        argsF.put("log1p", log1pF);
        double[] tanh = new double[N];
        float[] tanhF = new float[N];
        for (int i = 0; i < N; i++) {
            double u = rng.nextDouble();
            tanh[i] = -4 + 8 * u;
            tanhF[i] = (float) tanh[i];
        }
        args.put("tanh", tanh);
        argsF.put("tanh", tanhF);
        double[] sin = new double[N];
        float[] sinF = new float[N];
        for (int i = 0; i < N; i++) {
            double u = rng.nextDouble();
            sin[i] = -100 + 200 * u;
            sinF[i] = (float) sin[i];
        }
        args.put("sin", sin);
        argsF.put("sin", sinF);
        double[] cos = new double[N];
        float[] cosF = new float[N];
        for (int i = 0; i < N; i++) {
            double u = rng.nextDouble();
            cos[i] = -100 + 200 * u;
            cosF[i] = (float) cos[i];
        }
        args.put("cos", cos);
        argsF.put("cos", cosF);
    }

    /**
     * @param args the functions to time (exp, log1p, tanh, sin, cos), each in a JVM of its own for
     *             figures free of the others' JIT profiles; all if none
     * @throws IOException never (stdout)
     */
    public static void main(String[] args) throws IOException {
        KernelMathBenchmark b = new KernelMathBenchmark(20240602L);
        Map<String, Double> ns = new LinkedHashMap<>();
        if (wanted(args, "exp")) {
            ns.put("math_exp_f64", time(b::mathExp));
            ns.put("scalar_exp_f64", time(b::scalarExp));
            ns.put("scalar_exp_f32", time(b::scalarExpF));
            ns.put("vector_exp_f64", time(b::vectorExp));
            ns.put("vector_exp_f32", time(b::vectorExpF));
            ns.put("svml_exp_f64", time(b::svmlExp));
            ns.put("svml_exp_f32", time(b::svmlExpF));
        }
        if (wanted(args, "log1p")) {
            ns.put("math_log1p_f64", time(b::mathLog1p));
            ns.put("scalar_log1p_f64", time(b::scalarLog1p));
            ns.put("scalar_log1p_f32", time(b::scalarLog1pF));
            ns.put("vector_log1p_f64", time(b::vectorLog1p));
            ns.put("vector_log1p_f32", time(b::vectorLog1pF));
            ns.put("svml_log1p_f64", time(b::svmlLog1p));
            ns.put("svml_log1p_f32", time(b::svmlLog1pF));
        }
        if (wanted(args, "tanh")) {
            ns.put("math_tanh_f64", time(b::mathTanh));
            ns.put("scalar_tanh_f64", time(b::scalarTanh));
            ns.put("scalar_tanh_f32", time(b::scalarTanhF));
            ns.put("vector_tanh_f64", time(b::vectorTanh));
            ns.put("vector_tanh_f32", time(b::vectorTanhF));
            ns.put("svml_tanh_f64", time(b::svmlTanh));
            ns.put("svml_tanh_f32", time(b::svmlTanhF));
        }
        if (wanted(args, "sin")) {
            ns.put("math_sin_f64", time(b::mathSin));
            ns.put("scalar_sin_f64", time(b::scalarSin));
            ns.put("scalar_sin_f32", time(b::scalarSinF));
            ns.put("vector_sin_f64", time(b::vectorSin));
            ns.put("vector_sin_f32", time(b::vectorSinF));
            ns.put("svml_sin_f64", time(b::svmlSin));
            ns.put("svml_sin_f32", time(b::svmlSinF));
        }
        if (wanted(args, "cos")) {
            ns.put("math_cos_f64", time(b::mathCos));
            ns.put("scalar_cos_f64", time(b::scalarCos));
            ns.put("scalar_cos_f32", time(b::scalarCosF));
            ns.put("vector_cos_f64", time(b::vectorCos));
            ns.put("vector_cos_f32", time(b::vectorCosF));
            ns.put("svml_cos_f64", time(b::svmlCos));
            ns.put("svml_cos_f32", time(b::svmlCosF));
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "kernel_math");
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

    private static boolean wanted(String[] args, String function) {
        if (args.length == 0) {
            return true;
        }
        for (String a : args) {
            if (a.equals(function)) {
                return true;
            }
        }
        return false;
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

    private void mathExp() {
        double[] x = args.get("exp");
        for (int i = 0; i < N; i++) {
            y[i] = Math.exp(x[i]);
        }
    }

    private void scalarExp() {
        double[] x = args.get("exp");
        for (int i = 0; i < N; i++) {
            y[i] = KernelMath.exp(x[i]);
        }
    }

    private void scalarExpF() {
        float[] x = argsF.get("exp");
        for (int i = 0; i < N; i++) {
            yf[i] = KernelMath.exp(x[i]);
        }
    }

    private void vectorExp() {
        double[] x = args.get("exp");
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.exp(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorExpF() {
        float[] x = argsF.get("exp");
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.exp(FloatVector.fromArray(F, x, i)).intoArray(yf, i);
        }
    }

    private void svmlExp() {
        double[] x = args.get("exp");
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
        }
    }

    private void svmlExpF() {
        float[] x = argsF.get("exp");
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.EXP).intoArray(yf, i);
        }
    }

    private void mathLog1p() {
        double[] x = args.get("log1p");
        for (int i = 0; i < N; i++) {
            y[i] = Math.log1p(x[i]);
        }
    }

    private void scalarLog1p() {
        double[] x = args.get("log1p");
        for (int i = 0; i < N; i++) {
            y[i] = KernelMath.log1p(x[i]);
        }
    }

    private void scalarLog1pF() {
        float[] x = argsF.get("log1p");
        for (int i = 0; i < N; i++) {
            yf[i] = KernelMath.log1p(x[i]);
        }
    }

    private void vectorLog1p() {
        double[] x = args.get("log1p");
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.log1p(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorLog1pF() {
        float[] x = argsF.get("log1p");
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.log1p(FloatVector.fromArray(F, x, i)).intoArray(yf, i);
        }
    }

    private void svmlLog1p() {
        double[] x = args.get("log1p");
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.LOG1P).intoArray(y, i);
        }
    }

    private void svmlLog1pF() {
        float[] x = argsF.get("log1p");
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.LOG1P).intoArray(yf, i);
        }
    }

    private void mathTanh() {
        double[] x = args.get("tanh");
        for (int i = 0; i < N; i++) {
            y[i] = Math.tanh(x[i]);
        }
    }

    private void scalarTanh() {
        double[] x = args.get("tanh");
        for (int i = 0; i < N; i++) {
            y[i] = KernelMath.tanh(x[i]);
        }
    }

    private void scalarTanhF() {
        float[] x = argsF.get("tanh");
        for (int i = 0; i < N; i++) {
            yf[i] = KernelMath.tanh(x[i]);
        }
    }

    private void vectorTanh() {
        double[] x = args.get("tanh");
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.tanh(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorTanhF() {
        float[] x = argsF.get("tanh");
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.tanh(FloatVector.fromArray(F, x, i)).intoArray(yf, i);
        }
    }

    private void svmlTanh() {
        double[] x = args.get("tanh");
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
    }

    private void svmlTanhF() {
        float[] x = argsF.get("tanh");
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.TANH).intoArray(yf, i);
        }
    }

    private void mathSin() {
        double[] x = args.get("sin");
        for (int i = 0; i < N; i++) {
            y[i] = Math.sin(x[i]);
        }
    }

    private void scalarSin() {
        double[] x = args.get("sin");
        for (int i = 0; i < N; i++) {
            y[i] = KernelMath.sin(x[i]);
        }
    }

    private void scalarSinF() {
        float[] x = argsF.get("sin");
        for (int i = 0; i < N; i++) {
            yf[i] = KernelMath.sin(x[i]);
        }
    }

    private void vectorSin() {
        double[] x = args.get("sin");
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.sin(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorSinF() {
        float[] x = argsF.get("sin");
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.sin(FloatVector.fromArray(F, x, i)).intoArray(yf, i);
        }
    }

    private void svmlSin() {
        double[] x = args.get("sin");
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.SIN).intoArray(y, i);
        }
    }

    private void svmlSinF() {
        float[] x = argsF.get("sin");
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.SIN).intoArray(yf, i);
        }
    }

    private void mathCos() {
        double[] x = args.get("cos");
        for (int i = 0; i < N; i++) {
            y[i] = Math.cos(x[i]);
        }
    }

    private void scalarCos() {
        double[] x = args.get("cos");
        for (int i = 0; i < N; i++) {
            y[i] = KernelMath.cos(x[i]);
        }
    }

    private void scalarCosF() {
        float[] x = argsF.get("cos");
        for (int i = 0; i < N; i++) {
            yf[i] = KernelMath.cos(x[i]);
        }
    }

    private void vectorCos() {
        double[] x = args.get("cos");
        for (int i = 0; i < N; i += D.length()) {
            VectorMath.cos(DoubleVector.fromArray(D, x, i)).intoArray(y, i);
        }
    }

    private void vectorCosF() {
        float[] x = argsF.get("cos");
        for (int i = 0; i < N; i += F.length()) {
            VectorMath.cos(FloatVector.fromArray(F, x, i)).intoArray(yf, i);
        }
    }

    private void svmlCos() {
        double[] x = args.get("cos");
        for (int i = 0; i < N; i += D.length()) {
            DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.COS).intoArray(y, i);
        }
    }

    private void svmlCosF() {
        float[] x = argsF.get("cos");
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.COS).intoArray(yf, i);
        }
    }
}
