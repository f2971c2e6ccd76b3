package org.rscale.plots;

import java.util.ArrayList;
import java.util.List;

/**
 * Tick positions of one axis, each major (long, usually labelled) or minor (short, unlabelled).
 *
 * @param values the tick values, ascending
 * @param major  whether each tick is major
 * @param labels the label of each tick, null for none
 */
record Ticks(double[] values, boolean[] major, String[] labels) {

    /**
     * Ticks of a logarithmic axis: major at every decade {@code 10ⁿ} from {@code decades.min()} up
     * to {@code max}, labelled {@code 10ⁿ}; minor at {@code m·10ⁿ}, {@code m = 2..9}.
     *
     * @param decades the axis' decades
     * @param max     the top of the axis, at least {@code decades.max()}
     * @return the ticks
     */
    static Ticks logarithmic(DecadeRange decades, double max) {
        List<Double> v = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (int n = decades.low(); ; n++) {
            double decade = Math.pow(10, n);
            if (decade > max * (1 + 1e-9)) {
                break;
            }
            for (int m = 1; m <= 9; m++) {
                double t = m * decade;
                if (t > max * (1 + 1e-9)) {
                    break;
                }
                v.add(t);
                l.add(m == 1 ? FigureText.decade(n) : null);
            }
        }
        return of(v, l);
    }

    /**
     * Ticks of a linear axis at multiples of a step {@code s·10ⁿ}, {@code s} in {1, 2, 5}, the step closest (in ratio)
     * to {@code (max - min) / count}; all major, labelled with the step's decimals
     * ({@code 0.0, 0.2, ..., 1.0}).
     *
     * @param min   bottom of the axis
     * @param max   top of the axis, greater than {@code min}
     * @param count the wanted number of intervals, at least 1
     * @return the ticks
     */
    /**
     * Ticks of a logarithmic axis over a range taken from the data: every 1..9 times a power of ten inside
     * {@code [min, max]}, the powers of ten labelled {@code 10ⁿ}; when fewer than two powers of ten fall inside,
     * the multiples 2 and 5 are labelled too (as plain numbers), so every axis has at least two labels.
     *
     * @param min the axis' lower end, positive
     * @param max the axis' upper end, above {@code min}
     * @return the ticks, ascending
     */
    static Ticks logarithmic(double min, double max) {
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        int decadesInside = 0;
        for (int n = lo; n <= hi; n++) {
            double d = Math.pow(10, n);
            if (d >= min * (1 - 1e-9) && d <= max * (1 + 1e-9)) {
                decadesInside++;
            }
        }
        List<Double> v = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (int n = lo; n <= hi; n++) {
            double decade = Math.pow(10, n);
            for (int m = 1; m <= 9; m++) {
                double t = m * decade;
                if (t < min * (1 - 1e-9) || t > max * (1 + 1e-9)) {
                    continue;
                }
                v.add(t);
                // few decades: plain numbers (5, 10, 20), else powers of ten (10¹, 10²)
                l.add(decadesInside < 2 ? (m == 1 || m == 2 || m == 5 ? FigureText.tick(t) : null)
                        : m == 1 ? FigureText.decade(n) : null);
            }
        }
        return of(v, l);
    }

    static Ticks linear(double min, double max, int count) {
        double rough = (max - min) / Math.max(1, count);
        int exponent = (int) Math.floor(Math.log10(rough));
        double magnitude = Math.pow(10, exponent);
        double residual = rough / magnitude;
        // the step s * 10^exponent, s in {1, 2, 5, 10}, closest to the rough step on a log scale
        int s = 1;
        for (int candidate : new int[] {2, 5, 10}) {
            if (Math.abs(Math.log(candidate / residual)) < Math.abs(Math.log(s / residual))) {
                s = candidate;
            }
        }
        if (s == 10) {
            s = 1;
            exponent++;
        }
        int decimals = Math.max(0, -exponent);
        // tick i is (s * i) * 10^exponent, computed from integers to avoid accumulating error
        long first = (long) Math.ceil(min / (s * Math.pow(10, exponent)) - 1e-9);
        long last = (long) Math.floor(max / (s * Math.pow(10, exponent)) + 1e-9);
        List<Double> v = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            double t = new java.math.BigDecimal(s * i).scaleByPowerOfTen(exponent).doubleValue();
            v.add(t);
            l.add(FigureText.fixed(t, decimals));
        }
        return of(v, l);
    }

    private static Ticks of(List<Double> v, List<String> l) {
        double[] values = new double[v.size()];
        boolean[] major = new boolean[v.size()];
        String[] labels = new String[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.get(i);
            labels[i] = l.get(i);
            major[i] = labels[i] != null;
        }
        return new Ticks(values, major, labels);
    }
}
