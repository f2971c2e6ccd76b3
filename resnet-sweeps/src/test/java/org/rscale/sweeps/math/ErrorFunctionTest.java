package org.rscale.sweeps.math;

/**
 * The scalar {@link ErrorFunction} under the erf contract ({@link BaseErfTest}); its exponential is
 * tested in {@link KernelMathTest}.
 */
class ErrorFunctionTest extends BaseErfTest {
    @Override
    protected void erf(double[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = ErrorFunction.erf(x[i]);
        }
    }

    @Override
    protected void erf(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = ErrorFunction.erf(x[i]);
        }
    }

    @Override
    protected void gelu(double[] z, double[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = ErrorFunction.gelu(z[i]);
        }
    }

    @Override
    protected void geluSlope(double[] z, double[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = ErrorFunction.geluSlope(z[i]);
        }
    }

    @Override
    protected void gelu(float[] z, float[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = ErrorFunction.gelu(z[i]);
        }
    }

    @Override
    protected void geluSlope(float[] z, float[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = ErrorFunction.geluSlope(z[i]);
        }
    }
}
