package org.rscale.sweeps.math;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The mpmath reference values of one function of {@link KernelFunction} in
 * {@code kernel-math-reference.csv} (written by {@code kernel_math_reference.py} beside it: mpmath
 * 1.3.0, 60 digits, {@code f(mpmath.mpf(x))} printed to 30 significant digits), parsed once.
 *
 * @param x    the arguments, exact binary64 values
 * @param f64  f(x) correctly rounded to binary64 (parsed from 30 digits)
 * @param x32  the arguments that are binary32 values
 * @param f32  f(x32) correctly rounded to binary32
 */
public record KernelMathReference(double[] x, double[] f64, float[] x32, float[] f32) {
    /** The resource, beside the scripts that produced it. */
    public static final String RESOURCE = "/org/rscale/sweeps/math/kernel-math-reference.csv";

    private static final Map<KernelFunction, KernelMathReference> VALUES = read();

    /**
     * @param f the function
     * @return its reference values
     */
    public static KernelMathReference of(KernelFunction f) {
        return VALUES.get(f);
    }

    private static Map<KernelFunction, KernelMathReference> read() {
        Map<KernelFunction, List<String[]>> rows = new EnumMap<>(KernelFunction.class);
        for (KernelFunction f : KernelFunction.values()) {
            rows.put(f, new ArrayList<>());
        }
        try (InputStream in = KernelMathReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split(",");
                    rows.get(KernelFunction.valueOf(cells[0].toUpperCase(java.util.Locale.ROOT))).add(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
        Map<KernelFunction, KernelMathReference> out = new EnumMap<>(KernelFunction.class);
        for (Map.Entry<KernelFunction, List<String[]>> e : rows.entrySet()) {
            out.put(e.getKey(), parse(e.getValue()));
        }
        return out;
    }

    private static KernelMathReference parse(List<String[]> rows) {
        double[] x = new double[rows.size()];
        double[] f64 = new double[rows.size()];
        int floats = 0;
        for (int i = 0; i < rows.size(); i++) {
            x[i] = Double.parseDouble(rows.get(i)[1]);
            f64[i] = Double.parseDouble(rows.get(i)[2]);
            if ((double) (float) x[i] == x[i]) {
                floats++;
            }
        }
        float[] x32 = new float[floats];
        float[] f32 = new float[floats];
        int k = 0;
        for (int i = 0; i < rows.size(); i++) {
            if ((double) (float) x[i] == x[i]) {
                x32[k] = (float) x[i];
                // Float.parseFloat rounds the 30-digit decimal once, to the nearest binary32
                f32[k] = Float.parseFloat(rows.get(i)[2]);
                k++;
            }
        }
        return new KernelMathReference(x, f64, x32, f32);
    }
}
