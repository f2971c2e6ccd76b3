package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchLaw;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.initstudy.SmoothVariant;
import org.rscale.sweeps.kernel.InitPropagation;
import org.rscale.sweeps.kernel.LoopPropagationF64;

/**
 * The SIMD propagation gives the plain loop's bits: every sum runs in the same order with fused
 * multiply-adds, for every model, widths around the 4-row blocks and column counts around the lane
 * count and the 4-vector blocks, one chunk or several, and exploding networks (inf, NaN).
 */
class VectorPropagationF64Test {
    private static final int[] WIDTHS = {1, 3, 4, 5, 8, 13};
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {2, 4}, {3, 3}, {5, 7}, {3, 11}};

    @Test
    void sameBitsAsTheLoopKernel() {
        SplittableRandom rng = new SplittableRandom(7);
        BranchLaw law = new BranchLaw(Initialisation.IID, BranchLaw.GAUSSIAN, 0.1, SmoothVariant.VALUES, Double.NaN);
        for (BranchModel model : BranchModel.values()) {
            for (int d : WIDTHS) {
                ScaledResNet net = new ScaledResNetSampler(model, law, d, 3, 1, 12).draw(rng);
                for (int[] shape : SHAPES) {
                    int alphas = shape[0];
                    int inputs = shape[1];
                    double[] a = new double[alphas];
                    for (int i = 0; i < alphas; i++) {
                        // from 12^1 = 12 (explodes to inf and NaN) down to 12^-1
                        a[i] = Math.pow(12, 1 - 2.0 * i / Math.max(1, alphas - 1));
                    }
                    double[] x = new double[inputs * 3];
                    double[] y = new double[inputs];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rng.nextDouble();
                    }
                    for (int i = 0; i < y.length; i++) {
                        y[i] = rng.nextDouble();
                    }
                    String what = model.key() + ", d = " + d + ", " + alphas + " alphas x " + inputs + " inputs";
                    double[][] loop = run(new LoopPropagationF64(), net, x, y, inputs, a);
                    double[][] vector = run(new VectorPropagationF64(), net, x, y, inputs, a);
                    double[][] chunked = run(new VectorPropagationF64(12L * d * 8), net, x, y, inputs, a);
                    for (int q = 0; q < 4; q++) {
                        assertArrayEquals(loop[q], vector[q], what + ", quantity " + q);
                        assertArrayEquals(loop[q], chunked[q], what + ", quantity " + q + ", chunks of 8 columns");
                    }
                }
            }
        }
        assertEquals("vector", InitPropagation.create("vector").name());
    }

    private static double[][] run(InitPropagation p, ScaledResNet net, double[] x, double[] y, int inputs,
                                  double[] alphas) {
        int c = inputs * alphas.length;
        double[][] out = new double[4][c];
        p.propagate(net, x, y, inputs, alphas, out[0], out[1], out[2], out[3]);
        return out;
    }
}
