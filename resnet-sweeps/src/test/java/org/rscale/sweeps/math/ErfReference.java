package org.rscale.sweeps.math;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mpmath reference values of erf in {@code erf-reference.csv} (written by
 * {@code erf_reference.py} beside it: mpmath 1.3.0, 50 digits, {@code mpmath.erf(mpmath.mpf(x))}
 * printed to 30 significant digits), parsed once.
 *
 * @param x      the arguments, exact binary64 values
 * @param erf64  erf(x) correctly rounded to binary64 (parsed from 30 digits)
 * @param x32    the arguments that are binary32 values
 * @param erf32  erf(x32) correctly rounded to binary32
 */
public record ErfReference(double[] x, double[] erf64, float[] x32, float[] erf32) {
    /** The resource, beside the scripts that produced it. */
    public static final String RESOURCE = "/org/rscale/sweeps/math/erf-reference.csv";

    private static final ErfReference VALUES = read();

    /** @return the reference values */
    public static ErfReference values() {
        return VALUES;
    }

    private static ErfReference read() {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = ErfReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
        double[] x = new double[rows.size()];
        double[] erf64 = new double[rows.size()];
        int floats = 0;
        for (int i = 0; i < rows.size(); i++) {
            x[i] = Double.parseDouble(rows.get(i)[0]);
            erf64[i] = Double.parseDouble(rows.get(i)[1]);
            if ((double) (float) x[i] == x[i]) {
                floats++;
            }
        }
        float[] x32 = new float[floats];
        float[] erf32 = new float[floats];
        int k = 0;
        for (int i = 0; i < rows.size(); i++) {
            if ((double) (float) x[i] == x[i]) {
                x32[k] = (float) x[i];
                // Float.parseFloat rounds the 30-digit decimal once, to the nearest binary32
                erf32[k] = Float.parseFloat(rows.get(i)[1]);
                k++;
            }
        }
        return new ErfReference(x, erf64, x32, erf32);
    }
}
