package org.rscale.analysis.spectral;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Times the operator norm of one 3x3 kernel of each stage of the CIFAR ResNet of SCIENCE.md 1.3 at the
 * paper's width (64, 128, 256, 512 channels on 32, 16, 8, 4 pixels; the transitions c/2 -> c with stride 2),
 * with {@link ConvSingularValues} (Gram matrix + {@link HermitianEigenvalues}), then estimates the time of the
 * deepest network (L = 121) from them,
 * and the alternatives it replaced, per frequency matrix: Commons Math's SVD of the 2c x 2c real
 * embedding of the frequency matrix, and Commons Math's symmetric eigendecomposition of the real
 * embedding of its Gram matrix. Prints one line per case.
 *
 * <p>Run (one core, as the analysis runs), from the repository's root:
 * <pre>
 *   mvn -o -q -Pbench -pl weight-analysis -am test-compile -DskipTests
 *   taskset -c 1 java -cp weight-analysis/target/test-classes:weight-analysis/target/classes:\
 *       resnet-sweeps/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar \
 *       org.rscale.analysis.spectral.ConvSpectrumBenchmark [--skip-commons-math]
 * </pre>
 * The Commons Math alternatives take minutes at 512 channels; {@code --skip-commons-math} times only the
 * chosen method.
 */
public final class ConvSpectrumBenchmark {
    private ConvSpectrumBenchmark() {
    }

    /**
     * @param args {@code --skip-commons-math} to time only the chosen method
     */
    public static void main(String[] args) {
        boolean commons = !(args.length > 0 && args[0].equals("--skip-commons-math"));
        System.out.printf(Locale.ROOT, "# %s, %s, %d processors, load %.2f%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // the kernels of the paper's network: each stage's 3x3 c -> c kernel, each transition's c/2 -> c stride 2,
        // and the stage-4 1x1 shortcut
        int[][] cases = {{64, 64, 32, 1}, {128, 128, 16, 1}, {256, 256, 8, 1}, {512, 512, 4, 1}, {128, 64, 32, 2},
            {256, 128, 16, 2}, {512, 256, 8, 2}};
        double[] seconds = new double[cases.length];
        ConvSingularValues method = new ConvSingularValues();
        // warm-up: a small kernel, many frequencies
        method.of(kernel(32, 32, 16, 1, 0), 10, StrideRule.SUBSAMPLED);
        System.out.println("c_out c_in size stride | frequencies | rscale s/kernel | per frequency ms"
                + (commons ? " | CM SVD(2c embedding) ms/freq | CM Eigen(2c Gram embedding) ms/freq" : ""));
        for (int[] c : cases) {
            ConvOperator op = kernel(c[0], c[1], c[2], c[3], 1);
            long t0 = System.nanoTime();
            ConvSpectrum s = method.of(op, 10, StrideRule.SUBSAMPLED);
            double secs = (System.nanoTime() - t0) / 1e9;
            seconds[java.util.Arrays.asList(cases).indexOf(c)] = secs;
            String line = String.format(Locale.ROOT, "%5d %5d %4d %6d | %11d | %15.3f | %16.2f", c[0], c[1], c[2], c[3],
                    s.frequencies(), secs, 1e3 * secs / s.frequencies());
            if (commons) {
                int n = Math.min(c[0], c[3] * c[3] * c[1]);
                int cols = c[3] * c[3] * c[1];
                Random rng = new Random(2);
                double[][] emb = new double[2 * c[0]][2 * cols];
                for (double[] row : emb) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = rng.nextGaussian();
                    }
                }
                long t1 = System.nanoTime();
                new SingularValueDecomposition(new Array2DRowRealMatrix(emb, false).transpose()).getSingularValues();
                double svd = (System.nanoTime() - t1) / 1e6;
                double[][] g = new double[2 * n][2 * n];
                for (int i = 0; i < 2 * n; i++) {
                    for (int j = 0; j <= i; j++) {
                        g[i][j] = rng.nextGaussian();
                        g[j][i] = g[i][j];
                    }
                }
                long t2 = System.nanoTime();
                new EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues();
                double eig = (System.nanoTime() - t2) / 1e6;
                line += String.format(Locale.ROOT, " | %27.1f | %34.1f", svd, eig);
            }
            System.out.println(line);
        }
        // the L = 121 network (4, 31, 82, 4): per stage s, n_s conv2 kernels, n_s - 1 conv1 kernels (and the
        // transition's), n_s - 1 conv2 increments and n_s - 2 conv1 increments (stage 1: n_1 - 1)
        int[] n = {4, 31, 82, 4};
        double total = 0;
        for (int st = 0; st < 4; st++) {
            int plainConv1 = st == 0 ? n[st] : n[st] - 1;
            int increments = (n[st] - 1) + (st == 0 ? n[st] - 1 : Math.max(n[st] - 2, 0));
            total += seconds[st] * (n[st] + plainConv1 + increments);
            if (st > 0) {
                total += seconds[3 + st];
            }
        }
        System.out.printf(Locale.ROOT, "paper-width network (4, 31, 82, 4), kernels and increments: %.0f s on one thread "
                + "(estimated from the kernels above)%n", total);
    }

    private static ConvOperator kernel(int cOut, int cIn, int size, int stride, long seed) {
        Random rng = new Random(seed);
        double[] k = new double[cOut * cIn * 9];
        double scale = 1 / Math.sqrt(9.0 * cIn);
        for (int i = 0; i < k.length; i++) {
            k[i] = scale * rng.nextGaussian();
        }
        return new ConvOperator(k, cOut, cIn, 3, 3, stride, size, size);
    }
}
