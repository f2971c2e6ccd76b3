package org.rscale.analysis.spectral;

import java.util.Arrays;

/**
 * The largest singular values of a convolution as a linear map ({@link ConvOperator}), computed by the
 * frequency method of SCIENCE.md 1.3 ({@link ConvSingularValues}): the first is its operator norm.
 *
 * <p>The values are those of the whole operator, with multiplicity: a real kernel's frequency matrices
 * at {@code f} and {@code -f} are complex conjugates with equal singular values, so most values appear
 * (at least) twice, as they do in the reference code's {@code np.sort(singular_values(k, shape).flatten())}.
 *
 * @param singularValues the largest singular values, descending; fewer than asked when the operator has
 *                       fewer ({@code min(rows, cols)} of its matrix); not copied
 * @param frequencyY     the output frequency (row) whose matrix holds the largest value, in
 *                       {@code [0, outputHeight)}
 * @param frequencyX     its column frequency, in {@code [0, outputWidth)}
 * @param frequencies    frequency matrices decomposed (a conjugate pair counts once)
 * @param strided        whether the stride entered the norm ({@link StrideRule}); false for stride 1
 * @param outputHeight   the frequency grid's height ({@code height / stride} when strided, else {@code height})
 * @param outputWidth    the frequency grid's width
 */
public record ConvSpectrum(double[] singularValues, int frequencyY, int frequencyX, int frequencies, boolean strided,
                           int outputHeight, int outputWidth) {

    /**
     * Computes the spectrum with a fresh workspace.
     *
     * @param op   the convolution
     * @param topK how many of the largest singular values to keep, at least 1
     * @param rule how a stride enters
     * @return its spectrum
     */
    public static ConvSpectrum of(ConvOperator op, int topK, StrideRule rule) {
        return new ConvSingularValues().of(op, topK, rule);
    }

    /** @return the operator norm, the largest singular value */
    public double operatorNorm() {
        return singularValues[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvSpectrum s && Arrays.equals(singularValues, s.singularValues)
                && frequencyY == s.frequencyY && frequencyX == s.frequencyX && frequencies == s.frequencies
                && strided == s.strided && outputHeight == s.outputHeight && outputWidth == s.outputWidth;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(singularValues) * 31 + Boolean.hashCode(strided);
    }

    @Override
    public String toString() {
        return "ConvSpectrum" + Arrays.toString(singularValues) + " at (" + frequencyY + ", " + frequencyX + ")";
    }
}
